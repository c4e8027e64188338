"""Pages rendered from hand-made reports: structure, links, escaping of hostile data, determinism."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest

from muqabala.data.corpus import load_corpus
from muqabala.site.render import render_pages
from muqabala.vocabulary import GENERATED
from render_fakes import HOSTILE, fake_report, hostile_corpus, hostile_report

REPO = Path(__file__).resolve().parents[1]
EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "admonition",
    "tables",
    "def_list",
    "footnotes",
    "pymdownx.details",
    "pymdownx.superfences",
    "toc",
]


@pytest.fixture(scope="module")
def corpus(exchange):
    return load_corpus(exchange)


@pytest.fixture(scope="module")
def pages(corpus):
    report = fake_report(corpus)
    return {lang: render_pages(corpus, report, lang) for lang in ("en", "ar")}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    c = hostile_corpus(tmp_path_factory.mktemp("hostile"))
    r = hostile_report(c)
    return {lang: render_pages(c, r, lang, base_url="https://example.org/site") for lang in ("en", "ar")}


class Tags(HTMLParser):
    """Every start tag with its attributes, every id, and the text of each script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if a.get("id"):
            self.ids.append(a["id"] or "")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def html_of(md_text: str) -> str:
    """The page body as MkDocs renders it: front matter is read as metadata, never as Markdown
    (its values reach the page through templates that escape them: test_hostile.py)."""
    if md_text.startswith("---\n"):
        md_text = md_text.split("\n---\n", 1)[1]
    return markdown.markdown(md_text, extensions=EXTENSIONS)


def parse(html: str) -> Tags:
    p = Tags()
    p.feed(html)
    p.close()
    return p


def claim_pages(files: dict[str, str], aid: str) -> dict[str, str]:
    """The claim pages of article `aid`, by claim id."""
    prefix = f"checks/{aid}/"
    return {
        path[len(prefix) : -3]: md
        for path, md in files.items()
        if path.startswith(prefix) and path != f"{prefix}index.md"
    }


def all_checks(files: dict[str, str], aid: str) -> str:
    """Every claim page of article `aid`, in one text."""
    return "\n".join(md for _, md in sorted(claim_pages(files, aid).items()))


def test_both_languages_have_the_same_pages(pages, corpus):
    assert set(pages["en"].files) == set(pages["ar"].files)
    reports = {a.id: a for a in fake_report(corpus).articles}
    expected = (
        {f"articles/{a}.md" for a in corpus.articles}
        | {f"checks/{a}/index.md" for a in corpus.articles}
        | {f"checks/{a}/{c.id}.md" for a in corpus.articles for c in reports[a].claims}
        | {f"statements/{s}.md" for s in corpus.statements}
        | {"compare.md", "discrepancies.md", "data.md"}
    )
    assert set(pages["en"].files) == expected
    assert all(p.split("/")[0] in GENERATED for p in expected)


def _nav_paths(items: list) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, str):  # a section's index page
            out.append(item)
            continue
        for value in item.values():
            out += _nav_paths(value) if isinstance(value, list) else [value]
    return out


def test_nav_lists_every_page_once_with_the_hand_written_ones(pages):
    for lang, p in pages.items():
        listed = _nav_paths(p.nav)
        claims = {f for f in p.files if f.startswith("checks/") and not f.endswith("/index.md")}
        assert claims  # a page per claim, reached from its article's checks page (not_in_nav)
        hand_written = {"index.md", "methodology.md", "guide.md", "about.md"}
        assert sorted(listed) == sorted(set(p.files) - claims | hand_written), lang
    assert list(pages["ar"].nav[0]) == ["الرئيسية"] and list(pages["en"].nav[0]) == ["Home"]


def test_generated_pages_are_edited_in_their_yaml(pages, corpus):
    src = pages["en"].sources
    aid = next(iter(corpus.articles))
    assert src[f"checks/{aid}/index.md"] == src[f"articles/{aid}.md"] == corpus.files[f"article:{aid}"]
    assert src[f"checks/{aid}/p4-s1.md"] == corpus.files[f"article:{aid}"]
    assert src["statements/eu-declaration-2021-07-19.md"] == "statements/eu-declaration-2021-07-19.yaml"


