"""Unit tests of the render helpers: labels, escaping, bidi isolation, word diff, ClaimReview."""

from __future__ import annotations

import json
import re
import unicodedata
from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from muqabala.report import AttributionLevel, DiscrepancyType, Verdict
from muqabala.site.render.bidi import isolate, plain_isolate
from muqabala.site.render.claimreview import script
from muqabala.site.render.diffview import _tokens_by_char, diff_block, diff_html, is_paraphrase, tokens, word_diff
from muqabala.site.render.escape import esc, nav_title, safe_url, shorten
from muqabala.site.render.labels import LABELS, VERDICT_ICONS, missing_labels, t

HOSTILE = '<script>alert(1)</script> " onmouseover="x" {{ x }} {% if %} *b* _i_ `c` [l](u) & \\ |'


def test_every_label_exists_in_both_languages():
    assert missing_labels() == []


@pytest.mark.parametrize(
    "prefix, values",
    [
        ("verdict", get_args(Verdict)),
        ("type", get_args(DiscrepancyType)),
        ("level", get_args(AttributionLevel)),
    ],
)
def test_every_closed_value_of_the_report_has_a_label(prefix, values):
    assert [v for v in values if f"{prefix}.{v}" not in LABELS] == []


def test_every_verdict_has_an_icon():
    assert set(VERDICT_ICONS) == set(get_args(Verdict))


def test_unknown_label_names_the_fix():
    with pytest.raises(KeyError, match=r"no label 'nope' in 'ar' \(add it to render/labels.py"):
        t("nope", "ar")


def test_esc_leaves_nothing_for_html_markdown_or_jinja():
    out = esc(HOSTILE)
    assert not set(out) & set("<>\"'{}`*_[]|\\")
    assert "&lt;script&gt;" in out and "&#123;&#123; x &#125;&#125;" in out


def test_esc_keeps_text_on_one_line():
    assert esc("a\n\n    b") == "a b"


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,x",
        "//evil.example",
        'https://x.org/" onmouseover="a',
        "https://x.org/<script>",
        "ftp://x.org/",
        "https:///nohost",
        "https://x.org/a b",
        None,
        "",
    ],
)
def test_safe_url_refuses_anything_but_plain_http(url):
    assert safe_url(url) is None


def test_safe_url_keeps_ordinary_addresses():
    url = "https://www.gov.uk/government/news/uk-and-allies?x=1&y=2#top"
    assert safe_url(url) == url


def test_nav_title_cannot_form_a_tag_even_after_striptags():
    title = nav_title('</title><script>alert(1)</script> & "q"')
    assert "<" not in title and ">" not in title
    assert "‹/title›" in title and "&amp;" in title and "&quot;" in title


def test_shorten_cuts_at_a_word_with_an_ellipsis():
    assert shorten("one two three four", 12) == "one two…"
    assert len(shorten("x" * 200, 75)) == 75
    assert shorten("short", 75) == "short"


def test_latin_runs_in_arabic_are_isolated_with_their_inner_spaces():
    out = isolate("ربطت المملكة المتحدة “APT 40 و APT 31” بالصين.", "ar")
    assert out.count('<bdi dir="ltr">') == 2
    assert '<bdi dir="ltr">APT 40</bdi>' in out and '<bdi dir="ltr">APT 31</bdi>' in out


def test_trailing_punctuation_stays_with_the_arabic():
    out = isolate("خوادم Microsoft Exchange.", "ar")
    assert out.endswith('<bdi dir="ltr">Microsoft Exchange</bdi>.')


def test_dates_in_arabic_are_isolated():
    assert '<bdi dir="ltr">2021-07-19</bdi>' in isolate("في 2021-07-19 قالت", "ar")
    assert plain_isolate("راب · 2021-07-19", "ar") == "راب · \u20662021-07-19\u2069"


def test_isolation_escapes_first_and_never_splits_a_reference():
    out = isolate('نص <b onclick="x">APT40</b> &amp;', "ar")
    assert not re.search(r"<b[ >]", out) and 'onclick="' not in out
    # Every character reference is whole: & is always followed by a name or number and ;
    assert not re.search(r"&(?![a-z]+;|#\d+;)", out)


def _outside_isolates(html_text: str) -> str:
    """The visible text of `html_text` that is not inside a left-to-right `<bdi>`."""
    return re.sub(r"<[^>]+>", "", re.sub(r'<bdi dir="ltr"[^>]*>.*?</bdi>', "", html_text))


