"""What `muqabala serve` adds to the site it previews: the page shown while the files are invalid,
and the script that reloads a page when a rebuild ends. Neither is ever written into `site/`."""

from __future__ import annotations

from muqabala.site.render.bidi import direction
from muqabala.site.render.escape import esc
from muqabala.site.render.labels import t

STATE_PATH = "/__muqabala/state"
"""Answers with the number of builds ended so far; a page reloads when it changes."""

POLL_MS = 250
"""How often a previewed page asks: a quarter of a second adds at most that to edit-to-reload."""


def reloader(generation: int) -> str:
    """A script that reloads the page once a build after build `generation` has ended."""
    return (
        f"<script>(function(){{var seen={generation};setInterval(function(){{"
        f'fetch("{STATE_PATH}",{{cache:"no-store"}}).then(function(r){{return r.text();}})'
        ".then(function(n){if(Number(n)!==seen){seen=Number(n);location.reload();}})"
        f".catch(function(){{}});}},{POLL_MS});}})();</script>"
    )


def error_page(failure: str, lang: str, generation: int) -> str:
    """The page every address shows while the files are invalid: the problems exactly as `muqabala
    check` prints them (`file:line: key.path: rule (got X)`), framed in the page's language."""
    dir_ = direction(lang)
    lines = "\n".join(esc(line) for line in failure.splitlines())  # `esc` alone would join the lines
    return (
        f'<!doctype html><html lang="{lang}" dir="{dir_}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(t('preview.title', lang))}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}"
        "h1{color:#b00020;font-size:1.5rem}pre{background:#fff4f4;border:1px solid #e0b4b4;padding:1rem;"
        "white-space:pre-wrap;overflow-wrap:anywhere;text-align:left}"
        f"</style></head><body><main><h1>{esc(t('preview.title', lang))}</h1>"
        f"<p>{esc(t('preview.lede', lang))}</p>"
        f'<pre class="mq-problems" dir="ltr" lang="en">{lines}</pre>'
        f"<p>{esc(t('preview.recover', lang))}</p></main>{reloader(generation)}</body></html>"
    )