def test_output_is_deterministic(corpus, pages):
    again = render_pages(corpus, fake_report(corpus), "ar")
    assert again.files == pages["ar"].files and again.nav == pages["ar"].nav


def test_every_claim_has_its_page_its_line_in_the_index_and_the_article_links_to_it(pages, corpus):
    for lang in ("en", "ar"):
        for aid, art in corpus.articles.items():
            index = parse(html_of(pages[lang].files[f"checks/{aid}/index.md"]))
            article = parse(html_of(pages[lang].files[f"articles/{aid}.md"]))
            # Every sentence keeps its anchor in the index: links to the one-page checks still land.
            assert {sen.id for sen in art.sentences()} <= set(index.ids)
            listed = [a["href"] for tag, a in index.tags if tag == "a" and (a.get("href") or "").endswith("/")]
            claims = claim_pages(pages[lang].files, aid)
            assert [h for h in listed if h != "../../articles/" + aid + "/"] == [
                f"{c}/" for c in claims_in_order(art, claims)
            ]
            hrefs = [a.get("href") for tag, a in article.tags if tag == "a" and "mq-claim" in (a.get("class") or "")]
            assert f"../../checks/{aid}/p4-s1/" in hrefs
            assert len(hrefs) == sum(1 for s in art.sentences() if s.claim)


def claims_in_order(art, claims: dict[str, str]) -> list[str]:
    return [s.id for s in art.sentences() if s.id in claims]


def test_a_claim_page_has_its_title_description_and_neighbours(pages, corpus):
    art = corpus.articles["exchange-hack-ar"]
    order = claims_in_order(art, claim_pages(pages["en"].files, art.id))
    verdict_of = {c.id: c.verdict for c in fake_report(corpus).articles[0].claims}
    assert verdict_of["p4-s1"] == "misattributed"
    for lang, verdict in (("en", "Misattributed"), ("ar", "منسوب إلى غير قائله")):
        md = pages[lang].files["checks/exchange-hack-ar/p4-s1.md"]
        meta = dict(line.split(": ", 1) for line in md.split("---")[1].strip().splitlines())
        title, description = json.loads(meta["share_title"]), json.loads(meta["description"])
        assert title.endswith(f" — {verdict}") and len(title) <= 70 + 3 + len(verdict)
        assert description.startswith(f"{verdict}: ")
        at = order.index("p4-s1")
        links = {a["rel"]: a["href"] for tag, a in parse(html_of(md)).tags if a.get("rel") in ("prev", "next")}
        assert links == {"prev": f"../{order[at - 1]}/", "next": f"../{order[at + 1]}/"}
        assert len(parse(html_of(md)).scripts) == 1  # its own ClaimReview only
    first = pages["en"].files[f"checks/exchange-hack-ar/{order[0]}.md"]
    last = pages["en"].files[f"checks/exchange-hack-ar/{order[-1]}.md"]
    assert 'rel="prev"' not in first and 'rel="next"' in first
    assert 'rel="next"' not in last and 'rel="prev"' in last


def test_evidence_links_to_the_statement_sentence(pages, corpus):
    html = html_of(all_checks(pages["en"].files, next(iter(corpus.articles))))
    links = {
        a["href"] for tag, a in parse(html).tags if tag == "a" and a.get("href", "").startswith("../../../statements/")
    }
    assert links
    for link in links:
        m = re.fullmatch(r"\.\./\.\./\.\./statements/([a-z0-9-]+)/#([a-z0-9-]+)", link)
        assert m, link
        assert m.group(2) in {s.id for s in corpus.statements[m.group(1)].sentences()}


def test_statement_sentences_carry_their_ids(pages, corpus):
    for sid, st in corpus.statements.items():
        ids = set(parse(html_of(pages["ar"].files[f"statements/{sid}.md"])).ids)
        assert {s.id for s in st.sentences()} <= ids


