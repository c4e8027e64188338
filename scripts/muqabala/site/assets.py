"""What the build leaves out of the theme's files: source maps, and search languages not used.

Material copies into each language's tree the source maps of its scripts and stylesheets (2.5 MB
for both trees, useful to a theme developer only) and the stemmers of some thirty languages for
its search (0.9 MB a tree), of which a site in Arabic and English loads at most three files. Both
are deleted after MkDocs has written the site; the `sourceMappingURL` comments pointing at the
maps go too, so that a browser's developer tools ask for nothing that is not there.
"""

from __future__ import annotations

import re
from pathlib import Path

LUNR = Path("assets") / "javascripts" / "lunr"
"""Material's search languages, under a language's tree."""

_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=[^\n]*|/\*# sourceMappingURL=[^*]*\*/)[ \t]*$")


def kept_search_files(languages: set[str]) -> set[str]:
    """The files under `lunr/` that the search worker loads for `languages`: the stemmer support
    and each language's stemmer (English has none), and the multi-language glue."""
    return {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"} | {
        f"min/lunr.{lang}.min.js" for lang in languages if lang != "en"
    }


def trim(site_dir: Path, search_languages: set[str]) -> int:
    """Delete the source maps and the unused search languages of one language's tree
    (`site_dir`), and the comments that name the maps; the bytes saved."""
    saved = 0
    assets = site_dir / "assets"
    for path in sorted(assets.rglob("*.map")) if assets.is_dir() else []:
        saved += path.stat().st_size
        path.unlink()
    for path in sorted(assets.rglob("*")) if assets.is_dir() else []:
        if path.suffix in (".js", ".css") and path.is_file():
            data = path.read_bytes()
            trimmed = _MAP_COMMENT.sub(b"", data.rstrip(b"\n"))
            if trimmed != data.rstrip(b"\n"):
                path.write_bytes(trimmed + b"\n")
                saved += len(data) - len(trimmed) - 1
    lunr = site_dir / LUNR
    keep = kept_search_files(search_languages)
    for path in sorted(lunr.rglob("*")) if lunr.is_dir() else []:
        if path.is_file() and path.relative_to(lunr).as_posix() not in keep:
            saved += path.stat().st_size
            path.unlink()
    return saved
