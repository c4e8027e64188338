"""The attribution scale as an SVG drawn at build time: no script, no external request.

Each statement is a circle on the scale none < territory < state_affiliated < state_organ (a
dashed one when only an excerpt of it is transcribed); each claim citing it is a diamond on the
same row, numbered by its place in the article, so a claim that goes further than its source sits
visibly to the stronger side of it. In Arabic the scale runs right to left, like the text.

Two layouts: the wide one puts each statement's name in a column beside its row; the compact one,
for phones, puts it above its row, so that the drawing is half as wide and its text, scaled to a
phone's width, stays at least 12 px.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from muqabala.report import ATTRIBUTION_ORDER
from muqabala.site.render.escape import esc, shorten
from muqabala.site.render.labels import t


@dataclass(frozen=True)
class Layout:
    """The geometry of one layout, in SVG units."""

    width: int
    label_w: int
    """The column of statement names beside the rows; 0 puts each name above its row."""
    row_h: int
    top: int
    label_chars: int
    axis_chars: int
    """A level's name longer than this is split over two lines."""


WIDE = Layout(width=800, label_w=290, row_h=58, top=62, label_chars=38, axis_chars=14)
COMPACT = Layout(width=400, label_w=0, row_h=80, top=78, label_chars=44, axis_chars=12)


@dataclass
class ChartRow:
    """One statement on the chart."""

    label: str
    level: str
    claims: list[tuple[str, str, str]] = field(default_factory=list)
    """(short label, level, tooltip) for each claim about the statement."""
    partial: bool = False
    """Whether only an excerpt of the statement is transcribed."""


def _x(level: str, rtl: bool, lay: Layout) -> float:
    i = ATTRIBUTION_ORDER.index(level)
    margin = 10 if lay.label_w else 0
    span = (lay.width - lay.label_w - 2 * margin) / len(ATTRIBUTION_ORDER)
    x = lay.label_w + margin + span * (i + 0.5)
    return lay.width - x if rtl else x


def _lines(text: str, x: float, y: float, width: int = 14, *, many: bool = False) -> str:
    """`text` as one or two `<tspan>` lines, split at the space nearest the middle when long; with
    `many`, as many lines of at most `width` characters as it takes, the last one at `y`."""
    if many and len(text) > width:
        parts = textwrap.wrap(text, width)
        top = y - 16 * (len(parts) - 1)
        return "".join(f'<tspan x="{x:.1f}" y="{top + 16 * i:.1f}">{esc(p)}</tspan>' for i, p in enumerate(parts))
    if len(text) <= width or " " not in text:
        return f'<tspan x="{x:.1f}" y="{y:.1f}">{esc(text)}</tspan>'
    mid = len(text) // 2
    cut = min((i for i, ch in enumerate(text) if ch == " "), key=lambda i: abs(i - mid))
    return (
        f'<tspan x="{x:.1f}" y="{y - 16:.1f}">{esc(text[:cut])}</tspan>'
        f'<tspan x="{x:.1f}" y="{y:.1f}">{esc(text[cut + 1 :])}</tspan>'
    )


def attribution_chart(rows: list[ChartRow], lang: str, *, key: str = "mq-chart", compact: bool = False) -> str:
    """The chart as one line of inline SVG, every text escaped; `key` keeps its ids unique on the page."""
    lay = COMPACT if compact else WIDE
    key = f"{key}-compact" if compact else key
    rtl = lang == "ar"
    height = lay.top + lay.row_h * len(rows) + 44
    label_x = lay.width - 12 if rtl else 12
    # Coordinates are computed for a left-to-right canvas; each Arabic text says its own direction,
    # so that text-anchor="start" is its right edge.
    text_dir = ' direction="rtl"' if rtl else ""
    out = [
        f'<svg class="mq-chart mq-chart-{"compact" if compact else "wide"}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {lay.width} {height}" width="100%" role="img" '
        f'aria-labelledby="{key}-title {key}-desc" lang="{lang}" direction="ltr" style="direction:ltr">',
        f'<title id="{key}-title">{esc(t("compare.chart", lang))}</title>',
        f'<desc id="{key}-desc">{esc(t("compare.chart_note", lang))}</desc>',
    ]
    for level in ATTRIBUTION_ORDER:
        x = _x(level, rtl, lay)
        out.append(f'<line class="mq-grid" x1="{x:.1f}" y1="{lay.top - 8}" x2="{x:.1f}" y2="{height - 40}"/>')
        out.append(
            f'<text class="mq-axis" text-anchor="middle"{text_dir}>'
            f"{_lines(t(f'level.{level}', lang), x, lay.top - 16, lay.axis_chars, many=compact)}</text>"
        )
    for i, row in enumerate(rows):
        cy = lay.top + lay.row_h * i + lay.row_h / 2
        if compact:
            cy += 10
        label_y = cy - 30 if compact else cy + 4
        excerpt = f" ({t('compare.excerpt', lang)})" if row.partial else ""
        out.append(
            f'<text class="mq-rowlabel" x="{label_x}" y="{label_y:.1f}" text-anchor="start"{text_dir}>'
            f"{esc(shorten(row.label, lay.label_chars))}<title>{esc(row.label + excerpt)}</title></text>"
        )
        sx = _x(row.level, rtl, lay)
        partial = " mq-partial" if row.partial else ""
        out.append(
            f'<circle class="mq-stmt mq-level-{row.level.replace("_", "-")}{partial}" cx="{sx:.1f}" '
            f'cy="{cy - 6:.1f}" r="8">'
            f"<title>{esc(row.label + excerpt)}: {esc(t(f'level.{row.level}', lang))}</title></circle>"
        )
        placed: dict[str, int] = {}
        for label, level, tip in row.claims:
            n = placed.get(level, 0)
            placed[level] = n + 1
            # 0, +16, -16, +32, … around the level's line, so several claims stay readable.
            cx = _x(level, rtl, lay) + ((n + 1) // 2) * 16 * (1 if n % 2 else -1)
            dy = cy + 12
            out.append(
                f'<g class="mq-claimmark"><title>{esc(tip)}</title>'
                f'<path d="M {cx:.1f} {dy - 7:.1f} l 7 7 l -7 7 l -7 -7 z"/>'
                f'<text x="{cx:.1f}" y="{dy + 19:.1f}" text-anchor="middle" '
                f'class="mq-claimnum"{text_dir}>'
                f"{esc(label)}</text></g>"
            )
    ly = height - 14
    lx = lay.width - 20 if rtl else 20
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
