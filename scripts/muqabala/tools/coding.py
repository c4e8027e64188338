"""Measuring the attribution coding of statement sentences against hand-made gold.

The engine codes every sentence of a case's statements on the attribution scale (none < territory
< state_affiliated < state_organ), with the state concerned and the state body named; those
codings drive the comparison page and the attribution_level rule. A coding gold file
(`tests/gold/coding/<case>.yaml`, written from the statement texts before the engine's codings were
looked at) lists, for the primary statements of one case, every sentence that holds a state
responsible, with the level a careful reader gives it, the state and the organ; a sentence it does
not list is `none`.

Figures per case, per split and overall: the share of sentences coded at the gold level, the
confusion counts (gold level → engine level), and the agreement on the state and on the organ
where the gold names one. The sentences on which the engine and the gold disagree are listed for
the tuning cases only: listing them for the evaluation cases would invite tuning on them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from muqabala.collate.engine import build_case, coding_text
from muqabala.data.corpus import Corpus, read_model
from muqabala.data.errors import DataError, Problem
from muqabala.data.model import Id
from muqabala.lexicon.phrases import load_lexicon
from muqabala.report import Attribution
from muqabala.vocabulary import ATTRIBUTION_ORDER, AttributionLevel

Ref = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]
Split = Literal["tuning", "evaluation"]
StateCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class GoldCoding(BaseModel):
    """How a careful reader codes one statement sentence."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    level: AttributionLevel
    """The level on the scale the sentence reaches (a hedge keeps the level)."""
    state: StateCode | None = None
    """The state held responsible (ISO code); required above `none`."""
    organ: Annotated[str, StringConstraints(min_length=1)] | None = None
    """The state body named, with the organ names of lexicon/attribution.yaml where they exist."""


class CodingGold(BaseModel):
    """A coding gold file: the attributing sentences of one case's primary statements."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    case: Id
    """The case whose primary statements are coded."""
    split: Split
    """The case's split, as its article gold files say."""
    sentences: dict[Ref, GoldCoding] = Field(default_factory=dict)
    """`statement#sentence` → its coding; a sentence not listed is `none`."""


def load_coding_golds(
    root: Path, corpus: Corpus, folder: Path, splits: dict[str, str] | None = None
) -> dict[str, CodingGold]:
    """Every coding gold file of `folder` by case, checked against the data.

    `splits` (case → split, from the article gold files) must agree with each file's split: a case
    tuned on in one place and kept for evaluation in another would make both figures meaningless.
    """
    splits = splits or {}

    def against_data(gold: CodingGold, line_of: Callable[[tuple[str | int, ...]], int], display: str) -> list[Problem]:
        if gold.case not in corpus.cases:
            return [Problem(display, line_of(("case",)), "case", f"no case {gold.case!r} in the project")]
        out = []
        said = splits.get(gold.case)
        if said is not None and said != gold.split:
            out.append(
                Problem(
                    display,
                    line_of(("split",)),
                    "split",
                    f"case {gold.case!r} is a {said} case in its article gold files (got {gold.split!r})",
                )
            )
        for ref, coding in gold.sentences.items():
            where = ("sentences", ref)
            sid, sen = ref.split("#", 1)
            st = corpus.statements.get(sid)
            if st is None or st.case != gold.case:
                out.append(
                    Problem(display, line_of(where), f"sentences.{ref}", f"no statement {sid!r} in case {gold.case!r}")
                )
                continue
            if st.role != "primary":
                out.append(
                    Problem(
                        display,
                        line_of(where),
                        f"sentences.{ref}",
                        f"statement {sid!r} is secondary: only primary statements are coded",
                    )
                )
            if sen not in {s.id for s in st.sentences()}:
                out.append(
                    Problem(display, line_of(where), f"sentences.{ref}", f"no sentence {sen!r} in statement {sid!r}")
                )
            if coding.level != "none" and coding.state is None:
                out.append(
                    Problem(
                        display,
                        line_of((*where, "level")),
                        f"sentences.{ref}.state",
                        f"a sentence coded {coding.level} names the state held responsible (got null)",
                    )
                )
            if coding.level == "none" and (coding.state or coding.organ):
                out.append(
                    Problem(
                        display,
                        line_of((*where, "level")),
                        f"sentences.{ref}.level",
                        f"a sentence coded none names no state and no organ (got {coding.state or coding.organ!r})",
                    )
                )
        return out

    golds: dict[str, CodingGold] = {}
    problems: list[Problem] = []
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        try:
            gold = read_model(path, CodingGold, display, against_data)
        except DataError as e:
            problems += e.problems
            continue
        if gold.case in golds:
            problems.append(Problem(display, 1, "case", f"case {gold.case!r} has another coding gold file"))
            continue
        golds[gold.case] = gold
    if problems:
        raise DataError(problems)
    return golds


