"""The `muqabala` command: a thin click layer over the library.

Each command's docstring is its help text, with an example. Errors in the data print as
`file:line: key.path: message`, then `Error: …`, and exit with status 1.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

# Only what every command, or click's own options and choices, needs is imported here: each
# command imports the rest when it runs, so `muqabala --help`, or a `build` that finds the site
# unchanged, does not pay for the models, pydantic, the engine and the renderer (~0.3 s).
from muqabala.data import catalog
from muqabala.data.errors import DataError, printable
from muqabala.data.files import find_root
from muqabala.site.build import BuildError, SiteDirError, build
from muqabala.vocabulary import SITE_LANGUAGES


def _existing_root(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    # A mistyped --root must not read as "OK: 0 issuers".
    if value is not None and not value.is_dir():
        click.echo(f"Error: --root: no folder at {printable(str(value))}", err=True)
        ctx.exit(1)
    return value


root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    callback=_existing_root,
    help="Project folder (default: the nearest folder upwards with mkdocs.yml).",
)


def os_error(e: OSError) -> str:
    """An operating-system error in one line: the path, then what went wrong."""
    what = e.strerror or str(e) or type(e).__name__
    return f"{printable(str(e.filename))}: {what}" if e.filename else printable(what)


def fail_on_data_errors(func):  # type: ignore[no-untyped-def]
    """Print data problems in the house format, and any OS error (permissions, a read-only disk,
    a port in use) in one line; exit 1, never a traceback."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except DataError as e:
            click.echo(e.report(), err=True)
            sys.exit(1)
        except SiteDirError as e:
            click.echo(f"Error: --site-dir: {e}", err=True)
            sys.exit(1)
        except OSError as e:
            click.echo(f"Error: {os_error(e)}", err=True)
            sys.exit(1)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="muqabala")
def main() -> None:
    """Collate news reporting of diplomatic statements with the statements themselves.

    \b
    Example:
        muqabala check && muqabala build
    """


@main.command()
@root_option
@fail_on_data_errors
def check(root: Path | None) -> None:
    """Validate every issuer, statement and article file and the lexicon; list every problem.

    With a lexicon/ folder, also checks the lexicon and warns, without failing, where a
    statement's Arabic translation renders a term of lexicon/glossary.yaml other than its way.

    \b
    Example:
        muqabala check
        statements/eu.yaml:12: date: invalid date: month must be in 1..12 (got '2021-13-01')
    """
    from muqabala.data.corpus import load_corpus
    from muqabala.lexicon.phrases import load_lexicon
    from muqabala.lexicon.terminology import terminology_warnings

    root = root or find_root()
    problems = []
    try:
        corpus = load_corpus(root)
    except DataError as e:
        problems += e.problems
    if (root / "lexicon").is_dir() or (root / "lexicon").is_symlink():
        # The lexicon `build` reads: a mistake in it must not pass here and fail there.
        try:
            load_lexicon(root / "lexicon")
        except DataError as e:
            problems += e.problems
    if problems:
        raise DataError(problems)
    if (root / "lexicon").is_dir():
        for warning in terminology_warnings(corpus, load_lexicon(root / "lexicon")):
            click.echo(f"warning: {warning}", err=True)
    for draft in corpus.drafts:
        click.echo(f"{draft}: draft, not published (delete `status: draft` when it is done)")
    drafts = f"; {len(corpus.drafts)} draft{'s' * (len(corpus.drafts) != 1)} left out" if corpus.drafts else ""
    click.echo(
        f"OK: {len(corpus.issuers)} issuers, {len(corpus.statements)} statements, {len(corpus.articles)} articles"
        + drafts
    )


