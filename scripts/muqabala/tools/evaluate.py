"""Measuring the engine against hand-made gold, case by case, tuning and evaluation cases apart.

A gold file (`tests/gold/<article>.yaml`, written from the texts before the engine is run on the
case) lists for each claim of one article the primary sentences a fact-checker would cite, the
discrepancy types that must fire, the claims that must stay free of major flags, and the verdicts
a careful editor would accept. It declares whether its case is used to tune the rules and word
lists (`split: tuning`) or kept for evaluation only (`split: evaluation`).

Figures, as retrieval and claim-verification work reports them:

- evidence: P@1, MRR and MAP@5 over the claims whose gold is not empty (CLEF CheckThat! 2021 2A), of
  the evidence the engine ranks for each claim, as the checks pages show it (five sentences at most);
- flags: precision and recall of each discrepancy type on the claims the gold covers; the recall
  of the required flags; the share of must-stay-clean claims carrying a major flag;
- verdicts: the share of claims whose computed verdict is one of the acceptable ones (an editor's
  override never counts: it is not the engine's);
- distractors: the same evidence and flag figures when every other case's statements are filed
  under the case, as if an editor had filed them there by mistake or the case had grown;
- attribution coding: how often the engine codes a statement sentence at the level, state and organ
  a careful reader gives it (`tests/gold/coding/<case>.yaml`, see `muqabala.tools.coding`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from muqabala.collate.engine import collate_cases
from muqabala.data.corpus import Corpus, load_corpus, read_model
from muqabala.data.errors import DataError, Problem
from muqabala.data.model import Id
from muqabala.report import ArticleReport
from muqabala.site.cache import cached_report
from muqabala.tools.coding import coding_figures, coding_table, load_coding_golds
from muqabala.vocabulary import DiscrepancyType, Verdict

EVALUATION_SCHEMA_VERSION = 2
"""Version of the shape of `muqabala evaluate --json`: 2 added `coding`."""

Ref = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]
Split = Literal["tuning", "evaluation"]


class Gold(BaseModel):
    """A gold file: what the engine should find in one article, written before it was run."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    article: Id
    """The article whose claims are listed."""
    case: Id
    """The article's case."""
    split: Split
    """`tuning` when the case may be used to tune rules, thresholds and word lists; `evaluation` when
    it is kept to measure them and never tuned on."""
    evidence: dict[str, list[Ref]] = Field(default_factory=dict)
    """Claim id → the primary sentences (`statement#sentence`) a fact-checker would cite, best first; []
    when no primary source speaks to the claim."""
    must_fire: dict[str, list[DiscrepancyType]] = Field(default_factory=dict)
    """Claim id → discrepancy types that must be among its major flags."""
    must_stay_clean: list[str] = Field(default_factory=list)
    """Claims reported faithfully: no major flag of any type."""
    verdicts: dict[str, list[Verdict]] = Field(default_factory=dict)
    """Claim id → the verdicts an editor would accept."""


class NoGold(Exception):
    """No gold file matches an article of the project."""


def load_golds(root: Path, corpus: Corpus, gold_dir: Path | None = None) -> dict[str, Gold]:
    """Every gold file of `gold_dir` (default `<root>/tests/gold`) by article id, checked against the data.

    A gold file naming an article, case or claim the project does not have is an error, like a
    dangling reference in the data: figures computed on it would be wrong without a word.
    """
    gold_dir = gold_dir or root / "tests" / "gold"

    def against_data(gold: Gold, line_of: Callable[[tuple[str | int, ...]], int], display: str) -> list[Problem]:
        article = corpus.articles.get(gold.article)
        if article is None:
            return [Problem(display, line_of(("article",)), "article", f"no article {gold.article!r} in the project")]
        out = []
        if article.case != gold.case:
            out.append(
                Problem(
                    display,
                    line_of(("case",)),
                    "case",
                    f"article {gold.article!r} belongs to case {article.case!r} (got {gold.case!r})",
                )
            )
        claims = {s.id for s in article.sentences()}
        for key in ("evidence", "must_fire", "verdicts"):
            for claim in getattr(gold, key):
                if claim not in claims:
                    out.append(
                        Problem(
                            display,
                            line_of((key, claim)),
                            f"{key}.{claim}",
                            f"no sentence {claim!r} in article {gold.article!r}",
                        )
                    )
        for i, claim in enumerate(gold.must_stay_clean):
            if claim not in claims:
                out.append(
                    Problem(
                        display,
                        line_of(("must_stay_clean", i)),
                        f"must_stay_clean[{i}]",
                        f"no sentence {claim!r} in article {gold.article!r}",
                    )
                )
        return out

    golds: dict[str, Gold] = {}
    problems: list[Problem] = []
    for path in sorted(gold_dir.glob("*.yaml")) if gold_dir.is_dir() else []:
        display = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        try:
            gold = read_model(path, Gold, display, against_data)
        except DataError as e:
            problems += e.problems
            continue
        golds[gold.article] = gold
    if problems:
        raise DataError(problems)
    return golds