def test_partial_statement_says_so_prominently(pages):
    md = pages["en"].files["statements/uk-fcdo-release-2021-07-19.md"]
    assert 'class="admonition warning mq-partial"' in md and "Only part of this statement" in md


def test_editorial_decision_is_labelled_and_keeps_the_computed_verdict(pages):
    md = all_checks(pages["en"].files, "exchange-hack-ar")
    block = md[md.index('<aside class="mq-editorial"') :]
    block = block[: block.index("</aside>")]
    assert "Editorial decision" in block and "Test Editor" in block and "2 January 2024" in block
    assert "Computed verdict" in block and "Misleading" in block  # position 3's computed verdict


def test_editorial_notes_are_in_the_page_language(pages):
    """Notes exist in both languages: each page shows its own, in an element of that language."""
    en_note, ar_note = "The copy we hold does not name the site", "لا تذكر النسخة التي بين أيدينا اسم الموقع"
    notes = {
        lang: re.findall(
            r'<p class="mq-note" lang="(\w+)" dir="(\w+)">(.*?)</p>', pages[lang].files["articles/exchange-hack-ar.md"]
        )
        for lang in ("ar", "en")
    }
    assert notes["ar"] and {(lang, d) for lang, d, _ in notes["ar"]} == {("ar", "rtl")}
    assert notes["en"] and {(lang, d) for lang, d, _ in notes["en"]} == {("en", "ltr")}
    assert any(ar_note in text for _, _, text in notes["ar"])
    assert not any(en_note in text for _, _, text in notes["ar"])
    assert any(en_note in text for _, _, text in notes["en"])
    for lang, words in (("ar", "رُوجع يدويًا."), ("en", "Checked by hand.")):
        md = all_checks(pages[lang].files, "exchange-hack-ar")
        block = md[md.index('<aside class="mq-editorial"') :]
        assert f'<p><span lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">{words}</span></p>' in block


def test_diff_shows_del_and_ins(pages):
    md = all_checks(pages["en"].files, "exchange-hack-ar")
    assert "<del>" in md and "<ins>" in md


def test_english_tree_shows_the_translation_and_arabic_tree_offers_it(pages):
    en = pages["en"].files["articles/exchange-hack-ar.md"]
    ar = pages["ar"].files["articles/exchange-hack-ar.md"]
    assert "The United Kingdom and the European Union accused China" in en
    assert 'class="mq-trans-toggle"' in ar and "The United Kingdom and the European Union accused China" in ar
    assert 'dir="rtl"' in ar.split("mq-article", 1)[1][:40]


def test_not_a_claim_sentences_are_plain_with_their_reason(pages):
    en = pages["en"].files["articles/exchange-hack-ar.md"]
    assert 'class="mq-notclaim" id="p10-s1"' in en and "stray" in en


def test_compare_marks_cells_that_differ(pages, corpus):
    md = pages["en"].files["compare.md"]
    assert md.count("mq-differs") == 2 and md.count("≠</span>") == 2
    assert "Ministry of State Security" in md
    assert 'class="mq-cell-state-organ"' in md and 'class="mq-cell-territory' in md


def test_chart_is_well_formed_svg_with_escaped_text(hostile):
    for lang in ("en", "ar"):
        md = hostile[lang].files["compare.md"]
        svg = md[md.index("<svg") : md.index("</svg>") + 6]
        svg = re.sub(r"&#(\d+);", lambda m: chr(int(m.group(1))), svg).replace("&quot;", "&#34;")
        root = ET.fromstring(svg)
        assert root.tag.endswith("svg")
        assert any("onmouseover" in (el.text or "") for el in root.iter())  # shown as text, not an attribute


