"""Synthetic projects for measuring muqabala at scale: the shipped case plus generated cases.

`generate(dest, scale)` writes a complete, valid project (data, lexicon, MkDocs configs,
theme overrides and the hand-written pages) into `dest`. Scale 1 is the shipped case as it
is; scale N adds N - 1 generated cases of the same shape (10 statements of ~9 sentences and
one Arabic article of ~20 claims each), so 1000× is ~10,000 statements, ~95,000 sentences,
1,000 articles and ~21,000 claims. An archive grows by cases, not by longer cases: the engine
compares statements pairwise within a case, so a case stays small however large the archive.

Generation is deterministic: case `i` depends only on the seed and `i`, so the cases of 10×
are the first cases of 100×, and the same seed gives the same bytes.
"""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from muqabala.vocabulary import GENERATED
from muqabala.vocabulary import MONTHS as VOCABULARY_MONTHS

STATEMENTS_PER_CASE = 10
"""As in the shipped case; the engine's pairwise comparisons stay within a case."""


@dataclass(frozen=True)
class Summary:
    """What a generated project holds."""

    scale: int
    cases: int
    issuers: int
    statements: int
    sentences: int
    articles: int
    claims: int


# --- vocabulary -------------------------------------------------------------------------------
# Fictional but plausible: country names are real (the attribution lexicon knows the accused
# ones), people, companies and outlets are invented. (en, ar) pairs throughout.

Country = tuple[str, str, str, str, str, str]
"""ISO code, id stem, name (en), name (ar), adjective (en), adjective (ar, feminine with article)."""

ACCUSERS: list[Country] = [  # code, id stem, English, Arabic, adjective (en), adjective (ar)
    ("US", "us", "the United States", "الولايات المتحدة", "American", "الأمريكية"),
    ("FR", "france", "France", "فرنسا", "French", "الفرنسية"),
    ("DE", "germany", "Germany", "ألمانيا", "German", "الألمانية"),
    ("AU", "australia", "Australia", "أستراليا", "Australian", "الأسترالية"),
    ("CA", "canada", "Canada", "كندا", "Canadian", "الكندية"),
    ("JP", "japan", "Japan", "اليابان", "Japanese", "اليابانية"),
    ("NL", "netherlands", "the Netherlands", "هولندا", "Dutch", "الهولندية"),
    ("NZ", "new-zealand", "New Zealand", "نيوزيلندا", "New Zealand", "النيوزيلندية"),
    ("NO", "norway", "Norway", "النرويج", "Norwegian", "النرويجية"),
    ("EE", "estonia", "Estonia", "إستونيا", "Estonian", "الإستونية"),
]
ACCUSED: list[Country] = [
    ("CN", "china", "China", "الصين", "Chinese", "الصينية"),
    ("RU", "russia", "Russia", "روسيا", "Russian", "الروسية"),
    ("IR", "iran", "Iran", "إيران", "Iranian", "الإيرانية"),
    ("KP", "north-korea", "North Korea", "كوريا الشمالية", "North Korean", "الكورية الشمالية"),
]
GIVEN = [
    ("Anna", "آنا"),
    ("Marc", "مارك"),
    ("Sofia", "صوفيا"),
    ("Hendrik", "هندريك"),
    ("Claire", "كلير"),
    ("Tomas", "توماس"),
    ("Mei", "مي"),
    ("Oskar", "أوسكار"),
    ("Lena", "لينا"),
    ("Pavel", "بافل"),
    ("Yuki", "يوكي"),
    ("Daniel", "دانيال"),
    ("Ingrid", "إنغريد"),
    ("Reza", "رضا"),
]
FAMILY = [
    ("Lindqvist", "ليندكفيست"),
    ("Moreau", "مورو"),
    ("Brandt", "برانت"),
    ("Okafor", "أوكافور"),
    ("Tanaka", "تاناكا"),
    ("Varga", "فارغا"),
    ("Holm", "هولم"),
    ("Ferreira", "فيريرا"),
    ("Novak", "نوفاك"),
    ("Keller", "كيلر"),
    ("Sato", "ساتو"),
    ("Rahimi", "رحيمي"),
]
COMPANIES = [
    ("contoso", "Contoso", "كونتوسو"),
    ("fabrikam", "Fabrikam", "فابريكام"),
    ("northwind", "Northwind Security", "نورثويند للأمن"),
    ("tailspin", "Tailspin Labs", "مختبرات تيلسبين"),
]
OUTLETS = [
    ("example-news", "Example News", "إكزامبل نيوز"),
    ("daily-wire-test", "The Daily Cable", "ذا ديلي كيبل"),
]
PRODUCTS = [
    ("Atlas Mail Server", "خادم البريد أطلس"),
    ("Orion VPN gateway", "بوابة أوريون للشبكات الافتراضية"),
    ("Helix file-transfer software", "برنامج هيليكس لنقل الملفات"),
    ("Nimbus collaboration suite", "حزمة نيمبوس للتعاون"),
    ("Vega network firewall", "جدار الحماية فيغا"),
]
SECTORS = [
    ("government networks", "الشبكات الحكومية"),
    ("hospitals", "المستشفيات"),
    ("energy companies", "شركات الطاقة"),
    ("universities and research centres", "الجامعات ومراكز الأبحاث"),
    ("telecommunications operators", "مشغلي الاتصالات"),
    ("defence contractors", "المتعاقدين الدفاعيين"),
    ("banks", "المصارف"),
    ("shipping companies", "شركات الشحن"),
]
SYSTEMS = [("servers", "خادم"), ("computers", "حاسوب"), ("accounts", "حساب"), ("networks", "شبكة")]
HEDGES = [
    ("highly likely", "من المرجح جدًا"),
    ("likely", "من المرجح"),
    ("almost certain", "شبه مؤكد"),
    ("", ""),
]
# The months the generated cases use, named as vocabulary.MONTHS names them.
MONTHS = [(m.en, m.ar) for m in VOCABULARY_MONTHS if m.number in (1, 3, 4, 6, 9, 11)]
_DIACRITICS = {
    "الاختراق": "الاختِراق",
    "السيبرانية": "السَّيبرانية",
    "الخبيثة": "الخَبيثة",
    "المسؤولية": "المسؤوليّة",
    "الدولة": "الدَّولة",
    "الحكومة": "الحُكومة",
}
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def _note(en: str, ar: str) -> dict[str, str]:
    """An editorial note in both site languages (model.Note)."""
    return {"ar": ar, "en": en}


