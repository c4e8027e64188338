"""Measuring the aligner (and, when present, the discrepancy rules) against hand-made gold files.

Evidence gold (`tests/gold/<case>-evidence.yaml`) lists, per claim, the primary statement
sentences that bear on it; retrieval is scored as in CLEF CheckThat! 2021 Task 2A: P@1, MRR
and MAP@5, over the claims whose gold is not empty. Flag gold (`tests/gold/<case>-flags.yaml`,
written with the rules) lists the discrepancy types that must fire on a claim and the claims
that must stay free of major flags.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from muqabala.collate.align import Aligner
from muqabala.data.corpus import load_corpus, read_model
from muqabala.data.yamlfile import load
from muqabala.site.cache import cached_report

Ref = Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+#[a-z0-9-]+$")]


class EvidenceGold(BaseModel):
    """A gold file of evidence for one article."""

    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)

    schema_version: Literal[1]
    """Version of this file's shape; 1 today."""
    article: str
    """The article whose claims are listed."""
    evidence: dict[str, list[Ref]] = Field(default_factory=dict)
    """Claim id → the primary sentences (`statement#sentence`) bearing on it; [] when none does."""


def evidence_metrics(ranked: dict[str, list[str]], gold: dict[str, list[str]]) -> dict[str, float]:
    """P@1, MRR and MAP@5 of `ranked` (claim → refs, best first) against `gold` (claim → refs).

    Only claims with a non-empty gold list count; a claim missing from `ranked` scores 0.
    AP@5 divides by min(len(gold), 5), so a claim with one gold sentence found at rank 1 scores 1.
    """
    claims = [c for c in gold if gold[c]]
    p1 = rr = ap = 0.0
    for claim in claims:
        relevant = set(gold[claim])
        found = ranked.get(claim, [])
        p1 += 1.0 if found[:1] and found[0] in relevant else 0.0
        rank = next((i for i, ref in enumerate(found, start=1) if ref in relevant), None)
        rr += 1.0 / rank if rank else 0.0
        hits = 0
        precision_sum = 0.0
        for i, ref in enumerate(found[:5], start=1):
            if ref in relevant:
                hits += 1
                precision_sum += hits / i
        ap += precision_sum / min(len(relevant), 5)
    n = len(claims)
    return {"claims": n, "p_at_1": p1 / n if n else 0.0, "mrr": rr / n if n else 0.0, "map_at_5": ap / n if n else 0.0}


def flag_metrics(
    fired: dict[str, dict[str, str]], must_fire: dict[str, list[str]], must_stay_clean: list[str]
) -> dict[str, dict[str, float]]:
    """Precision and recall per discrepancy type.

    `fired` maps claim → {type: strongest severity fired}. On claims the gold covers, an expected
    type that fired is a true positive, an expected type that did not a false negative, and a
    major flag of an unexpected type a false positive (minor flags never change a verdict, so
    they are not held against the rules). Claims the gold does not mention are ignored.
    """
    counts: dict[str, dict[str, int]] = {}

    def bump(kind: str, what: str) -> None:
        counts.setdefault(kind, {"tp": 0, "fp": 0, "fn": 0})[what] += 1

    for claim in sorted(set(must_fire) | set(must_stay_clean)):
        expected = set(must_fire.get(claim, []))
        got = fired.get(claim, {})
        for kind in sorted(expected):
            bump(kind, "tp" if kind in got else "fn")
        for kind, severity in sorted(got.items()):
            if kind not in expected and severity == "major":
                bump(kind, "fp")
    out = {}
    for kind, c in sorted(counts.items()):
        out[kind] = {
            **c,
            "precision": c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0,
            "recall": c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0,
        }
    return out


def load_gold(path: Path) -> EvidenceGold:
    """Read an evidence gold file; raise `DataError` with file and line on any problem."""
    return read_model(path, EvidenceGold)