def test_claim_review_parses_and_names_the_verdict(pages, corpus):
    claims = sum(1 for s in corpus.articles["exchange-hack-ar"].sentences() if s.claim)
    for lang, label in (("en", "Contradicted"), ("ar", "تناقضه المصادر")):
        art = corpus.articles["exchange-hack-ar"]
        files = claim_pages(pages[lang].files, "exchange-hack-ar")
        reviews = [json.loads(s) for c in claims_in_order(art, files) for s in parse(html_of(files[c])).scripts]
        assert len(reviews) == claims  # every sentence but those that are not claims
        assert not parse(html_of(pages[lang].files["checks/exchange-hack-ar/index.md"])).scripts
        first = reviews[0]
        assert first["@type"] == "ClaimReview" and first["@context"] == "https://schema.org"
        assert first["reviewRating"]["alternateName"] == label
        assert first["url"] == f"/{lang}/checks/exchange-hack-ar/headline/"
        assert first["itemReviewed"]["@type"] == "Claim"
        assert first["itemReviewed"]["author"]["@type"] == "Organization"
        assert first["itemReviewed"]["datePublished"] == "2021-07-19"
        assert "appearance" not in first["itemReviewed"]  # the article has no URL
        assert all(len(r["claimReviewed"]) <= 75 for r in reviews)


def test_claim_review_uses_an_absolute_url_with_a_base(hostile):
    scripts = parse(html_of(hostile["en"].files["checks/art/headline.md"])).scripts
    review = json.loads(scripts[0])
    assert review["url"] == "https://example.org/site/en/checks/art/headline/"
    assert review["itemReviewed"]["appearance"]["url"] == "https://example.org/news"


def test_hostile_text_is_shown_literally_everywhere(hostile):
    for p in hostile.values():
        for path, md in p.files.items():
            html = html_of(md)
            tags = parse(html)
            for tag, attrs in tags.tags:
                assert tag != "script" or attrs.get("type") == "application/ld+json", (path, tag)
                assert not any(k.startswith("on") for k in attrs), (path, tag, attrs)
                for k in ("href", "src"):
                    v = attrs.get(k)
                    assert v is None or not v.lower().startswith(("javascript:", "data:")), (path, v)
            for s in tags.scripts:
                json.loads(s)
            # Markdown did not interpret the data: no <em>b</em>, no link to "u", no code span.
            assert "<em>b</em>" not in html and "<em>i</em>" not in html and 'href="u"' not in html
            assert "<code>c</code>" not in html, path
            # {{ x }} never reaches a template engine as such, outside the JSON-LD.
            # Front matter is metadata: templates print its values escaped (test_hostile.py).
            outside = re.sub(r'<script type="application/ld\+json">.*?</script>', "", md.split("\n---\n")[-1])
            assert "{{" not in outside and "{%" not in outside, path


def test_hostile_text_is_readable_after_rendering(hostile):
    html = html_of(hostile["en"].files["statements/st.md"])
    text = re.sub(r"<[^>]+>", "", html)
    import html as h

    assert h.unescape(text).count("<script>alert(1)</script>") >= 3
    assert "Second, with a &lt; sign." in html


def test_hostile_nav_titles_cannot_open_a_tag(hostile):
    flat = json.dumps(hostile["en"].nav, ensure_ascii=False)
    assert "<" not in flat and ">" not in flat
    assert HOSTILE[:4] not in flat


GOLD = REPO / "tests" / "gold" / "render"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_rendered_pages_match_the_golden_files(hostile, lang):
    """The hostile corpus's pages, byte for byte. Update deliberately: MUQABALA_UPDATE_GOLD=1 pytest …"""
    import os

    for path, text in sorted(hostile[lang].files.items()):
        gold = GOLD / lang / path
        if os.environ.get("MUQABALA_UPDATE_GOLD") == "1":
            gold.parent.mkdir(parents=True, exist_ok=True)
            gold.write_text(text, encoding="utf-8")
        assert gold.is_file(), f"no golden file {gold} (create it with MUQABALA_UPDATE_GOLD=1)"
        assert text == gold.read_text(encoding="utf-8"), f"{path} differs from {gold}"


@pytest.fixture(scope="module")
def real_report(corpus):
    from muqabala.collate.engine import collate

    return collate(corpus)


