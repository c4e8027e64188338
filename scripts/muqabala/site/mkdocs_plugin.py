"""The only module that talks to MkDocs: a thin plugin over the core.

Before MkDocs collects the pages, it sets the nav and, unless `muqabala build` has just done
so for the same data, writes the Markdown generated from the data into the docs dir (only
files whose text changed, so `mkdocs serve` does not loop).
A generated page's HTML blocks skip Markdown (`prerendered`) and its search entries are made
here rather than by Material's search, which indexes the hand-written pages (`searchindex`).
After each page is rendered, it puts `dir` on `<html>`, where Material only sets it on `<body>`.
In a dirty build (`mkdocs build --dirty`, which `muqabala build` runs after an edit) the search
index keeps the entries of the pages not built again from the index it replaces.
"""

from __future__ import annotations

import html
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
import jinja2.bccache
from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from muqabala.data.errors import DataError, show
from muqabala.site import assets, pages, prerendered, searchindex
from muqabala.site.render.escape import url_attr
from muqabala.vocabulary import GENERATED, RTL_LANGUAGES

log = logging.getLogger("mkdocs.plugins.muqabala")


class _CompiledTemplates(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory for the life of the process.

    Jinja checks each against its template's source; the code also depends on the environment's
    syntax, extensions, filters and tests (a plugin may add some), which are part of the key.
    An environment whose autoescaping is decided by a function is not served from here.
    """

    def __init__(self) -> None:
        self.code: dict[tuple[object, ...], bytes] = {}

    @staticmethod
    def _key(bucket: jinja2.bccache.Bucket) -> tuple[object, ...] | None:
        env = bucket.environment
        if not isinstance(env.autoescape, bool):
            return None
        syntax = (
            *(env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string),
            *(env.comment_start_string, env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix),
            *(env.trim_blocks, env.lstrip_blocks, env.newline_sequence, env.keep_trailing_newline),
            *(env.optimized, env.is_async, env.autoescape, type(env).__qualname__),
        )
        return (bucket.key, syntax, tuple(sorted(env.extensions)), tuple(sorted(env.filters)), tuple(sorted(env.tests)))

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        code = self.code.get(key) if key is not None else None
        if code is not None:
            bucket.bytecode_from_string(code)  # dropped by Jinja when the source's checksum differs

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        key = self._key(bucket)
        if key is not None:
            self.code[key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


class MuqabalaConfig(Config):
    data_root = c.Optional(c.Dir(exists=True))
    """Folder holding issuers/, statements/, articles/ and lexicon/ (default: beside mkdocs.yml)."""
    edit_base = c.Optional(c.Type(str))
    """The repository's edit address, e.g. https://github.com/o/r/edit/main/: "Edit this page"
    opens the data file of a generated page, or the Markdown of a hand-written one, under it.
    Without it the site has no "Edit this page" link."""


class MuqabalaPlugin(BasePlugin[MuqabalaConfig]):
    dirty = False
    """`mkdocs build --dirty`: only pages whose Markdown is newer than their HTML are built."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty

    def on_config(self, config: Any) -> Any:
        edit_base = self.config.edit_base
        if edit_base is not None and (urlsplit(edit_base).scheme.lower() not in ("http", "https") or "\n" in edit_base):
            raise PluginError(
                "muqabala: edit_base must be an http:// or https:// address, like "
                f"https://github.com/o/r/edit/main/ (got {show(edit_base)})"
            )
        report_error = str(config.extra.get("report_error") or "")
        if report_error and (
            urlsplit(report_error).scheme.lower() not in ("http", "https", "mailto") or re.search(r"\s", report_error)
        ):
            raise PluginError(
                "muqabala: extra.report_error must be an http://, https:// or mailto: address, like "
                f"mailto:corrections@example.org (got {show(report_error)})"
            )
        # Material prints these into the page both with and without `| e`: escaped once here, and
        # marked safe so that `| e` does not escape them twice.
        for key in ("site_name", "site_description", "site_author"):
            if config.get(key):
                config[key] = Markup(html.escape(str(config[key]), quote=True))
        self.lang = str(config.theme["language"])
        self.root = Path(self.config.data_root or Path(config.config_file_path).parent).resolve()
        self.sources: dict[str, str] = {}
        self.held: dict[str, prerendered.Held] = {}
        # Each page's entries of the search index in build order (None: Material indexes it),
        # when Material's search plugin makes an index.
        search = config.plugins.get(MATERIAL_SEARCH)
        self.search_pages: list[searchindex.PageEntries] | None = (
            [] if search is not None and search.config.get("enabled", True) else None
        )
        # A dirty build indexes the pages it builds: the others keep their entries of the index
        # it replaces, read before Material writes over it. `order`: every page, in build order.
        self.previous_index: list[dict[str, Any]] | None = None
        self.order: list[str] = []
        # site_url names the site's root; each language lives one folder below it.
        site_url = os.environ.get(pages.SITE_URL_ENV, "").strip() or config.site_url or ""
        if site_url and not pages.valid_site_url(site_url):
            raise PluginError(
                f"muqabala: site_url (or {pages.SITE_URL_ENV}) must be the http:// or https:// address of "
                f"the site's root, like https://example.org/muqabala/ (got {show(site_url)})"
            )
        root = site_url.rstrip("/") + "/" if site_url else None
        config.site_url = f"{root}{self.lang}/" if root else None
        config.extra["muqabala_root"] = root
        return config

    def on_pre_build(self, config: Any) -> None:
        # `muqabala build` has written the pages of both languages already; a plain
        # `mkdocs build` or `mkdocs serve`, or data changed since, generates them here.
        generated = pages.pregenerated(self.root, Path(config.docs_dir), self.lang)
        try:
            generated = generated or pages.generate(self.root, Path(config.docs_dir), self.lang)
        except DataError as e:
            raise PluginError("muqabala: the data has problems\n" + e.report()) from None
        for path in generated.written:
            log.debug("muqabala: wrote %s", path)
        self.sources = generated.sources
        config.nav = generated.nav
        if self.dirty and self.search_pages is not None:
            self.previous_index = searchindex.previous_docs(Path(config.site_dir) / "search" / "search_index.json")

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        self.order = [f.page.url for f in files.documentation_pages() if f.page is not None]
        # Every build makes a new environment, which compiled the theme's templates anew each time
        # (0.3–1.6 s of a dirty build in `serve`'s long-lived MkDocs processes). Kept per process,
        # keyed by each template's name and checked against its source, so an edited template
        # is compiled again.
        if env.bytecode_cache is None:
            env.bytecode_cache = _TEMPLATES
        return env

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        # `mkdocs serve` must rebuild when the data changes, not only the pages.
        for folder in pages.DATA_FOLDERS:
            if (self.root / folder).is_dir():
                server.watch(str(self.root / folder))
        return server

    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        # A generated page's HTML blocks are finished: Markdown is handed the rest (headings,
        # tables) and the blocks go back in `on_page_content` (see site.prerendered).
        if page.file.src_uri.split("/", 1)[0] not in GENERATED:
            return markdown
        held = prerendered.hold(markdown)
        self.held[page.file.src_uri] = held
        if self.search_pages is not None:
            # Material's search would parse the finished page again: its entries are made in
            # `on_page_content` instead (the search plugin runs before this one).
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
        return held.markdown

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        held = self.held.pop(page.file.src_uri, None)
        if held is None:
            if self.search_pages is not None:
                self.search_pages.append((page.url, None))
            return html
        try:
            html = held.put_back(html)
        except ValueError as e:
            raise PluginError(f"muqabala: {page.file.src_uri}: {e}") from None
        if page.present_anchor_ids is not None:
            page.present_anchor_ids |= held.anchor_ids()
        if self.search_pages is not None:
            title = str(page.meta.get("title", page.title))
            entries = searchindex.page_entries(html, page.url, title, page.meta)
            self.search_pages.append((page.url, entries))
        return html

    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        # A generated page is edited in its YAML, not in its Markdown; a hand-written one in its
        # Markdown, under the docs folder.
        source = self.sources.get(page.file.src_uri)
        if source is None:
            docs = Path(config.docs_dir).resolve()
            folder = docs.relative_to(self.root).as_posix() if docs.is_relative_to(self.root) else ""
            source = f"{folder}/{page.file.src_uri}" if folder else page.file.src_uri
        page.edit_url = pages.edit_link(source, self.config.edit_base)
        if page.edit_url:
            # Material prints it into href="…" unescaped; it comes from config values and file names.
            page.edit_url = url_attr(page.edit_url)
        return context

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return self._set_direction(output)

    def on_post_template(self, output: str, template_name: str, config: Any) -> str:
        if template_name != "404.html":
            return output
        if not config.site_url:
            # A host serves the 404 page for a missing address at any depth, and MkDocs writes its
            # links from the server's root. Without site_url the site's folder is found in the
            # address itself: the links are made relative to this language's folder, and a <base>
            # set before anything loads points there (the search's settings follow it).
            output = _ROOTED.sub(lambda m: f'{m[1]}="{"../" + m[3] if m[2] else m[3] or "./"}"', output)
            head, config_fix = pages.not_found_scripts(self.lang)
            output = output.replace("<head>", "<head>" + head, 1)
            output = _CONFIG.sub(lambda m: m[1] + config_fix, output, count=1)
        return self._set_direction(output)

    def on_post_build(self, config: Any) -> None:
        # Material's index holds the hand-written pages: ours are added, and all are folded for
        # Arabic search (the reader's query is folded by assets/javascripts/muqabala-search.js).
        index = Path(config.site_dir) / "search" / "search_index.json"
        if index.is_file() and self.previous_index is not None:
            searchindex.merge_entries(index, self.search_pages or [], self.order, self.previous_index)
        elif index.is_file():
            searchindex.add_entries(index, self.search_pages or [])
        search = config.plugins.get(MATERIAL_SEARCH)
        languages = {self.lang, *(getattr(search, "config", {}).get("lang") or [])} if search else {self.lang}
        saved = assets.trim(Path(config.site_dir), languages)
        log.debug("muqabala: %d bytes of source maps and search languages left out", saved)

    def _set_direction(self, output: str) -> str:
        direction = "rtl" if self.lang in RTL_LANGUAGES else "ltr"
        return re.sub(r"<html(?![^>]*\bdir=)", f'<html dir="{direction}"', output, count=1)


MATERIAL_SEARCH = "material/search"
"""The name MkDocs gives Material's search plugin (`search` in mkdocs.yml)."""
_ROOTED = re.compile(r'\b(href|src)="/(?!/)(\.\./)?([^"]*)"')
_CONFIG = re.compile(r'(<script id="__config"[^>]*>.*?</script>)', re.S)
