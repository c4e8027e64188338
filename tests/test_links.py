"""`check_site`, `check_external_offline` and the `links` command, on tiny hand-made sites."""

from __future__ import annotations

import json
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import tiny_files, write_tree
from muqabala.cli import main
from muqabala.data.corpus import Corpus, load_corpus
from muqabala.data.model import Bilingual
from muqabala.site.htmltags import _parse_text, _targets
from muqabala.tools.links import check_site, site_url_of
from muqabala.tools.urls import LinkProblem, check_external_offline


def page(body: str, ids: str = "") -> str:
    """A minimal page: the links in `body`, plus the targets in `ids`."""
    return f"<!doctype html><html><head><title>t</title></head><body>{ids}{body}</body></html>"


# Both language trees, assets, and a root page, every link good.
GOOD = {
    "index.html": page(
        '<a href="en/">English</a> <a href="ar/">العربية</a><meta http-equiv="refresh" content="0; url=en/">'
    ),
    "en/index.html": page(
        '<link rel="stylesheet" href="../assets/site.css"><script src="../assets/site.js"></script>'
        '<a href="statements/eu/#p1-s1">EU</a> <a href="statements/eu/index.html#p1-s1">EU</a>'
        '<a href="#">top</a> <a href="#intro">intro</a> <a href="">self</a> <a href=".">self</a>'
        '<a href="statements/eu/?q=1#p1-s1">query</a> <a href="/ar/">root-absolute</a>'
        '<a href="https://www.gov.uk/x">external</a> <a href="//cdn.example.org/x.js">external</a>'
        '<a href="mailto:desk@example.org">mail</a> <a href="tel:+441234">tel</a>'
        '<img src="../assets/logo.png" srcset="../assets/logo.png 1x, ../assets/logo%402x.png 2x">'
        '<a href="javascript:void(0)" data-md-component="search-share">share</a>'
        '<a href="../data/statements.json">data</a> <a href="#old">old-style anchor</a>',
        ids='<h1 id="intro">Intro</h1><a name="old"></a>',
    ),
    "en/statements/eu/index.html": page(
        '<a href="../../../ar/statements/eu/#%D8%A7%D9%84%D8%AC%D9%85%D9%84%D8%A9-1">عربي</a>'
        '<a href="/en/#intro">home</a> <iframe src="../../../assets/map.html#x"></iframe>'
        '<video poster="../../../assets/logo.png"><source src="../../../assets/clip.mp4"></video>',
        ids='<p id="p1-s1">A sentence.</p>',
    ),
    "ar/index.html": page('<a href="statements/eu/#الجملة-1">raw Arabic</a>'),
    "ar/statements/eu/index.html": page(
        '<a href="../../../en/statements/eu/#p1-s1">English</a>', ids='<p id="الجملة-1">جملة.</p>'
    ),
    "assets/site.css": "body{}",
    "assets/site.js": "",
    "assets/logo.png": "",
    "assets/logo@2x.png": "",
    "assets/clip.mp4": "",
    "assets/map.html": page("", ids='<div id="x"></div>'),
    "data/statements.json": "[]",
}