def _cap(text: str) -> str:
    """First letter up, the rest untouched (`str.capitalize` would write "The united states")."""
    return text[:1].upper() + text[1:]


def _levels(st: Country) -> list[tuple[str, str]]:
    """Attribution phrases, weakest first, in the wording of the lexicon (lexicon/attribution.yaml)."""
    _, _, en, ar, adj, adj_ar = st
    return [
        (f"operating from the territory of {en}", f"تعمل انطلاقًا من أراضي {ar}"),
        (f"backed by the {adj} state", f"مدعومة من الدولة {adj_ar}"),
        (f"part of the {adj} intelligence service", f"جزء من جهاز الاستخبارات {adj_ar}"),
    ]


# --- issuers ------------------------------------------------------------------------------------


def _issuer(
    id_: str,
    en: str,
    ar: str,
    kind: str,
    country: str,
    parent: str | None = None,
    role: dict[str, str] | None = None,
    aliases: tuple[list[str], list[str]] | None = None,
) -> dict[str, Any]:
    out: dict = {
        "schema_version": 1,
        "id": id_,
        "name": {"ar": ar, "en": en},
        "kind": kind,
        "country": country,
    }
    if parent:
        out["parent"] = parent
    if role:
        out["role"] = role
    if aliases:
        out["aliases"] = {"ar": aliases[1], "en": aliases[0]}
    return out


