"""The built site in a real browser: direction, language switch, claims, search, no leaks.

The site is built once per session into a temporary folder with `muqabala.site.build.build`, the
same code `muqabala build` runs, and served by a stdlib HTTP server on 127.0.0.1. The browser
is Debian's /usr/bin/chromium driven by Playwright, never a downloaded one; if it is missing
the tests fail (the Makefile's `test` target installs it), they do not skip. Every request that
does not go to 127.0.0.1 is aborted and recorded, and so is every console error.

The fixtures live in this module rather than a conftest.py: the other tests import helpers
with `from conftest import …`, which a second conftest module would shadow.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib signature
        pass


@dataclass
class Watch:
    """What the browser did that a test should know about."""

    blocked: list[str] = field(default_factory=list)
    """Requests to anything but 127.0.0.1, aborted."""
    errors: list[str] = field(default_factory=list)
    """Console errors and uncaught page exceptions, with the page they happened on."""


@pytest.fixture(scope="session")
def site(exchange_site: Path) -> Path:
    return exchange_site


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    assert CHROMIUM.is_file(), (
        f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium), "
        "as `make test` does; these tests never download a browser"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, watch: Watch) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def route(r: object) -> None:
        url = r.request.url  # type: ignore[attr-defined]
        host = urlsplit(url).hostname
        if host == "127.0.0.1" or url.startswith(("data:", "blob:", "about:")):
            r.continue_()  # type: ignore[attr-defined]
        else:
            watch.blocked.append(url)
            r.abort()  # type: ignore[attr-defined]

    context.route("**/*", route)
    pg = context.new_page()
    pg.on("console", lambda m: watch.errors.append(f"{pg.url}: {m.text}") if m.type == "error" else None)
    pg.on("pageerror", lambda e: watch.errors.append(f"{pg.url}: {e}"))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


pytestmark = pytest.mark.browser

ARTICLE = "articles/exchange-hack-ar/"
CHECKS = "checks/exchange-hack-ar/"
CLAIM = "checks/exchange-hack-ar/p4-s1/"


def _open(page, base_url: str, path: str) -> None:
    page.goto(f"{base_url}/{path}")
    page.wait_for_load_state("load")


@pytest.mark.parametrize(
    "path", ["", ARTICLE, CHECKS, CLAIM, "compare/", "methodology/", "statements/eu-declaration-2021-07-19/"]
)
def test_arabic_pages_are_right_to_left(page, base_url, path):
    _open(page, base_url, f"ar/{path}")
    assert page.get_attribute("html", "dir") == "rtl"
    assert page.get_attribute("html", "lang") == "ar"
    assert page.evaluate("document.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction") == "rtl"


@pytest.mark.parametrize("path", ["", ARTICLE, "compare/"])
def test_english_pages_are_left_to_right(page, base_url, path):
    _open(page, base_url, f"en/{path}")
    assert page.get_attribute("html", "dir") == "ltr"
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"


def test_arabic_text_is_rtl_inside_english_pages(page, base_url):
    _open(page, base_url, f"en/{ARTICLE}")
    assert page.evaluate("getComputedStyle(document.querySelector('.mq-article .mq-orig')).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('.mq-article .mq-trans')).direction") == "ltr"


@pytest.mark.parametrize("start, other", [("en", "ar"), ("ar", "en")])
@pytest.mark.parametrize("path", [CHECKS, CLAIM, "statements/uk-fcdo-release-2021-07-19/", "compare/"])
def test_language_switcher_lands_on_the_same_page(page, base_url, start, other, path):
    _open(page, base_url, f"{start}/{path}")
    page.hover(".md-header__option .md-select")
    page.click(f"a[data-muqabala-switch='{other}']")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/{other}/{path}"
    assert page.get_attribute("html", "lang") == other


def test_hovering_or_focusing_a_claim_shows_its_verdict(page, base_url):
    _open(page, base_url, f"en/{ARTICLE}")
    claim = page.locator("#p4-s1 a.mq-claim")
    tip = page.locator("#mq-tip-p4-s1")
    assert not tip.is_visible()
    claim.hover()
    assert tip.is_visible() and "Verdict:" in tip.inner_text()
    page.mouse.move(0, 0)
    claim.focus()
    assert tip.is_visible()
    assert claim.get_attribute("aria-describedby") == "mq-tip-p4-s1"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_clicking_a_claim_reveals_its_check(page, base_url, lang):
    _open(page, base_url, f"{lang}/{ARTICLE}")
    page.click("#p4-s1 a.mq-claim")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/{lang}/{CLAIM}"
    assert page.locator("h1.mq-title").is_visible()
    assert page.locator(".mq-check .mq-verdict-line .mq-badge").is_visible()
    # A link to the checks as one page (`checks/<article>/#p4-s1`) lands on the claim's line.
    _open(page, base_url, f"{lang}/{CHECKS}#p4-s1")
    page.click("[id='p4-s1'] a")
    page.wait_for_load_state("load")
    assert urlsplit(page.url).path == f"/{lang}/{CLAIM}"


def _search(page, query: str) -> list[str]:
    box = page.locator("input[data-md-component='search-query']")
    page.click("label.md-search__icon[for='__search']") if not box.is_visible() else None
    box.fill(query)
    box.press("End")  # Material reads the box on keyup
    page.wait_for_function(
        # Neither "type to search" nor "initializing search" (the index is still loading).
        "() => !/اكتب|Type|بدء البحث|Initializing/.test(document.querySelector('.md-search-result__meta').textContent)",
        timeout=10_000,
    )
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")


@pytest.mark.parametrize(
    "query, page_has",
    [
        ("بيانا", "بيانًا"),  # the article writes it with tanween: folding the index finds it
        ("أيضا", "أيضًا"),
        ("تَجَسُّس", "تجسس"),  # the reader adds marks the text lacks: folding the query finds it
    ],
)
def test_arabic_search_ignores_diacritics_and_stays_arabic(page, base_url, query, page_has):
    _open(page, base_url, f"ar/{ARTICLE}")
    assert page_has in page.inner_text(".mq-article")
    page.wait_for_timeout(300)
    paths = sorted({urlsplit(h).path for h in _search(page, query)})
    assert f"/ar/{ARTICLE}" in paths, (query, paths)
    assert all(p.startswith("/ar/") for p in paths), paths


def test_search_results_are_the_same_with_and_without_marks(page, base_url):
    _open(page, base_url, "ar/")
    with_marks = sorted({urlsplit(h).path for h in _search(page, "سلوكًا صينيًا")})
    without = sorted({urlsplit(h).path for h in _search(page, "سلوكا صينيا")})
    assert with_marks and with_marks == without


def test_arabic_search_finds_the_article(page, base_url):
    _open(page, base_url, "ar/")
    paths = {urlsplit(h).path for h in _search(page, "هافنيوم")}
    assert f"/ar/{CHECKS}" in paths or f"/ar/{ARTICLE}" in paths, paths
    assert all(p.startswith("/ar/") for p in paths)


def test_english_search_finds_a_statement_sentence(page, base_url):
    # Generated pages are indexed by our plugin, not by Material's search (site/searchindex.py).
    _open(page, base_url, "en/")
    sentence = "The attacks took place in early 2021, affecting over a quarter of a million servers worldwide."
    paths = {urlsplit(h).path for h in _search(page, sentence)}
    assert "/en/statements/uk-fcdo-release-2021-07-19/" in paths, paths
    assert all(p.startswith("/en/") for p in paths), paths


@pytest.mark.parametrize(
    "query, page_has",
    [
        ("اراضي", "أراضي"),  # typed without the hamza
        ("الاوروبي", "الأوروبي"),  # with the article, without the hamza
        ("اختراق", "الاختراق"),  # without the article the text has
    ],
)
def test_arabic_search_folds_hamza_and_attached_prefixes(page, base_url, site, query, page_has):
    _open(page, base_url, "ar/")
    _search(page, query)
    # The meta line leaves "type to search" while the index is still loading («بدء البحث»): wait for
    # results (a query the folding fails to match times out here).
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 0", timeout=10_000)
    paths = sorted(
        {
            urlsplit(h).path
            for h in page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.href)")
        }
    )
    assert paths and all(p.startswith("/ar/") for p in paths), (query, paths)
    found = [p for p in paths if page_has in (site / p.lstrip("/") / "index.html").read_text(encoding="utf-8")]
    assert found, (query, paths)
    # The box keeps what the reader typed; only the worker sees the folded query.
    assert page.input_value("input[data-md-component='search-query']") == query


def test_screenshots(page, base_url, artifacts):
    shots = [
        (f"{lang}/{path}", f"{name}-{lang}.png")
        for lang in ("en", "ar")
        for path, name in ((ARTICLE, "article"), (CLAIM, "check"), ("compare/", "compare"))
    ]
    for path, name in shots:
        _open(page, base_url, path)
        if "#" in path:
            page.locator(f"[id='{unquote(path.split('#')[1])}']").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / name))
        assert (artifacts / name).stat().st_size > 10_000
    # The README's pictures change only on purpose, like golden files.
    if os.environ.get("MUQABALA_UPDATE_SCREENSHOTS") == "1":
        readme = REPO / "docs" / "screenshots"
        readme.mkdir(parents=True, exist_ok=True)
        for name in ("article-ar.png", "article-en.png", "check-ar.png", "check-en.png"):
            shutil.copyfile(artifacts / name, readme / name)


PHONE = {"width": 390, "height": 844}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize(
    "path", ["", ARTICLE, CHECKS, CLAIM, "checks/exchange-hack-ar/p19-s1/", "compare/", "404.html"]
)
def test_no_page_is_wider_than_a_phone(browser, base_url, lang, path):
    context = browser.new_context(viewport=PHONE)
    try:
        pg = context.new_page()
        pg.goto(f"{base_url}/{lang}/{path}")
        pg.wait_for_load_state("load")
        widths = pg.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1], (path, widths)
        wide = pg.evaluate(
            """() => [...document.querySelectorAll('.md-content *')].filter(e => {
                 const r = e.getBoundingClientRect();
                 return r.width > 0 && (r.right > innerWidth + 1 || r.left < -1)
                   && !e.closest('.mq-table-wrap, figure.mq-figure');
               }).slice(0, 5).map(e => e.tagName + '.' + e.className)"""
        )
        assert wide == [], (path, wide)
        # The chart shown (the compact one on a phone; the wide one is not displayed).
        smallest = pg.evaluate(
            "Math.min(...[...document.querySelectorAll('svg.mq-chart text')]"
            ".filter(t => t.ownerSVGElement.getBoundingClientRect().width > 0)"
            ".map(t => parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a), 99)"
        )
        assert smallest >= 12, (path, smallest)
        # No sideways swipe: the page does not scroll across, and the navigation drawer stays off screen.
        pg.evaluate("window.scrollTo(-5000, 0); window.scrollBy(10000, 0)")
        assert pg.evaluate("window.scrollX") == 0, path
        pg.evaluate("window.scrollTo(-5000, 0)")
        assert pg.evaluate("window.scrollX") == 0, path
        drawer = pg.evaluate(
            "(() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();"
            " return [r.left, r.right]; })()"
        )
        assert drawer[1] <= 0 or drawer[0] >= PHONE["width"], (path, drawer)
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_comparison_is_one_card_per_statement_on_a_phone(browser, base_url, lang):
    context = browser.new_context(viewport=PHONE)
    try:
        pg = context.new_page()
        pg.goto(f"{base_url}/{lang}/compare/")
        pg.wait_for_load_state("load")
        cards = pg.evaluate(
            """() => [...document.querySelectorAll('table.mq-compare tbody tr')].map(tr => {
                 const r = tr.getBoundingClientRect();
                 return [getComputedStyle(tr).display, r.left, r.right, tr.querySelectorAll('td').length];
               })"""
        )
        assert cards, lang
        for display, left, right, cells in cards:
            assert display == "block" and left >= 0 and right <= PHONE["width"], (lang, display, left, right)
            assert cells == 8
        # Each value is headed by its facet's name, and nothing scrolls inside the box.
        label = pg.evaluate("getComputedStyle(document.querySelector('table.mq-compare td'), '::before').content")
        assert label.strip('"') in ("Date", "التاريخ"), label
        box = pg.evaluate(
            "(() => { const w = document.querySelector('.mq-table-wrap'); return [w.scrollWidth, w.clientWidth]; })()"
        )
        assert box[0] <= box[1], box
        shown = pg.evaluate("[...document.querySelectorAll('svg.mq-chart')].map(s => getComputedStyle(s).display)")
        assert shown == ["none", "block"], shown
        excerpt = pg.evaluate("document.querySelector('.mq-excerpt').textContent")
        assert excerpt == ("excerpt" if lang == "en" else "مقتطف")
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_deleted_and_an_inserted_word_are_never_glued(page, base_url, lang):
    deleted, glued = 0, []
    for claim in _claim_pages(page, base_url, lang):
        _open(page, base_url, claim)
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        glued += _glued(page)
        deleted += page.locator(".mq-diff del").count()
    assert deleted > 0
    assert glued == []


def _claim_pages(page, base_url: str, lang: str) -> list[str]:
    """The claim pages of the article, as its index of checks links to them (site-relative)."""
    _open(page, base_url, f"{lang}/{CHECKS}")
    links = page.eval_on_selector_all(".mq-claim-index a", "els => els.map(a => new URL(a.href).pathname)")
    assert len(links) > 20
    return [link.lstrip("/") for link in links]


def _glued(page) -> list[str]:
    return page.evaluate(
        r"""() => {
          const out = [];
          for (const el of document.querySelectorAll('.mq-diff del, .mq-diff ins')) {
            let gap = '', next = el.nextSibling;
            while (next && next.nodeType === Node.TEXT_NODE && !next.textContent.trim()) {
              gap += next.textContent; next = next.nextSibling;
            }
            if (!next || next.nodeType !== Node.ELEMENT_NODE || !['DEL', 'INS'].includes(next.tagName)) continue;
            const seam = el.textContent.slice(-1) + gap + next.textContent.slice(0, 1);
            if (!/\s/.test(seam)) out.push(el.textContent + '|' + next.textContent);
          }
          return out;
        }"""
    )


SCHEMA = json.loads((REPO / "tests" / "schemas" / "claimreview.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def addressed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shipped case built with its address (`MUQABALA_SITE_URL`) set to where it is served on
    this machine: every ClaimReview then carries absolute addresses, as published."""
    from conftest import project_from
    from muqabala.site.build import build

    folder = tmp_path_factory.mktemp("addressed")
    site = folder / "site"
    site.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    url = f"http://127.0.0.1:{server.server_address[1]}"
    before = os.environ.get("MUQABALA_SITE_URL")
    os.environ["MUQABALA_SITE_URL"] = url + "/"
    try:
        build(project_from(folder / "project"), site)
    finally:
        if before is None:
            del os.environ["MUQABALA_SITE_URL"]
        else:
            os.environ["MUQABALA_SITE_URL"] = before
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield url
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_each_claim_page_has_one_valid_claim_review_and_links_to_its_neighbours(page, addressed_url, lang):
    import jsonschema

    validator = jsonschema.Draft202012Validator(SCHEMA)
    claims = _claim_pages(page, addressed_url, lang)
    titles = set()
    for i, claim in enumerate(claims):
        _open(page, addressed_url, claim)
        blocks = page.eval_on_selector_all("script[type='application/ld+json']", "els => els.map(e => e.textContent)")
        if page.locator(".mq-verdict-line .mq-v-not-a-claim").count():
            assert blocks == [], claim
        else:
            (block,) = blocks
            review = json.loads(block)
            assert review["url"] == f"{addressed_url}/{claim}" == page.url, claim
            errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(review)]
            assert errors == [], (claim, errors)
        titles.add(page.title())
        neighbours = page.eval_on_selector_all(
            ".mq-claim-nav a", "els => els.map(a => [a.rel, new URL(a.href).pathname.slice(1)])"
        )
        expected = ([["prev", claims[i - 1]]] if i else []) + ([["next", claims[i + 1]]] if i + 1 < len(claims) else [])
        assert neighbours == expected, claim
    assert len(titles) == len(claims)  # every claim page has a title of its own


