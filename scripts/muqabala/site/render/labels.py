"""Every word of the site's own interface, in both languages, in one place.

A test checks that each key has a non-empty text in every site language, so a page can
never show a key or fall back to the other language.
"""

from __future__ import annotations

from muqabala.vocabulary import (
    ATTRIBUTION_LEVELS,
    DISCREPANCY_TYPES,
    LANGUAGE_NAMES,
    SEVERITIES,
    SITE_LANGUAGES,
    VERDICTS,
)

VERDICT_ICONS: dict[str, str] = {key: v.icon for key, v in VERDICTS.items()}
"""A symbol per verdict, so that a verdict is never told by colour alone."""

VERDICT_ORDER: tuple[str, ...] = tuple(VERDICTS)

LABELS: dict[str, dict[str, str]] = {
    # Comparison facets
    "facet.statement": {"en": "Statement", "ar": "البيان"},
    "facet.date": {"en": "Date", "ar": "التاريخ"},
    "facet.issuer": {"en": "Issuer", "ar": "الجهة المُصدِرة"},
    "facet.attribution_level": {"en": "Attribution level", "ar": "درجة الإسناد"},
    "facet.certainty": {"en": "Certainty", "ar": "درجة اليقين"},
    "facet.named_organ": {"en": "Named state organ", "ar": "جهاز الدولة المسمّى"},
    "facet.groups": {"en": "Groups named", "ar": "المجموعات المسمّاة"},
    "facet.figures": {"en": "Figures", "ar": "الأرقام"},
    "facet.demands": {"en": "Demands", "ar": "المطالب"},
    # Navigation and page titles
    "nav.home": {"en": "Home", "ar": "الرئيسية"},
    "nav.articles": {"en": "Articles", "ar": "المقالات"},
    "nav.checks": {"en": "Claim checks", "ar": "فحص الادعاءات"},
    "nav.statements": {"en": "Statements", "ar": "البيانات"},
    "nav.compare": {"en": "Compare statements", "ar": "مقارنة البيانات"},
    "nav.discrepancies": {"en": "Discrepancies", "ar": "الفروق"},
    "nav.methodology": {"en": "Methodology", "ar": "المنهجية"},
    "nav.guide": {"en": "Editor's guide", "ar": "دليل المحرر"},
    "nav.data": {"en": "Open data", "ar": "البيانات المفتوحة"},
    "nav.about": {"en": "About", "ar": "عن مقابلة"},
    "title.checks": {"en": "Checks", "ar": "الفحص"},
    # What a publisher shows with each check
    "publisher.conclusion": {"en": "In short", "ar": "الخلاصة"},
    "publisher.author": {"en": "Checked by", "ar": "فحصه"},
    "publisher.reviewer": {"en": "Reviewed by", "ar": "راجعه"},
    "publisher.reviewed": {"en": "Check published", "ar": "نُشر الفحص"},
    "publisher.updated": {"en": "Last updated", "ar": "آخر تحديث"},
    "publisher.corrections": {"en": "Corrections", "ar": "التصحيحات"},
    "publisher.correction": {"en": "Correction", "ar": "تصحيح"},
    # Article page
    "article.outlet": {"en": "Outlet", "ar": "الناشر"},
    "article.date": {"en": "Published", "ar": "تاريخ النشر"},
    "article.url": {"en": "Address", "ar": "الرابط"},
    "article.no_url": {"en": "No address", "ar": "لا رابط"},
    "article.language": {"en": "Language", "ar": "اللغة"},
    "article.summary": {"en": "Claims by verdict", "ar": "الادعاءات بحسب الحكم"},
    # {count} is `vocabulary.count(n, "claim", lang)`: «فُحص ادعاء واحد», «فُحص 11 ادعاءً».
    "article.claims_total": {"en": "{count} checked", "ar": "فُحص {count}"},
    "article.text": {"en": "The article as published", "ar": "المقال كما نُشر"},
    "article.text_note": {
        "en": "The Arabic original, sentence by sentence, with our editorial English translation. "
        "Each claim is marked with its verdict; follow it to see the check.",
        "ar": "النص العربي الأصلي جملةً جملة. كل ادعاء موسوم بالحكم عليه؛ "
        "اتبع الرابط لترى الفحص. الترجمة الإنجليزية متاحة تحت كل فقرة.",
    },
    "article.show_translation": {"en": "English translation", "ar": "الترجمة الإنجليزية"},
    "article.headline": {"en": "Headline", "ar": "العنوان"},
    "article.see_checks": {"en": "All checks of this article", "ar": "كل فحوص هذا المقال"},
    "article.see_article": {"en": "The article, annotated", "ar": "المقال موسومًا بالأحكام"},
    "article.not_claim": {"en": "Not a claim", "ar": "ليس ادعاءً"},
    "article.open_check": {"en": "open the check", "ar": "افتح الفحص"},
    # Claim checks
    "check.claim": {"en": "Claim", "ar": "الادعاء"},
    "check.headline": {"en": "headline", "ar": "العنوان"},
    "check.original": {"en": "Original", "ar": "الأصل"},
    "check.translation": {"en": "Translation", "ar": "الترجمة"},
    "check.verdict": {"en": "Verdict", "ar": "الحكم"},
    "check.rationale": {"en": "Why", "ar": "السبب"},
    "check.computed": {"en": "Computed verdict", "ar": "الحكم المحسوب آليًا"},
    "check.editorial": {"en": "Editorial decision", "ar": "قرار تحريري"},
    "check.editor": {"en": "Editor", "ar": "المحرر"},
    "check.editorial_note": {
        "en": "An editor set the verdict shown; the computed verdict is kept beside it.",
        "ar": "الحكم المعروض وضعه محرر؛ والحكم المحسوب آليًا مذكور بجانبه.",
    },
    "check.credited": {"en": "Credited to", "ar": "منسوب إلى"},
    "check.attribution": {"en": "Attribution in the claim", "ar": "الإسناد في الادعاء"},
    "check.discrepancies": {"en": "Differences found", "ar": "الفروق المرصودة"},
    "check.no_discrepancies": {"en": "No difference found.", "ar": "لم يُرصد فرق."},
    "check.evidence": {"en": "Evidence", "ar": "الأدلة"},
    "check.no_evidence": {
        "en": "No statement sentence was aligned with this claim.",
        "ar": "لم تُطابَق أي جملة من البيانات مع هذا الادعاء.",
    },
    "check.article_wording": {"en": "Article", "ar": "المقال"},
    "check.statement_wording": {"en": "Statement", "ar": "البيان"},
    "check.diff": {"en": "Word-level differences", "ar": "الفروق كلمةً كلمة"},
    "check.legend": {"en": "Legend", "ar": "مفتاح الرموز"},
    "check.legend_del": {"en": "in the statement, not in the article", "ar": "في البيان وليس في المقال"},
    "check.legend_ins": {"en": "in the article, not in the statement", "ar": "في المقال وليس في البيان"},
    "check.legend_same": {"en": "the same words in both", "ar": "الكلمات نفسها في الاثنين"},
    "check.legend_sample_del": {"en": "struck", "ar": "مشطوب"},
    "check.legend_sample_ins": {"en": "underlined", "ar": "مسطَّر"},
    "check.legend_sample_same": {"en": "marked", "ar": "مظلَّل"},
    "check.paraphrase": {
        "en": "The two wordings differ in most of their words: shown side by side, the phrases they share marked.",
        "ar": "تختلف الصيغتان في معظم كلماتهما، فتُعرضان متجاورتين مع تظليل العبارات المشتركة.",
    },
    "check.diff_other": {"en": "Arabic wording compared", "ar": "مقارنة الصيغة الإنجليزية"},
    "check.score": {"en": "Alignment score", "ar": "درجة المطابقة"},
    "check.for_editors": {"en": "Details for editors", "ar": "تفاصيل للمحررين"},
    "check.sentence_id": {"en": "Sentence id", "ar": "معرّف الجملة"},
    "check.context": {
        "en": "For context: a media report, never used as evidence of what a government said",
        "ar": "للسياق: تقرير إعلامي، لا يُعتمد دليلًا على ما قالته حكومة",
    },
    "check.more_evidence": {
        "en": "Other candidate sentences, ranked lower: score and wording only, each linked to its place "
        "in the statement",
        "ar": "جمل مرشّحة أخرى أدنى ترتيبًا: الدرجة والصيغة فقط، وكلٌّ منها يحيل إلى موضعه في البيان",
    },
    "check.reasons": {"en": "Matched on", "ar": "أساس المطابقة"},
    "check.pinned": {"en": "pinned by an editor", "ar": "ثبّته محرر"},
    # The preview's error page (`muqabala serve` while a file is invalid)
    "preview.title": {"en": "The preview cannot be built", "ar": "تعذّر بناء المعاينة"},
    "preview.lede": {
        "en": "These files have problems. Each line names the file, the line, the field and what is wrong:",
        "ar": "في هذه الملفات مشكلات. يذكر كل سطر الملف والسطر والحقل وموضع الخطأ:",
    },
    "preview.recover": {
        "en": "Fix them and save: this page shows the site again by itself once the files are valid.",
        "ar": "أصلحها واحفظ الملف: ستعرض هذه الصفحة الموقع من جديد تلقائيًا حين تصحّ الملفات.",
    },
    "check.version": {"en": "Checked against", "ar": "فُحص مقابل"},
    "check.changed_since": {"en": "The source has changed since", "ar": "تغيّر المصدر منذ ذلك الحين"},
    "check.in_claim": {"en": "In the claim", "ar": "في الادعاء"},
    "check.in_source": {"en": "In the source", "ar": "في المصدر"},
    "check.sentence": {"en": "sentence", "ar": "الجملة"},
    "check.see_sentence": {"en": "see the sentence", "ar": "الجملة في البيان"},
    "check.translator_note": {"en": "Translator's note", "ar": "ملاحظة المترجم"},
    "check.not_claim_reason": {"en": "Why it is not checked", "ar": "لماذا لم يُفحص"},
    "check.back_to_article": {"en": "see it in the article", "ar": "موضعه في المقال"},
    "check.prev": {"en": "Previous claim", "ar": "الادعاء السابق"},
    "check.next": {"en": "Next claim", "ar": "الادعاء التالي"},
    "check.claims_nav": {"en": "Claims of this article", "ar": "ادعاءات هذا المقال"},
    # Statements
    "statement.issuer": {"en": "Issuer", "ar": "الجهة المُصدِرة"},
    "statement.speaker": {"en": "Speaker", "ar": "المتحدث"},
    "statement.date": {"en": "Date", "ar": "التاريخ"},
    "statement.language": {"en": "Language", "ar": "اللغة"},
    "statement.source": {"en": "Source", "ar": "المصدر"},
    "statement.archive": {"en": "Archived copy", "ar": "نسخة مؤرشفة"},
    "statement.no_archive": {"en": "No archived copy", "ar": "لا نسخة مؤرشفة"},
    "statement.url_note": {"en": "About the address", "ar": "عن الرابط"},
    "statement.completeness": {"en": "Completeness", "ar": "الاكتمال"},
    "statement.complete": {"en": "Complete text", "ar": "النص كاملًا"},
    "statement.partial": {"en": "Partial text", "ar": "نص منقوص"},
    "statement.versions": {"en": "Versions", "ar": "النسخ"},
    "statement.versions_note": {
        "en": "The issuer changed this statement after publishing it. Each version is kept as published; "
        "the text above is the current one.",
        "ar": "غيّرت الجهة المُصدِرة هذا البيان بعد نشره. نحتفظ بكل نسخة كما نُشرت، والنص أعلاه هو النص الحالي.",
    },
    "statement.version": {"en": "Version {n}", "ar": "النسخة {n}"},
    "statement.version_current": {"en": "the current text", "ar": "النص الحالي"},
    "statement.version_text": {"en": "Text of version {n}", "ar": "نص النسخة {n}"},
    "statement.version_diff": {
        "en": "Changes from version {a} to version {b}",
        "ar": "التغييرات من النسخة {a} إلى النسخة {b}",
    },
    "statement.withdrawn": {"en": "Withdrawn", "ar": "بيان مسحوب"},
    "statement.withdrawn_warning": {
        "en": "The issuer withdrew this statement on {date}. Its last text is kept here as it was published.",
        "ar": "سحبت الجهة المُصدِرة هذا البيان في {date}. نحتفظ هنا بنصّه الأخير كما نُشر.",
    },
    "statement.partial_warning": {
        "en": "Only part of this statement is transcribed. A claim may rest on a part we do not have.",
        "ar": "لم يُنقل من هذا البيان إلا جزء منه. قد يستند ادعاء إلى جزء ليس بين أيدينا.",
    },
    "statement.translator": {"en": "Translation", "ar": "الترجمة"},
    "statement.unofficial": {"en": "unofficial translation", "ar": "ترجمة غير رسمية"},
    "statement.role_secondary": {
        "en": "Secondary source: a media report, shown for context, never used as evidence of what a government said.",
        "ar": "مصدر ثانوي: تقرير إعلامي يُعرض للسياق، ولا يُعتمد دليلًا على ما قالته حكومة.",
    },
    "statement.text": {"en": "Text", "ar": "النص"},
    "statement.quote_by": {"en": "Quotation —", "ar": "اقتباس —"},
    "statement.attribution": {"en": "Attribution coding", "ar": "ترميز الإسناد"},
    "statement.level": {"en": "Level", "ar": "الدرجة"},
    "statement.named_organ": {"en": "Named state organ", "ar": "جهاز الدولة المسمّى"},
    "statement.groups": {"en": "Groups named", "ar": "المجموعات المسمّاة"},
    "statement.cues": {"en": "Wording that sets the level", "ar": "العبارات التي تحدد الدرجة"},
    "statement.cited_by": {"en": "Cited by", "ar": "يستشهد بها"},
    "statement.none": {"en": "none", "ar": "لا شيء"},
    "statement.title_translation": {"en": "Title, translated", "ar": "العنوان مترجمًا"},
    # Comparison
    "compare.intro": {
        "en": "Each row is a statement, each column a facet of what it says, with the statement's own "
        "words in quotation marks. A cell marked ≠ differs from what most statements of the same case "
        "say on that facet (where no answer is given by most, every cell of the facet is marked). "
        "An excerpt is a statement we have only in part.",
        "ar": "كل صف بيان، وكل عمود جانب مما يقوله، مع كلمات البيان نفسه بين علامتَي تنصيص. الخانة "
        "الموسومة بـ ≠ تخالف ما تقوله أغلب بيانات القضية نفسها في هذا الجانب (وإن لم تتفق الأغلبية "
        "على شيء وُسمت خانات الجانب كلها). والمقتطف بيانٌ لم نحصل إلا على جزء منه.",
    },
    "compare.differs": {"en": "differs from the others", "ar": "يختلف عن غيره"},
    "compare.excerpt": {"en": "excerpt", "ar": "مقتطف"},
    "compare.translated_sentence": {"en": "in our translation of the sentence", "ar": "في ترجمتنا للجملة"},
    "compare.chart_partial": {
        "en": "A dashed circle is a statement known only in part: its place on the scale rests on an excerpt.",
        "ar": "الدائرة المتقطعة بيانٌ لم يُنقل إلا جزء منه، فموضعه على السلّم قائم على مقتطف.",
    },
    "compare.chart": {"en": "The attribution scale", "ar": "سلّم الإسناد"},
    "compare.chart_note": {
        "en": "Each statement (circle) and each claim about it (diamond), placed on the scale from "
        "no attribution to a named state organ.",
        "ar": "كل بيان (دائرة) وكل ادعاء عنه (معيّن) على السلّم، من انعدام الإسناد إلى تسمية جهاز من أجهزة الدولة.",
    },
    "compare.case": {"en": "Case", "ar": "القضية"},
    "compare.statement_marker": {"en": "statement", "ar": "بيان"},
    "compare.claim_marker": {"en": "claim", "ar": "ادعاء"},
    "compare.secondary": {"en": "secondary", "ar": "ثانوي"},
    # Discrepancies page
    "discrepancies.intro": {
        "en": "Every difference the rules found, grouped by kind. Each links to the claim it concerns.",
        "ar": "كل الفروق التي رصدتها القواعد، مجمّعة بحسب نوعها. يحيل كل فرق إلى الادعاء المعني.",
    },
    "discrepancies.none": {"en": "None found.", "ar": "لم يُرصد شيء."},
    "discrepancies.count": {"en": "found", "ar": "مرصودة"},
    # Open data
    "data.intro": {
        "en": "Everything on this site is built from open files. Reuse them freely; please cite the "
        "sources they point to.",
        "ar": "كل ما في هذا الموقع مبني من ملفات مفتوحة. أعد استخدامها بحرية، مع الإحالة إلى المصادر التي تشير إليها.",
    },
    "data.licence": {"en": "Licence", "ar": "الترخيص"},
    "data.report": {
        "en": "The report (all verdicts, evidence and differences)",
        "ar": "التقرير (كل الأحكام والأدلة والفروق)",
    },
    "data.schemas": {"en": "JSON Schemas", "ar": "مخططات JSON"},
    "data.sources": {"en": "Source files (YAML)", "ar": "ملفات المصدر (YAML)"},
    "data.schema.article": {"en": "article files", "ar": "ملفات المقالات"},
    "data.schema.issuer": {"en": "issuer files", "ar": "ملفات الجهات"},
    "data.schema.statement": {"en": "statement files", "ar": "ملفات البيانات"},
    "data.schema.report": {"en": "the report", "ar": "التقرير"},
    # Common
    "common.ar": {"en": "Arabic", "ar": "العربية"},
    "common.en": {"en": "English", "ar": "الإنجليزية"},
    "common.site": {"en": "Muqabala", "ar": "مقابلة"},
    "common.note": {"en": "Note", "ar": "ملاحظة"},
}
"""Key → language → text. Keys are dotted by the page or concept they belong to."""