def issuers(rng: random.Random) -> list[dict]:
    """The issuers the generated cases draw on: governments, ministries, agencies, people, firms, media."""
    out = []
    for code, stem, en, ar, adj, adj_ar in ACCUSERS + ACCUSED:
        gov = f"{stem}-government"
        out.append(
            _issuer(
                gov,
                f"Government of {en.removeprefix('the ')}",
                f"حكومة {ar}",
                "government",
                code,
                aliases=([en.removeprefix("the "), f"the {adj} government"], [ar, f"الحكومة {adj_ar}"]),
            )
        )
        out.append(
            _issuer(
                f"{stem}-mfa",
                f"{adj} Ministry of Foreign Affairs",
                f"وزارة الخارجية {adj_ar}",
                "agency",
                code,
                gov,
                aliases=([f"the {adj} foreign ministry"], [f"الخارجية {adj_ar}"]),
            )
        )
        out.append(
            _issuer(
                f"{stem}-cyber",
                f"{adj} National Cyber Agency",
                f"الوكالة الوطنية {adj_ar} للأمن السيبراني",
                "agency",
                code,
                gov,
            )
        )
        (g, g_ar), (f, f_ar) = rng.choice(GIVEN), rng.choice(FAMILY)
        out.append(
            _issuer(
                f"{stem}-minister",
                f"{g} {f}",
                f"{g_ar} {f_ar}",
                "person",
                code,
                f"{stem}-mfa",
                role=_note("Foreign Minister", "وزير الخارجية")
                if (code, stem, en, ar, adj, adj_ar) in ACCUSERS
                else _note("Spokesperson", "المتحدث الرسمي"),
                aliases=([f], [f_ar]),
            )
        )
    for id_, en, ar in COMPANIES:
        out.append(_issuer(id_, en, ar, "company", "US", aliases=([en.split()[0]], [ar.split()[0]])))
    for id_, en, ar in OUTLETS:
        out.append(_issuer(id_, en, ar, "media", "GB"))
    return out


# --- one case -----------------------------------------------------------------------------------


def _ar(rng: random.Random, text: str) -> str:
    """Arabic as editors transcribe it: diacritics on some words, Arabic-Indic digits in some texts."""
    for plain, marked in _DIACRITICS.items():
        if plain in text and rng.random() < 0.25:
            text = text.replace(plain, marked, 1)
    return text.translate(_INDIC) if rng.random() < 0.3 else text


def _num(rng: random.Random) -> int:
    return rng.choice([30, 60, 120, 250, 400, 1500, 10000, 30000, 250000])


