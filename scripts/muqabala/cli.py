"""The `muqabala` command: a thin click layer over the library.

Each command's docstring is its help text, with an example. Errors in the data print as
`file:line: key.path: message`, then `Error: …`, and exit with status 1.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .errors import DataError


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