@pytest.mark.parametrize("lang, locale", [("en", "en_US"), ("ar", "ar_AR")])
def test_pages_carry_share_cards_and_alternates_to_the_same_page(page, base_url, lang, locale):
    _open(page, base_url, f"{lang}/{CLAIM}")

    def meta(name: str) -> str | None:
        return page.get_attribute(f"meta[property='{name}'], meta[name='{name}']", "content")

    assert meta("og:locale") == locale
    assert meta("og:type") == "article"
    assert meta("og:title") and meta("twitter:title") == meta("og:title")
    assert meta("og:description") == meta("description") == meta("twitter:description")
    # The claim, shortened, and its verdict; the description is the verdict and why.
    verdict = page.locator(".mq-verdict-line .mq-badge").inner_text().split(" ", 1)[1].strip()
    assert (meta("og:title") or "").endswith(f" — {verdict}")
    assert page.title() == f"{meta('og:title')} - {'Muqabala' if lang == 'en' else 'مقابلة'}"
    assert (meta("og:description") or "").startswith(f"{verdict}: ")
    alternates = page.eval_on_selector_all(
        "link[hreflang]",
        "els => els.filter(e => e.relList.contains('alternate')).map(e => [e.hreflang, new URL(e.href).pathname])",
    )
    assert sorted(alternates) == sorted([["en", f"/en/{CLAIM}"], ["ar", f"/ar/{CLAIM}"], ["x-default", f"/en/{CLAIM}"]])
    for feed in ("feed.xml", "feed.json"):
        assert page.request.get(f"{base_url}/{lang}/{feed}").ok


