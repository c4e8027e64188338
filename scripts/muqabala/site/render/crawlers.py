"""What the site's root tells crawlers: robots.txt and, with a site address, the sitemap index.

MkDocs writes a sitemap per language (empty of addresses without `site_url`); the index at the
root names both, and robots.txt names the index.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from muqabala.vocabulary import SITE_LANGUAGES


def robots_txt(site_url: str | None) -> str:
    """Everything may be crawled; with `site_url` (ending in /) the sitemap index is named."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url}sitemap.xml")
    return "\n".join(lines) + "\n"


def sitemap_index(site_url: str) -> str:
    """A sitemap index naming each language's sitemap under `site_url` (ending in /)."""
    entries = "".join(
        f"<sitemap><loc>{escape(f'{site_url}{lang}/sitemap.xml')}</loc></sitemap>" for lang in SITE_LANGUAGES
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n'
    )