def site(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    return write_tree(tmp_path / "site", {**GOOD, **(extra or {})})


def broken(tmp_path: Path, body: str, where: str = "en/extra/index.html") -> list[str]:
    """The problems found once a page holding `body` is added to the good site."""
    return [str(p) for p in check_site(site(tmp_path, {where: page(body)}))]


def test_good_site_has_no_problems(tmp_path: Path) -> None:
    assert check_site(site(tmp_path)) == []


def test_missing_file(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="../statements/nope/">x</a>') == [
        "en/extra/index.html: ../statements/nope/: no such file (looked for en/statements/nope)"
    ]


def test_missing_anchor(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="../statements/eu/#p9-s9">x</a>') == [
        "en/extra/index.html: ../statements/eu/#p9-s9: no id or name 'p9-s9' on en/statements/eu/index.html"
    ]


def test_missing_anchor_on_the_same_page(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="#nowhere">x</a>') == [
        "en/extra/index.html: #nowhere: no id or name 'nowhere' on en/extra/index.html"
    ]


def test_arabic_anchor_percent_encoded_in_href_raw_in_id(tmp_path: Path) -> None:
    assert (
        broken(
            tmp_path,
            '<a href="../../ar/statements/eu/#%D8%A7%D9%84%D8%AC%D9%85%D9%84%D8%A9-1">x</a>'
            '<a href="../../ar/statements/eu/#الجملة-1">x</a>',
        )
        == []
    )


def test_missing_arabic_anchor_is_reported_decoded(tmp_path: Path) -> None:
    href = "../../ar/statements/eu/#%D8%A7%D9%84%D8%AC%D9%85%D9%84%D8%A9-2"
    assert broken(tmp_path, f'<a href="{href}">x</a>') == [
        "en/extra/index.html: ../../ar/statements/eu/#%D8%A7%D9%84%D8%AC%D9%85%D9%84%D8%A9-2: "
        "no id or name 'الجملة-2' on ar/statements/eu/index.html"
    ]


def test_root_absolute_links(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="/en/statements/eu/#p1-s1">ok</a><a href="/en/gone/">x</a>') == [
        "en/extra/index.html: /en/gone/: no such file (looked for en/gone)"
    ]


def test_link_into_the_other_language_tree(tmp_path: Path) -> None:
    body = '<a href="../../ar/statements/eu/">ok</a><a href="../../ar/statements/us/">x</a>'
    assert broken(tmp_path, body) == [
        "en/extra/index.html: ../../ar/statements/us/: no such file (looked for ar/statements/us)"
    ]


def test_raw_html_links_of_every_kind_are_checked(tmp_path: Path) -> None:
    body = (
        '<img src="../../assets/gone.png"><script src="../../assets/gone.js"></script>'
        '<link href="../../assets/gone.css"><iframe src="../../assets/map.html#y"></iframe>'
        '<img srcset="../../assets/logo.png 1x, ../../assets/gone@2x.png 2x">'
    )
    assert broken(tmp_path, body) == [
        "en/extra/index.html: ../../assets/gone.css: no such file (looked for assets/gone.css)",
        "en/extra/index.html: ../../assets/gone.js: no such file (looked for assets/gone.js)",
        "en/extra/index.html: ../../assets/gone.png: no such file (looked for assets/gone.png)",
        "en/extra/index.html: ../../assets/gone@2x.png: no such file (looked for assets/gone@2x.png)",
        "en/extra/index.html: ../../assets/map.html#y: no id or name 'y' on assets/map.html",
    ]


def test_javascript_data_and_file_links_are_errors(tmp_path: Path) -> None:
    assert broken(
        tmp_path,
        '<a href="javascript:alert(1)">x</a><img src="data:image/png;base64,AAAA">'
        '<a href="file:///home/me/x.html">x</a>',
    ) == [
        "en/extra/index.html: data:image/png;base64,AAAA: "
        "data: URLs are not allowed (publish the file with the site and link to it)",
        "en/extra/index.html: file:///home/me/x.html: "
        "file: links only work on the author's machine (link to a file in the site)",
        "en/extra/index.html: javascript:alert(1): "
        "javascript: links are not allowed (use a real address, or a button for a script)",
    ]


def test_meta_name_is_not_an_anchor_but_a_name_is(tmp_path: Path) -> None:
    body = '<meta name="viewport" content="x"><a name="here"></a><a href="#here">ok</a><a href="#viewport">x</a>'
    assert broken(tmp_path, body) == ["en/extra/index.html: #viewport: no id or name 'viewport' on en/extra/index.html"]


def test_link_out_of_the_site(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="../../../secret.txt">x</a>') == [
        "en/extra/index.html: ../../../secret.txt: points outside the site (resolves to ../secret.txt)"
    ]


def test_folder_without_index(tmp_path: Path) -> None:
    assert broken(tmp_path, '<a href="../../assets/">x</a>') == [
        "en/extra/index.html: ../../assets/: folder has no index.html (looked for assets/index.html)"
    ]


def test_each_broken_link_is_reported_once_per_page(tmp_path: Path) -> None:
    assert len(broken(tmp_path, '<a href="#a">x</a>' * 5)) == 1


def test_site_url_prefix_for_root_absolute_and_absolute_links(tmp_path: Path) -> None:
    root = site(
        tmp_path,
        {
            "404.html": page(
                '<a href="/muqabala/en/">home</a><link rel="canonical" href="https://x.github.io/muqabala/en/gone/">'
            )
        },
    )
    assert [str(p) for p in check_site(root, "https://x.github.io/muqabala/")] == [
        "404.html: https://x.github.io/muqabala/en/gone/: no such file (looked for en/gone)"
    ]


def test_site_url_of_cuts_the_language_folder(tmp_path: Path) -> None:
    write_tree(tmp_path, {"mkdocs.yml": "site_url: https://x.github.io/muqabala/en/\nsite_dir: site/en\n"})
    assert site_url_of(tmp_path) == "https://x.github.io/muqabala/"


def test_link_problem_sorts_and_prints() -> None:
    a, b = LinkProblem("b.html", "#x", "r"), LinkProblem("a.html", "#y", "r")
    assert sorted([a, b]) == [b, a]
    assert str(a) == "b.html: #x: r"


# --- offline check of the data's addresses ---------------------------------------------------


def corpus_with(tmp_path: Path, url: str, **fields: object) -> Corpus:
    corpus = load_corpus(write_tree(tmp_path, tiny_files()))
    corpus.statements["st"] = corpus.statements["st"].model_copy(update={"url": url, **fields})
    return corpus


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://localhost:8000/x", "url: host must be public, not a local name (got 'localhost')"),
        ("https://api.localhost/x", "url: host must be public, not a local name (got 'api.localhost')"),
        ("http://printer.local/", "url: host must be public, not a local name (got 'printer.local')"),
        ("http://10.0.0.1/x", "url: host must be public, not a private address (got '10.0.0.1')"),
        ("http://169.254.1.1/", "url: host must be public, not a link-local address (got '169.254.1.1')"),
        ("http://127.0.0.1/", "url: host must be public, not a loopback address (got '127.0.0.1')"),
        ("http://[::1]/", "url: host must be public, not a loopback address (got '::1')"),
        ("http://0.0.0.0/", "url: host must be public, not an unspecified address (got '0.0.0.0')"),
        ("http://240.0.0.1/", "url: host must be public, not a reserved address (got '240.0.0.1')"),
        ("ftp://ftp.gov.uk/x", "url: must be an http:// or https:// address, like https://www.gov.uk/ (got 'ftp:')"),
        ("https://intranet/x", "url: host must be a full domain name with a dot, like www.gov.uk (got 'intranet')"),
        ("https://user:pw@www.gov.uk/", "url: must not carry a user name or password before the host (user@host)"),
        (
            "https://www.gov.uk:99999/",
            "url: is not a well-formed address: Port out of range 0-65535 (got 'https://www.gov.uk:99999/')",
        ),
        ("https://www.gov.uk/a b", "url: must not contain spaces or control characters (got 'https://www.gov.uk/a b')"),
        ("https:///x", "url: has no host (got 'https:///x')"),
        # Loopback and private addresses in every notation a client accepts.
        ("http://127.1/", "url: host must be public, not a loopback address (got '127.1 = 127.0.0.1')"),
        ("http://0x7f.0.0.1/", "url: host must be public, not a loopback address (got '0x7f.0.0.1 = 127.0.0.1')"),
        ("http://0x7f000001/", "url: host must be public, not a loopback address (got '0x7f000001 = 127.0.0.1')"),
        ("http://0177.0.0.1/", "url: host must be public, not a loopback address (got '0177.0.0.1 = 127.0.0.1')"),
        ("http://2130706433/", "url: host must be public, not a loopback address (got '2130706433 = 127.0.0.1')"),
        (
            "http://127.000.000.001/",
            "url: host must be public, not a loopback address (got '127.000.000.001 = 127.0.0.1')",
        ),
        ("http://012.1/", "url: host must be public, not a private address (got '012.1 = 10.0.0.1')"),
        ("http://127.0.0.1./", "url: host must be public, not a loopback address (got '127.0.0.1')"),
        ("http://0/", "url: host must be public, not an unspecified address (got '0 = 0.0.0.0')"),
        (
            "http://[::ffff:127.0.0.1]/",
            "url: host must be public, not a loopback address (got '::ffff:127.0.0.1 = 127.0.0.1')",
        ),
        (
            "http://[::ffff:7f00:1]/",
            "url: host must be public, not a loopback address (got '::ffff:7f00:1 = 127.0.0.1')",
        ),
        (
            "http://[64:ff9b::a00:1]/",
            "url: host must be public, not a private address (got '64:ff9b::a00:1 = 10.0.0.1')",
        ),
        (
            "http://[2002:7f00:1::]/",
            "url: host must be public, not a loopback address (got '2002:7f00:1:: = 127.0.0.1')",
        ),
        ("http://[fe80::1]/", "url: host must be public, not a link-local address (got 'fe80::1')"),
        ("http://[fc00::1]/", "url: host must be public, not a private address (got 'fc00::1')"),
        ("http://[ff02::1]/", "url: host must be public, not a multicast address (got 'ff02::1')"),
        ("http://224.0.0.1/", "url: host must be public, not a multicast address (got '224.0.0.1')"),
        ("http://100.64.0.1/", "url: host must be public, not a non-public address (got '100.64.0.1')"),
        ("http://1.2.3.4.5/", "url: host is not a well-formed address (got '1.2.3.4.5')"),
        ("http://256.1.1.1/", "url: host is not a well-formed address (got '256.1.1.1')"),
        ("http://09.1.1.1/", "url: host is not a well-formed address (got '09.1.1.1')"),
        ("https://user@www.gov.uk/", "url: must not carry a user name or password before the host (user@host)"),
        ("http://LOCALHOST./x", "url: host must be public, not a local name (got 'localhost')"),
        (
            "https://www.g\u043ev.uk/",
            "url: host mixes Cyrillic and Latin letters in one name, as a look-alike of another site does "
            "(got 'www.xn--gv-fmc.uk'); copy the address from the site itself",
        ),
        (
            "https://www.xn--gv-fmc.uk/",
            "url: host mixes Cyrillic and Latin letters in one name, as a look-alike of another site does "
            "(got 'www.xn--gv-fmc.uk'); copy the address from the site itself",
        ),
    ],
)
def test_offline_rejects(tmp_path: Path, url: str, reason: str) -> None:
    assert check_external_offline(corpus_with(tmp_path, url)) == [LinkProblem("statements/st.yaml", url, reason)]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.gov.uk/government/news/x?a=1#b",
        "http://8.8.8.8/",
        "https://fmprc.gov.cn./x",
        "http://[::ffff:8.8.8.8]/",
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/",  # пример.рф: one script per label
        "https://1.example.org/",
    ],
)
def test_offline_accepts(tmp_path: Path, url: str) -> None:
    assert check_external_offline(corpus_with(tmp_path, url)) == []