class _SubPathHandler(_QuietHandler):
    """The site served under /sub/, and a host's 404 page for any missing address."""

    def send_head(self):  # type: ignore[no-untyped-def]
        path = urlsplit(self.path).path
        if not path.startswith("/sub/"):
            self.send_error(404)
            return None
        local = Path(self.directory) / unquote(path[len("/sub/") :])
        if local.is_dir():
            local = local / "index.html"
        if local.is_file():
            self.path = "/" + str(local.relative_to(self.directory))
            return super().send_head()
        lang = path.split("/")[2] if path.count("/") > 2 else ""
        page = Path(self.directory) / (f"{lang}/404.html" if lang in ("en", "ar") else "404.html")
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@pytest.fixture(scope="module")
def sub_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_SubPathHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sub"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("lang, other", [("en", "ar"), ("ar", "en")])
def test_the_404_page_works_under_a_sub_path(page, sub_url, lang, other, watch):
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 and "missing" not in r.url else None)
    page.goto(f"{sub_url}/{lang}/missing/deep/page/")
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("h1").first.inner_text().strip()
    # Material's stylesheet and ours loaded from the language folder under /sub/.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    assert failed == []
    home = page.eval_on_selector(".md-content a[href]", "a => new URL(a.href).pathname")
    assert home == f"/sub/{lang}/"
    switch = page.eval_on_selector(f"a[data-muqabala-switch='{other}']", "a => a.href")
    assert urlsplit(switch).netloc == urlsplit(sub_url).netloc and urlsplit(switch).path == f"/sub/{other}/"
    paths = {urlsplit(h).path for h in _search(page, "Exchange" if lang == "en" else "هافنيوم")}
    assert paths and all(p.startswith(f"/sub/{lang}/") for p in paths), paths
    # The one error expected: the status of the missing page itself.
    expected = [e for e in watch.errors if "/missing/deep/page/" in e and "404" in e]
    assert len(expected) >= 1
    watch.errors[:] = [e for e in watch.errors if e not in expected]


