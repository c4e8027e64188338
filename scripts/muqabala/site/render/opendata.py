"""The open-data page: links to the report, the JSON Schemas and the YAML files the site is built from."""

from __future__ import annotations

from pathlib import Path

from muqabala.data.corpus import Corpus
from muqabala.data.yamlfile import outside, read_regular
from muqabala.report import Licence, Texts
from muqabala.site.render.bidi import isolate
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import page_head
from muqabala.site.render.labels import t
from muqabala.site.render.paths import to_root

PAGE = "data.md"
SCHEMAS: tuple[str, ...] = ("article", "issuer", "statement", "report")
LICENCE_FILE = "LICENSE"
"""The project's licence, at its root; published as `LICENCE_PATH`."""
LICENCE_PATH = "data/LICENSE.txt"


def licence(root: Path) -> Licence | None:
    """The open data's licence: named by the first line of the project's licence file; None
    without one (nothing is claimed that the project does not state)."""
    path = root / LICENCE_FILE
    raw = b"" if outside(path, root) else read_regular(path)
    if not isinstance(raw, bytes):
        return None
    text = raw.decode("utf-8", errors="replace")
    name = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if not name:
        return None
    return Licence(
        name=name,
        path=LICENCE_PATH,
        note=Texts(
            en=f"The code, the data files and what the editors wrote (translations, notes, checks) are "
            f"published under the {name}. The statements and articles transcribed in them remain their "
            "publishers' work, quoted for criticism and review.",
            ar=f"الشيفرة وملفات البيانات وما كتبه المحررون (الترجمات والملاحظات والفحوص) منشورة بموجب "
            f"رخصة {name}. أما البيانات الرسمية والمقالات المنقولة فيها فتبقى من عمل ناشريها، "
            "ويُقتبس منها لغرض النقد والمراجعة.",
        ),
    )


def _item(target: str, text: str, note: str = "") -> str:
    extra = f" — {esc(note)}" if note else ""
    return f'<li><a href="{href(to_root(PAGE, target))}"><code dir="ltr">{esc(text)}</code></a>{extra}</li>'


def render_data(corpus: Corpus, lang: str) -> str:
    """The Markdown of `data.md`; paths match what `muqabala build` writes at the site root."""
    lines = [*page_head("nav.data", "data.intro", lang)]
    terms = licence(corpus.root)
    if terms is not None:
        lines += [
            f"## {esc(t('data.licence', lang))} {{ #licence }}",
            "",
            f'<p class="mq-licence">{isolate(terms.note.ar if lang == "ar" else terms.note.en, lang)}</p>',
            "",
            f'<ul class="mq-files">{_item(terms.path, terms.name)}</ul>',
            "",
        ]
    lines += [
        f"## {esc(t('data.report', lang))} {{ #report }}",
        "",
        f'<ul class="mq-files">{_item("data/report.json", "data/report.json")}</ul>',
        "",
        f"## {esc(t('data.schemas', lang))} {{ #schemas }}",
        "",
        '<ul class="mq-files">'
        + "".join(
            _item(f"schema/{k}.schema.json", f"schema/{k}.schema.json", t(f"data.schema.{k}", lang)) for k in SCHEMAS
        )
        + "</ul>",
        "",
        f"## {esc(t('data.sources', lang))} {{ #sources }}",
        "",
    ]
    files = sorted(set(corpus.files.values()))
    lexicon = corpus.root / "lexicon"
    if lexicon.is_dir():
        files += sorted(f"lexicon/{p.name}" for p in lexicon.glob("*.yaml"))
    lines += ['<ul class="mq-files">' + "".join(_item(f"data/source/{f}", f) for f in files) + "</ul>", ""]
    return "\n".join(lines)
