"""The one policy for source addresses: what may be published as a source and fetched by the
link checker. `check` (through the schema), `links --external` and `links --online` all ask it.

Hosts are read the way browsers and HTTP clients read them, not only in the usual dotted form:
`127.1`, `0x7f.0.0.1`, `0177.0.0.1`, `2130706433` and `127.000.000.001` are all 127.0.0.1, and
IPv6 can carry an IPv4 address inside it (`::ffff:127.0.0.1`, `64:ff9b::7f00:1`, `2002:7f00:1::`).
The online check also resolves each name and re-checks every redirect: see `address_problem`.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from muqabala.data.errors import show

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_LOCAL_NAMES = ("localhost", ".localhost", ".local", ".internal", ".home.arpa", ".localdomain")
_NUMERIC_LABEL = re.compile(r"0[xX][0-9a-fA-F]*|[0-9]+")
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class _Malformed(ValueError):
    pass


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a published source address, or None when it can (no network used)."""
    if re.search(r"\s", url) or any(ord(c) < 32 or ord(c) == 127 for c in url):
        return f"must not contain spaces or control characters (got {show(url)})"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as e:
        return f"is not a well-formed address: {e} (got {show(url)})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return f"must be an http:// or https:// address, like https://www.gov.uk/ (got {show(scheme + ':')})"
    if "@" in parts.netloc:
        return "must not carry a user name or password before the host (user@host)"
    if not host:
        return f"has no host (got {show(url)})"
    return host_problem(host)


def host_problem(host: str) -> str | None:
    """Why `host` (as `urlsplit` gives it: lower case, no brackets) is not a public host, or None."""
    host = host.rstrip(".")
    try:
        ip = parse_ip(host)
    except _Malformed:
        return f"host is not a well-formed address (got {show(host)})"
    if ip is not None:
        return address_problem(ip, host)
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError:
        return f"host is not a valid domain name (got {show(host)})"
    mixed = _mixed_scripts(ascii_host)
    if mixed:
        return (
            f"host mixes {mixed} letters in one name, as a look-alike of another site does "
            f"(got {show(ascii_host)}); copy the address from the site itself"
        )
    if ascii_host == "localhost" or ascii_host.endswith(_LOCAL_NAMES):
        return f"host must be public, not a local name (got {show(ascii_host)})"
    if "." not in ascii_host:
        return f"host must be a full domain name with a dot, like www.gov.uk (got {show(ascii_host)})"
    return None


def parse_ip(host: str) -> IPAddress | None:
    """`host` as an IP address in any notation a client accepts; None for a name.

    IPv4 follows the WHATWG URL standard: one to four parts, each decimal, octal (leading 0)
    or hexadecimal (0x), the last filling the remaining bytes. Raises `_Malformed` for a host
    that is a number but not a valid address (`1.2.3.4.5`, `256.1.1.1`).
    """
    if ":" in host:
        try:
            return ipaddress.IPv6Address(host)
        except ValueError:
            raise _Malformed(host) from None
    labels = host.split(".")
    if not _NUMERIC_LABEL.fullmatch(labels[-1]):
        return None
    if len(labels) > 4 or any(not _NUMERIC_LABEL.fullmatch(label) for label in labels):
        raise _Malformed(host)
    numbers = [_ipv4_number(label) for label in labels]
    if any(n > 255 for n in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        raise _Malformed(host)
    value = numbers[-1] + sum(n << (8 * (3 - i)) for i, n in enumerate(numbers[:-1]))
    return ipaddress.IPv4Address(value)


def _ipv4_number(label: str) -> int:
    if label[:2].lower() == "0x":
        return int(label[2:] or "0", 16)
    if len(label) > 1 and label.startswith("0"):
        if not set(label) <= set("01234567"):
            raise _Malformed(label)
        return int(label, 8)
    return int(label)


def address_problem(ip: IPAddress, host: str | None = None) -> str | None:
    """Why `ip` is not a public address (loopback, private, link-local, reserved, multicast…),
    including an IPv4 address carried inside an IPv6 one; None when it is public."""
    inner = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    got = host if host is not None else str(ip)
    seen = f"{got} = {inner or ip}" if (inner or ip).compressed != got else got
    for candidate in [c for c in (inner, ip) if c is not None]:
        for test, what in (
            (candidate.is_loopback, "a loopback"),
            (candidate.is_link_local, "a link-local"),
            (candidate.is_unspecified, "an unspecified"),
            (candidate.is_multicast, "a multicast"),
            (candidate.is_reserved, "a reserved"),
            (candidate.is_private, "a private"),
            (not candidate.is_global, "a non-public"),
        ):
            if test:
                return f"host must be public, not {what} address (got {show(seen)})"
        if inner is not None:
            break  # the IPv4 address decides; its IPv6 wrapper is not global by itself
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def _mixed_scripts(ascii_host: str) -> str | None:
    """The scripts a single label of the host mixes ('Latin and Cyrillic'), or None.

    A label wholly in one script (`пример.рф`, `مصر`) is a real international name; one mixing
    scripts is how a look-alike of a Latin name is made (`gоv.uk` with a Cyrillic о).
    """
    for label in ascii_host.split("."):
        if not label.startswith("xn--"):
            continue
        try:
            text = label[4:].encode("ascii").decode("punycode")
        except UnicodeError:
            return None
        scripts = sorted({unicodedata.name(c, "UNKNOWN ?").split()[0] for c in text if c.isalpha()})
        if len(scripts) > 1:
            return " and ".join(s.title() for s in scripts)
    return None


def display_host(host: str) -> str:
    """A host as messages show it: international names as punycode (`xn--…`), which cannot hide
    a look-alike letter."""
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
