"""Issue #6, item 2: a site whose data is all attack, opened page by page in a real browser.

Every text field of a tiny project (issuer names and role, statement title, sentences,
translations and notes, article outlet, headline, sentences, translations, notes, an
override's editor and note) carries payloads that set `window.__pwned` if they ever run:
script and event-handler tags, Markdown links to javascript: and data: addresses, a raw HTML
block, an attribute break-out, a JSON-LD break-out, Jinja syntax and a sentence as long as a
sentence may be (3,000 characters; issue #16 set the limit). Both site configurations carry
payloads too (issue #16): the site name, and an `edit_base` that "Edit this page" links are
built from. The build must accept them as text; then every page of both languages is opened in
chromium, its claims hovered, focused and clicked, and the flag must stay undefined, no
request may leave 127.0.0.1, and the payloads must read literally on the page.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from test_site import CHROMIUM, LAUNCH_ARGS, _QuietHandler

from conftest import write_tree
from test_build import tiny_site

pytestmark = pytest.mark.browser

PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    "[x](javascript:window.__pwned=3)",
    "[y](data:text/html,<script>parent.__pwned=4</script>)",
    '" onmouseover="window.__pwned=6" x="',
    "</script><script>window.__pwned=7</script>",
    "{{ config }}",
    "{% raw %}",
    "<svg onload=window.__pwned=8>",
)
ALL = " ".join(PAYLOADS)
BLOCK = '<div onclick="window.__pwned=5">\n\nclick me\n\n</div>'
"""Starts a raw HTML block if it ever reaches Markdown at the start of a line."""
LONG = ("word " * 600).strip()
"""The longest text a sentence may have: 3,000 characters (less one space)."""
SITE_NAME = "Muqabala <script>window.__pwned=10</script>"
EDIT_BASE = 'https://example.org/edit/"><img src=x onerror="window.__pwned=9">/'
"""Config values: the site name Material prints unescaped, and the base of "Edit this page"."""


def text(label: str) -> str:
    return f"{label} {ALL}"


def note(label: str) -> dict[str, str]:
    return {"en": f"{BLOCK} {text(label)}", "ar": f"{BLOCK} {text('ملاحظة ' + label)}"}


def hostile_files() -> dict[str, str]:
    """The tiny project's three data files, every text field carrying the payloads."""
    issuer = {
        "schema_version": 1,
        "id": "gov",
        "kind": "government",
        "name": {"ar": text("الحكومة"), "en": text("The Government")},
    }
    person = {
        "schema_version": 1,
        "id": "minister",
        "kind": "person",
        "parent": "gov",
        "name": {"ar": text("الوزير"), "en": text("The Minister")},
        "role": note("role"),
    }
    statement = {
        "schema_version": 1,
        "id": "st",
        "case": "case-1",
        "issuer": "gov",
        "speaker": "minister",
        "title": {"text": text("A title"), "translations": {"ar": text("عنوان")}},
        "date": "2021-07-19T11:35+02:00",
        "url": "https://example.org/a",
        "url_note": note("url"),
        "no_archive_reason": note("archive"),
        "language": "en",
        "completeness": "partial",
        "completeness_note": note("partial"),
        "translator": text("Translator"),
        "paragraphs": [
            {
                "sentences": [
                    {
                        "id": "p1-s1",
                        "text": text("The activity was undertaken from the territory of Ruritania."),
                        "translations": {"ar": text("نُفّذ النشاط من أراضي روريتانيا.")},
                        "note": note("sentence"),
                    },
                    {"id": "p1-s2", "text": LONG, "translations": {"ar": text("جملة طويلة")}},
                ]
            }
        ],
    }
    article = {
        "schema_version": 1,
        "id": "art",
        "case": "case-1",
        "outlet": {"ar": text("صحيفة"), "en": text("A paper")},
        "outlet_note": note("outlet"),
        "no_url_reason": note("url"),
        "date": "2021-07-20",
        "date_note": note("date"),
        "language": "ar",
        "translator": text("Translator"),
        "headline": {
            "id": "headline",
            "text": text("عنوان الخبر"),
            "translations": {"en": text("The headline")},
            "note": note("headline"),
        },
        "paragraphs": [
            {
                "sentences": [
                    {
                        "id": "p1-s1",
                        "text": text("قالت الحكومة إن النشاط جاء من أراضي روريتانيا."),
                        "translations": {"en": text("The government said the activity came from Ruritania.")},
                        "note": note("claim"),
                    },
                    {
                        "id": "p1-s2",
                        "text": text("أول من اتهم روريتانيا كانت الحكومة بأكثر من 70 منظمة."),
                        "translations": {
                            "en": text("The government was the first to accuse Ruritania over 70 bodies.")
                        },
                    },
                    {
                        "id": "p1-s3",
                        "text": text("رابط"),
                        "translations": {"en": LONG},
                        "claim": False,
                        "not_claim_reason": note("not a claim"),
                    },
                ]
            }
        ],
        "overrides": [
            {
                "claim": "p1-s1",
                "verdict": "misleading",
                "evidence": ["st#p1-s1"],
                "editor": text("Editor"),
                "date": "2024-01-01",
                "note": note("override"),
            }
        ],
    }
    dump = functools.partial(yaml.safe_dump, allow_unicode=True, sort_keys=False, width=1 << 20)
    return {
        "issuers/gov.yaml": dump(issuer),
        "issuers/minister.yaml": dump(person),
        "statements/st.yaml": dump(statement),
        "articles/art.yaml": dump(article),
    }


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from muqabala.site.build import build

    root = tiny_site(tmp_path_factory.mktemp("payloads"))
    write_tree(root, hostile_files())
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        config = (root / name).read_text(encoding="utf-8").replace("  - muqabala\n", "  - muqabala:\n")
        config = re.sub(r"^site_name: .*$", lambda _: f"site_name: {json.dumps(SITE_NAME)}", config, flags=re.M)
        config = config.replace("  - muqabala:\n", f"  - muqabala:\n      edit_base: {json.dumps(EDIT_BASE)}\n")
        (root / name).write_text(config, encoding="utf-8")
    build(root)
    return root / "site"