for _prefix, _terms in (
    ("verdict", VERDICTS),
    ("type", DISCREPANCY_TYPES),
    ("severity", SEVERITIES),
    ("level", ATTRIBUTION_LEVELS),
):
    LABELS.update({f"{_prefix}.{key}": {"en": term.en, "ar": term.ar} for key, term in _terms.items()})


def t(key: str, lang: str) -> str:
    """The interface text `key` in `lang`; a missing key is a programming error, so it raises."""
    try:
        return LABELS[key][lang]
    except KeyError:
        raise KeyError(
            f"no label {key!r} in {lang!r} (add it to render/labels.py, like '{key}': {{'en': '…', 'ar': '…'}})"
        ) from None


def language_name(code: str, lang: str) -> str:
    """A language's name in `lang`, or its code when we have no name for it."""
    return LANGUAGE_NAMES.get(code, {}).get(lang, code)


def missing_labels() -> list[str]:
    """Keys lacking a non-empty text in some site language, as `key:lang` (the test wants none)."""
    return [
        f"{key}:{lang}"
        for key, texts in LABELS.items()
        for lang in SITE_LANGUAGES
        if not (texts.get(lang) or "").strip()
    ] + [f"{key}:{lang}" for key, texts in LANGUAGE_NAMES.items() for lang in SITE_LANGUAGES if not texts.get(lang)]