@main.command("build")
@root_option
@click.option(
    "--site-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where to write the site (default: <root>/site).",
)
@click.option("--no-strict", is_flag=True, help="Let MkDocs warnings pass (never in CI).")
@click.option(
    "--force", is_flag=True, help="Build every page and publish, even when nothing changed since site/ was built."
)
@fail_on_data_errors
def build_command(root: Path | None, site_dir: Path | None, no_strict: bool, force: bool) -> None:
    """Check the data, generate the pages and build both languages into site/.

    The new site replaces site/ only when the whole build succeeded. When the data, pages,
    configuration and code are those site/ was built from, nothing is built or published;
    when only some generated pages changed (an edited statement or article), MkDocs builds
    those pages alone into a copy of site/.

    \b
    Example:
        muqabala build && python -m http.server -d site -b 127.0.0.1
    """

    root = root or find_root()
    try:
        if sys.stderr.isatty():
            from muqabala.site.progress import TerminalProgress

            with TerminalProgress() as progress:
                result = build(root, site_dir, strict=not no_strict, progress=progress, force=force)
        else:
            result = build(root, site_dir, strict=not no_strict, force=force)
    except BuildError as e:
        click.echo(str(e), err=True)
        click.echo("Error: the site was not built; site/ is unchanged", err=True)
        sys.exit(1)
    times = ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items())
    if result.unchanged:
        click.echo(
            f"Unchanged: {result.site_dir} was built from this data, these pages, configuration and code;"
            f" nothing published ({times}; --force builds anyway)"
        )
        return
    only = ", only the changed pages" if result.incremental else ""
    click.echo(f"Built {result.site_dir}{only} ({times})")


def _port(ctx: click.Context, param: click.Parameter, value: int) -> int:
    if not 0 <= value <= 65535:
        click.echo(f"Error: --port must be between 0 and 65535 (got {value})", err=True)
        ctx.exit(1)
    return value


@main.command()
@root_option
@click.option("--port", default=8000, show_default=True, callback=_port, help="Port on 127.0.0.1 (0: any free one).")
@fail_on_data_errors
def serve(root: Path | None, port: int) -> None:
    """Serve a live preview on 127.0.0.1 that rebuilds when a YAML file or page changes.

    \b
    Example:
        muqabala serve --port 8000    # then open http://127.0.0.1:8000/ar/
    """
    from muqabala.site.serve import serve as run_server

    run_server(root or find_root(), port, click.echo)


@main.group()
def new() -> None:
    """Create a new data file from a commented template.

    \b
    Example:
        muqabala new statement us-whitehouse-2021-07-19 --issuer us-government
        muqabala new article exchange-hack-en --case exchange-2021 --language en
    """


def _scaffold(write: Callable[[], Path], root: Path) -> None:
    """Write a template file and say what to do next, or why it was refused."""
    from muqabala.data.scaffold import ScaffoldError

    try:
        path = write()
    except ScaffoldError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {path.relative_to(root)}: fill in the EDIT values, then run `muqabala check`")


@new.command("statement")
@click.argument("slug")
@root_option
@click.option("--issuer", default=None, help="Issuer id (default: the first issuer in issuers/).")
@click.option("--case", default=None, help="Case id (default: the case of the existing statements).")
@fail_on_data_errors
def new_statement(slug: str, root: Path | None, issuer: str | None, case: str | None) -> None:
    """Write statements/SLUG.yaml, a valid statement to fill in.

    \b
    Example:
        muqabala new statement us-whitehouse-2021-07-19 --issuer us-government
        muqabala check
    """
    from muqabala.data.scaffold import ScaffoldError, check_id
    from muqabala.data.scaffold import new_statement as write_statement

    root = root or find_root()
    issuers = [e.id for e in catalog.issuers(root)]
    try:
        if issuer is not None:
            check_id("--issuer", issuer, "us-government")
    except ScaffoldError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    if issuer is not None and issuer not in issuers:
        click.echo(
            f"Error: --issuer: unknown issuer {issuer!r}; {catalog.did_you_mean(issuer, issuers, 'issuers')}; "
            f"or add it with `muqabala new issuer {issuer}`",
            err=True,
        )
        sys.exit(1)
    issuer = issuer or next(iter(issuers), None)
    case = case or next((e.id for e in catalog.cases(root)), None)
    if issuer is None or case is None:
        click.echo("Error: no issuer or case to default to; pass --issuer and --case", err=True)
        sys.exit(1)
    _scaffold(lambda: write_statement(root, slug, issuer=issuer, case=case), root)