@pytest.fixture(scope="module")
def served(hostile_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(hostile_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _pages(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if p.relative_to(site).parts[0] in ("en", "ar") and "assets" not in p.parts
    )


PWNED = "() => typeof window.__pwned === 'undefined' && typeof parent.__pwned === 'undefined'"
POKE = """() => {
  for (const el of document.querySelectorAll('.md-content *')) {
    for (const type of ['mouseover', 'mouseenter', 'mousemove']) {
      el.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    }
    el.dispatchEvent(new FocusEvent('focus'));
  }
}"""


def test_no_payload_runs_and_every_one_reads_literally(hostile_site: Path, served: str) -> None:
    from playwright.sync_api import sync_playwright

    pages = _pages(hostile_site)
    assert {
        "en/statements/st/index.html",
        "ar/statements/st/index.html",
        "en/checks/art/index.html",
        "en/checks/art/p1-s1/index.html",
        "ar/articles/art/index.html",
    } <= set(pages)
    blocked: list[str] = []
    dialogs: list[str] = []
    seen = ""
    hovered = clicked = 0
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})

        def route(r: object) -> None:
            url = r.request.url  # type: ignore[attr-defined]
            if urlsplit(url).hostname == "127.0.0.1" or url.startswith(("blob:", "about:")):
                r.continue_()  # type: ignore[attr-defined]
            else:
                blocked.append(url)
                r.abort()  # type: ignore[attr-defined]

        context.route("**/*", route)
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in pages:
            url = f"{served}/{path}"
            page.goto(url)
            page.wait_for_load_state("load")
            assert page.evaluate(PWNED), path
            seen += page.evaluate("document.body.textContent")
            for edit in page.locator("a[rel=edit]").all():
                assert edit.get_attribute("href", timeout=5000).startswith(
                    ("https://example.org/edit/%22%3E%3Cimg%20src=x%20onerror=%22window.__pwned=9%22%3E/", "../")
                ), path
            claims = page.locator("a.mq-claim, mark.mq-span")
            for i in range(claims.count()):
                el = claims.nth(i)
                el.scroll_into_view_if_needed()
                el.hover(timeout=5000)
                el.focus()
                assert page.evaluate(PWNED), (path, "hover", i)
                # Let the tooltip close, so it does not cover the next claim.
                el.evaluate("e => e.blur()")
                page.mouse.move(0, 0)
                hovered += 1
            # An injected handler on any element of the content would fire on these.
            page.evaluate(POKE)
            assert page.evaluate(PWNED), (path, "events")
            for i in range(page.locator("a.mq-claim").count()):
                page.goto(url)
                link = page.locator("a.mq-claim").nth(i)
                link.scroll_into_view_if_needed()
                link.click()
                page.wait_for_load_state("load")
                assert page.evaluate(PWNED), (path, "click", i)
                clicked += 1
            for details in page.locator("details").all():
                if details.is_visible():
                    details.locator("summary").first.click()
            assert page.evaluate(PWNED), (path, "details")
        context.close()
        browser.close()
    assert hovered >= 6 and clicked >= 4, (hovered, clicked)
    assert blocked == []
    assert dialogs == []
    for payload in (*PAYLOADS, '<div onclick="window.__pwned=5">', SITE_NAME):
        assert payload in seen, payload
    assert LONG in seen
