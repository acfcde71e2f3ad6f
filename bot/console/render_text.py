"""Plain-text replies for the console (`ask`, `chat`): the same content as on Telegram."""

from __future__ import annotations

from bot.core import replies
from bot.core.decision import Answer, Decision, NoMatch, Suggest
from bot.core.markup import to_plain
from bot.core.model import Citation, Entry, Faq
from bot.core.settings import Contact


def render(decision: Decision, faq: Faq, contact: Contact) -> str:
    match decision:
        case Answer(entry=entry, also=None):
            return render_entry(entry, faq)
        case Answer(entry=entry, also=Entry() as also):
            return f"{render_entry(entry, faq)}\n\n❔ {replies.ALSO_ASKED} {also.question}"
        case Suggest(candidates=candidates):
            lines = [replies.SUGGEST_INTRO]
            lines += [f"{i}. {c.entry.question}" for i, c in enumerate(candidates, 1)]
            return "\n".join(lines)
        case NoMatch(reason="greeting"):
            return f"{replies.WELCOME}\n{replies.ASK_HINT}"
        case NoMatch(reason="thanks"):
            return replies.THANKS
        case NoMatch(reason="empty"):
            return replies.EMPTY
        case NoMatch():
            topics = ", ".join(t.name for t in faq.topics)
            return "\n".join([replies.NO_MATCH, replies.NO_MATCH_TIPS,
                              f"Chủ đề: {topics}.", replies.contact_line(contact)])
    raise AssertionError(f"unknown decision {decision!r}")


def render_entry(entry: Entry, faq: Faq) -> str:
    lines = [f"❓ {entry.question}", "", to_plain(entry.answer), "", replies.SOURCES]
    lines += [_citation(c) for c in entry.sources]
    lines.append(replies.reviewed_line(entry))
    related = [faq.get(r) for r in entry.related]
    if any(related):
        lines += ["", replies.FOLLOW_UP]
        lines += [f"• {r.question}" for r in related if r is not None]
    return "\n".join(lines)


def _citation(citation: Citation) -> str:
    """'• 294-QĐ/TW, Mục 1 — https://... (trang chính thức)'."""
    line = f"• {replies.citation_label(citation)}"
    if citation.document.status == "superseded":
        line += f" ({replies.SUPERSEDED})"
    return f"{line} — {citation.url} ({replies.source_kind_label(citation)})"
