"""docs/sources.md: every document the FAQ relies on, its status, and who cites it."""

from __future__ import annotations

from collections import Counter, defaultdict

from bot.core.model import Document, Faq, SourceKind
from bot.core.replies import SOURCE_KIND_LABELS

_STATUS = {
    "in-force": "đang có hiệu lực",
    "superseded": "đã bị thay thế",
    "unverified": "chưa xác minh",
    None: "bài viết, nguồn tham khảo",
}
_KINDS = (("party", "Văn bản của Đảng"), ("law", "Văn bản pháp luật của Nhà nước"),
          ("article", "Bài báo, nguồn thứ cấp"))


def sources_markdown(faq: Faq) -> str:
    citing: dict[str, list[str]] = defaultdict(list)
    for entry in faq.entries:
        for key in dict.fromkeys(c.document.key for c in entry.sources):
            citing[key].append(entry.id)
    by_key = {d.key: d for d in faq.documents}
    lines = [
        "# Nguồn của FAQ",
        "",
        "Tệp này được tạo bằng `python -m bot sources > docs/sources.md`; đừng sửa tay.",
        "Mỗi văn bản khai báo một lần trong `faq/sources/`; cột cuối là các mục trích dẫn nó.",
        "Cột «Nơi đăng» theo `faq/sources/publishers.yaml`.",
        "",
        link_summary(faq),
    ]
    for kind, heading in _KINDS:
        docs = sorted((d for d in faq.documents if d.kind == kind),
                      key=lambda d: (d.date is None, d.date), reverse=False)
        if not docs:
            continue
        lines += ["", f"## {heading}", "",
                  "| Văn bản | Nơi đăng | Ngày | Tình trạng | Mục trích dẫn |",
                  "|---|---|---|---|---|"]
        lines += [_row(d, by_key, citing.get(d.key, [])) for d in docs]
    return "\n".join(lines) + "\n"


def _row(doc: Document, by_key: dict[str, Document], entries: list[str]) -> str:
    name = f"[{_escape(doc.number or doc.title)}]({doc.url})"
    if doc.number and doc.number != doc.title:
        name += f" — {_escape(doc.title)}"
    status = _STATUS.get(doc.status, doc.status or "")
    if doc.superseded_by in by_key:
        status += f" (thay bằng {by_key[doc.superseded_by].number or doc.superseded_by})"
    if doc.note:
        status += f". {_escape(doc.note)}"
    date = f"{doc.date:%d/%m/%Y}" if doc.date else "?"
    cited = ", ".join(f"`{e}`" for e in entries) or "—"
    return f"| {name} | {SOURCE_KIND_LABELS[doc.source_kind]} | {date} | {status} | {cited} |"


def link_counts(faq: Faq) -> Counter[SourceKind]:
    """Every distinct link under faq/ (documents' and citations' own), counted by class."""
    kinds: dict[str, SourceKind] = {d.url: d.source_kind for d in faq.documents}
    kinds |= {c.url: c.source_kind for e in faq.entries for c in e.sources}
    return Counter(kinds.values())


def link_summary(faq: Faq) -> str:
    counts = link_counts(faq)
    total = sum(counts.values())
    parts = ", ".join(f"{SOURCE_KIND_LABELS[k]} {n}" for k, n in counts.most_common())
    share = f"{100 * counts['other'] / total:.0f}%" if total else "0%"
    return (f"Đường dẫn (không tính trùng): {total} — {parts}; "
            f"nguồn khác chiếm {share}.")


def _escape(text: str) -> str:
    return text.replace("|", "\\|")
