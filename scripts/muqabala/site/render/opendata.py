"""The open-data page: links to the report, the JSON Schemas and the YAML files the site is built from."""

from __future__ import annotations

from muqabala.data.corpus import Corpus
from muqabala.site.render.escape import esc, href
from muqabala.site.render.fragments import page_head
from muqabala.site.render.labels import t
from muqabala.site.render.paths import to_root

PAGE = "data.md"
SCHEMAS: tuple[str, ...] = ("article", "issuer", "statement", "report")


def _item(target: str, text: str, note: str = "") -> str:
    extra = f" — {esc(note)}" if note else ""
    return f'<li><a href="{href(to_root(PAGE, target))}"><code dir="ltr">{esc(text)}</code></a>{extra}</li>'


def render_data(corpus: Corpus, lang: str) -> str:
    """The Markdown of `data.md`; paths match what `muqabala build` writes at the site root."""
    lines = [
        *page_head("nav.data", "data.intro", lang),
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