# --- metrics ------------------------------------------------------------------------------------


def evidence_metrics(ranked: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, float]:
    """P@1, MRR and MAP@5 of `ranked` (claim → refs, best first) against `gold` (claim → refs).

    Only claims with a non-empty gold list count; a claim missing from `ranked` scores 0.
    AP@5 divides by min(len(gold), 5), so a claim with one gold sentence found at rank 1 scores 1.
    """
    claims = [c for c in gold if gold[c]]
    p1 = rr = ap = 0.0
    for claim in claims:
        relevant = set(gold[claim])
        got = ranked.get(claim, [])
        if got[:1] and got[0] in relevant:
            p1 += 1
        rank = next((i for i, ref in enumerate(got, 1) if ref in relevant), None)
        rr += 1 / rank if rank else 0.0
        hits = 0
        precisions = 0.0
        for i, ref in enumerate(got[:5], 1):
            if ref in relevant:
                hits += 1
                precisions += hits / i
        ap += precisions / min(len(relevant), 5)
    n = len(claims) or 1
    return {"claims": len(claims), "p_at_1": p1 / n, "mrr": rr / n, "map_at_5": ap / n}


def flag_metrics(
    fired: dict[str, dict[str, str]], must_fire: dict[str, list[str]], must_stay_clean: list[str]
) -> dict[str, dict[str, float]]:
    """Per flag type: true positives, false positives, false negatives, precision and recall.

    `fired` maps claim → {type: strongest severity fired}. On claims the gold covers, an expected
    type fired as major is a true positive, one not fired (or only minor) a false negative, and a
    major flag of an unexpected type a false positive (minor flags never change a verdict, so
    they are not held against the rules). Claims the gold does not mention are ignored.
    """
    counts: dict[str, dict[str, float]] = {}

    def bump(kind: str, what: str) -> None:
        counts.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})[what] += 1

    for claim in sorted(set(must_fire) | set(must_stay_clean)):
        expected = set(must_fire.get(claim, []))
        major = {k for k, sev in fired.get(claim, {}).items() if sev == "major"}
        for kind in expected:
            bump(kind, "tp" if kind in major else "fn")
        for kind in major - expected:
            bump(kind, "fp")
    return {kind: _rates(c) for kind, c in sorted(counts.items())}


def _rates(c: dict[str, float]) -> dict[str, float]:
    tp, fp, fn = c["tp"], c["fp"], c["fn"]
    return {
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def ranked_evidence(report: ArticleReport) -> dict[str, list[str]]:
    """Each claim's primary evidence as the engine ranked it (`statement#sentence`, best first), as the
    checks pages show it: secondary sources and an editor's pinned sentences left out."""
    return {
        c.id: [f"{e.statement}#{e.sentence}" for e in c.evidence if e.role == "primary" and e.origin == "engine"]
        for c in report.claims
    }


def fired_flags(report: ArticleReport) -> dict[str, dict[str, str]]:
    """Claim id → flag type → its most severe severity."""
    fired: dict[str, dict[str, str]] = {}
    for claim in report.claims:
        got = fired.setdefault(claim.id, {})
        for d in claim.discrepancies:
            if got.get(d.type) != "major":
                got[d.type] = d.severity
    return fired


@dataclass
class Tally:
    """Counts that add up across articles, cases and splits (micro-averages)."""

    articles: int = 0
    claims: int = 0
    evidence_claims: int = 0
    p1: float = 0.0
    rr: float = 0.0
    ap: float = 0.0
    flags: dict[str, dict[str, float]] = field(default_factory=dict)
    clean: int = 0
    clean_flagged: int = 0
    verdict_claims: int = 0
    verdicts_right: int = 0
    false_support: int = 0
    """Claims computed `supported` that no acceptable verdict supports: the site vouching for a claim."""

    def add(self, other: Tally) -> None:
        for name in (f.name for f in fields(self) if f.name != "flags"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        for kind, c in other.flags.items():
            mine = self.flags.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})
            for key in ("tp", "fp", "fn"):
                mine[key] += c[key]

    def figures(self) -> dict[str, Any]:
        n = self.evidence_claims or 1
        required = {k: sum(c[k] for c in self.flags.values()) for k in ("tp", "fp", "fn")}
        return {
            "articles": self.articles,
            "claims": self.claims,
            "evidence": {
                "claims": self.evidence_claims,
                "p_at_1": self.p1 / n,
                "mrr": self.rr / n,
                "map_at_5": self.ap / n,
            },
            "flags": {kind: _rates(c) for kind, c in sorted(self.flags.items())},
            "required_flags": _rates(required),
            "clean_claims": {
                "claims": self.clean,
                "flagged": self.clean_flagged,
                "rate": self.clean_flagged / self.clean if self.clean else 0.0,
            },
            "verdicts": {
                "claims": self.verdict_claims,
                "right": self.verdicts_right,
                "accuracy": self.verdicts_right / self.verdict_claims if self.verdict_claims else 1.0,
                "false_support": self.false_support,
            },
        }