def test_offline_checks_archive_and_article_urls(tmp_path: Path) -> None:
    corpus = corpus_with(tmp_path, "https://www.gov.uk/x", archive_url="http://localhost/x")
    corpus.articles["art"] = corpus.articles["art"].model_copy(update={"url": "https://news/x"})
    assert [str(p) for p in check_external_offline(corpus)] == [
        "articles/art.yaml: https://news/x: url: host must be a full domain name with a dot, "
        "like www.gov.uk (got 'news')",
        "statements/st.yaml: http://localhost/x: archive_url: host must be public, not a local name (got 'localhost')",
    ]


def test_offline_requires_an_archive_or_a_reason(tmp_path: Path) -> None:
    corpus = corpus_with(
        tmp_path, "https://www.gov.uk/x", archive_url=None, no_archive_reason=Bilingual.model_construct(ar=" ", en=" ")
    )
    assert [str(p) for p in check_external_offline(corpus)] == [
        "statements/st.yaml: archive_url: required when no_archive_reason is absent, "
        "like https://web.archive.org/web/2021/https://www.gov.uk/…"
    ]


# --- the command ------------------------------------------------------------------------------


def project(tmp_path: Path, extra: dict[str, str] | None = None) -> Path:
    write_tree(tmp_path, {**tiny_files(), "mkdocs.yml": "site_name: t\n"})
    site(tmp_path, extra)
    return tmp_path


