"""Generated pages handed to MkDocs finished: the same HTML, toc, anchors and search entries as before."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import markdown
import pytest
from mkdocs.config import load_config
from mkdocs.utils.meta import get_data

from conftest import REPO
from muqabala.data.corpus import load_corpus
from muqabala.site.prerendered import hold
from muqabala.site.render import render_pages
from muqabala.site.searchindex import page_entries
from render_fakes import hostile_corpus, hostile_report


class Anchors(HTMLParser):
    """What MkDocs collects from raw HTML to check links to anchors: ids, and names of <a>."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            if v is not None and (k == "id" or (k == "name" and tag == "a")):
                self.ids.add(v)


@pytest.fixture(scope="module")
def site_pages(exchange, tmp_path_factory):
    from muqabala.collate.engine import collate

    corpus = load_corpus(exchange)
    report = collate(corpus)
    hostile = hostile_corpus(tmp_path_factory.mktemp("hostile"))
    bad = hostile_report(hostile)
    out = {}
    for lang in ("en", "ar"):
        out[f"exchange {lang}"] = render_pages(corpus, report, lang).files
        out[f"hostile {lang}"] = render_pages(hostile, bad, lang, base_url="https://example.org/site").files
    return out


def converter(lang: str) -> markdown.Markdown:
    config = load_config(str(REPO / ("mkdocs.yml" if lang == "en" else "mkdocs.ar.yml")))
    return markdown.Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


@pytest.mark.parametrize("which", ["exchange en", "exchange ar", "hostile en", "hostile ar"])
def test_held_pages_give_the_same_html_toc_and_anchors(site_pages, which: str) -> None:
    md = converter(which.split()[1])
    pages = {rel: text for rel, text in site_pages[which].items() if rel.endswith(".md")}
    held_blocks = 0
    for rel, text in sorted(pages.items()):
        body, _ = get_data(text)
        expected = md.reset().convert(body)
        toc = md.toc_tokens  # type: ignore[attr-defined]
        held = hold(body)
        got = held.put_back(md.reset().convert(held.markdown))
        assert got == expected, rel
        assert md.toc_tokens == toc, rel  # type: ignore[attr-defined]
        anchors = Anchors()
        anchors.feed("\n".join(held.blocks))
        assert held.anchor_ids() == anchors.ids, rel
        held_blocks += len(held.blocks)
    assert held_blocks > len(pages)  # most of each page is held


def test_html_markdown_would_change_is_left_to_markdown() -> None:
    text = (
        "Intro\n\n"
        "```html\n\n<div>code</div>\n\n```\n\n"  # in a code block
        "<div>open\n\n</div>\n\n"  # a blank line inside
        "<div>x</div>\ntext right after\n\n"  # no blank line after
        "<div>x</div> and a tail\n\n"  # text after the closing tag
        "<span>inline</span>\n\n"  # not a block tag
        "</div>\n\n"  # a stray closing tag
        '<script type="application/ld+json">{"a": "</p>"}</script>\n\n'
        '<div id="a&amp;b"><a name="n">x</a><p name="no">y</p></div>'
    )
    held = hold(text)
    assert held.blocks == [
        '<script type="application/ld+json">{"a": "</p>"}</script>',
        '<div id="a&amp;b"><a name="n">x</a><p name="no">y</p></div>',
    ]
    assert held.markdown == text.replace(held.blocks[0], f"{held.token}0").replace(held.blocks[1], f"{held.token}1")
    assert held.anchor_ids() == {"a&b", "n"}


def test_a_placeholder_markdown_did_not_keep_is_an_error() -> None:
    held = hold("<div>x</div>\n\n<div>y</div>")
    with pytest.raises(ValueError, match="^1 of 2 HTML blocks lost in Markdown$"):
        held.put_back(f"<p>{held.token}0</p>\n<h2>{held.token}1</h2>")


def _material_entries(content: str, url: str, title: str, meta: dict | None = None) -> list[dict[str, str]]:
    """What Material's search plugin indexes of a page: the oracle of `page_entries`."""
    from material.plugins.search.plugin import SearchIndex

    index = SearchIndex()
    index.add_entry_from_context(SimpleNamespace(meta=meta or {}, content=content, toc=[], url=url, title=title))
    return index.entries


@pytest.mark.parametrize("which", ["exchange en", "exchange ar", "hostile en", "hostile ar"])
def test_search_entries_of_generated_pages_are_materials(site_pages, which: str) -> None:
    md = converter(which.split()[1])
    entries = 0
    for rel, text in sorted(site_pages[which].items()):
        if not rel.endswith(".md"):
            continue
        body, meta = get_data(text)
        held = hold(body)
        content = held.put_back(md.reset().convert(held.markdown))
        url, title = rel.removesuffix(".md") + "/", str(meta.get("title", "Page title"))
        expected = _material_entries(content, url, title)
        assert page_entries(content, url, title) == expected, rel
        entries += len(expected)
    assert entries > len(site_pages[which])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_search_entries_of_hand_written_pages_are_materials(lang: str) -> None:
    # Their Markdown has what ours lacks (code blocks, admonitions, tables, lists in lists).
    md = converter(lang)
    pages = sorted((REPO / "content" / lang).rglob("*.md"))
    assert pages
    for path in pages:
        body, _ = get_data(path.read_text(encoding="utf-8"))
        content = md.reset().convert(body)
        expected = _material_entries(content, "page/", "Title")
        assert page_entries(content, "page/", "Title") == expected, path


def test_search_entries_follow_materials_rules_on_odd_html() -> None:
    content = (
        "<p>before</p>\n"
        '<div><h2 id="a&amp;b">A <code>x</code><a class="headerlink" href="#a">¶</a></h2>\n<p>in  a\nb</p>'
        "<p>  </p><ul><li>one</li><li></li></ul></div>\n"
        '<p>after the div<br/>on</p><script>var x = "<p>no</p>";</script><!-- <p>no</p> -->'
        '<h3 id="gone" data-search-exclude>Gone</h3><p>hidden?</p>'
        "<pre><code>  two\n  lines &lt;&amp;&gt;</code></pre><object><p>no</p></object>"
        '<h1 id="h">Top &quot;q&quot;</h1>text &#x27;x&#x27;<sup>2</sup>'
    )
    assert page_entries(content, "p/", "T") == _material_entries(content, "p/", "T")
    assert [e["location"] for e in page_entries(content, "p/", "T")] == ["p/", "p/#a&b", "p/#h"]
    meta = {"tags": ["x", 2, None], "search": {"boost": 2}}
    assert page_entries(content, "p/", "T", meta) == _material_entries(content, "p/", "T", meta)


def test_the_search_index_is_written_as_json_writes_it_reused_docs_included(tmp_path: Path) -> None:
    # The docs of the last index written are reused as bytes; the file is what `json` writes.
    from muqabala.site import searchindex

    docs = [{"location": f"p{n}/", "title": f"صفحة {n} «é»\u2028", "text": '<p>x\\y "q"</p>'} for n in range(5)]
    data = {"config": {"lang": ["en"], "separator": "[\\s\\-]+"}, "docs": docs}
    path = tmp_path / "search_index.json"
    for kept in (docs, [docs[3], {"location": "new/", "title": "𝔸", "text": ""}, docs[0]], []):
        data["docs"] = kept
        searchindex._write(path, data)
        assert path.read_bytes() == json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        assert searchindex.previous_docs(path) == kept
