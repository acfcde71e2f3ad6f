"""Rules on the links the FAQ cites, by publisher (faq/sources/publishers.yaml).

Errors: a link to a bare IP address; an entry whose every link is `other`.
Warnings: a domain the publisher list does not know; a document in force whose own link is
neither an official site nor a legal database.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from bot.core.problems import Problem
from bot.core.publishers import host_of, is_ip_host
from bot.core.raw_faq import Located, RawFaq

PUBLISHERS_PATH = "faq/sources/publishers.yaml"
TEXT_KINDS = ("official", "legal-db")  # where the text of a document in force should be


@dataclass(frozen=True, slots=True)
class Link:
    """One `url:` written in faq/, where it is written."""

    file: str
    line: int
    url: str


def check(raw: RawFaq) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about every link under faq/."""
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for link in _links(raw):
        host = host_of(link.url)
        if is_ip_host(host):
            errors.append(Problem(link.file, link.line, _ip_message(link.url, host)))
        elif raw.publishers.classify(link.url) is None:
            warnings.append(Problem(link.file, link.line, _unknown_message(host)))
    errors += [p for loc in raw.entries if (p := _only_other(loc, raw)) is not None]
    warnings += _documents_in_force(raw)
    return errors, warnings


def _links(raw: RawFaq) -> Iterator[Link]:
    for loc in raw.documents.values():
        if isinstance(loc.data.get("url"), str):
            yield Link(loc.file, loc.data.line_of("url"), loc.data["url"])
    for loc in raw.entries:
        for source in loc.data["sources"]:
            if isinstance(source.get("url"), str):
                yield Link(loc.file, source.line_of("url"), source["url"])


def _ip_message(url: str, host: str) -> str:
    return (f"đường dẫn '{url}' dùng địa chỉ IP {host}, không cho biết ai đăng trang này; "
            "thay bằng bản trên trang chính thức, cơ sở dữ liệu pháp luật hoặc báo")


def _unknown_message(host: str) -> str:
    return (f"tên miền '{host or '?'}' chưa có trong {PUBLISHERS_PATH}; thêm một dòng "
            f"'{host or '...'}: official' (hoặc legal-db, press, other)")


def _only_other(loc: Located, raw: RawFaq) -> Problem | None:
    """An entry whose every link (own `url` or its document's) is classed `other`."""
    urls = []
    for source in loc.data["sources"]:
        doc = raw.documents.get(source["doc"])
        if doc is None:
            return None  # an unknown key is reported by faq_rules
        urls.append(source.get("url") or doc.data.get("url", ""))
    if any(raw.publishers.kind_of(url) != "other" for url in urls):
        return None
    hosts = ", ".join(dict.fromkeys(host_of(url) or url for url in urls))
    return Problem(loc.file, loc.data.line_of("sources"),
                   f"mục '{loc.data['id']}' chỉ dẫn tới nguồn loại 'other' ({hosts}); thêm "
                   "ít nhất một trang chính thức, cơ sở dữ liệu pháp luật hoặc báo")


def _documents_in_force(raw: RawFaq) -> list[Problem]:
    warnings = []
    for key, loc in raw.documents.items():
        data = loc.data
        if data.get("kind") == "article" or data.get("status") != "in-force":
            continue
        kind = raw.publishers.kind_of(data.get("url", ""))
        if kind not in TEXT_KINDS:
            warnings.append(Problem(loc.file, data.line_of("url"),
                                    f"văn bản '{key}' đang có hiệu lực nhưng đường dẫn là "
                                    f"nguồn loại '{kind}'; trỏ tới bản trên trang chính thức "
                                    "hoặc cơ sở dữ liệu pháp luật (báo đặt ở 'url' của "
                                    "từng trích dẫn)"))
    return warnings