def test_an_arabic_explanation_renders_with_each_latin_run_isolated():
    from muqabala.report import Discrepancy, Texts
    from muqabala.site.render.checks import _discrepancy

    ar = "ينسب الادعاء إلى الاتحاد تسمية APT40 في 2021-07-19، وهي في eu-declaration-2021-07-19 وحدها."
    d = Discrepancy(type="speaker", severity="major", explanation=Texts(en="The claim credits APT40.", ar=ar))
    from pathlib import Path

    from muqabala.data.corpus import Corpus

    out = _discrepancy(d, Corpus(root=Path(".")), "checks/art.md", "ar")
    for run in ("APT40", "2021-07-19", "eu-declaration-2021-07-19"):
        assert f'<bdi dir="ltr">{esc(run)}</bdi>' in out, run
    assert not re.search(r"[A-Za-z0-9]", _outside_isolates(out))


def test_latin_runs_separated_only_by_punctuation_are_one_run():
    # Isolated one by one, the runs of a quotation's diff would be laid out right to left.
    diff = "exchange server by [+the groups backed by the] state [-backed groups] was"
    assert isolate(f"المعنى: {diff}.", "ar") == f'المعنى: <bdi dir="ltr">{esc(diff)}</bdi>.'
    assert isolate("[+ignored] the call", "ar") == f'<bdi dir="ltr">{esc("[+ignored] the call")}</bdi>'
    assert isolate("المجموعة (APT40) والصين", "ar") == 'المجموعة <bdi dir="ltr">(APT40)</bdi> والصين'
    assert plain_isolate("راب: Tweet (1/2)، أمس", "ar") == "راب: \u2066Tweet (1/2)\u2069، أمس"


def test_english_text_is_only_escaped():
    assert isolate("APT40 <x>", "en") == "APT40 &lt;x&gt;"


def test_diacritics_stay_on_their_letters():
    text = "كَانَ الهُجُومُ الإلكترونيّ على Microsoft Exchange، يا صاحِ."
    toks = tokens(text)
    assert "".join(toks) == text
    assert "كَانَ" in toks and "الهُجُومُ" in toks and "الإلكترونيّ" in toks and "صاحِ" in toks


@given(st.text(alphabet=st.sampled_from(list("كتبَُِّْ ًAPT40 ،.-\u0651\u0670\u200dé\u0301")), max_size=40))
def test_no_token_starts_with_a_combining_mark(text):
    toks = tokens(text)
    assert "".join(toks) == text
    for tok in toks[1:]:
        assert not unicodedata.category(tok[0]).startswith("M") and tok[0] != "\u200d"


_TRICKY = [
    *"كتبَُِّْ ًAPT40 ،.-_\t\n\u00a0\u2003\u0651\u0670\u200c\u200d\u034fé\u0301\u0903\u20dd\u1ab0٠١ⅫK\u00b2\ufe0f",
    "\U0001d167",  # a combining mark beyond the Basic Multilingual Plane (the by-character path)
    "\U0001f600",
]


@given(st.text(alphabet=st.sampled_from(_TRICKY), max_size=40) | st.text(max_size=40))
def test_tokens_by_pattern_are_the_tokens_by_character(text):
    # The pattern is the reading of the character loop it replaced; the site's diffs depend on it.
    assert tokens(text) == _tokens_by_char(text)


def test_every_mark_of_the_plane_is_read_as_the_character_loop_reads_it():
    for code in range(0x300, 0x10000):
        if 0xD800 <= code < 0xE000:
            continue
        ch = chr(code)
        for text in (ch + ch + "b", "a" + ch + "b", " " + ch + " ", "." + ch + "."):
            assert tokens(text) == _tokens_by_char(text), hex(code)


def test_a_changed_diacritic_replaces_the_whole_word():
    diff = word_diff("قال الوزيرُ", "قال الوزيرَ")
    assert diff == [(0, "قال "), (-1, "الوزيرُ"), (1, "الوزيرَ")]


def test_word_diff_reconstructs_both_texts():
    a = "The attacks took place in early 2021, affecting over a quarter of a million servers worldwide."
    b = "The attack affected more than a quarter of a million servers around the world"
    diff = word_diff(a, b)
    assert "".join(x for op, x in diff if op <= 0) == a
    assert "".join(x for op, x in diff if op >= 0) == b


