"""The project's vocabularies, each declared once with both site languages' words.

Verdicts, kinds of discrepancy, the attribution scale, certainty, the site's languages, month
names, the one way of choosing a text's wording for a page language, and the grammar generated
text needs (agreement with a name, counted nouns, lists, quotation marks). The schema (`data.model`), the report
(`report`), the rules' explanations and the pages' labels all read them from here, so a term has
one key and one label per language everywhere.

This module imports nothing of the package: it is the bottom layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from datetime import date as Day
from typing import Literal, get_args

# --- languages ----------------------------------------------------------------------------------

SITE_LANGUAGES: tuple[str, ...] = ("ar", "en")
"""The languages the site is published in; every text needs a version in each."""

RTL_LANGUAGES = frozenset({"ar", "fa", "he", "ur"})
"""Languages written right to left: their pages and spans get `dir="rtl"`."""

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "ar": {"en": "Arabic", "ar": "العربية"},
    "en": {"en": "English", "ar": "الإنجليزية"},
    "nl": {"en": "Dutch", "ar": "الهولندية"},
    "fr": {"en": "French", "ar": "الفرنسية"},
    "de": {"en": "German", "ar": "الألمانية"},
    "zh": {"en": "Chinese", "ar": "الصينية"},
    "ru": {"en": "Russian", "ar": "الروسية"},
}
"""Names of the languages statements are published in, in each site language."""


def wording(texts: Mapping[str, str], lang: str, original: str | None = None) -> str:
    """The wording of a text for a page in `lang`: its version in `lang`, else in English, else the
    original (`original` names the original's language; default: the first version given).

    The one rule for every two-language text of the package (statement sentences, claims,
    explanations): a page never shows a key, and falls back to English before the original, which
    may be in a language the reader does not read (a Dutch sentence on an Arabic page).
    """
    if texts.get(lang):
        return texts[lang]
    if texts.get("en"):
        return texts["en"]
    if original is not None and texts.get(original):
        return texts[original]
    return next(iter(texts.values()), "")


# --- terms --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term of a vocabulary: its key, its label in each site language, and a one-line
    definition in each (the methodology and the guide say the same at more length)."""

    key: str
    en: str
    ar: str
    define_en: str = ""
    define_ar: str = ""

    def label(self, lang: str) -> str:
        return self.ar if lang == "ar" else self.en

    def definition(self, lang: str) -> str:
        return self.define_ar if lang == "ar" else self.define_en


Verdict = Literal[
    "supported",
    "partly_supported",
    "misleading",
    "misattributed",
    "contradicted",
    "unsupported",
    "not_a_claim",
]
"""Verdict keys, one per claim."""


@dataclass(frozen=True)
class VerdictTerm(Term):
    icon: str = ""
    """A symbol per verdict, so that a verdict is never told by colour alone."""


VERDICTS: dict[str, VerdictTerm] = {
    v.key: v
    for v in (
        VerdictTerm(
            "supported",
            "Supported",
            "مدعوم",
            "A primary statement says it; at most minor differences.",
            "يقوله بيان رسمي، ولا فروق إلا الثانوية.",
            "✓",
        ),
        VerdictTerm(
            "partly_supported",
            "Partly supported",
            "مدعوم جزئيًا",
            "A primary statement says it, but a figure or an order in time has no support.",
            "يقوله بيان رسمي، لكن لا سند لرقم فيه أو لترتيب زمني يذكره.",
            "◐",
        ),
        VerdictTerm(
            "misleading",
            "Misleading",
            "مضلِّل",
            "Said, but stronger, narrower, without its hedge, or worded into another meaning.",
            "ورد في المصدر، لكن الادعاء يقوّيه أو يضيّق نطاقه أو يسقط تحفّظه أو يصوغه بمعنى آخر.",
            "⚠",
        ),
        VerdictTerm(
            "misattributed",
            "Misattributed",
            "منسوب إلى غير قائله",
            "The words or a named body are credited to an issuer whose statements do not hold them; "
            "another issuer's statements do.",
            "يُنسب الكلام أو جهة مسمّاة إلى جهة لا ترد في بياناتها، بل في بيانات جهة أخرى.",
            "⇄",
        ),
        VerdictTerm(
            "contradicted",
            "Contradicted",
            "تناقضه المصادر",
            "The sources give another figure, or their dates show another order.",
            "تذكر المصادر رقمًا آخر، أو تدل تواريخها على ترتيب آخر.",
            "✗",
        ),
        VerdictTerm(
            "unsupported",
            "Unsupported",
            "بلا سند",
            "No primary statement says it, or it rests on unnamed sources.",
            "لا يقوله أي بيان رسمي، أو يستند إلى مصادر لم تُسمَّ.",
            "?",
        ),
        VerdictTerm(
            "not_a_claim",
            "Not a claim",
            "ليس ادعاءً",
            "Marked by the editors as not a checkable claim.",
            "وسمه المحررون بأنه ليس ادعاءً قابلًا للفحص.",
            "–",
        ),
    )
}
"""Every verdict, in the order summaries list them."""

DiscrepancyType = Literal[
    "attribution_level",
    "speaker",
    "number",
    "quote",
    "translation",
    "hedge",
    "scope",
    "timing",
    "form",
    "unsupported",
]
"""The kinds of difference the rules flag, in the order the rules run."""

DISCREPANCY_TYPES: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "attribution_level",
            "Attribution level",
            "درجة الإسناد",
            "The claim holds a state responsible further than the issuer it credits.",
            "يحمّل الادعاء الدولة مسؤولية أبعد مما حمّلتها إياه الجهة التي ينسب إليها الكلام.",
        ),
        Term(
            "speaker",
            "Speaker",
            "القائل",
            "Words or a named body credited to an issuer whose statements do not hold them.",
            "كلام أو جهة مسمّاة تُنسب إلى جهة لا ترد في بياناتها.",
        ),
        Term(
            "number",
            "Figures",
            "الأرقام",
            "A figure the source gives otherwise, or that no primary statement gives.",
            "رقم يذكره المصدر على نحو آخر، أو لا يذكره أي بيان رسمي.",
        ),
        Term(
            "quote",
            "Quotation",
            "الاقتباس",
            "Quoted words that differ from the words of the source.",
            "نص مقتبس تختلف ألفاظه عن ألفاظ المصدر.",
        ),
        Term(
            "translation",
            "Translation",
            "الترجمة",
            "A term of the source rendered by a known mistranslation.",
            "مصطلح من المصدر نُقل بترجمة خاطئة معروفة.",
        ),
        Term(
            "hedge",
            "Certainty",
            "درجة اليقين",
            "The source hedges (an assessment); the claim states it as fact.",
            "يتحفّظ المصدر (تقدير)، بينما يقدّم الادعاء الأمر حقيقةً مؤكدة.",
        ),
        Term(
            "scope",
            "Scope",
            "النطاق",
            "The claim narrows where the source says something happened.",
            "يضيّق الادعاء النطاق الجغرافي الذي يذكره المصدر.",
        ),
        Term(
            "timing",
            "Timing",
            "التوقيت",
            "An order in time that the statements' dates contradict or cannot establish.",
            "ترتيب زمني تناقضه تواريخ البيانات أو لا تكفي لإثباته.",
        ),
        Term(
            "form",
            "Form of the statement",
            "شكل البيان",
            "The claim says a statement was a kind of text (a tweet, a joint declaration) that it was not.",
            "ينسب الادعاء إلى البيان شكلًا لم يصدر به (تغريدة، إعلان مشترك…).",
        ),
        Term(
            "unsupported",
            "No source",
            "لا مصدر",
            "No primary statement says it, or it rests on unnamed sources.",
            "لا يقوله أي بيان رسمي، أو يستند إلى مصادر لم تُسمَّ.",
        ),
    )
}
"""Every kind of discrepancy, with the label the pages show."""