def test_command_ok(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["links", "--root", str(project(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("OK: checked 26 links on 7 pages in ")


def test_command_reports_each_problem_and_exits_1(tmp_path: Path) -> None:
    root = project(tmp_path, {"en/extra/index.html": page('<a href="#gone">x</a><a href="../nope/">x</a>')})
    result = CliRunner().invoke(main, ["links", "--root", str(root)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "en/extra/index.html: #gone: no id or name 'gone' on en/extra/index.html",
        "en/extra/index.html: ../nope/: no such file (looked for en/nope)",
        "Error: 2 broken links",
    ]


def test_command_default_root_and_site_option(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    (root / "site").rename(root / "public")
    monkeypatch.chdir(root / "statements")
    assert CliRunner().invoke(main, ["links"]).exit_code == 1
    result = CliRunner().invoke(main, ["links", "--site", str(root / "public")])
    assert result.exit_code == 0, result.output


def test_command_without_a_built_site(tmp_path: Path) -> None:
    write_tree(tmp_path, {**tiny_files(), "mkdocs.yml": "site_name: t\n"})
    result = CliRunner().invoke(main, ["links", "--root", str(tmp_path)])
    assert result.exit_code == 1
    assert f"Error: no built site at {tmp_path / 'site'} (run `muqabala build` first" in result.output


def test_command_external_only(tmp_path: Path) -> None:
    files = {**tiny_files(), "mkdocs.yml": "site_name: t\n"}
    files["statements/st.yaml"] = files["statements/st.yaml"].replace("https://example.org/a", "http://10.0.0.1/")
    result = CliRunner().invoke(main, ["links", "--root", str(write_tree(tmp_path, files)), "--external"])
    assert result.exit_code == 1
    # The same policy as `check`: the data is refused before any address is looked at.
    assert result.output.splitlines() == [
        "statements/st.yaml:9: url: host must be public, not a private address (got '10.0.0.1')",
        "Error: 1 problem in 1 file",
    ]


def test_command_json(tmp_path: Path) -> None:
    root = project(tmp_path, {"en/extra/index.html": page('<a href="#gone">x</a>')})
    result = CliRunner().invoke(main, ["links", "--root", str(root), "--json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["problems"] == [
        {"page": "en/extra/index.html", "link": "#gone", "reason": "no id or name 'gone' on en/extra/index.html"}
    ]
    assert data["pages"] == 8


def test_command_data_errors_are_reported_without_traceback(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / "statements" / "st.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["links", "--root", str(root)])
    assert result.exit_code == 1
    assert "statements/st.yaml:" in result.output and "Traceback" not in result.output


def test_command_help_has_an_example() -> None:
    result = CliRunner().invoke(main, ["links", "--help"])
    assert result.exit_code == 0
    assert "Example:\n      muqabala build && muqabala links\n" in result.output


class ReferenceParser(HTMLParser):
    """The stdlib's own tokenizer, which `check_site` reads pages as: ids and links of each start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ids, links = _targets(tag, dict(attrs))
        self.ids.update(ids)
        self.links.update(links)

    handle_startendtag = handle_starttag


def reference(text: str) -> tuple[set[str], Counter[str]]:
    parser = ReferenceParser()
    parser.feed(text)
    parser.close()
    return parser.ids, parser.links


TRICKY = [
    '<a href="a.html" title="x > y">1</a><a href="b.html">2</a>',
    "<a title='it > is' href='c.html'>x</a><IMG SRC=\"D.png\"><A HREF=e.html NAME=top>",
    '<a href="f.html?a=1&amp;b=2#s&eacute;">x</a><a id="&#x627;">ا</a>',
    '<!-- <a href="commented.html"> --><a href="kept.html"><!--x--><!-- unclosed <a href="no.html">',
    '<script>var s = "<a href=\\"in-script.html\\">";</script><a href="after.html">'
    '<SCRIPT src="s.js">document.write("<img src=x.png>")</Script ><style>a[href="y"]{}</style>'
    '<scripts href="not-a-script.html">',
    '<a href=bare.html id=one/><br/><p id="two" /><input name="n"><meta name="m" id="three">'
    '<a href="x" href="dup.html"><a href>empty</a><a href="">self</a>',
    '<img srcset="a.png 1x, b.png 2x"><source srcset="c.webp"><object data="o.svg"></object>'
    '<meta http-equiv="Refresh" content="0; URL=\'r.html\'"><base href="base/"><video poster="p.png">',
    '<a href="javascript:void(0)" data-md-component="search-share"><a href="javascript:x()">'
    '<a\nhref="multi\nline.html"\n>x</a><a href = "spaced.html" >y</a><div data-x="<a href=q.html>">',
    "x < y and a<b; <a href='ok.html'> 3 > 2 <1a> </a href='end.html'>",
    # Issue 17 item 5: what a faster reading could get wrong. Styles in any case, comments
    # empty or closed after spaces, numeric entities in URLs, attribute names in mixed case,
    # a <base> (its href is not a link, its id is a target).
    '<STYLE>a::after{content:"<a href=in-style.html>"}</STYLE><Style >b{}</sTyLe><a href="after-style.html">',
    '<!----><a href="after-empty.html"><!-- a -- b --><a href="after-dashes.html"><!-- x --  ><a href="sp.html">',
    "<a HREF=\"&#47;en&#x2F;x.html?a=1&amp;b=2\">x</a><A Href='q.html#&#1575;'>y</A><a href=u.html#&amp;x>",
    '<base href="https://example.org/" id="b"><a href="rel.html"><script type="text/x">href="no.html"</script>',
]


@pytest.mark.parametrize("text", TRICKY)
def test_links_and_ids_are_those_html_parser_reads(text: str) -> None:
    page = _parse_text(text, {})
    assert (page.ids, page.links) == reference(text)