def test_diff_html_uses_del_and_ins_and_escapes():
    out = diff_html("a <b> c", "a <i> c", "en")
    assert out == "a &lt;<del>b</del> <ins>i</ins>&gt; c"


@pytest.mark.parametrize(
    "source, article, expected",
    [
        (
            "China attributing the attack",
            "China said The attack",
            "China <del>attributing the</del> <ins>said The</ins> attack",
        ),
        (
            "اتهمت الصين بالهجوم",
            "قالت الصين إن الهجوم",
            "<del>اتهمت</del> <ins>قالت</ins> الصين <del>بالهجوم</del> <ins>إن الهجوم</ins>",
        ),
    ],
)
def test_a_deleted_and_an_inserted_word_are_parted_by_a_space(source, article, expected):
    assert diff_html(source, article, "ar" if source[0] > "z" else "en") == expected


def test_paraphrases_are_shown_side_by_side_with_shared_phrases_marked():
    source = "The attacks took place in early 2021, affecting over a quarter of a million servers worldwide."
    article = "Microsoft servers were hit by attackers from China across the world in 2021."
    assert is_paraphrase(source, article) and not is_paraphrase(source, source.replace("early", "late"))
    out = diff_block(source, article, "en", ("Statement", "Article"))
    assert "<del>" not in out and "<ins>" not in out
    assert out.count('class="mq-para-col"') == 2
    assert '<mark class="mq-same">servers</mark>' in out and '<mark class="mq-same">in 2021</mark>' in out
    assert '<mark class="mq-same">the</mark>' not in out  # a lone short word is not a shared phrase
    assert diff_block(source, source.replace("early", "late"), "en", ("S", "A")).startswith('<p class="mq-diff"')


def test_json_ld_survives_any_text():
    data = {"claimReviewed": "</script><script>alert(1)</script> <!-- & \u2028 {{ x }}"}
    out = script(data)
    body = out.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in body and ">" not in body and "&" not in body and "\u2028" not in body
    assert json.loads(body) == data


def test_search_index_is_folded_like_the_query(tmp_path):
    import re as _re
    from pathlib import Path

    from muqabala.site.render.search import (
        LETTERS,
        QUERY_PREFIX,
        SEARCH_MARKS,
        fold_for_search,
        fold_query,
        fold_words,
        normalise_search_index,
    )

    index = tmp_path / "search_index.json"
    index.write_text(
        json.dumps(
            {"config": {"lang": ["ar"]}, "docs": [{"location": "", "title": "بيانًا", "text": "أصدر بيانًا مـطـولًا"}]},
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    assert normalise_search_index(index) is True
    data = json.loads(index.read_text(encoding="utf-8"))
    doc = data["docs"][0]
    assert (doc["title"], doc["text"]) == ("بيانا", "أصدر بيانا مطولا")
    assert doc["folded"] == "بيانا يانا اصدر بيانا يانا مطولا"
    assert data["config"]["fields"]["folded"] == {"boost": 1.0}
    assert normalise_search_index(index) is False
    assert fold_for_search("تَجَسُّس") == "تجسس"
    # The index holds each word as written and without its prefixes; the query loses the article.
    assert fold_words("أراضي الأوروبي والاختراق") == "اراضي الاوروبي اوروبي والاختراق اختراق"
    assert fold_query("اراضي الاوروبي اختراق") == "اراضي اوروبي اختراق"
    assert fold_query("بيان وزارة للاختراق إلى") == "بيان وزاره اختراق الي"
    # The script folds exactly as the build does.
    js = (Path(__file__).resolve().parents[1] / "overrides/assets/javascripts/muqabala-search.js").read_text()
    js_class = _re.search(r"var MARKS = /(\[[^\]]+\])/g;", js).group(1)
    assert js_class.encode().decode("unicode_escape") == SEARCH_MARKS.pattern
    assert json.loads(_re.search(r"var LETTERS = (\{[^}]+\});", js).group(1)) == LETTERS
    js_prefix = _re.search(r"var PREFIX = /(.+)/;", js).group(1)
    assert _re.sub(r"\\u([0-9A-Fa-f]{4})", lambda m: chr(int(m[1], 16)), js_prefix) == QUERY_PREFIX.pattern