SEVERITIES: dict[str, Term] = {
    "major": Term("major", "major", "جوهري", "Can change what the reader understands.", "قد يغيّر ما يفهمه القارئ."),
    "minor": Term("minor", "minor", "ثانوي", "Wording only; the meaning stands.", "فرق في الصياغة لا يمسّ المعنى."),
}

AttributionLevel = Literal["none", "territory", "state_affiliated", "state_organ"]
"""The attribution scale, weakest first (see the methodology page)."""

ATTRIBUTION_LEVELS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "none",
            "No attribution",
            "لا إسناد",
            "The text holds no state responsible.",
            "لا يحمّل النص أي دولة المسؤولية.",
        ),
        Term(
            "territory",
            "From the state's territory",
            "من أراضي الدولة",
            "The activity came from a state's territory; no actor is named.",
            "انطلق النشاط من أراضي دولة، دون تسمية فاعل.",
        ),
        Term(
            "state_affiliated",
            "The state or state-backed actors",
            "الدولة أو جهات فاعلة مدعومة منها",
            "The state itself, or actors it backs or sponsors, carried it out.",
            "نفّذته الدولة نفسها أو جهات فاعلة تدعمها أو ترعاها.",
        ),
        Term(
            "state_organ",
            "A named state organ",
            "جهاز مسمّى من أجهزة الدولة",
            "A state body is named as responsible (a ministry, an intelligence service).",
            "سُمّي جهاز من أجهزة الدولة مسؤولًا (وزارة أو جهاز استخبارات).",
        ),
    )
}
"""The scale, weakest first: one label per level, in tables, charts and inside explanations alike."""

