"""Where a generated page is served, and relative links between pages and to the site root.

Links inside raw HTML are not rewritten by MkDocs, so they are computed here for
`use_directory_urls: true`: `checks/x/c.md` is served at `<lang>/checks/x/c/`.
"""

from __future__ import annotations

import posixpath


def page_dir(path: str) -> str:
    """The folder URL a docs-relative Markdown path is served at (`checks/x/c.md` → `checks/x/c/`)."""
    stem = path.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _depth(path: str) -> int:
    return len([p for p in page_dir(path).split("/") if p])


def rel(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """Relative link from one generated page to another, with an optional `#anchor`."""
    target = page_dir(to_page)
    here = page_dir(from_page)
    if target == here and anchor:
        return f"#{anchor}"
    link = posixpath.relpath(target or ".", here or ".")
    link = "./" if link == "." else link + "/"
    return link + (f"#{anchor}" if anchor else "")


def to_root(from_page: str, target: str) -> str:
    """Relative link from a page of one language tree to a file at the site root (`data/report.json`)."""
    return "../" * (_depth(from_page) + 1) + target


def checks_path(article_id: str) -> str:
    """An article's index of checks (served at `checks/<article>/`)."""
    return f"checks/{article_id}/index.md"


def claim_path(article_id: str, claim_id: str) -> str:
    """A claim's page (served at `checks/<article>/<claim>/`: the URL comes from the claim's id)."""
    return f"checks/{article_id}/{claim_id}.md"