def test_the_named_organ_is_shown_in_the_page_language(corpus, real_report):
    report = real_report
    uk = next(s for s in report.statements if s.id == "uk-fcdo-release-2021-07-19")
    assert uk.attribution.named_organ == "Ministry of State Security"
    for lang, name, other in (
        ("ar", "وزارة أمن الدولة", "Ministry of State Security"),
        ("en", "Ministry of State Security", "وزارة أمن الدولة"),
    ):
        page = render_pages(corpus, report, lang)
        shown = f'<span lang="{lang}" dir="{"rtl" if lang == "ar" else "ltr"}">{name}</span>'
        for path in ("compare.md", "statements/uk-fcdo-release-2021-07-19.md"):
            assert shown in page.files[path], (lang, path)
        # The statement page quotes the texts in both languages; the comparison's labels are in the
        # page's language, and only the statement's own wording, quoted, is in the other.
        labels = re.sub(r'<span lang="\w+" dir="\w+" class="mq-cue">[^<]*</span>', "", page.files["compare.md"])
        assert other not in labels, lang


def test_an_organ_without_its_names_in_both_languages_shows_the_english_one(pages):
    # Reports written before the lexicon gave organs an Arabic name carry the English one only.
    assert "<bdi>Ministry of State Security</bdi>" in pages["ar"].files["compare.md"]


def test_the_best_evidence_is_shown_in_full_and_the_rest_as_candidates(corpus, real_report):
    from muqabala.site.render.checks import FULL_EVIDENCE

    (art,) = real_report.articles
    claim = next(
        c for c in art.claims if len(c.evidence) > FULL_EVIDENCE + 1 and any(e.role == "secondary" for e in c.evidence)
    )
    context = [e for e in claim.evidence if e.role == "secondary"]
    for lang in ("en", "ar"):
        section = render_pages(corpus, real_report, lang).files[f"checks/exchange-hack-ar/{claim.id}.md"]
        assert section.count('<div class="mq-evidence') == FULL_EVIDENCE
        assert section.count('<table class="mq-sbs">') == FULL_EVIDENCE
        assert section.count('<li class="mq-ev-candidate">') == len(claim.evidence) - len(context) - FULL_EVIDENCE
        # The media report is listed as context, after the candidates, whatever its score.
        assert section.count('<li class="mq-ev-context">') == len(context) == 1
        assert section.index('class="mq-ev-context"') > section.rindex('class="mq-ev-candidate"')
        for ev in claim.evidence:
            assert f"#{ev.sentence}" in section and (ev.text.ar if lang == "ar" else ev.text.en)[:20] in section
    # Evidence an editor pinned is shown in full wherever it ranks.
    last = claim.evidence[-1].model_copy(update={"origin": "editor"})
    pinned = claim.model_copy(update={"evidence": [*claim.evidence[:-1], last]})
    report = real_report.model_copy(
        update={
            "articles": [art.model_copy(update={"claims": [pinned if c.id == claim.id else c for c in art.claims]})]
        }
    )
    section = render_pages(corpus, report, "en").files[f"checks/exchange-hack-ar/{claim.id}.md"]
    assert section.count('<div class="mq-evidence') == FULL_EVIDENCE + 1
    assert 'class="mq-evidence mq-ev-editor"' in section


def test_the_no_archive_reason_is_given_once_per_statement(pages, corpus):
    for lang, label in (("en", "No archived copy"), ("ar", "لا نسخة مؤرشفة")):
        files = pages[lang].files
        assert not any(label in md for path, md in files.items() if path.startswith("checks/"))
        for sid, st in corpus.statements.items():
            if not st.archive_url:
                assert files[f"statements/{sid}.md"].count(label) == 1, (lang, sid)


def test_dates_are_written_in_the_page_language(pages):
    for lang, shown in (("en", "19 July 2021"), ("ar", "19 يوليو/تموز 2021")):
        md = pages[lang].files["articles/exchange-hack-ar.md"]
        assert f'<time datetime="2021-07-19" lang="{lang}">{shown}</time>' in md