CertaintyLevel = Literal["asserted", "hedged"]
"""How sure a text says it is."""

CERTAINTY_LEVELS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "asserted",
            "Stated as fact",
            "مقدَّم حقيقةً مؤكدة",
            "Said without a hedge.",
            "يُقال بلا تحفّظ.",
        ),
        Term(
            "hedged",
            "Assessment",
            "تقدير",
            'Said with a hedge: "highly likely", "assess", "can be linked".',
            "يُقال بتحفّظ: «من المرجح جدًا»، «يُقدّر»، «يمكن ربطه».",
        ),
    )
}
"""The certainty a statement or a claim expresses; the `hedge` rule compares the two."""

VersionKind = Literal["published", "amended", "withdrawn"]
"""What happened to a statement on a date its issuer changed it."""

VERSION_KINDS: dict[str, Term] = {
    t.key: t
    for t in (
        Term("published", "Published", "نُشر", "The statement as first published.", "البيان كما نُشر أول مرة."),
        Term(
            "amended",
            "Amended",
            "عُدِّل",
            "The issuer changed the text: words altered, added or removed.",
            "غيّرت الجهة المُصدِرة النص: كلمات بُدّلت أو أُضيفت أو حُذفت.",
        ),
        Term(
            "withdrawn",
            "Withdrawn",
            "سُحب",
            "The issuer took the statement down or disowned it; its last text is kept.",
            "سحبت الجهة المُصدِرة البيان أو تبرّأت منه؛ ونُبقي نصّه الأخير.",
        ),
    )
}
"""The kinds of a statement's versions (`versions:` in a statement file), in the order they can come."""

ATTRIBUTION_ORDER: tuple[str, ...] = tuple(ATTRIBUTION_LEVELS)

HEDGE_KINDS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "assessed",
            "An assessment",
            "تقدير",
            'Said as a judgement: "assess", "judge".',
            "يُقال على أنه تقدير: «يُقدّر».",
        ),
        Term("almost_certain", "Almost certain", "شبه مؤكد", '"Almost certainly".', "«شبه مؤكد»."),
        Term("likely", "Likely", "مرجَّح", '"Likely", "highly likely".', "«من المرجح»، «من المرجح جدًا»."),
        Term("possible", "Possible", "محتمل", '"Can be linked", "possibly".', "«يمكن ربطه»، «ربما»."),
    )
}
"""The kinds of hedge of a `hedged` text (the `id`s of lexicon/hedges.yaml; an id added there
without a label here is shown as it is). The comparison page shows a statement's kinds, or
`CERTAINTY_LEVELS["asserted"]` when its attributing sentences carry none."""

# --- dates --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Month(Term):
    """A month: `en` and `ar` as generated dates write it; `forms` as texts may (the timing rule)."""

    number: int = 0
    forms: tuple[str, ...] = ()


