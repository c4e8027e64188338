"""The one policy for source addresses, and the problem types every link check reports.

`url_problem` (declared in `data.urlpolicy`, which `check` applies through the schema) says whether
an address may be published as a source; `scan_external_offline` applies it to every address of
the data without a network. `linkcheck_online` fetches them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from muqabala.data.corpus import Corpus
from muqabala.data.urlpolicy import url_problem

__all__ = ["LinkProblem", "LinkReport", "check_external_offline", "data_urls", "scan_external_offline", "url_problem"]


@dataclass(frozen=True, order=True)
class LinkProblem:
    """One broken link, printed as `page: link: reason`."""

    page: str
    """The page (relative to the site folder) or data file (relative to the project) holding the link."""
    link: str
    """The link as written."""
    reason: str
    """What is wrong, with the value that was looked for."""

    def __str__(self) -> str:
        return f"{self.page}: {self.link}: {self.reason}"


@dataclass
class LinkReport:
    """The problems found, and how much was checked (for the summary line)."""

    problems: list[LinkProblem] = field(default_factory=list)
    links: int = 0
    pages: int = 0


# --- data URLs, offline -----------------------------------------------------------------------


def data_urls(corpus: Corpus) -> list[tuple[str, str, str]]:
    """Every source address in the data as (data file, field, url), in a stable order."""
    out = []
    for sid, st in sorted(corpus.statements.items()):
        page = corpus.files.get(f"statement:{sid}", f"statements/{sid}")
        out.append((page, "url", st.url))
        if st.archive_url:
            out.append((page, "archive_url", st.archive_url))
    for aid, art in sorted(corpus.articles.items()):
        if art.url:
            out.append((corpus.files.get(f"article:{aid}", f"articles/{aid}"), "url", art.url))
    return out


def scan_external_offline(corpus: Corpus) -> LinkReport:
    """Check the data's addresses without a network; see `check_external_offline`."""
    report = LinkReport()
    entries = data_urls(corpus)
    for page, key, url in entries:
        reason = url_problem(url)
        if reason:
            report.problems.append(LinkProblem(page, url, f"{key}: {reason}"))
    for sid, st in sorted(corpus.statements.items()):
        why = st.no_archive_reason
        if not st.archive_url and not (why and why.ar.strip() and why.en.strip()):
            page = corpus.files.get(f"statement:{sid}", f"statements/{sid}")
            report.problems.append(
                LinkProblem(
                    page,
                    "archive_url",
                    "required when no_archive_reason is absent, like "
                    "https://web.archive.org/web/2021/https://www.gov.uk/…",
                )
            )
    report.links = len(entries)
    report.pages = len({p for p, _, _ in entries})
    report.problems.sort()
    return report


def check_external_offline(corpus: Corpus) -> list[LinkProblem]:
    """Every statement and article address is a well-formed http(s) URL on a public host.

    Public means: not localhost, *.localhost, *.local, a host without a dot, or an IP literal
    in a loopback, link-local, private, reserved or unspecified range; no user@ part. Each
    statement also needs an archive_url or a no_archive_reason. The page is the data file.
    """
    return scan_external_offline(corpus).problems
