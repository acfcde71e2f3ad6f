"""Who publishes a source: faq/sources/publishers.yaml maps a domain to a class.

A union officer forwards an answer for its source line, so each link is classed:
`official` (Party and State sites), `legal-db` (legal databases), `press` (newspapers) or
`other` (everything else). A domain covers its subdomains: `gov.vn` covers every
`*.gov.vn` host; the longest listed domain that matches a host wins.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, cast, get_args
from urllib.parse import urlsplit

from bot.core.model import SourceKind

SOURCE_KINDS: tuple[str, ...] = get_args(SourceKind)


def host_of(url: str) -> str:
    """The lower-case host name of `url` (no port), or '' when there is none."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".")
    except ValueError:
        return ""


def is_ip_host(host: str) -> bool:
    """True for a bare IPv4 or IPv6 address: a host that names no publisher."""
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


@dataclass(frozen=True, slots=True)
class Publishers:
    """The publisher list: domain -> class, matched on the host and its parent domains."""

    domains: Mapping[str, SourceKind] = field(default_factory=dict)

    @classmethod
    def from_yaml(cls, data: Any) -> Publishers:
        """From parsed publishers.yaml; the schema reports anything malformed."""
        if not isinstance(data, dict):
            return cls()
        return cls({str(domain).lower(): cast(SourceKind, kind)
                    for domain, kind in data.items() if kind in SOURCE_KINDS})

    def domain_of(self, url: str) -> str | None:
        """The listed domain that covers the URL's host (the longest match), or None."""
        labels = host_of(url).split(".")
        for start in range(len(labels) - 1):  # a bare top-level domain never matches
            candidate = ".".join(labels[start:])
            if candidate in self.domains:
                return candidate
        return None

    def classify(self, url: str) -> SourceKind | None:
        """The class of the URL's publisher; None when its domain is not listed."""
        domain = self.domain_of(url)
        return self.domains[domain] if domain is not None else None

    def kind_of(self, url: str) -> SourceKind:
        """Like `classify`, with an unlisted domain counted as `other`."""
        return self.classify(url) or "other"