@new.command("article")
@click.argument("slug")
@root_option
@click.option(
    "--case", default=None, help="Case id: a case some statement belongs to (default: the only case, if there is one)."
)
@click.option(
    "--language",
    type=click.Choice(SITE_LANGUAGES),
    default="ar",
    show_default=True,
    help="The language the article was published in.",
)
@fail_on_data_errors
def new_article(slug: str, root: Path | None, case: str | None, language: str) -> None:
    """Write articles/SLUG.yaml, a valid article to fill in.

    \b
    Example:
        muqabala new article exchange-hack-en --case exchange-2021 --language en
        muqabala check
    """
    from muqabala.data.scaffold import new_article as write_article

    root = root or find_root()
    cases = [e.id for e in catalog.cases(root)]
    known = ", ".join(cases) or "none"
    # An article is collated with its case's statements only: a misspelt case would leave every
    # claim unsupported, and with several cases a default would be a guess.
    if case is None and len(cases) != 1:
        why = "several cases" if cases else "no statement, so no case"
        click.echo(f"Error: {why} to default to; pass --case (known: {known})", err=True)
        sys.exit(1)
    case = case or cases[0]
    if case not in cases:
        click.echo(
            f"Error: --case: no statement belongs to case {case!r}; {catalog.did_you_mean(case, cases, 'cases')}",
            err=True,
        )
        sys.exit(1)
    _scaffold(lambda: write_article(root, slug, case=case, language=language), root)


@new.command("issuer")
@click.argument("slug")
@root_option
@click.option(
    "--kind",
    type=click.Choice(["government", "intergovernmental_body", "agency", "company", "media", "person"]),
    default="government",
    show_default=True,
    help="What sort of speaker it is.",
)
@click.option("--name-en", default=None, help="Display name in English (else an EDIT blank).")
@click.option("--name-ar", default=None, help="Display name in Arabic (else an EDIT blank).")
@click.option("--country", default=None, help="ISO 3166-1 code (GB, US) or EU.")
@click.option("--parent", default=None, help="The issuer it speaks for (an issuer id).")
def new_issuer(
    slug: str,
    root: Path | None,
    kind: str,
    name_en: str | None,
    name_ar: str | None,
    country: str | None,
    parent: str | None,
) -> None:
    """Write issuers/SLUG.yaml; `check` refuses its EDIT blanks until they are filled.

    \b
    Example:
        muqabala new issuer us-government --name-en "US Government" --name-ar "الحكومة الأمريكية" --country US
        muqabala new statement us-whitehouse-2021-07-19 --issuer us-government
    """
    from muqabala.data.scaffold import new_issuer as write_issuer

    root = root or find_root()
    _scaffold(
        lambda: write_issuer(root, slug, kind=kind, name_en=name_en, name_ar=name_ar, country=country, parent=parent),
        root,
    )


@main.command("list")
@click.argument("what", type=click.Choice(list(catalog.LISTS)))
@root_option
def list_command(what: str, root: Path | None) -> None:
    """List the issuers, cases or statements of the project, one id a line.

    \b
    Example:
        muqabala list issuers
        us-government  government: US Government
    """

    entries = catalog.LISTS[what](root or find_root())
    width = max((len(e.id) for e in entries), default=0)
    for e in entries:
        click.echo(f"{e.id.ljust(width)}  {e.summary}")
    if not entries:
        click.echo(f"No {what} yet.", err=True)


@main.group("import")
def import_group() -> None:
    """Import a statement or an article from plain text, Markdown or a saved web page.

    \b
    Example:
        muqabala import statement release.html --issuer uk-fcdo --case exchange-2021
        muqabala import article - --id youm7-x-ar --case solarwinds-2021 < article.txt
    """


def _import_options(func):  # type: ignore[no-untyped-def]
    for option in reversed(
        [
            click.argument("file", type=click.File("r", encoding="utf-8")),
            click.option("--id", "slug", default=None, help="The file's id (default: FILE's name without extension)."),
            root_option,
            click.option("--case", default=None, help="Case id."),
            click.option("--date", default=None, help="When it was published: 2021-07-19 or 2021-07-19T11:35+02:00."),
            click.option("--url", default=None, help="Where it was published."),
            click.option("--language", default=None, help="Language code of the text (default: guessed, ar or en)."),
        ]
    ):
        func = option(func)
    return func