MONTHS: tuple[Month, ...] = (
    Month("1", "January", "يناير/كانون الثاني", number=1, forms=("January", "Jan", "يناير", "كانون الثاني")),
    Month("2", "February", "فبراير/شباط", number=2, forms=("February", "Feb", "فبراير", "شباط")),
    Month("3", "March", "مارس/آذار", number=3, forms=("March", "مارس", "آذار")),
    Month("4", "April", "أبريل/نيسان", number=4, forms=("April", "Apr", "أبريل", "إبريل", "ابريل", "نيسان")),
    Month("5", "May", "مايو/أيار", number=5, forms=("May", "مايو", "أيار")),
    Month("6", "June", "يونيو/حزيران", number=6, forms=("June", "يونيو", "يونيه", "حزيران")),
    Month("7", "July", "يوليو/تموز", number=7, forms=("July", "يوليو", "يوليه", "تموز")),
    Month("8", "August", "أغسطس/آب", number=8, forms=("August", "Aug", "أغسطس", "آب")),
    Month("9", "September", "سبتمبر/أيلول", number=9, forms=("September", "Sept", "سبتمبر", "أيلول")),
    Month("10", "October", "أكتوبر/تشرين الأول", number=10, forms=("October", "Oct", "أكتوبر", "تشرين الأول")),
    Month("11", "November", "نوفمبر/تشرين الثاني", number=11, forms=("November", "Nov", "نوفمبر", "تشرين الثاني")),
    Month("12", "December", "ديسمبر/كانون الأول", number=12, forms=("December", "Dec", "ديسمبر", "كانون الأول")),
)
"""Month names for generated dates. The Arabic pairs the Egyptian and the Levantine name
(«يوليو/تموز»), as the hand-written pages do, so that every Arab reader reads it at a glance.

Babel (installed with Material) was measured for this and not used: its CLDR data gives one name
per locale (`ar` «19 يوليو 2021», `ar_SY` «19 تموز 2021»), never the pair, and its Arabic plural
rule is the five lines of `plural_category` below. Each month also lists the forms a text may use
for it (`forms`: Egyptian and Levantine names, abbreviations), which the timing rule reads."""


def when(date: str) -> dict[str, str]:
    """A date as generated text writes it, by language: `19 July 2021` / `19 يوليو/تموز 2021`.

    A date with a time is given in UTC (`19 July 2021, 09:35 UTC`, «الساعة 09:35 بالتوقيت العالمي
    المنسّق»), so that statements from different zones compare at a glance. No ISO form: inside
    Arabic text its parts would be laid out in reverse order, and readers do not need it.
    """
    if "T" in date:
        moment = datetime.fromisoformat(date.replace("Z", "+00:00"))
        utc = moment.tzinfo is not None
        if utc:
            moment = moment.astimezone(UTC)
        day, clock = moment.date(), moment.strftime("%H:%M")
    else:
        day, clock, utc = Day.fromisoformat(date[:10]), "", False
    month = MONTHS[day.month - 1]
    en, ar = f"{day.day} {month.en} {day.year}", f"{day.day} {month.ar} {day.year}"
    if clock:
        en += f", {clock}" + (" UTC" if utc else "")
        ar += f"، الساعة {clock}" + (" بالتوقيت العالمي المنسّق" if utc else "")
    return {"en": en, "ar": ar}


# --- grammar of generated text ------------------------------------------------------------------

Gender = Literal["masculine", "feminine"]
Number = Literal["singular", "plural"]


@dataclass(frozen=True)
class Grammar:
    """What a sentence needs to know about a name to agree with it."""

    gender: Gender = "masculine"
    """Arabic grammatical gender: «قال الاتحاد» (masculine), «قالت الوزارة» (feminine)."""
    number: Number = "singular"
    """Arabic number: a name of several speakers («الحكومتان», «الحلفاء») takes plural agreement."""
    article: bool = False
    """Whether English puts "the" before the name ("the European Union", not "the Raab")."""

    def ar(self, masculine: str, feminine: str, plural: str) -> str:
        """The form of a word after the name, agreeing with it: «الوزير قال»، «الوزارة قالت»،
        «الحلفاء قالوا» (`grammar.ar("قال", "قالت", "قالوا")`). A feminine plural name is a plural
        of bodies («الحكومات»), which takes the feminine singular: «الحكومات قالت»."""
        if self.gender == "feminine":
            return feminine
        return plural if self.number == "plural" else masculine

    def ar_before(self, masculine: str, feminine: str) -> str:
        """The form of a verb that comes before the name: it agrees in gender only, whatever the
        number («يقول الوزير»، «تقول الوزارة»، «يقول الحلفاء»، «تقول الحكومات»)."""
        return feminine if self.gender == "feminine" else masculine

    def en_verb(self, singular: str, plural: str) -> str:
        """An English verb agreeing with the name: "says" / "say"."""
        return plural if self.number == "plural" else singular

    def en(self, name: str, start: bool = False) -> str:
        """The English name with its article when it takes one ("The" at the start of a sentence)."""
        if not self.article:
            return name[:1].upper() + name[1:] if start else name
        return ("The " if start else "the ") + name


