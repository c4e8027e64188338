"""The engine on the shipped case (against the gold flags) and on an invented second case."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import yaml

from conftest import EXCHANGE, REPO
from muqabala.collate.engine import collate
from muqabala.data.corpus import load_corpus
from muqabala.report import ATTRIBUTION_ORDER

GOLD = yaml.safe_load((EXCHANGE / "gold" / "exchange-hack-ar.yaml").read_text(encoding="utf-8"))
RURITANIA = Path(__file__).parent / "cases" / "ruritania"


@pytest.fixture(scope="module")
def report(exchange):
    return collate(load_corpus(exchange), exchange)


def claims(report, article="exchange-hack-ar"):
    return {c.id: c for a in report.articles if a.id == article for c in a.claims}


def major(claim):
    return {d.type for d in claim.discrepancies if d.severity == "major"}


@pytest.mark.parametrize(("claim_id", "types"), sorted(GOLD["must_fire"].items()))
def test_gold_flags_fire(report, claim_id, types):
    assert set(types) <= major(claims(report)[claim_id])


@pytest.mark.parametrize("claim_id", GOLD["must_stay_clean"])
def test_faithful_claims_stay_clean(report, claim_id):
    claim = claims(report)[claim_id]
    assert major(claim) == set()
    assert claim.verdict == "supported"


def test_claims_are_well_formed(report):
    for claim in claims(report).values():
        severities = [d.severity for d in claim.discrepancies]
        assert severities == sorted(severities, key=lambda s: s != "major")
        assert len([e for e in claim.evidence if e.role == "primary"]) <= 5
        assert all(e.text.ar and e.text.en for e in claim.evidence)
        assert claim.rationale.ar and claim.rationale.en
        assert all(d.explanation.ar != d.explanation.en for d in claim.discrepancies)
    article = next(a for a in report.articles if a.id == "exchange-hack-ar")
    assert sum(article.verdict_counts.values()) == len(article.claims)


def test_statement_coding(report):
    by_id = {s.issuer: s for s in report.statements}
    assert by_id["eu"].attribution.level == "territory"
    assert by_id["eu"].attribution.named_organ is None
    assert by_id["eu"].attribution.groups == ["APT31", "APT40"]
    assert by_id["uk-fcdo"].attribution.level == "state_organ"
    assert by_id["uk-fcdo"].attribution.named_organ == "Ministry of State Security"
    assert all(level in ATTRIBUTION_ORDER for s in report.statements for level in s.sentence_attribution.values())


def test_certainty_is_coded_from_the_hedges_of_the_attributing_sentences(report):
    by_id = {s.id: s for s in report.statements}
    eu = by_id["eu-declaration-2021-07-19"]
    assert (eu.certainty, eu.certainty_cues) == (["assessed", "possible"], ["assess", "can be linked"])
    ncsc = by_id["uk-ncsc-release-2021-07-19"]
    assert "highly likely" in ncsc.certainty_cues and "almost_certain" in ncsc.certainty
    assert by_id["uk-raab-tweet-2021-07-19"].certainty == []  # stated as fact
    facets = {
        c.facet for c in report.comparisons if c.statements == ["eu-declaration-2021-07-19", "uk-raab-tweet-2021-07-19"]
    }
    assert "certainty" in facets


def test_deterministic(report, exchange):
    again = collate(load_corpus(exchange), exchange)
    assert again.model_dump_json() == report.model_dump_json()


def test_editorial_override_stays_visible(tmp_path):
    for folder in ("issuers", "statements", "articles"):
        shutil.copytree(EXCHANGE / folder, tmp_path / folder)
    path = tmp_path / "articles" / "exchange-hack-ar.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + (
            "\noverrides:\n  - claim: p2-s1\n    verdict: misleading\n"
            "    evidence: [uk-ncsc-release-2021-07-19#p3-s1]\n    editor: Test Editor\n"
            "    date: 2024-01-01\n    note: {en: A test override., ar: تصحيح تجريبي.}\n"
        ),
        encoding="utf-8",
    )
    claim = claims(collate(load_corpus(tmp_path), REPO))["p2-s1"]
    assert (claim.verdict, claim.origin, claim.computed_verdict) == ("misleading", "editor", "supported")
    assert (claim.override.note.en, claim.override.note.ar) == ("A test override.", "تصحيح تجريبي.")
    first = claim.evidence[0]
    assert (first.statement, first.sentence, first.origin) == (
        "uk-ncsc-release-2021-07-19",
        "p3-s1",
        "editor",
    )
    assert all(e.origin == "engine" for e in claim.evidence[1:])


def test_an_invented_case_is_flagged_by_the_same_rules():
    report = collate(load_corpus(RURITANIA), REPO)
    got = claims(report, "grid-attack-ar")
    # Borduria only spoke of actors operating from Ruritanian territory; Syldavia named the service.
    assert {"attribution_level", "speaker"} <= major(got["p1-s1"])
    assert got["p1-s1"].verdict == "misattributed"
    bord = [d for d in got["p1-s1"].discrepancies if d.type == "attribution_level"]
    assert [d.details["issuer"] for d in bord] == ["borduria-government"]
    assert got["p1-s1"].attribution.named_organ == "intelligence service"
    assert got["p1-s1"].attribution.state == "XR"
    for faithful in ("headline", "p2-s1", "p2-s2", "p4-s1"):
        assert major(got[faithful]) == set(), faithful
    assert got["p3-s1"].verdict == "contradicted"
    assert major(got["p3-s2"]) == {"translation"}


def test_parallel_collation_gives_the_same_report(tmp_path, exchange):
    # In a fresh process: forking is refused while other threads run (as they do in this
    # test session), and a silent fall-back to one process would make this test prove nothing.
    script = textwrap.dedent(f"""
        from pathlib import Path
        from muqabala.data import parallel
        from muqabala.data.corpus import load_corpus
        from muqabala.collate.engine import collate
        from muqabala.tools.synth import generate

        root = Path({str(tmp_path)!r})
        generate(root, 3, source=Path({str(exchange)!r}))
        corpus = load_corpus(root)
        assert len({{s.case for s in corpus.statements.values()}}) == 3
        assert parallel.can_fork()
        one = collate(corpus, root, jobs=1).model_dump_json()
        assert collate(corpus, root, jobs=2).model_dump_json() == one
        assert collate(corpus, root, jobs=3).model_dump_json() == one
        print("identical")
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "identical"