def _import(kind: str, file: TextIO, slug: str | None, root: Path | None, options: dict[str, str | None]) -> None:
    from muqabala.data.textimport import TextImportError, import_text

    root = root or find_root()
    name = getattr(file, "name", "-")
    slug = slug or (Path(name).stem if name not in ("-", "<stdin>") else None)
    if not slug:
        click.echo("Error: --id is needed when the text comes from standard input", err=True)
        sys.exit(1)
    known = {"issuer": [e.id for e in catalog.issuers(root)], "case": [e.id for e in catalog.cases(root)]}
    for key, ids in known.items():
        value = options.get(key)
        if value and value not in ids and (key == "issuer" or kind == "article"):
            what = f"{key}s" if key == "issuer" else "cases"
            click.echo(f"Error: --{key}: unknown {key} {value!r}; {catalog.did_you_mean(value, ids, what)}", err=True)
            sys.exit(1)
    try:
        result = import_text(root, kind, file.read(), name, slug, options)
    except TextImportError as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    removed = f", {len(result.removed)} gone ({', '.join(result.removed)})" if result.removed else ""
    click.echo(
        f"Wrote {result.path.relative_to(root)}: {result.kept} sentence ids kept, {result.added} new{removed}; "
        "fill in the EDIT values and translations, delete `status: draft`, then run `muqabala check`"
    )


@import_group.command("statement")
@_import_options
@click.option("--issuer", default=None, help="Issuer id (see `muqabala list issuers`).")
@click.option("--speaker", default=None, help="Issuer id of the person speaking, when it is one person's words.")
def import_statement(
    file: TextIO,
    slug: str | None,
    root: Path | None,
    case: str | None,
    date: str | None,
    url: str | None,
    language: str | None,
    issuer: str | None,
    speaker: str | None,
) -> None:
    """Write statements/ID.yaml from a text, split into numbered sentences, as a draft.

    Paragraphs are kept; each is split into sentences with ids p1-s1, p1-s2, p2-s1…; the first
    short line (or a page's <h1>) is the title; translations are EDIT placeholders. Importing a
    changed text again over the same id keeps the id and every field of each unchanged sentence.

    \b
    Example:
        muqabala import statement us-whitehouse-2021-07-19.txt --issuer us-government --case solarwinds-2021
    """

    options = {"case": case, "date": date, "url": url, "language": language, "issuer": issuer, "speaker": speaker}
    _import("statement", file, slug, root, options)


@import_group.command("article")
@_import_options
def import_article(
    file: TextIO,
    slug: str | None,
    root: Path | None,
    case: str | None,
    date: str | None,
    url: str | None,
    language: str | None,
) -> None:
    """Write articles/ID.yaml from a text, split into numbered sentences, as a draft.

    The first short line (or a page's <h1>) is the headline; the rest as for `import statement`.

    \b
    Example:
        muqabala import article youm7.html --case solarwinds-2021 --language ar
    """

    _import("article", file, slug, root, {"case": case, "date": date, "url": url, "language": language})


@main.command()
@root_option
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="Write to a file instead of standard output.",
)
@fail_on_data_errors
def report(root: Path | None, output: TextIO) -> None:
    """Print the collation report (the same JSON as site/data/report.json).

    \b
    Example:
        muqabala report | python -m json.tool | less
    """
    from muqabala.data.corpus import load_corpus
    from muqabala.site.cache import cached_report
    from muqabala.site.render.opendata import licence

    root = root or find_root()
    result = cached_report(load_corpus(root), root).model_copy(update={"licence": licence(root)})
    output.write(result.model_dump_json(indent=1) + "\n")