def test_the_preview_shows_a_broken_file_in_the_page_language_and_recovers(page, tmp_path):
    from muqabala.site.serve import serve
    from test_build import tiny_site
    from test_serve import wait_for

    root = tiny_site(tmp_path)
    messages: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=serve, args=(root, 0, messages.append), kwargs={"interval": 0.2, "stop": stop}, daemon=True
    )
    thread.start()
    statement = root / "statements" / "st.yaml"
    good = statement.read_text(encoding="utf-8")
    try:
        i = wait_for(messages, r"^Serving on http://127\.0\.0\.1:\d+/")
        base = messages[i].split()[2]
        page.goto(f"{base}ar/statements/st/")
        assert page.inner_text("h1.mq-title") == "A title"

        statement.write_text(good.replace("issuer: gov", "issuer: nobody"), encoding="utf-8")
        # No reload by hand: the page notices the rebuild and shows the problems.
        page.wait_for_selector("pre.mq-problems", timeout=120_000)
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.get_attribute("html", "lang") == "ar"
        assert page.inner_text("h1") == "تعذّر بناء المعاينة"
        problems = page.inner_text("pre.mq-problems")
        assert problems.startswith("statements/st.yaml:4: issuer: unknown issuer (got 'nobody')")
        assert problems.endswith("Error: 1 problem in 1 file")

        statement.write_text(good, encoding="utf-8")
        page.wait_for_selector("h1.mq-title", timeout=120_000)
        assert page.inner_text("h1.mq-title") == "A title"
        assert page.get_attribute("html", "dir") == "rtl"
        page.goto("about:blank")  # no page left polling a server about to stop
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()


