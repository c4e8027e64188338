"""Every template of generated text, rendered with a masculine, a feminine and a plural issuer and
with the counts 1, 2, 3, 11 and 100, in both languages, against a reviewed golden file.

The golden file is read by an editor, not by a program: a change to a template shows up here as
a diff to review. Update it deliberately: MUQABALA_UPDATE_GOLD=1 pytest tests/test_generated_text.py
"""

from __future__ import annotations

import os
from pathlib import Path

from muqabala.collate.rules import attribution_level, hedge, quote, scope, speaker, translation
from muqabala.collate.verdict import supported
from muqabala.report import Texts
from muqabala.vocabulary import NOUNS, Grammar, count, join, when

GOLD = Path(__file__).parent / "gold" / "generated.txt"

ISSUERS = {
    "masculine": (Texts(en="European Union", ar="الاتحاد الأوروبي"), Grammar("masculine", "singular", True)),
    "feminine": (Texts(en="Foreign Office", ar="وزارة الخارجية"), Grammar("feminine", "singular", True)),
    "plural": (Texts(en="allied governments", ar="الحكومات الحليفة"), Grammar("feminine", "plural", False)),
}
ORGAN = Texts(en="Ministry of State Security", ar="وزارة أمن الدولة")
DAY = Texts(**when("2021-07-19T11:35+02:00"))


def _the(name: Texts, grammar: Grammar, start: bool = False) -> Texts:
    return Texts(en=grammar.en(name.en, start), ar=name.ar)


def render() -> str:
    out: list[str] = []

    def add(template: str, texts: tuple[str, str] | Texts) -> None:
        en, ar = (texts.en, texts.ar) if isinstance(texts, Texts) else texts
        out.extend([f"## {template}", f"en: {en}", f"ar: {ar}", ""])

    for kind, (name, grammar) in ISSUERS.items():
        who = _the(name, grammar)
        other = _the(*ISSUERS["feminine" if kind != "feminine" else "masculine"])
        issuer = Texts(en="the UK Government", ar="حكومة المملكة المتحدة")
        add(f"verdict.supported own [{kind}]", supported(_the(name, grammar, True), who, DAY, grammar, True))
        add(f"verdict.supported quoted [{kind}]", supported(_the(name, grammar, True), issuer, DAY, grammar, False))
        add(
            f"attribution_level.exceeds [{kind}]",
            attribution_level.exceeds_text(who, grammar, "state_affiliated", "territory", "اتهمت", "ar", True),
        )
        add(f"attribution_level.organ [{kind}]", attribution_level.organ_text(who, grammar, ORGAN, True))
        add(
            f"grammar.after [{kind}]",
            (grammar.en_verb("says", "say"), f"{name.ar} {grammar.ar('قال', 'قالت', 'قالوا')}"),
        )
        add(f"speaker.named_elsewhere [{kind}]", speaker.named_elsewhere(who, other, Texts(en="APT40", ar="APT40")))
    add(
        "attribution_level.exceeds [case]",
        attribution_level.exceeds_text(Texts(en="", ar=""), Grammar(), "state_organ", "none", "", "en", False),
    )
    add("attribution_level.organ [case]", attribution_level.organ_text(Texts(en="", ar=""), Grammar(), ORGAN, False))
    for changed in (["negation"], ["number", "wording"], ["negation", "modal", "number"]):
        add(f"quote.changed {changed}", quote.explain(changed, False))
    add("quote.cosmetic", quote.explain([], True))
    add("quote.slight", quote.explain([], False))
    add("hedge.with_arabic_cue", hedge.explain("highly likely", "من المرجح جدًا"))
    add("hedge.without_arabic_cue", hedge.explain("assess", ""))
    for places in (["Britain"], ["Britain", "Europe"], ["Britain", "Europe", "the United States"]):
        ar = {"Britain": "بريطانيا", "Europe": "أوروبا", "the United States": "الولايات المتحدة"}
        where = {"en": join(places, "en"), "ar": join([ar[p] for p in places], "ar")}
        add(f"scope [{len(places)} places]", scope.explain(where, "worldwide", "حول العالم"))
    add(
        "translation",
        translation.explain(
            "حل وسط",
            "compromise",
            "a breach of a computer system",
            '"A middle ground" (حل وسط) is a settlement.',
            "«حل وسط» تسويةٌ بين طرفين.",
        ),
    )
    for noun in NOUNS:
        for n in (1, 2, 3, 11, 100):
            add(f"count {noun} {n}", (count(n, noun, "en"), count(n, noun, "ar")))
    add("date", (when("2021-07-19")["en"], when("2021-07-19")["ar"]))
    add("date with time", (DAY.en, DAY.ar))
    return "\n".join(out)


def test_generated_text_matches_the_reviewed_golden_file() -> None:
    text = render()
    if os.environ.get("MUQABALA_UPDATE_GOLD") == "1":
        GOLD.write_text(text, encoding="utf-8")
    assert GOLD.is_file(), f"no golden file {GOLD} (create it with MUQABALA_UPDATE_GOLD=1)"
    assert text == GOLD.read_text(encoding="utf-8")


def test_generated_arabic_uses_guillemets_and_no_ascii_quotes() -> None:
    for line in render().splitlines():
        if line.startswith("ar: "):
            assert '"' not in line, line