@dataclass(frozen=True)
class Noun:
    """A counted noun in both languages: the forms Arabic counting needs, and the English ones."""

    en_one: str
    en_many: str
    singular: str
    """After 1 and after 100 and more (genitive): «ادعاء»."""
    dual: str
    """Two, the number not written: «ادعاءان»."""
    plural: str
    """After 3–10 (genitive plural): «ادعاءات»."""
    accusative: str
    """After 11–99 (singular accusative): «ادعاءً»."""
    feminine: bool = False
    """Gender of the singular: «ادعاء واحد» but «جملة واحدة»; 3–10 take the opposite gender."""


NOUNS: dict[str, Noun] = {
    "claim": Noun("claim", "claims", "ادعاء", "ادعاءان", "ادعاءات", "ادعاءً"),
    "difference": Noun("difference", "differences", "فرق", "فرقان", "فروق", "فرقًا"),
    "statement": Noun("statement", "statements", "بيان", "بيانان", "بيانات", "بيانًا"),
    "sentence": Noun("sentence", "sentences", "جملة", "جملتان", "جمل", "جملةً", feminine=True),
    "article": Noun("article", "articles", "مقال", "مقالان", "مقالات", "مقالًا"),
}
"""Every noun a page counts; `count` writes the number with it."""

_UNITS_M = ("ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "ثمانية", "تسعة", "عشرة")
_UNITS_F = ("ثلاث", "أربع", "خمس", "ست", "سبع", "ثماني", "تسع", "عشر")


def plural_category(n: int) -> str:
    """The Arabic counting form `n` takes (CLDR's categories): zero, one, two, few, many, other."""
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def count(n: int, noun: str, lang: str) -> str:
    """`n` with the noun `noun` of `NOUNS`, agreeing: "1 claim", "2 claims"; «ادعاء واحد», «ادعاءان»,
    «ثلاثة ادعاءات», «11 ادعاءً», «100 ادعاء». Three to ten are written in words, which take the
    opposite gender of the noun's singular («ثلاثة ادعاءات», «ثلاث جمل»)."""
    word = NOUNS[noun]
    if lang != "ar":
        return f"{n} {word.en_one if n == 1 else word.en_many}"
    form = plural_category(n)
    if form == "zero":
        return f"لا {word.plural}"
    if form == "one":
        return f"{word.singular} {'واحدة' if word.feminine else 'واحد'}"
    if form == "two":
        return word.dual
    if form == "few":
        number = (_UNITS_F if word.feminine else _UNITS_M)[n - 3] if n <= 10 else str(n)
        return f"{number} {word.plural}"
    if form == "many":
        return f"{n} {word.accusative}"
    return f"{n} {word.singular}"


def join(items: list[str], lang: str) -> str:
    """A list in a sentence: "A, B and C"; «أ وب وج» (Arabic puts و before every item after the first)."""
    if lang == "ar":
        return " و".join(items)
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def quote(text: str, lang: str) -> str:
    """Quoted words in generated prose: «…» in Arabic (a quotation inside it in “…”), "…" in English."""
    if lang == "ar":
        inner = text.replace("«", "“").replace("»", "”").replace('"', "")
        return f"«{inner}»"
    return '"' + text.replace('"', "'") + '"'


# --- what the build writes ----------------------------------------------------------------------

STAMP = ".muqabala-generated.json"
"""The file in each docs folder that records what the generated pages were generated from."""

GENERATED: tuple[str, ...] = (
    "statements",
    "articles",
    "checks",
    "compare.md",
    "discrepancies.md",
    "data.md",
    "feed.xml",
    "feed.json",
    STAMP,
)
"""What the build owns in each language's docs folder (`content/<lang>/`): folders and files it may
overwrite or delete; the last records what the pages were generated from. `.gitignore` and
`make clean` list the same (a test checks them)."""

StatementForm = Literal[
    "declaration",
    "joint_statement",
    "press_release",
    "statement",
    "remarks",
    "tweet",
    "report",
    "advisory",
    "indictment",
    "article",
    "press_conference",
]
"""What kind of text a statement is, as a statement's `form` records it."""

STATEMENT_FORMS: dict[str, Term] = {
    t.key: t
    for t in (
        Term(
            "declaration",
            "declaration",
            "إعلان",
            "A formal declaration (the EU's High Representative's).",
            "إعلان رسمي (كإعلانات الممثل الأعلى للاتحاد الأوروبي).",
        ),
        Term(
            "joint_statement",
            "joint statement",
            "بيان مشترك",
            "One text issued by several issuers together.",
            "نص واحد تصدره عدة جهات معًا.",
        ),
        Term("press_release", "press release", "بيان صحفي", "A release published for the press.", "بيان يُنشر للصحافة."),
        Term(
            "statement",
            "statement",
            "بيان",
            "A statement that is none of the more specific kinds.",
            "بيان لا ينتمي إلى نوع أخص.",
        ),
        Term(
            "remarks",
            "remarks",
            "تصريحات",
            "Words spoken by a person (remarks, a speech, an answer).",
            "كلام يقوله شخص (تصريحات أو خطاب أو رد).",
        ),
        Term(
            "tweet", "social media post", "تغريدة", "A post on a social network.", "منشور على شبكة للتواصل الاجتماعي."
        ),
        Term(
            "report",
            "report",
            "تقرير",
            "A report or analysis (a company's, an agency's).",
            "تقرير أو تحليل (لشركة أو وكالة).",
        ),
        Term("advisory", "advisory", "تنبيه أمني", "A technical security advisory.", "تنبيه أمني تقني."),
        Term("indictment", "indictment", "لائحة اتهام", "Charges filed in a court.", "تهم مقدَّمة إلى محكمة."),
        Term(
            "article", "article", "مقال", "An article signed by its author (an op-ed).", "مقال يوقّعه كاتبه (مقال رأي)."
        ),
        Term(
            "press_conference",
            "press conference",
            "مؤتمر صحفي",
            "A press conference or briefing.",
            "مؤتمر أو إيجاز صحفي.",
        ),
    )
}
"""Every statement form, with the label the pages and explanations use."""


@dataclass(frozen=True)
class Weekday(Term):
    """A day of the week: `en` and `ar` as generated text writes it; `forms` as claims may."""

    number: int = 0
    """`date.weekday()`: Monday is 0."""
    forms: tuple[str, ...] = ()


WEEKDAYS: tuple[Weekday, ...] = (
    Weekday("0", "Monday", "الاثنين", number=0, forms=("Monday", "الاثنين", "الإثنين")),
    Weekday("1", "Tuesday", "الثلاثاء", number=1, forms=("Tuesday", "الثلاثاء")),
    Weekday("2", "Wednesday", "الأربعاء", number=2, forms=("Wednesday", "الأربعاء")),
    Weekday("3", "Thursday", "الخميس", number=3, forms=("Thursday", "الخميس")),
    Weekday("4", "Friday", "الجمعة", number=4, forms=("Friday", "الجمعة")),
    Weekday("5", "Saturday", "السبت", number=5, forms=("Saturday", "السبت")),
    Weekday("6", "Sunday", "الأحد", number=6, forms=("Sunday", "الأحد")),
)
"""Days of the week, for the day a claim says a statement was made on ("said on Thursday")."""

RELATIVE_DAYS: dict[int, tuple[str, ...]] = {
    0: ("today", "اليوم"),
    -1: ("yesterday", "أمس", "الأمس", "البارحة"),
}
"""Days named relative to the article's own date, by their offset from it."""


# Each vocabulary keyed exactly by its Literal: a key added to one and not the other fails at import.
assert tuple(VERDICTS) == get_args(Verdict)
assert tuple(DISCREPANCY_TYPES) == get_args(DiscrepancyType)
assert tuple(ATTRIBUTION_LEVELS) == get_args(AttributionLevel)
assert tuple(CERTAINTY_LEVELS) == get_args(CertaintyLevel)
assert tuple(VERSION_KINDS) == get_args(VersionKind)
assert tuple(STATEMENT_FORMS) == get_args(StatementForm)