def ranked_primary(aligner: Any, article_id: str, claim_ids: list[str], k: int = 10) -> dict[str, list[str]]:
    """Each claim's ranked primary candidates as refs; secondary sources are left out, as in the gold."""
    article = aligner.corpus.articles[article_id]
    sentences = {s.id: s for s in article.sentences()}
    return {
        c: [cand.ref for cand in aligner.rank(article, sentences[c], k=k) if not cand.secondary]
        if c in sentences
        else []
        for c in claim_ids
    }


def _fired_flags(root: Path, corpus: Any, article_id: str) -> dict[str, dict[str, str]]:
    """Claim id → flag type → its most severe severity, from the (cached) engine report."""
    fired: dict[str, dict[str, str]] = {}
    for art in cached_report(corpus, root).articles:
        if art.id != article_id:
            continue
        for claim in art.claims:
            got = fired.setdefault(claim.id, {})
            for d in claim.discrepancies:
                if got.get(d.type) != "major":
                    got[d.type] = d.severity
    return fired


class NoGold(Exception):
    """No gold file matches an article of the project."""


def evaluate(root: Path, gold_dir: Path | None = None, k: int = 10) -> dict[str, Any]:
    """Per article with gold: evidence metrics, each claim's top candidate and, with flag gold, flag metrics.

    `gold_dir` defaults to `<root>/tests/gold`. Raises `NoGold` when no gold file names an article of the
    project, `DataError` when the data or a gold file is invalid.
    """
    gold_dir = gold_dir or root / "tests" / "gold"
    corpus = load_corpus(root)
    results: dict[str, Any] = {}
    aligner: Aligner | None = None
    for article in sorted(corpus.articles.values(), key=lambda a: a.id):
        path = gold_dir / f"{article.case}-evidence.yaml"
        if not path.is_file():
            continue
        gold = load_gold(path)
        if gold.article != article.id:
            continue
        # Built on the first gold file: a project without any is told so, not that it lacks a lexicon.
        if aligner is None:
            aligner = Aligner(corpus)
        ranked = ranked_primary(aligner, article.id, list(gold.evidence), k)
        result: dict[str, Any] = {"evidence": evidence_metrics(ranked, gold.evidence), "claims": {}}
        for claim, refs in gold.evidence.items():
            top = ranked[claim][0] if ranked[claim] else None
            result["claims"][claim] = {"top": top, "gold": refs, "hit": (top in refs) if refs else None}
        flags = gold_dir / f"{article.case}-flags.yaml"
        fired = _fired_flags(root, corpus, article.id) if flags.is_file() else None
        if fired is not None:
            spec = load(flags, flags.as_posix()).data or {}
            result["flags"] = flag_metrics(fired, spec.get("must_fire") or {}, spec.get("must_stay_clean") or [])
        results[article.id] = result
    if not results:
        raise NoGold(
            f"no gold file for any article under {gold_dir} (expected <case>-evidence.yaml with `article: <id>`)"
        )
    return results


def text_table(results: dict[str, Any]) -> str:
    """The figures as `muqabala evaluate` prints them."""
    lines = []
    for article_id, result in results.items():
        m = result["evidence"]
        lines.append(
            f"{article_id}: {m['claims']} claims with gold  P@1 {m['p_at_1']:.3f}  "
            f"MRR {m['mrr']:.3f}  MAP@5 {m['map_at_5']:.3f}"
        )
        for claim, c in result["claims"].items():
            mark = "-" if c["hit"] is None else ("hit " if c["hit"] else "MISS")
            lines.append(f"  {mark:4} {claim:10} top: {c['top'] or '(none)'}")
        for kind, f in result.get("flags", {}).items():
            lines.append(
                f"  flag {kind:18} precision {f['precision']:.2f}  recall {f['recall']:.2f}  "
                f"(tp {f['tp']}, fp {f['fp']}, fn {f['fn']})"
            )
    return "\n".join(lines)
