"""Our pages' HTML handed to the site engine finished, instead of re-parsed as Markdown.

A generated page is mostly raw HTML blocks between Markdown headings. Python-Markdown, with
md_in_html, reads every such block with `html.parser` to find where it ends, only to copy it
through unchanged: at 100x that was 59 of a build's 203 CPU-seconds. `hold` takes the blocks
out before Markdown sees the page, leaving one placeholder paragraph each, and `put_back`
puts them into the converted HTML. The headings stay Markdown, so the table of contents,
permalinks and heading ids are made as before.

Only a block Markdown would copy through unchanged is held: one that starts a line after a
blank line (or the page's start) with a block-level tag, whose tags close on one of its
lines, with a blank line (or the end) after it. Anything else is left to Markdown. MkDocs-free.
"""

from __future__ import annotations

import html
import re
import secrets
from dataclasses import dataclass, field

BLOCK_TAGS = frozenset(
    "address article aside blockquote details dialog div dl figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr main nav ol p pre section table ul script".split()
)
"""Tags that open a raw HTML block in Markdown (a subset of Python-Markdown's list)."""

VOID_TAGS = frozenset("area base br col embed hr img input link meta source track wbr".split())

_TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(/?)>", re.S)
_OPENS = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)[\s>/]")
_RAW_TEXT = re.compile(r"</(script|style)\s*>", re.I)
_FENCE = re.compile(r"\s*(`{3,}|~{3,})")
_START_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)>")
_ANCHOR_ATTR = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)


@dataclass
class Held:
    """A page's Markdown with its raw HTML blocks taken out, and the blocks."""

    markdown: str
    blocks: list[str] = field(default_factory=list)
    token: str = ""
    """Prefix of this page's placeholders: random, so that no page text can contain one."""

    def anchor_ids(self) -> set[str]:
        """The ids (and names of `<a>`) in the held blocks, which MkDocs no longer sees: links
        to them are checked against these."""
        ids = set()
        for block in self.blocks:
            for tag in _START_TAG.finditer(block):
                for attr in _ANCHOR_ATTR.finditer(tag[2]):
                    if attr[1].lower() == "id" or tag[1].lower() == "a":
                        ids.add(html.unescape(attr[2] if attr[2] is not None else attr[3]))
        return ids

    def put_back(self, html: str) -> str:
        """The converted page with each placeholder paragraph replaced by its block.

        Raises ValueError when a placeholder did not come through Markdown as its own paragraph.
        """
        if not self.blocks:
            return html
        found = 0

        def block(m: re.Match[str]) -> str:
            nonlocal found
            found += 1
            return self.blocks[int(m[1])] + "\n"  # as Markdown writes a raw block

        out = re.sub(rf"<p>{self.token}(\d+)</p>", block, html)
        if found != len(self.blocks):
            raise ValueError(f"{len(self.blocks) - found} of {len(self.blocks)} HTML blocks lost in Markdown")
        return out.strip()  # as Markdown ends a page


def hold(markdown: str) -> Held:
    """`markdown` with every raw HTML block Markdown would copy unchanged replaced by a placeholder."""
    token = "mqheld" + secrets.token_hex(8) + "x"
    held = Held(markdown="", token=token)
    lines = markdown.split("\n")
    out: list[str] = []
    fence = ""
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i])
        if opened and (not fence or opened[1].startswith(fence)):
            fence = "" if fence else opened[1]  # HTML in a code block is code
        start = not fence and (i == 0 or not lines[i - 1].strip())
        end = _block_end(lines, i) if start else None
        if end is None:
            out.append(lines[i])
            i += 1
            continue
        out.append(f"{token}{len(held.blocks)}")
        held.blocks.append("\n".join(lines[i:end]))
        i = end
    held.markdown = "\n".join(out)
    return held


def _block_end(lines: list[str], start: int) -> int | None:
    """The index after the last line of the raw block starting at `lines[start]`, if one does."""
    opener = _OPENS.match(lines[start])
    if not opener or opener[1].lower() not in BLOCK_TAGS:
        return None
    depth: int | None = 0
    for i in range(start, len(lines)):
        line = lines[i]
        if i > start and not line.strip():
            return None  # Markdown would treat what follows differently: leave it to Markdown
        depth = _depth_after(line, depth or 0)
        if depth is None:
            return None
        if depth == 0:
            if not line.rstrip().endswith(">"):
                return None  # text after the closing tag: Markdown may make it a paragraph
            after = i + 1
            return after if after == len(lines) or not lines[after].strip() else None
    return None


def _depth_after(line: str, depth: int) -> int | None:
    """The nesting depth after `line`, from `depth` before it; None when unsure (a stray closing
    tag, or a script or style element not closed on the same line)."""
    pos = 0
    while True:
        m = _TAG.search(line, pos)
        if not m:
            return depth
        pos = m.end()
        if m[2] is None:
            continue  # a comment
        name = m[2].lower()
        if m[1]:
            depth -= 1
            if depth < 0:
                return None
        elif name in ("script", "style"):
            close = _RAW_TEXT.search(line, pos)
            if not close:
                return None
            pos = close.end()
        elif not m[3] and name not in VOID_TAGS:
            depth += 1
