"""The attribution scale as an SVG drawn at build time: no script, no external request.

Each statement is a circle on the scale none < territory < state_affiliated < state_organ;
each claim citing it is a diamond on the same row, numbered by its place in the article, so
a claim that goes further than its source sits visibly to the stronger side of it.
In Arabic the scale runs right to left, like the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from muqabala.report import ATTRIBUTION_ORDER
from muqabala.site.render.escape import esc, shorten
from muqabala.site.render.labels import t

WIDTH = 800
LABEL_W = 290
ROW_H = 58
TOP = 62
LABEL_CHARS = 38


@dataclass
class ChartRow:
    """One statement on the chart."""

    label: str
    level: str
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    """(short label, level, tooltip) for each claim about the statement."""


def _x(level: str, rtl: bool) -> float:
    i = ATTRIBUTION_ORDER.index(level)
    span = (WIDTH - LABEL_W - 20) / len(ATTRIBUTION_ORDER)
    x = LABEL_W + 10 + span * (i + 0.5)
    return WIDTH - x if rtl else x


def _lines(text: str, x: float, y: float, width: int = 14) -> str:
    """`text` as one or two `<tspan>` lines, split at the space nearest the middle when long."""
    if len(text) <= width or " " not in text:
        return f'<tspan x="{x:.1f}" y="{y:.1f}">{esc(text)}</tspan>'
    mid = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - mid))
    return (
        f'<tspan x="{x:.1f}" y="{y - 16:.1f}">{esc(text[:cut])}</tspan>'
        f'<tspan x="{x:.1f}" y="{y:.1f}">{esc(text[cut + 1 :])}</tspan>'
    )


def attribution_chart(rows: list[ChartRow], lang: str) -> str:
    """The chart as one line of inline SVG, every text escaped."""
    rtl = lang == "ar"
    height = TOP + ROW_H * len(rows) + 44
    label_x = WIDTH - 12 if rtl else 12
    # Coordinates are computed for a left-to-right canvas; each Arabic text says its own direction,
    # so that text-anchor="start" is its right edge.
    text_dir = ' direction="rtl"' if rtl else ""
    out = [
        f'<svg class="mq-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-labelledby="mq-chart-title mq-chart-desc" lang="{lang}" '
        f'direction="ltr" style="direction:ltr">',
        f'<title id="mq-chart-title">{esc(t("compare.chart", lang))}</title>',
        f'<desc id="mq-chart-desc">{esc(t("compare.chart_note", lang))}</desc>',
    ]
    for level in ATTRIBUTION_ORDER:
        x = _x(level, rtl)
        out.append(f'<line class="mq-grid" x1="{x:.1f}" y1="{TOP - 8}" x2="{x:.1f}" y2="{height - 40}"/>')
        out.append(
            f'<text class="mq-axis" text-anchor="middle"{text_dir}>'
            f"{_lines(t(f'level.{level}', lang), x, TOP - 16)}</text>"
        )
    for i, row in enumerate(rows):
        cy = TOP + ROW_H * i + ROW_H / 2
        out.append(
            f'<text class="mq-rowlabel" x="{label_x}" y="{cy + 4:.1f}" text-anchor="start"{text_dir}>'
            f"{esc(shorten(row.label, LABEL_CHARS))}<title>{esc(row.label)}</title></text>"
        )
        sx = _x(row.level, rtl)
        out.append(
            f'<circle class="mq-stmt mq-level-{row.level.replace("_", "-")}" cx="{sx:.1f}" '
            f'cy="{cy - 6:.1f}" r="8">'
            f"<title>{esc(row.label)}: {esc(t(f'level.{row.level}', lang))}</title></circle>"
        )
        placed: dict[str, int] = {}
        for label, level, tip in row.claims:
            n = placed.get(level, 0)
            placed[level] = n + 1
            # 0, +16, -16, +32, … around the level's line, so several claims stay readable.
            cx = _x(level, rtl) + ((n + 1) // 2) * 16 * (1 if n % 2 else -1)
            dy = cy + 12
            out.append(
                f'<g class="mq-claimmark"><title>{esc(tip)}</title>'
                f'<path d="M {cx:.1f} {dy - 7:.1f} l 7 7 l -7 7 l -7 -7 z"/>'
                f'<text x="{cx:.1f}" y="{dy + 19:.1f}" text-anchor="middle" '
                f'class="mq-claimnum"{text_dir}>'
                f"{esc(label)}</text></g>"
            )
    ly = height - 14
    lx = WIDTH - 20 if rtl else 20
    d = -1 if rtl else 1
    out.append(
        f'<circle class="mq-stmt" cx="{lx:.1f}" cy="{ly - 4}" r="6"/>'
        f'<text class="mq-legend" x="{lx + 12 * d:.1f}" y="{ly}" text-anchor="start"{text_dir}>'
        f"{esc(t('compare.statement_marker', lang))}</text>"
    )
    lx2 = lx + 150 * d
    out.append(
        f'<path class="mq-claimmark-legend" d="M {lx2:.1f} {ly - 10} l 6 6 l -6 6 l -6 -6 z"/>'
        f'<text class="mq-legend" x="{lx2 + 12 * d:.1f}" y="{ly}" text-anchor="start"{text_dir}>'
        f"{esc(t('compare.claim_marker', lang))}</text>"
    )
    out.append("</svg>")
    return "".join(out)