def test_zz_no_console_errors_and_no_request_off_the_machine(page, base_url, watch):
    # Runs last in this module (pytest keeps file order): it sums up every page visited above.
    for path in ("en/", "ar/", f"en/{CHECKS}", f"ar/{CLAIM}", f"ar/{ARTICLE}", "ar/data/", "ar/404.html"):
        _open(page, base_url, path)
    assert watch.blocked == []
    assert watch.errors == []


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_notes_dates_and_addresses_read_as_text(page, base_url, lang):
    """A translator's note is never larger than the text it annotates; dates are written in the
    page's language; a long address shows its host."""
    _open(page, base_url, f"{lang}/checks/exchange-hack-ar/p1-s1/")
    sizes = page.evaluate(
        """() => {
          const px = e => parseFloat(getComputedStyle(e).fontSize);
          const body = px(document.querySelector('.mq-check .mq-col p[lang]'));
          const note = document.querySelector('.mq-check .mq-note');
          return [body, Math.max(...[note, ...note.querySelectorAll('*')].map(px))];
        }"""
    )
    assert sizes[1] <= sizes[0], sizes
    _open(page, base_url, f"{lang}/{ARTICLE}")
    shown = page.locator(".mq-facts time").first.inner_text()
    assert shown == ("19 July 2021" if lang == "en" else "19 يوليو/تموز 2021"), shown
    _open(page, base_url, f"{lang}/statements/eu-declaration-2021-07-19/")
    address = page.locator(".mq-facts a[rel=noopener]").first
    assert address.inner_text() == "www.consilium.europa.eu/…"
    assert address.get_attribute("href") == address.get_attribute("title")
    assert (address.get_attribute("href") or "").startswith("https://www.consilium.europa.eu/en/press/")