def _statement_sentences(rng: random.Random, f: dict[str, Any], voice: str) -> list[tuple[str, str]]:
    """(en, ar) sentences of one statement; `voice` is accuser, company, denial or media."""
    st, acc, grp, prod, sector, n, sys_, month = (
        f[k] for k in ("state", "accuser", "group", "product", "sector", "n", "sys", "month")
    )
    hedge, hedge_ar = rng.choice(HEDGES)
    level, level_ar = rng.choice(_levels(st))
    cve = f"CVE-{f['year']}-{f['cve']}"
    if voice == "denial":
        pool = [
            (
                f"{st[2]} firmly opposes the groundless accusations made by {acc[2]}.",
                f"تعارض {st[3]} بشدة الاتهامات التي لا أساس لها التي وجهتها {acc[3]}.",
            ),
            (
                f"{st[2]} is itself a major victim of cyber attacks.",
                f"إن {st[3]} نفسها ضحية رئيسية للهجمات السيبرانية.",
            ),
            ("The so-called evidence has never been made public.", "لم يُنشر ما يسمى بالأدلة قط."),
            (f"We urge {acc[2]} to stop smearing {st[2]}.", f"نحث {acc[3]} على الكف عن تشويه صورة {st[3]}."),
            (
                "Tracing the source of a cyber attack is a complex technical question.",
                "إن تتبع مصدر الهجوم السيبراني مسألة تقنية معقدة.",
            ),
            (
                f"{st[2]} has always opposed all forms of cyber attacks.",
                f"عارضت {st[3]} دائمًا جميع أشكال الهجمات السيبرانية.",
            ),
            (
                f"{_cap(acc[2])} is the world's largest source of cyber attacks.",
                f"إن {acc[3]} هي أكبر مصدر للهجمات السيبرانية في العالم.",
            ),
            (
                f"The so-called {grp} group has no link with the {st[4]} government.",
                f"لا صلة لما يسمى بمجموعة {grp} بالحكومة {st[5]}.",
            ),
            (
                "We call for dialogue on an equal footing within the United Nations.",
                "ندعو إلى الحوار على قدم المساواة في إطار الأمم المتحدة.",
            ),
            (
                "Politicising cyber security issues serves no one.",
                "إن تسييس قضايا الأمن السيبراني لا يخدم أحدًا.",
            ),
        ]
    elif voice == "media":
        pool = [
            (
                f"{_cap(acc[2])} has accused {st[2]} of a cyber attack on {prod[0]}.",
                f"اتهمت {acc[3]} {st[3]} بشن هجوم إلكتروني على {prod[1]}.",
            ),
            (
                f"The attack is said to have affected more than {n:,} {sys_[0]}.",
                f"ويُقال إن الهجوم أثر على أكثر من {n} {sys_[1]}.",
            ),
            (
                f"Officials said the group known as {grp} was behind it.",
                f"وقال مسؤولون إن المجموعة المعروفة باسم {grp} تقف وراءه.",
            ),
            (f"{st[2]} denied any involvement.", f"ونفت {st[3]} أي تورط."),
            (
                f"The campaign began in {month[0]}, according to {acc[2]}.",
                f"وبدأت الحملة في {month[1]} بحسب {acc[3]}.",
            ),
            (
                f"Security researchers said {prod[0]} had been targeted before.",
                f"وقال باحثون أمنيون إن {prod[1]} استُهدف من قبل.",
            ),
            (
                "Western governments have stepped up public attributions of cyber attacks.",
                "وكثفت الحكومات الغربية نسب الهجمات السيبرانية علنًا إلى جهات بعينها.",
            ),
        ]
    else:
        pool = [
            (
                f"Today {acc[2]} and its partners expose malicious cyber activity carried out by {grp}.",
                f"تكشف {acc[3]} وشركاؤها اليوم عن نشاط سيبراني خبيث نفذته مجموعة {grp}.",
            ),
            (
                f"We judge it {hedge} that {grp} is {level}." if hedge else f"{grp} is {level}.",
                f"نقدّر أنه {hedge_ar} أن مجموعة {grp} {level_ar}." if hedge else f"إن مجموعة {grp} {level_ar}.",
            ),
            (
                f"The group exploited a vulnerability in {prod[0]}, tracked as {cve}.",
                f"واستغلت المجموعة ثغرة في {prod[1]} تُعرف باسم {cve}.",
            ),
            (
                f"The campaign compromised more than {n:,} {sys_[0]} worldwide.",
                f"وأدت الحملة إلى اختراق أكثر من {n} {sys_[1]} حول العالم.",
            ),
            (
                f"Since {month[0]}, the activity targeted {sector[0]} in Europe and Asia.",
                f"ومنذ {month[1]} استهدف النشاط {sector[1]} في أوروبا وآسيا.",
            ),
            (
                f"We call on {st[2]} to stop this irresponsible behaviour.",
                f"ندعو {st[3]} إلى وقف هذا السلوك غير المسؤول.",
            ),
            (
                "This behaviour is contrary to the norms of responsible state behaviour endorsed at the "
                "United Nations.",
                "ويتعارض هذا السلوك مع قواعد السلوك المسؤول للدول التي أقرتها الأمم المتحدة.",
            ),
            (
                f"Organisations using {prod[0]} should apply the security update without delay.",
                f"وعلى المؤسسات التي تستخدم {prod[1]} تطبيق التحديث الأمني دون تأخير.",
            ),
            (
                "We will continue to work with our allies to hold those responsible to account.",
                "وسنواصل العمل مع حلفائنا لمحاسبة المسؤولين.",
            ),
            (
                f"The attackers stole data from {sector[0]} and installed web shells for later access.",
                f"وسرق المهاجمون بيانات من {sector[1]} وزرعوا أدوات للوصول لاحقًا.",
            ),
            (
                "Our national cyber agency has published technical advice for network defenders.",
                "ونشرت وكالتنا الوطنية للأمن السيبراني إرشادات تقنية للمدافعين عن الشبكات.",
            ),
            (
                f"{grp} has targeted {sector[0]} in at least {rng.choice([12, 20, 30])} countries.",
                f"واستهدفت {grp} {sector[1]} في {rng.choice([12, 20, 30])} دولة على الأقل.",
            ),
        ]
        if voice == "company":
            pool[0] = (
                f"We have detected attacks by {grp} against customers of {prod[0]}.",
                f"رصدنا هجمات شنتها مجموعة {grp} على عملاء {prod[1]}.",
            )
    count = min(len(pool), max(3, round(rng.gauss(10.5, 2))))
    return rng.sample(pool, count) if voice in ("denial", "media") else pool[:2] + rng.sample(pool[2:], count - 2)