def test_shares_are_small_and_in_order():
    from muqabala.data import parallel

    items = [f"case-{i:04d}" for i in range(1000)]
    cut = parallel.shares(items, 2)
    assert [i for share in cut for i in share] == items
    assert max(len(share) for share in cut) == parallel.MAX_SHARE
    assert len(parallel.shares(items[:16], 2)) == 8  # a small archive: SHARES_PER_JOB per worker


def test_a_worker_gets_its_own_copies_of_its_cases(exchange):
    import pickle

    from muqabala.collate.engine import _collate_cases
    from muqabala.lexicon.phrases import load_lexicon

    corpus = load_corpus(exchange)
    lexicon = load_lexicon(exchange / "lexicon")
    case = corpus.cases[min(corpus.cases)]
    # What a share sends to a forked worker: the cases pickled, fresh objects equal to the loaded ones.
    sent = pickle.dumps([case])
    (fresh,) = pickle.loads(sent)
    assert fresh.statements == case.statements and fresh.articles == case.articles
    assert all(fresh.statements[k] is not s for k, s in case.statements.items())
    assert _collate_cases((corpus, lexicon), sent) == _collate_cases((corpus, lexicon), [case])


def test_a_worker_sends_its_parts_back_pickled_and_they_come_back_the_same(exchange):
    import pickle

    from muqabala.collate.engine import _collate_cases, _collate_pickled
    from muqabala.lexicon.phrases import load_lexicon

    corpus = load_corpus(exchange)
    lexicon = load_lexicon(exchange / "lexicon")
    case = corpus.cases[min(corpus.cases)]
    sent = pickle.dumps([case])
    back = pickle.loads(_collate_pickled((corpus, lexicon), sent))
    assert back == _collate_cases((corpus, lexicon), [case])
    # Objects that set every field share their class's set of fields set, and it stays whole:
    # assigning a field adds a name it holds already.
    evidence = [e for _, a in back[1] for c in a.claims for e in c.evidence]
    assert len(evidence) > 1
    assert all(e.model_fields_set is evidence[0].model_fields_set for e in evidence)
    evidence[0].score = 0.5
    assert evidence[1].model_fields_set == set(type(evidence[1]).model_fields)
    # Unpickled data objects that set the same fields share one set too.
    (fresh,) = pickle.loads(sent)
    sentences = [s for st in fresh.statements.values() for s in st.sentences()]
    assert fresh.statements == case.statements
    assert len({id(s.model_fields_set) for s in sentences}) < len(sentences)


def test_a_sentence_without_a_speaker_leaves_the_issuer_acting_in_it_in_force(tmp_path):
    # «روريتانيا تستدعي سفير سيلدافيا.» names no speaker; «وقال المسؤول» after it is Ruritania's official.
    shutil.copytree(RURITANIA, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "articles" / "grid-attack-ar.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["paragraphs"].append(
        {
            "sentences": [
                {
                    "id": "p5-s1",
                    "text": "روريتانيا تستدعي سفير سيلدافيا.",
                    "translations": {"en": "Ruritania summons Syldavia's ambassador."},
                },
                {
                    "id": "p5-s2",
                    "text": "وقال المسؤول إن هذه الاتهامات بشأن الهجوم لا أساس لها.",
                    "translations": {"en": "The official said that these accusations about the attack are groundless."},
                },
            ]
        }
    )
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    got = claims(collate(load_corpus(tmp_path), REPO), "grid-attack-ar")
    assert got["p5-s2"].credited == ["ruritania-government"]
