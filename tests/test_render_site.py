"""Hostile data through the whole build: real MkDocs, Material, plugin and engine in tmp_path."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from muqabala.site.build import build
from render_fakes import HOSTILE, hostile_corpus
from test_render_pages import parse

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    corpus = hostile_corpus(root)
    for folder, items in (
        ("issuers", corpus.issuers),
        ("statements", corpus.statements),
        ("articles", corpus.articles),
    ):
        (root / folder).mkdir()
        for item in items.values():
            data = item.model_dump(mode="json", exclude_none=True, exclude_defaults=False)
            text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
            (root / folder / f"{item.id}.yaml").write_text(text, encoding="utf-8")
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        shutil.copy(REPO / name, root / name)
    shutil.copytree(REPO / "overrides", root / "overrides")
    shutil.copytree(REPO / "lexicon", root / "lexicon")
    for lang in ("en", "ar"):
        for page in ("index.md", "methodology.md", "guide.md", "about.md"):
            path = root / "content" / lang / page
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"# {page[:-3]} {{ #top }}\n\nText.\n", encoding="utf-8")
    build(root)
    return root / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "/assets/" not in p.as_posix())


def test_no_hostile_markup_survives_the_build(site):
    pages = _pages(site)
    assert len(pages) > 10
    for path in pages:
        text = path.read_text(encoding="utf-8")
        for tag, attrs in parse(text).tags:
            assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
        # Every script is Material's, ours, or JSON: none carries the data's code.
        for attrs, body in re.findall(r"<script([^>]*)>(.*?)</script>", text, re.S):
            assert "alert(1)" not in body or "application/ld+json" in attrs, (path, attrs)
        assert "<script>alert(1)" not in text, path
        title = re.search(r"<title>(.*?)</title>", text, re.S)
        assert title and "<" not in title.group(1), (path, title and title.group(1))
        for script in re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S):
            json.loads(script)


def test_hostile_text_reads_literally_on_the_statement_page(site):
    text = (site / "en" / "statements" / "st" / "index.html").read_text(encoding="utf-8")
    visible = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<script.*?</script>", "", text, flags=re.S)))
    assert "<script>alert(1)</script>" in visible
    assert "{{ x }}" in visible and "*b* _i_ `c` [l](u)" in visible
    assert HOSTILE.split(" ")[0] in visible