def score_article(gold: Gold, ranked: dict[str, list[str]], report: ArticleReport) -> tuple[Tally, dict[str, Any]]:
    """The tally of one article and what each claim got."""
    fired = fired_flags(report)
    ev = evidence_metrics(ranked, gold.evidence)
    t = Tally(articles=1, claims=len(report.claims), evidence_claims=int(ev["claims"]))
    t.p1, t.rr, t.ap = (ev[k] * ev["claims"] for k in ("p_at_1", "mrr", "map_at_5"))
    must_fire: dict[str, list[str]] = {c: list(kinds) for c, kinds in gold.must_fire.items()}
    for kind, c in flag_metrics(fired, must_fire, list(gold.must_stay_clean)).items():
        t.flags[kind] = {key: c[key] for key in ("tp", "fp", "fn")}
    computed = {c.id: c.computed_verdict for c in report.claims}
    claims: dict[str, Any] = {}
    for claim in gold.must_stay_clean:
        t.clean += 1
        major = sorted(k for k, sev in fired.get(claim, {}).items() if sev == "major")
        t.clean_flagged += bool(major)
    for claim, ok in gold.verdicts.items():
        t.verdict_claims += 1
        t.verdicts_right += computed.get(claim) in ok
        t.false_support += computed.get(claim) == "supported" and "supported" not in ok
    for claim in sorted({s for s in [*gold.evidence, *gold.verdicts, *gold.must_fire, *gold.must_stay_clean]}):
        refs = gold.evidence.get(claim)
        top = next(iter(ranked.get(claim) or []), None)
        claims[claim] = {
            "top": top,
            "gold": refs,
            "hit": (top in refs) if refs else None,
            "verdict": computed.get(claim),
            "acceptable": list(gold.verdicts.get(claim, [])),
            "major": sorted(k for k, sev in fired.get(claim, {}).items() if sev == "major"),
            "must_fire": list(gold.must_fire.get(claim, [])),
        }
    return t, claims


def _articles_tally(
    golds: dict[str, Gold], reports: dict[str, ArticleReport]
) -> tuple[dict[str, Tally], dict[str, Any]]:
    """Per case, the tally of its articles with gold; per article, its figures and claims."""
    cases: dict[str, Tally] = {}
    articles: dict[str, Any] = {}
    for aid, gold in sorted(golds.items()):
        if aid not in reports:
            continue
        tally, claims = score_article(gold, ranked_evidence(reports[aid]), reports[aid])
        cases.setdefault(gold.case, Tally()).add(tally)
        articles[aid] = {"case": gold.case, "split": gold.split, **tally.figures(), "claims_detail": claims}
    return cases, articles


def with_distractors(corpus: Corpus, case_id: str) -> Corpus:
    """`corpus` with every other case's statements filed under `case_id` (ids unchanged)."""
    statements = {
        sid: st if st.case == case_id else st.model_copy(update={"case": case_id})
        for sid, st in corpus.statements.items()
    }
    return replace(corpus, statements=statements, articles=dict(corpus.articles))


def distractor_figures(corpus: Corpus, golds: dict[str, Gold]) -> dict[str, dict[str, Any]]:
    """Per case with gold: its figures when every other case's statements are filed under it."""
    out: dict[str, dict[str, Any]] = {}
    for case_id in sorted({g.case for g in golds.values()}):
        if case_id not in corpus.cases or len(corpus.cases) < 2:
            continue
        merged = with_distractors(corpus, case_id)
        part = collate_cases(merged, [case_id], jobs=1)[case_id]
        reports = {a.id: a for a in part.articles}
        own = {aid: g for aid, g in golds.items() if g.case == case_id}
        tallies, _ = _articles_tally(own, reports)
        out[case_id] = tallies[case_id].figures() if case_id in tallies else {}
    return out


