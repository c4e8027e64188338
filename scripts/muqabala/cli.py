"""The `muqabala` command: a thin click layer over the library.

Each command's docstring is its help text, with an example. Errors in the data print as
`file:line: key.path: message`, then `Error: …`, and exit with status 1.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import click

from .errors import DataError
from .model import SITE_LANGUAGES


def find_root(start: Path | None = None) -> Path:
    """The project folder: the nearest folder upwards holding mkdocs.yml, else the current one."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file():
            return folder
    return here


root_option = click.option(
    "--root", type=click.Path(file_okay=False, path_type=Path), default=None,
    help="Project folder (default: the nearest folder upwards with mkdocs.yml).")


def fail_on_data_errors(func):  # type: ignore[no-untyped-def]
    """Print data problems in the house format and exit 1, never a traceback."""
    import functools

    @functools.wraps(func)
    def wrapper(*args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return func(*args, **kwargs)
        except DataError as e:
            click.echo(e.report(), err=True)
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
    """Validate every issuer, statement and article file; list every problem.

    \b
    Example:
        muqabala check
        statements/eu.yaml:12: date: invalid date: month must be in 1..12 (got '2021-13-01')
    """
    from .corpus import load_corpus

    corpus = load_corpus(root or find_root())
    click.echo(f"OK: {len(corpus.issuers)} issuers, {len(corpus.statements)} statements, "
               f"{len(corpus.articles)} articles")


@main.command("build")
@root_option
@click.option("--site-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write the site (default: <root>/site).")
@click.option("--no-strict", is_flag=True, help="Let MkDocs warnings pass (never in CI).")
@fail_on_data_errors
def build_command(root: Path | None, site_dir: Path | None, no_strict: bool) -> None:
    """Check the data, generate the pages and build both languages into site/.

    The new site replaces site/ only when the whole build succeeded.

    \b
    Example:
        muqabala build && python -m http.server -d site -b 127.0.0.1
    """
    from .build import BuildError, build

    root = root or find_root()
    try:
        if sys.stderr.isatty():
            from .progress import TerminalProgress

            with TerminalProgress() as progress:
                result = build(root, site_dir, strict=not no_strict, progress=progress)
        else:
            result = build(root, site_dir, strict=not no_strict)
    except BuildError as e:
        click.echo(str(e), err=True)
        click.echo("Error: the site was not built; site/ is unchanged", err=True)
        sys.exit(1)
    times = ", ".join(f"{k} {v:.2f}s" for k, v in result.seconds.items())
    click.echo(f"Built {result.site_dir} ({times})")


@main.command()
@root_option
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
def serve(root: Path | None, port: int) -> None:
    """Serve a live preview on 127.0.0.1 that rebuilds when a YAML file or page changes.

    \b
    Example:
        muqabala serve --port 8000    # then open http://127.0.0.1:8000/ar/
    """
    from .serve import serve as run

    run(root or find_root(), port, click.echo)


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
    from .scaffold import ScaffoldError

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
    from .corpus import load_corpus
    from .scaffold import new_statement as write

    root = root or find_root()
    if issuer is None or case is None:
        corpus = load_corpus(root)
        issuer = issuer or next(iter(sorted(corpus.issuers)), None)
        case = case or next(iter(sorted({s.case for s in corpus.statements.values()})), None)
        if issuer is None or case is None:
            click.echo("Error: no issuer or case to default to; pass --issuer and --case", err=True)
            sys.exit(1)
    _scaffold(lambda: write(root, slug, issuer=issuer, case=case), root)


@new.command("article")
@click.argument("slug")
@root_option
@click.option("--case", default=None,
              help="Case id: a case some statement belongs to (default: the only case, if there is one).")
@click.option("--language", type=click.Choice(SITE_LANGUAGES), default="ar", show_default=True,
              help="The language the article was published in.")
@fail_on_data_errors
def new_article(slug: str, root: Path | None, case: str | None, language: str) -> None:
    """Write articles/SLUG.yaml, a valid article to fill in.

    \b
    Example:
        muqabala new article exchange-hack-en --case exchange-2021 --language en
        muqabala check
    """
    from .corpus import load_corpus
    from .scaffold import new_article as write

    root = root or find_root()
    cases = sorted({s.case for s in load_corpus(root).statements.values()})
    known = ", ".join(cases) or "none"
    # An article is collated with its case's statements only: a misspelt case would leave every
    # claim unsupported, and with several cases a default would be a guess.
    if case is None and len(cases) != 1:
        why = "several cases" if cases else "no statement, so no case"
        click.echo(f"Error: {why} to default to; pass --case (known: {known})", err=True)
        sys.exit(1)
    case = case or cases[0]
    if case not in cases:
        click.echo(f"Error: --case: no statement belongs to case {case!r} (known: {known})", err=True)
        sys.exit(1)
    _scaffold(lambda: write(root, slug, case=case, language=language), root)


@main.command()
@root_option
@click.option("--output", "-o", type=click.File("w", encoding="utf-8"), default="-",
              help="Write to a file instead of standard output.")
@fail_on_data_errors
def report(root: Path | None, output: TextIO) -> None:
    """Print the collation report (the same JSON as site/data/report.json).

    \b
    Example:
        muqabala report | python -m json.tool | less
    """
    from .cache import cached_report
    from .corpus import load_corpus

    root = root or find_root()
    result = cached_report(load_corpus(root), root)
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
    from .schema import SCHEMA_DIR, stale_schemas, write_schemas

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


# Commands that live beside the code they drive; imported last because they import from here.
from . import bench, evaluate, links  # noqa: E402

for _command in (links.command, evaluate.command, bench.command):
    main.add_command(_command)