def _claim_pool(rng: random.Random, f: dict[str, Any], accusers: list[Country]) -> list[tuple[str, str]]:
    st, grp, prod, sector, n, sys_ = (f[k] for k in ("state", "group", "product", "sector", "n", "sys"))
    names_ar = " و".join(a[3] for a in accusers)
    names_en = " and ".join(a[2] for a in accusers)
    level, level_ar = rng.choice(_levels(st))
    wrong = rng.choice([n * 2, n * 10, n // 2 or 1])
    pool = [
        (
            f"اتهمت {names_ar} {st[3]} بشن هجوم إلكتروني كبير على {prod[1]}.",
            f"{_cap(names_en)} accused {st[2]} of a major cyber attack on {prod[0]}.",
        ),
        (
            f"قالت {accusers[0][3]} إن مجموعة {grp} {level_ar}.",
            f"{_cap(accusers[0][2])} said that {grp} is {level}.",
        ),
        (
            f"أثر الهجوم على أكثر من {rng.choice([n, wrong])} {sys_[1]} في {accusers[0][3]} وحدها.",
            f"The attack affected more than {rng.choice([n, wrong]):,} {sys_[0]} in {accusers[0][2]} alone.",
        ),
        (f"استغل المهاجمون ثغرة في {prod[1]}.", f"The attackers exploited a vulnerability in {prod[0]}."),
        (
            f"استهدفت الحملة {sector[1]} في أوروبا وآسيا.",
            f"The campaign targeted {sector[0]} in Europe and Asia.",
        ),
        (
            f"ونفت {st[3]} الاتهامات ووصفتها بأنها لا أساس لها.",
            f"{st[2]} denied the accusations, calling them groundless.",
        ),
        (
            f"وقالت مصادر إن أجهزة الاستخبارات {st[5]} تقف وراء الهجوم.",
            f"Sources said that the {st[4]} intelligence services were behind the attack.",
        ),
        (
            f"ودعت {accusers[-1][3]} {st[3]} إلى وقف هذا السلوك.",
            f"{_cap(accusers[-1][2])} called on {st[2]} to stop this behaviour.",
        ),
        (
            "وكانت هذه أول مرة تتهم فيها هذه الدول بلدًا بعينه بهجوم إلكتروني.",
            "It was the first time these countries accused a particular state of a cyber attack.",
        ),
        (
            f"وحث خبراء المؤسسات على تحديث {prod[1]} فورًا.",
            f"Experts urged organisations to update {prod[0]} at once.",
        ),
        (f"وسرق المهاجمون بيانات من {sector[1]}.", f"The attackers stole data from {sector[0]}."),
        (
            "ومن المتوقع أن تنضم دول أخرى إلى هذه الاتهامات.",
            "Other countries are expected to join the accusations.",
        ),
        (
            f"وكانت مجموعة {grp} قد نفذت هجمات مماثلة في السابق.",
            f"The {grp} group had carried out similar attacks before.",
        ),
        (
            f"وقال وزير الخارجية إن {st[3]} مسؤولة عن الهجوم.",
            f"The foreign minister said that {st[2]} was responsible for the attack.",
        ),
        (f"واعترفت {st[3]} بمسؤوليتها عن الهجوم.", f"{st[2]} admitted responsibility for the attack."),
        ("وبدأت الحملة قبل عامين على الأقل.", "The campaign began at least two years ago."),
        (f"ولم تُسرق أي بيانات بحسب {accusers[0][3]}.", f"No data was stolen, according to {accusers[0][2]}."),
        (
            f"وأكدت شركة {COMPANIES[f['company']][2]} أن عملاءها تعرضوا للهجوم.",
            f"{COMPANIES[f['company']][1]} confirmed that its customers were attacked.",
        ),
    ]
    return pool


def _claims(rng: random.Random, f: dict[str, Any], accusers: list[Country]) -> list[tuple[str, str]]:
    """(ar, en) sentences of the article: faithful, overstated and unsourced claims, mixed."""
    pool = _claim_pool(rng, f, accusers)
    # A second draw varies the attribution level, the figure and the speaker: no claim repeats.
    more = [c for c in _claim_pool(rng, f, accusers[::-1]) if c not in pool]
    rest = pool[1:] + more
    return [pool[0]] + rng.sample(rest, min(len(rest), max(12, round(rng.gauss(21, 3))) - 1))


def case_files(seed: int, index: int) -> dict[str, dict]:
    """The statements and the article of generated case `index`: file name → data."""
    rng = random.Random(f"muqabala-synth:{seed}:{index}")
    case = f"case-{index:04d}"
    year = rng.choice([2019, 2020, 2021, 2022, 2023])
    accusers = rng.sample(ACCUSERS, rng.choice([2, 3, 3, 4]))
    f: dict[str, Any] = {
        "state": rng.choice(ACCUSED),
        "accuser": accusers[0],
        "product": rng.choice(PRODUCTS),
        "sector": rng.choice(SECTORS),
        "n": _num(rng),
        "sys": rng.choice(SYSTEMS),
        "month": rng.choice(MONTHS),
        "year": year,
        "cve": rng.randrange(1000, 99999),
        "company": rng.randrange(len(COMPANIES)),
    }
    f["group"] = rng.choice(
        [
            f"APT{rng.randrange(1, 99)}",
            f"UNC{rng.randrange(100, 4999)}",
            rng.choice(["Cobalt Harbor", "Silent Lynx", "Amber Wolf", "Night Heron"]),
        ]
    )
    month, day = rng.randrange(1, 13), rng.randrange(1, 27)
    plan: list[tuple[str, str, Country]] = []  # issuer, voice, accuser-or-state
    for acc in accusers:
        plan += [
            (f"{acc[1]}-government", "accuser", acc),
            (f"{acc[1]}-mfa", "accuser", acc),
            (f"{acc[1]}-cyber", "accuser", acc),
        ]
    while len(plan) < STATEMENTS_PER_CASE - 3:  # two accusers: a follow-up statement each
        plan += plan[: STATEMENTS_PER_CASE - 3 - len(plan)]
    plan = plan[: STATEMENTS_PER_CASE - 3]
    plan += [
        (COMPANIES[f["company"]][0], "company", accusers[0]),
        (f"{f['state'][1]}-mfa", "denial", accusers[0]),
        (rng.choice(OUTLETS)[0], "media", accusers[0]),
    ]
    files: dict[str, dict] = {}
    for k, (issuer, voice, acc) in enumerate(plan):
        sid = f"{case}-{issuer}-{k + 1}"
        date = f"{year}-{month:02d}-{day + (voice == 'denial'):02d}"
        if rng.random() < 0.4:
            minute, zone = rng.choice(["00", "15", "30", "45"]), rng.choice(["Z", "+01:00", "+08:00"])
            date += f"T{rng.randrange(7, 20):02d}:{minute}{zone}"
        arabic = voice == "accuser" and rng.random() < 0.1
        sents = _statement_sentences(rng, {**f, "accuser": acc}, voice)
        paragraphs, para = [], []
        for si, (en, ar) in enumerate(sents, start=1):
            sen: dict = {"id": f"s{si}"}
            if arabic:
                sen |= {"text": _ar(rng, ar), "translations": {"en": en}}
            else:
                sen |= {"text": en, "translations": {"ar": _ar(rng, ar)}}
            para.append(sen)
            if len(para) >= rng.choice([2, 3, 4]) or si == len(sents):
                paragraphs.append({"sentences": para})
                para = []
        title_en = {
            "denial": f"Remarks on the accusations by {acc[2]}",
            "media": f"{_cap(acc[2])} accuses {f['state'][2]}",
            "company": f"New attacks on {f['product'][0]}",
        }.get(voice, f"Statement on malicious cyber activity by {f['group']}")
        title_ar = {
            "denial": f"تصريحات بشأن اتهامات {acc[3]}",
            "media": f"{acc[3]} تتهم {f['state'][3]}",
            "company": f"هجمات جديدة على {f['product'][1]}",
        }.get(voice, f"بيان بشأن نشاط سيبراني خبيث لمجموعة {f['group']}")
        data: dict = {"schema_version": 1, "id": sid, "case": case, "issuer": issuer}
        if voice == "accuser" and issuer.endswith("-mfa") and rng.random() < 0.5:
            data["speaker"] = issuer.replace("-mfa", "-minister")
        if voice == "media":
            data["role"] = "secondary"
        data["title"] = (
            {"text": title_ar, "translations": {"en": title_en}}
            if arabic
            else {"text": title_en, "translations": {"ar": title_ar}}
        )
        data |= {"date": date, "url": f"https://example.org/{issuer}/{year}/{sid}"}
        if rng.random() < 0.6:
            data["archive_url"] = (
                f"https://web.archive.org/web/{year}{month:02d}{day:02d}/https://example.org/{issuer}/{sid}"
            )
        else:
            data["no_archive_reason"] = _note("Synthetic statement: no archive copy.", "بيان اصطناعي: لا نسخة مؤرشفة.")
        data["language"] = "ar" if arabic else "en"
        if rng.random() < 0.2:
            data |= {
                "completeness": "partial",
                "completeness_note": _note(
                    "Synthetic: the closing paragraphs are not transcribed.", "اصطناعي: الفقرات الختامية غير منقولة."
                ),
            }
        else:
            data["completeness"] = "complete"
        data |= {"translator": "muqabala synthetic generator", "paragraphs": paragraphs}
        files[f"statements/{sid}.yaml"] = data
    claims = _claims(rng, f, accusers)
    aid = f"{case}-article-ar"
    head_ar, head_en = (
        f"عاجل| اتهام {f['state'][3]} بهجوم إلكتروني على {f['product'][1]}",
        f"Breaking| {f['state'][2]} accused of a cyber attack on {f['product'][0]}",
    )
    art_paras: list[dict[str, Any]] = []
    para = []
    for ci, (ar, en) in enumerate(claims, start=1):
        para.append(
            {
                "id": f"p{len(art_paras) + 1}-s{len(para) + 1}",
                "text": _ar(rng, ar),
                "translations": {"en": en},
            }
        )
        if len(para) >= rng.choice([1, 2, 2, 3]) or ci == len(claims):
            art_paras.append({"sentences": para})
            para = []
    article: dict = {
        "schema_version": 1,
        "id": aid,
        "case": case,
        "outlet": {"ar": "موقع إخباري عربي (اصطناعي)", "en": "Synthetic Arabic-language news site"},
    }
    if rng.random() < 0.7:
        article["url"] = f"https://example.org/news/{year}/{aid}"
    else:
        article["no_url_reason"] = _note("Synthetic article received as plain text.", "مقال اصطناعي وصل نصًا فقط.")
    article |= {
        "date": f"{year}-{month:02d}-{day + 1:02d}",
        "language": "ar",
        "translator": "muqabala synthetic generator",
        "headline": {"id": "headline", "text": head_ar, "translations": {"en": head_en}},
        "paragraphs": art_paras,
    }
    if rng.random() < 0.1:
        first = next(iter(files.values()))
        article["overrides"] = [
            {
                "claim": "p1-s1",
                "verdict": "partly_supported",
                "evidence": [f"{first['id']}#s1"],
                "editor": "synthetic editor",
                "date": f"{year}-{month:02d}-{day + 2:02d}",
                "note": _note("Checked by hand (synthetic).", "رُوجع يدويًا (اصطناعي)."),
            }
        ]
    files[f"articles/{aid}.yaml"] = article
    return files


# --- the project --------------------------------------------------------------------------------


def _dump(data: dict) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)


def _copy_static(source: Path, dest: Path, shipped: bool = True) -> None:
    """Configs, theme overrides, lexicon and hand-written pages; never the generated pages."""
    for name in ("mkdocs.yml", "mkdocs.ar.yml"):
        shutil.copyfile(source / name, dest / name)
    for folder in ("overrides", "lexicon") + (("issuers", "statements", "articles") if shipped else ()):
        if (source / folder).is_dir():
            shutil.copytree(source / folder, dest / folder, dirs_exist_ok=True)
    for lang_dir in sorted((source / "content").iterdir()) if (source / "content").is_dir() else []:
        for path in sorted(lang_dir.iterdir()):
            if path.name in GENERATED:
                continue
            target = dest / "content" / lang_dir.name / path.name
            target.parent.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                shutil.copytree(path, target, dirs_exist_ok=True)
            else:
                shutil.copyfile(path, target)


def generate(dest: Path, scale: int = 1, seed: int = 0, *, source: Path, shipped: bool = True) -> Summary:
    """Write a project of `scale` cases into `dest` (created; must be empty or absent), with the
    configs, lexicon, pages and (unless `shipped` is False) the data of the project `source`.

    Scale 1 is the shipped case as it is; each further case is generated. With `shipped=False`
    every case is generated (case 0 stands in for the shipped one). Generated issuers
    never replace a shipped one of the same id (`china-government` is the shipped file).
    """
    if scale < 1:
        raise ValueError(f"scale must be 1 or more (got {scale})")
    dest.mkdir(parents=True, exist_ok=True)
    if any(dest.iterdir()):
        raise ValueError(f"destination must be empty (got {dest}, which holds files)")
    _copy_static(source, dest, shipped)
    for folder in ("issuers", "statements", "articles"):
        (dest / folder).mkdir(exist_ok=True)
    counts = _count(dest)
    first = 1 if shipped else 0
    if scale > first:
        for item in issuers(random.Random(f"muqabala-synth:{seed}:issuers")):
            target = dest / "issuers" / f"{item['id']}.yaml"
            if not target.exists():
                target.write_text(_dump(item), encoding="utf-8")
    for index in range(first, scale):
        for rel, data in case_files(seed, index).items():
            (dest / rel).write_text(_dump(data), encoding="utf-8")
            if rel.startswith("statements/"):
                counts["statements"] += 1
                counts["sentences"] += sum(len(p["sentences"]) for p in data["paragraphs"])
            else:
                counts["articles"] += 1
                counts["claims"] += 1 + sum(len(p["sentences"]) for p in data["paragraphs"])
    return Summary(
        scale=scale,
        cases=counts["cases"] + scale - first,
        issuers=len(list((dest / "issuers").glob("*.yaml"))),
        statements=counts["statements"],
        sentences=counts["sentences"],
        articles=counts["articles"],
        claims=counts["claims"],
    )


def _count(dest: Path) -> dict[str, int]:
    """What the copied (shipped) data holds; read once, it is small."""
    counts = dict.fromkeys(("statements", "sentences", "articles", "claims"), 0)
    cases = set()
    for path in sorted((dest / "statements").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts["statements"] += 1
        cases.add(data["case"])
        counts["sentences"] += sum(len(p["sentences"]) for p in data["paragraphs"])
    for path in sorted((dest / "articles").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts["articles"] += 1
        counts["claims"] += 1 + sum(len(p["sentences"]) for p in data["paragraphs"])
    counts["cases"] = len(cases)
    return counts
