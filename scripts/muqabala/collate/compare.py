"""Statement comparison: for every pair of statements of a case, the facets they differ on.

Facets: the attribution level reached, how sure the attributing sentences say they are (their
hedges, or `asserted`), the state body named, the groups named, the figures given, and the kinds of
demand made (`urge`, `call_on`, `must`, `recommend`, from speech.yaml).
A facet is listed only when the two values differ.
"""

from __future__ import annotations

from itertools import combinations

from muqabala.report import Comparison, Figure, StatementReport


def _figure(f: Figure) -> str:
    qualifier = "" if f.qualifier == "exact" else f.qualifier.replace("_", " ") + " "
    value = int(f.value) if f.value == int(f.value) else f.value
    return f"{qualifier}{value}" + (f" {f.unit}" if f.unit else "") + (f" ({f.scope})" if f.scope else "")


def facets(st: StatementReport, demand_kinds: dict[str, list[str]] | None = None) -> dict[str, str | list[str] | None]:
    """A statement's value for every facet."""
    return {
        "attribution_level": st.attribution.level,
        "certainty": st.certainty or ["asserted"],
        "named_organ": st.attribution.named_organ,
        "groups": sorted(st.attribution.groups),
        "figures": sorted({_figure(f) for f in st.figures}),
        "demands": sorted((demand_kinds or {}).get(st.id, []))
        if demand_kinds is not None
        else (["yes"] if st.demands else []),
    }


def compare_statements(
    statements: list[StatementReport], demand_kinds: dict[str, list[str]] | None = None
) -> list[Comparison]:
    """Every facet on which two statements of the same case differ, in a stable order."""
    ordered = sorted(statements, key=lambda s: s.id)
    by_case: dict[str, list[int]] = {}
    for i, st in enumerate(ordered):
        by_case.setdefault(st.case, []).append(i)
    # Pairs within each case only (an archive's cross-case pairs grow with its square),
    # listed in the order of all pairs of the sorted statements.
    pairs = sorted(pair for members in by_case.values() for pair in combinations(members, 2))
    out: list[Comparison] = []
    for i, j in pairs:
        a, b = ordered[i], ordered[j]
        fa, fb = facets(a, demand_kinds), facets(b, demand_kinds)
        for facet in fa:
            if fa[facet] != fb[facet]:
                out.append(
                    Comparison(
                        statements=[a.id, b.id],
                        facet=facet,  # type: ignore[arg-type]
                        values={a.id: fa[facet], b.id: fb[facet]},
                    )
                )
    return out
