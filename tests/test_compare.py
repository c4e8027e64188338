from __future__ import annotations

from muqabala.collate.compare import compare_statements
from muqabala.collate.engine import collate
from muqabala.data.corpus import load_corpus
from muqabala.report import Attribution, Figure, StatementReport


def statement(sid, level, organ=None, groups=(), figures=(), case="c"):
    return StatementReport(
        id=sid,
        issuer=sid,
        case=case,
        date="2024-01-01",
        role="primary",
        completeness="complete",
        attribution=Attribution(level=level, named_organ=organ, groups=list(groups)),
        figures=[Figure(value=v, qualifier="more_than", unit="servers", text=str(v)) for v in figures],
    )


def test_only_differing_facets_are_listed():
    a = statement("a", "territory", groups=["APT40"], figures=[70])
    b = statement("b", "state_organ", organ="Ministry of State Security", groups=["APT40"], figures=[70])
    found = compare_statements([b, a], {"a": ["urge"], "b": ["must", "urge"]})
    assert [(c.statements, c.facet) for c in found] == [
        (["a", "b"], "attribution_level"),
        (["a", "b"], "named_organ"),
        (["a", "b"], "demands"),
    ]
    assert found[1].values == {"a": None, "b": "Ministry of State Security"}


def test_statements_of_other_cases_are_not_compared():
    assert compare_statements([statement("a", "territory"), statement("b", "state_organ", case="d")]) == []


def test_shipped_eu_and_uk_differ_on_level_and_organ(exchange):
    report = collate(load_corpus(exchange), exchange)
    pair = ["eu-declaration-2021-07-19", "uk-fcdo-release-2021-07-19"]
    facets = {c.facet: c.values for c in report.comparisons if c.statements == pair}
    assert facets["attribution_level"] == {pair[0]: "territory", pair[1]: "state_organ"}
    assert facets["named_organ"] == {pair[0]: None, pair[1]: "Ministry of State Security"}
    assert "groups" not in facets  # both name APT40 and APT31