# --- measurement --------------------------------------------------------------------------------


@dataclass
class CodingTally:
    """Counts that add up across cases and splits (micro-averages over sentences)."""

    sentences: int = 0
    right: int = 0
    confusion: dict[str, dict[str, int]] = field(
        default_factory=lambda: {g: dict.fromkeys(ATTRIBUTION_ORDER, 0) for g in ATTRIBUTION_ORDER}
    )
    """Gold level → engine level → sentences."""
    state_named: int = 0
    state_agree: int = 0
    organ_named: int = 0
    organ_agree: int = 0

    def count(self, gold: GoldCoding, got: Attribution) -> bool:
        """Count one sentence; True when the engine agrees with the gold on every axis the gold names."""
        self.sentences += 1
        self.confusion[gold.level][got.level] += 1
        agree = gold.level == got.level
        self.right += agree
        if gold.state:
            self.state_named += 1
            self.state_agree += got.state == gold.state
            agree = agree and got.state == gold.state
        if gold.organ:
            self.organ_named += 1
            same = (got.named_organ or "").casefold() == gold.organ.casefold()
            self.organ_agree += same
            agree = agree and same
        return agree

    def add(self, other: CodingTally) -> None:
        for name in ("sentences", "right", "state_named", "state_agree", "organ_named", "organ_agree"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for g, row in other.confusion.items():
            for e, n in row.items():
                self.confusion[g][e] += n

    def figures(self) -> dict[str, Any]:
        attributing = sum(n for g, row in self.confusion.items() if g != "none" for n in row.values())
        exact = sum(self.confusion[g][g] for g in ATTRIBUTION_ORDER if g != "none")
        found = sum(n for g, row in self.confusion.items() if g != "none" for e, n in row.items() if e != "none")
        spurious = sum(n for e, n in self.confusion["none"].items() if e != "none")

        def share(a: int, b: int) -> float:
            return a / b if b else 1.0

        return {
            "sentences": self.sentences,
            "level_accuracy": share(self.right, self.sentences),
            "attributing": {
                "sentences": attributing,
                "level_right": exact,
                "level_accuracy": share(exact, attributing),
                "found": found,
                "recall": share(found, attributing),
            },
            "spurious": spurious,
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "state": {
                "named": self.state_named,
                "agree": self.state_agree,
                "rate": share(self.state_agree, self.state_named),
            },
            "organ": {
                "named": self.organ_named,
                "agree": self.organ_agree,
                "rate": share(self.organ_agree, self.organ_named),
            },
        }


def _short(a: GoldCoding | Attribution) -> dict[str, Any]:
    if isinstance(a, GoldCoding):
        return {"level": a.level, "state": a.state, "organ": a.organ}
    return {"level": a.level, "state": a.state, "organ": a.named_organ, "cues": list(a.cues)}


def score_case(corpus: Corpus, gold: CodingGold) -> tuple[CodingTally, list[dict[str, Any]]]:
    """The tally of one case's primary statement sentences, and the sentences in disagreement."""
    case = build_case(corpus, load_lexicon(corpus.root / "lexicon"), gold.case)
    tally = CodingTally()
    disagreements: list[dict[str, Any]] = []
    for src in case.sources:
        want = gold.sentences.get(src.ref, GoldCoding(level="none"))
        got = case.coding[src.ref]
        if not tally.count(want, got):
            text, _ = coding_text(src)
            disagreements.append({"sentence": src.ref, "text": text, "gold": _short(want), "engine": _short(got)})
    return tally, disagreements


def coding_figures(corpus: Corpus, golds: dict[str, CodingGold]) -> dict[str, Any]:
    """Per case, per split and overall; the disagreements of the tuning cases only."""
    cases: dict[str, Any] = {}
    splits: dict[str, CodingTally] = {}
    overall = CodingTally()
    for case_id, gold in sorted(golds.items()):
        tally, disagreements = score_case(corpus, gold)
        cases[case_id] = {"split": gold.split, **tally.figures()}
        if gold.split == "tuning":
            cases[case_id]["disagreements"] = disagreements
        splits.setdefault(gold.split, CodingTally()).add(tally)
        overall.add(tally)
    return {
        "cases": cases,
        "splits": {name: t.figures() for name, t in sorted(splits.items())},
        "overall": overall.figures(),
    }


# --- the table ----------------------------------------------------------------------------------

_ABBR = {"none": "none", "territory": "terr", "state_affiliated": "affil", "state_organ": "organ"}


def _row(name: str, split: str, f: dict[str, Any]) -> str:
    att, st, org = f["attributing"], f["state"], f["organ"]
    return (
        f"{name:<18} {split:<10} {f['sentences']:>9} {f['level_accuracy']:>6.2f} {att['sentences']:>6} "
        f"{att['level_accuracy']:>6.2f} {att['recall']:>6.2f} {f['spurious']:>8} "
        f"{st['agree']:>4}/{st['named']:<4} {org['agree']:>4}/{org['named']:<4}"
    ).rstrip()


def coding_table(coding: dict[str, Any], detail: bool = False) -> list[str]:
    """The coding figures as `muqabala evaluate` prints them; with `detail`, the tuning disagreements."""
    head = (
        f"{'case':<18} {'split':<10} {'sentences':>9} {'level':>6} {'attrib':>6} {'level':>6} {'found':>6} "
        f"{'spurious':>8} {'state':>9} {'organ':>9}"
    )
    lines = ["", "Attribution coding of the primary statements' sentences (gold: tests/gold/coding):", head]
    lines.append("-" * len(head))
    for cid, f in coding["cases"].items():
        lines.append(_row(cid, f["split"], f))
    lines.append("-" * len(head))
    for name, f in coding["splits"].items():
        lines.append(_row(f"all {name}", name, f))
    lines.append(_row("all cases", "", coding["overall"]))
    cols = "".join(f"{_ABBR[e]:>7}" for e in ATTRIBUTION_ORDER)
    for name, f in coding["splits"].items():
        lines += ["", f"Coding confusion, {name} cases (rows: gold level, columns: engine level):", f"  {'':<18}{cols}"]
        for g in ATTRIBUTION_ORDER:
            lines.append(f"  {g:<18}" + "".join(f"{f['confusion'][g][e]:>7}" for e in ATTRIBUTION_ORDER))
    if detail:
        for cid, f in coding["cases"].items():
            if "disagreements" not in f:
                lines += ["", f"{cid} ({f['split']}): sentences not listed: never tune on an evaluation case."]
                continue
            lines += ["", f"{cid} ({f['split']}), sentences where the engine and the gold disagree:"]
            for d in f["disagreements"]:
                g, e = d["gold"], d["engine"]
                lines.append(
                    f"  {d['sentence']}\n    gold   {g['level']} {g['state'] or '-'} {g['organ'] or '-'}\n"
                    f"    engine {e['level']} {e['state'] or '-'} {e['organ'] or '-'}"
                    + (f"  cues: {'; '.join(e['cues'])}" if e["cues"] else "")
                    + f"\n    {_clip(d['text'])}"
                )
    lines += [
        "",
        "sentences: every sentence of the case's primary statements; level: coded at the gold level.",
        "attrib: sentences the gold codes above none; of those, level: at the gold level, found: above none.",
        "spurious: sentences the gold codes none that the engine codes above none. state, organ: the",
        "engine's agrees with the gold's, over the sentences where the gold names one.",
    ]
    return lines


def _clip(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