def evaluate(root: Path, gold_dir: Path | None = None, distractors: bool = True) -> dict[str, Any]:
    """The figures of every article with gold, per article, per case, per split and overall.

    Raises `NoGold` when no gold file names an article of the project, `DataError` when the data or
    a gold file is invalid. The attribution-coding gold lives in the `coding` folder of the gold.
    """
    corpus = load_corpus(root)
    golds = load_golds(root, corpus, gold_dir)
    coding_golds = load_coding_golds(
        root, corpus, (gold_dir or root / "tests" / "gold") / "coding", {g.case: g.split for g in golds.values()}
    )
    if not golds:
        raise NoGold(
            f"no gold file for any article under {gold_dir or root / 'tests' / 'gold'} "
            "(expected <article>.yaml with `article: <id>`)"
        )
    reports = {a.id: a for a in cached_report(corpus, root).articles}
    cases, articles = _articles_tally(golds, reports)
    split_of = {g.case: g.split for g in golds.values()}
    splits: dict[str, Tally] = {}
    overall = Tally()
    for case_id, tally in cases.items():
        splits.setdefault(split_of[case_id], Tally()).add(tally)
        overall.add(tally)
    result: dict[str, Any] = {
        "schema_version": EVALUATION_SCHEMA_VERSION,
        "cases": {cid: {"split": split_of[cid], **t.figures()} for cid, t in sorted(cases.items())},
        "splits": {name: t.figures() for name, t in sorted(splits.items())},
        "overall": overall.figures(),
        "articles": articles,
    }
    if coding_golds:
        result["coding"] = coding_figures(corpus, coding_golds)
    if distractors:
        result["distractors"] = distractor_figures(corpus, golds)
    return result


# --- the table ----------------------------------------------------------------------------------


def _row(name: str, split: str, f: dict[str, Any]) -> str:
    if not f:
        return f"{name:<18} {split:<10} -"
    ev, req = f["evidence"], f["required_flags"]
    clean, verdicts = f["clean_claims"], f["verdicts"]
    return (
        f"{name:<18} {split:<10} {f['articles']:>3} {f['claims']:>6} {ev['p_at_1']:>6.2f} {ev['mrr']:>6.2f} "
        f"{ev['map_at_5']:>6.2f} {req['recall']:>8.2f} {req['precision']:>8.2f} "
        f"{clean['flagged']:>3}/{clean['claims']:<3} {verdicts['accuracy']:>8.2f} {verdicts['false_support']:>8}"
    )


def text_table(results: dict[str, Any], claims: bool = False, coding: bool = False) -> str:
    """The figures as `muqabala evaluate` prints them; `coding` lists the tuning cases' coding disagreements."""
    head = (
        f"{'case':<18} {'split':<10} {'art':>3} {'claims':>6} {'P@1':>6} {'MRR':>6} {'MAP@5':>6} "
        f"{'flags R':>8} {'flags P':>8} {'clean FP':>7} {'verdicts':>8} {'false ✓':>8}"
    )
    lines = [head, "-" * len(head)]
    for cid, f in results["cases"].items():
        lines.append(_row(cid, f["split"], f))
    lines.append("-" * len(head))
    for name, f in results["splits"].items():
        lines.append(_row(f"all {name}", name, f))
    lines.append(_row("all cases", "", results["overall"]))
    if results.get("distractors"):
        lines += ["", "With every other case's statements filed under the case (distractors):", head, "-" * len(head)]
        for cid, f in results["distractors"].items():
            lines.append(_row(cid, results["cases"][cid]["split"], f))
    for name, f in results["splits"].items():
        lines += ["", f"Flags by type, {name} cases (tp / fp / fn, precision, recall):"]
        for kind, c in f["flags"].items():
            lines.append(
                f"  {kind:<18} {c['tp']:>3.0f} / {c['fp']:>3.0f} / {c['fn']:>3.0f}   "
                f"P {c['precision']:.2f}  R {c['recall']:.2f}"
            )
    if claims:
        for aid, a in results["articles"].items():
            lines += ["", f"{aid} ({a['case']}, {a['split']}):"]
            for claim, c in a["claims_detail"].items():
                mark = "-" if c["hit"] is None else ("hit " if c["hit"] else "MISS")
                verdict = c["verdict"] if c["verdict"] in c["acceptable"] or not c["acceptable"] else f"{c['verdict']}!"
                missing = sorted(set(c["must_fire"]) - set(c["major"]))
                lines.append(
                    f"  {mark:4} {claim:9} top {c['top'] or '(none)':<48} verdict {verdict:<18}"
                    + (f" missed {','.join(missing)}" if missing else "")
                )
    if results.get("coding"):
        lines += coding_table(results["coding"], detail=coding)
    lines += [
        "",
        "P@1, MRR, MAP@5: evidence ranking (claims with gold evidence). flags R/P: recall and precision of",
        "required flags. clean FP: must-stay-clean claims with a major flag. verdicts: computed verdict",
        "among the acceptable ones. false ✓: claims computed Supported that no acceptable verdict supports.",
    ]
    return "\n".join(lines)