@main.command()
@root_option
@click.option("--check", "check_only", is_flag=True, help="Exit 1 if the committed schemas are stale.")
def schema(root: Path | None, check_only: bool) -> None:
    """Write the JSON Schemas of every file kind into schema/ (derived from the models).

    \b
    Example:
        muqabala schema --check
    """
    from muqabala.data.schema import SCHEMA_DIR, stale_schemas, write_schemas

    folder = (root or find_root()) / SCHEMA_DIR
    if check_only:
        stale = stale_schemas(folder)
        if stale:
            click.echo(f"Error: stale schemas: {', '.join(stale)}; run `muqabala schema`", err=True)
            sys.exit(1)
        click.echo("OK: schemas are up to date")
        return
    changed = write_schemas(folder)
    click.echo(f"Wrote {len(changed)} schema(s) to {folder}" if changed else "Schemas unchanged")


@main.command("links")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Built site to check (default: <root>/site).",
)
@root_option
@click.option("--external", is_flag=True, help="Only check the data's source addresses, offline.")
@click.option("--online", is_flag=True, help="Fetch every source address (HEAD, then GET) and print a summary table.")
@click.option(
    "--max-age",
    type=click.FloatRange(min=0),
    default=7.0,
    show_default=True,
    help="With --online: reuse cached results younger than this many days.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="With --online: seconds to wait for each response.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@fail_on_data_errors
def links_command(
    site_dir: Path | None,
    root: Path | None,
    external: bool,
    online: bool,
    max_age: float,
    timeout: float,
    as_json: bool,
) -> None:
    """Check the built site's links and anchors, and the data's source addresses.

    By default checks every internal link and #anchor of the built site (both languages,
    Markdown and raw HTML alike) and, offline, that each source address in the data is a
    public http(s) URL with an archive copy or a reason for none. --external does only the
    latter; --online does it too, then fetches each address and prints a table (results are
    cached in .cache/links.json for --max-age days). Data files count as pages.

    \b
    Example:
        muqabala build && muqabala links
        en/statements/index.html: eu/#p1-s9: no id or name 'p1-s9' on en/statements/eu/index.html
        Error: 1 broken link
    """
    from muqabala.tools.linkcheck_online import summary_table
    from muqabala.tools.links import NoSite, check_links

    try:
        run = check_links(
            root or find_root(), site_dir, external=external, online=online, max_age=max_age, timeout=timeout
        )
    except NoSite as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    report = run.report
    n = len(report.problems)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "problems": [vars(p) for p in report.problems],
                    "links": report.links,
                    "pages": report.pages,
                    "seconds": round(run.seconds, 2),
                    "results": [r.to_json() for r in run.checked],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        if online:
            click.echo(summary_table(run.checked))
        for p in report.problems:
            click.echo(str(p))
    if n:
        if not as_json:
            click.echo(f"Error: {n} broken link{'s' if n != 1 else ''}", err=True)
        sys.exit(1)
    if not as_json:
        click.echo(f"OK: checked {report.links} links on {report.pages} pages in {run.seconds:.1f}s")


@main.command("evaluate")
@root_option
@click.option(
    "--gold",
    "gold_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder of gold files (default: <root>/tests/gold).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON (for CI history).")
@click.option("--claims", is_flag=True, help="Also list each claim: its top evidence, verdict and missed flags.")
@click.option(
    "--coding",
    is_flag=True,
    help="Also list the statement sentences whose attribution coding differs from the gold (tuning cases only).",
)
@click.option("--no-distractors", is_flag=True, help="Skip the run with every other case's statements merged in.")
@fail_on_data_errors
def evaluate_command(
    root: Path | None, gold_dir: Path | None, as_json: bool, claims: bool, coding: bool, no_distractors: bool
) -> None:
    """Score evidence, flags and verdicts against the gold files, per case; tuning and evaluation cases apart.

    Each gold file (tests/gold/<article>.yaml) is written from the texts before the engine is run
    on its case, and says whether the case tunes the rules (split: tuning) or only evaluates them
    (split: evaluation). Prints P@1, MRR and MAP@5 of the evidence, recall and precision of the
    required flags, the must-stay-clean claims that got a major flag, and verdict accuracy; then
    the same with every other case's statements filed under each case (distractors). With coding
    gold (tests/gold/coding/<case>.yaml), also how often each statement sentence is coded on the
    attribution scale at the level, state and organ a reader gives it; --coding lists the
    disagreements of the tuning cases, never those of the evaluation cases.

    \b
    Example:
        muqabala evaluate
        muqabala evaluate --claims
        muqabala evaluate --coding
        muqabala evaluate --json > evaluation.json
    """
    from muqabala.tools.evaluate import NoGold, evaluate, text_table

    try:
        results = evaluate(root or find_root(), gold_dir, distractors=not no_distractors)
    except NoGold as e:
        click.echo(f"Error: {e}", err=True)
        sys.exit(1)
    if as_json:
        click.echo(json.dumps(results, ensure_ascii=False, indent=1, sort_keys=True))
    else:
        click.echo(text_table(results, claims=claims, coding=coding))


def _scales(value: str) -> list[int]:
    try:
        scales = [int(v) for v in value.split(",") if v.strip()]
    except ValueError:
        raise click.BadParameter(f"must be whole numbers separated by commas, like 1,10,100 (got {value!r})") from None
    if not scales or min(scales) < 1:
        raise click.BadParameter(f"must be whole numbers of 1 or more, like 1,10,100 (got {value!r})")
    return scales


@main.command("bench")
@click.option(
    "--scales",
    default="1,10",
    show_default=True,
    callback=lambda _c, _p, v: _scales(v),
    help="Scales to measure, comma-separated: 1 is the project's own data, N adds N-1 generated cases.",
)
@root_option
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list, one object per scale.")
@click.option(
    "--chart",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write an SVG chart of seconds against scale (log-log) to this file.",
)
@click.option(
    "--workdir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where the generated projects go (default: a temporary folder).",
)
@click.option("--keep", is_flag=True, help="Keep the generated projects and sites.")
@click.option(
    "--engine-only", is_flag=True, help="Only load, alignment and rules (for 1000x): no Markdown, MkDocs or link check."
)
@click.option(
    "--synthetic",
    is_flag=True,
    help="Generate every case, the first too, instead of the project's own; builds are not strict, "
    "since the hand-written pages link to the shipped case.",
)
@click.option("--seed", default=0, show_default=True, help="Seed of the generated cases.")
@click.option(
    "--repeat",
    default=1,
    show_default=True,
    type=click.IntRange(1, 9),
    help="Measure each scale this many times and show the median of each figure.",
)
def bench_command(
    scales: list[int],
    root: Path | None,
    as_json: bool,
    chart: Path | None,
    workdir: Path | None,
    keep: bool,
    engine_only: bool,
    synthetic: bool,
    seed: int,
    repeat: int,
) -> None:
    """Time each stage of a build on generated projects of growing size.

    Stages: load+validate, alignment, rules+report, Markdown, a bare MkDocs build of the same
    pages, the full build (cold cache), the same build again with nothing changed, a rebuild
    after editing one statement, reading every HTML file once, the link check; their ratios;
    the load average; and peak memory (VmHWM of the process running the stages and of each MkDocs process; Linux).
    The projects copy the configs, pages, lexicon and data of the project (--root).
    Timings depend on the machine and its load: compare runs on the same machine only.

    \b
    Example:
        muqabala bench --scales 1,10,100 --chart bench.svg
        muqabala bench --scales 1,10 --repeat 3
        muqabala bench --scales 1000 --engine-only --json
    """
    from muqabala.tools import bench

    announce = None if as_json else (lambda scale: click.echo(f"scale {scale}x …", err=True))
    try:
        results = bench.run(
            scales, (root or find_root()), seed, engine_only, not synthetic, workdir, keep, announce, repeat
        )
    except bench.BenchError as e:
        raise click.ClickException(str(e)) from None
    if chart is not None:
        chart.write_text(bench.svg_chart(results), encoding="utf-8")
    if as_json:
        click.echo(json.dumps(results, indent=1))
        return
    click.echo(bench.table(results))
    click.echo(
        "Peak memory: VmHWM (peak resident set) of the process running the stages, sampled "
        "VmHWM of each MkDocs process and of every process of `muqabala build`."
    )
    if chart is not None:
        click.echo(f"Wrote {chart}")
