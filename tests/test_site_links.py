"""The shipped case's site (its frozen copy), built for real: no broken link or anchor; a broken one is caught."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from muqabala.tools.links import check_site


@pytest.fixture(scope="module")
def shipped(exchange_site: Path) -> Path:
    return exchange_site


def test_shipped_site_has_no_broken_link(shipped: Path) -> None:
    assert [str(p) for p in check_site(shipped)] == []


def test_every_cited_sentence_anchor_exists(shipped: Path) -> None:
    import json

    report = json.loads((shipped / "data" / "report.json").read_text(encoding="utf-8"))
    cited = {(e["statement"], e["sentence"]) for a in report["articles"] for c in a["claims"] for e in c["evidence"]}
    assert cited
    for lang in ("en", "ar"):
        for statement, sentence in sorted(cited):
            page = (shipped / lang / "statements" / statement / "index.html").read_text(encoding="utf-8")
            assert f'id="{sentence}"' in page, (lang, statement, sentence)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_broken_sentence_anchor_is_reported(shipped: Path, tmp_path: Path, lang: str) -> None:
    site = tmp_path / "site"
    shutil.copytree(shipped, site)
    page = site / lang / "statements" / "eu-declaration-2021-07-19" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert 'id="p1-s2"' in html
    page.write_text(html.replace('id="p1-s2"', 'id="p1-s2-renamed"'), encoding="utf-8")
    problems = [str(p) for p in check_site(site)]
    target = f"{lang}/statements/eu-declaration-2021-07-19/index.html"
    assert (
        f"{lang}/checks/exchange-hack-ar/p1-s1/index.html: ../../../statements/eu-declaration-2021-07-19/#p1-s2: "
        f"no id or name 'p1-s2' on {target}" in problems
    )
    assert all(p.endswith(f"#p1-s2: no id or name 'p1-s2' on {target}") for p in problems), problems


def test_links_command_fails_on_the_broken_site(shipped: Path, tmp_path: Path, exchange: Path) -> None:
    from click.testing import CliRunner

    from muqabala.cli import main

    site = tmp_path / "site"
    shutil.copytree(shipped, site)
    page = site / "ar" / "statements" / "uk-fcdo-release-2021-07-19" / "index.html"
    page.write_text(re.sub(r'id="p8-s1"', 'id="gone"', page.read_text(encoding="utf-8")), encoding="utf-8")
    result = CliRunner().invoke(main, ["links", "--site", str(site), "--root", str(exchange)])
    assert result.exit_code == 1
    assert "#p8-s1" in result.output


def test_every_page_reads_as_html_parser_reads_it(shipped: Path) -> None:
    from muqabala.tools.links import _parse_text
    from test_links import reference

    seen: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    pages = sorted(shipped.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        page = _parse_text(text, seen)
        assert (page.ids, page.links) == reference(text), path


CLAIM_PAGE_LIMIT = 60_000
"""Bytes a claim's page may weigh, Material's shell and nav included (issue 14: a phone once
downloaded 427 KB for an article's checks)."""


def test_every_claim_has_a_page_of_at_most_60_kb_outside_the_nav(shipped: Path) -> None:
    import json

    report = json.loads((shipped / "data" / "report.json").read_text(encoding="utf-8"))
    for lang in ("en", "ar"):
        sizes = {}
        for art in report["articles"]:
            for claim in art["claims"]:
                page = shipped / lang / "checks" / art["id"] / claim["id"] / "index.html"
                sizes[page.relative_to(shipped).as_posix()] = page.stat().st_size
        assert sizes and max(sizes.values()) <= CLAIM_PAGE_LIMIT, max(sizes.items(), key=lambda kv: kv[1])
        # Not in the nav: the home page (nav and all) links to the articles' checks, not to claims.
        home = (shipped / lang / "index.html").read_text(encoding="utf-8")
        assert 'href="checks/' in home and not re.search(r'href="[^"]*checks/[^"/]+/[^"/]+/"', home)


def test_the_open_data_carries_its_licence(shipped: Path) -> None:
    import json

    report = json.loads((shipped / "data" / "report.json").read_text(encoding="utf-8"))
    assert report["schema_version"] == 2
    assert report["licence"]["name"] == "MIT License"
    assert (shipped / report["licence"]["path"]).read_text(encoding="utf-8").startswith("MIT License")
    for lang, heading in (("en", "Licence"), ("ar", "الترخيص")):
        page = (shipped / lang / "data" / "index.html").read_text(encoding="utf-8")
        assert f'id="licence">{heading}' in page
        assert '<a href="../../data/LICENSE.txt"><code dir="ltr">MIT License</code></a>' in page


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_article_and_check_links_to_reporting_an_error(shipped: Path, lang: str) -> None:
    pages = sorted((shipped / lang / "checks").rglob("index.html")) + sorted(
        (shipped / lang / "articles").rglob("index.html")
    )
    assert pages
    for page in pages:
        text = page.read_text(encoding="utf-8")
        link = re.search(r'<p class="mq-report-error">.*?<a href="([^"]+)">', text, re.S)
        assert link is not None, page
        # Without `report_error` in the configuration: the about page's section on reporting errors.
        assert (page.parent / link[1].split("#")[0] / "index.html").resolve() == (
            shipped / lang / "about" / "index.html"
        )
        assert link[1].endswith("#report-an-error")
    about = (shipped / lang / "about" / "index.html").read_text(encoding="utf-8")
    assert 'id="report-an-error"' in about and 'id="corrections"' in about and 'id="licence"' in about
