"""Hand-made cases for the rule tests: a few issuers and sentences, the shipped lexicon.

Other test_rules_* modules import `make_case` and `make_claim`; the test here only checks
that the fixtures themselves code as expected.
"""

from __future__ import annotations

from pathlib import Path

from muqabala.collate.engine import build_case, view_of
from muqabala.collate.views import CaseView, ClaimView
from muqabala.data.corpus import Corpus
from muqabala.data.model import Issuer, Statement
from muqabala.lexicon.phrases import load_lexicon

ROOT = Path(__file__).resolve().parents[1]
LEXICON = load_lexicon(ROOT / "lexicon")

ISSUERS = {
    "alpha": ("حكومة ألفا", "Alpha Government", "government", "XA", None, ["ألفا"], ["Alpha"]),
    "alpha-office": (
        "مكتب ألفا",
        "Alpha Office",
        "agency",
        "XA",
        "alpha",
        ["مكتب ألفا الخارجي"],
        ["Alpha Office"],
    ),
    "union": ("الاتحاد", "The Union", "intergovernmental_body", "EU", None, ["الاتحاد"], ["the Union"]),
    "omega": (
        "حكومة أوميغا",
        "Omega Government",
        "government",
        "XO",
        None,
        ["أوميغا", "الأوميغي*"],
        ["Omega", "Omegan"],
    ),
    "wire": ("وكالة الأنباء", "Newswire", "media", None, None, [], ["Newswire"]),
}


def make_case(sentences: list[tuple[str, str, str, str, str]], dates: dict[str, str] | None = None) -> CaseView:
    """A case from (statement id, sentence id, issuer, English, Arabic) rows; media issuers are secondary."""
    corpus = Corpus(root=ROOT)
    for iid, (ar, en, kind, country, parent, al_ar, al_en) in ISSUERS.items():
        corpus.issuers[iid] = Issuer(
            schema_version=1,
            id=iid,
            name={"ar": ar, "en": en},
            kind=kind,
            country=country,
            parent=parent,
            aliases={"ar": al_ar, "en": al_en},
        )
    by_statement: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for row in sentences:
        by_statement.setdefault(row[0], []).append(row)
    for sid, rows in by_statement.items():
        issuer = rows[0][2]
        corpus.statements[sid] = Statement(
            schema_version=1,
            id=sid,
            case="test",
            issuer=issuer,
            role="secondary" if ISSUERS[issuer][2] == "media" else "primary",
            title={"text": sid, "translations": {"ar": sid}},
            date=(dates or {}).get(sid, "2024-01-01"),
            url="https://example.org/",
            no_archive_reason={"en": "test", "ar": "اختبار"},
            language="en",
            completeness="complete",
            translator="test",
            paragraphs=[
                {"sentences": [{"id": r[1], "text": r[3], "translations": {"ar": r[4]}} for r in para]}
                for para in _paragraphs(rows)
            ],
        )
    return build_case(corpus, LEXICON, "test")


def coded(text: str, issuer: str = "union") -> tuple[str, str | None, str | None]:
    """The level, state and named organ the coder gives `text` as a sentence of `issuer`."""
    case = make_case([("s", "s1", issuer, text, "نص.")])
    c = case.coding["s#s1"]
    return c.level, c.state, c.named_organ


def add_issuer(
    case: CaseView, iid: str, ar: str, en: str, country: str, kind: str = "government", parent: str | None = None
) -> None:
    """Give a hand-made case one more issuer (a state's government, an agency under one)."""
    case.corpus.issuers[iid] = Issuer(
        schema_version=1, id=iid, name={"ar": ar, "en": en}, kind=kind, country=country, parent=parent
    )


def _paragraphs(rows: list[tuple[str, str, str, str, str]]) -> list[list[tuple[str, str, str, str, str]]]:
    """Rows in paragraphs by their sentence ids' `pN-` prefix (`p2-s1`); one paragraph for ids without it."""
    out: dict[str, list[tuple[str, str, str, str, str]]] = {}
    for row in rows:
        out.setdefault(row[1].split("-")[0] if row[1].startswith("p") and "-" in row[1] else "", []).append(row)
    return list(out.values())


def make_claim(
    case: CaseView,
    ar: str,
    en: str = "",
    ranked: list[tuple] | None = None,
    previous: tuple[str, ...] = (),
    collective: tuple[str, ...] = (),
) -> ClaimView:
    """An Arabic claim with its English translation, aligned with `(statement#sentence, score[, reasons])`."""
    rows = [(r[0], r[1], tuple(r[2]) if len(r) > 2 else ()) for r in (ranked or [])]
    return view_of({"ar": ar, "en": en or ar}, "ar", case, rows, previous, collective)


SENTENCES = [
    (
        "u",
        "s1",
        "union",
        "The Union assesses these activities to have been undertaken from the territory of Omega.",
        "يقدّر الاتحاد أن هذه الأنشطة نُفّذت من أراضي أوميغا.",
    ),
    (
        "u",
        "s2",
        "union",
        "These activities can be linked to the hacker groups known as APT40 and APT31.",
        "ويمكن ربط هذه الأنشطة بمجموعتي القرصنة المعروفتين باسم APT40 وAPT31.",
    ),
    (
        "u",
        "s3",
        "union",
        "Hackers have continued to exploit the compromise of servers worldwide.",
        "واصل القراصنة استغلال اختراق الخوادم حول العالم.",
    ),
    (
        "a",
        "s1",
        "alpha-office",
        "Alpha attributes the attack to the Omegan intelligence service.",
        "تنسب ألفا الهجوم إلى جهاز المخابرات الأوميغي.",
    ),
    (
        "a",
        "s2",
        "alpha-office",
        "The attack affected over 70 organisations.",
        "أثّر الهجوم على أكثر من 70 منظمة.",
    ),
    (
        "a",
        "s3",
        "alpha-office",
        "The attack was highly likely to enable large-scale espionage.",
        "كان من المرجح جدًا أن يتيح الهجوم تجسسًا واسع النطاق.",
    ),
    (
        "a",
        "s4",
        "alpha-office",
        "The Omega Government has ignored calls, allowing its state-backed actors to act.",
        "تجاهلت حكومة أوميغا الدعوات وسمحت للجهات الفاعلة المدعومة من الدولة بالتصرف.",
    ),
    (
        "a",
        "s5",
        "alpha-office",
        "The Omega Government must end this sabotage and can expect to be held account if it does not.",
        "يجب على حكومة أوميغا إنهاء هذا التخريب ويمكنها أن تتوقع المحاسبة إن لم تفعل.",
    ),
    (
        "w",
        "s1",
        "wire",
        "Officials say the behaviour was more serious than anything seen before.",
        "يقول مسؤولون إن السلوك كان أخطر من أي شيء سابق.",
    ),
]
"""The sentences most rule tests share: the Union says territory, Alpha names an organ."""


def test_fixture_codes_levels():
    case = make_case(
        [
            ("a", "s1", "alpha", "Omegan state-backed actors were responsible.", "جهات مدعومة من الدولة."),
            (
                "u",
                "s1",
                "union",
                "The activity was undertaken from the territory of Omega.",
                "من أراضي أوميغا.",
            ),
        ]
    )
    assert case.coding["a#s1"].level == "state_affiliated"
    assert case.coding["a#s1"].state == "XO"
    assert case.coding["u#s1"].level == "territory"
    assert case.roots == ["alpha", "union"]
