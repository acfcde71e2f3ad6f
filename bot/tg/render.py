"""Every Telegram reply the users see: Vietnamese, HTML, every fragment escaped.

Sentences shared with the console come from bot.core.replies; the ones only Telegram needs
(buttons, groups, inline mode) live here. Each function returns a Reply built with
bot.tg.reply (escaping, buttons, split below Telegram's limit), as every renderer does.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from telegram import BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.helpers import create_deep_linked_url

from bot.core import replies
from bot.core.decision import Candidate, NoMatchReason
from bot.core.markup import to_html, to_plain
from bot.core.model import Citation, Entry, Faq, Topic
from bot.core.settings import Contact
from bot.tg import callbacks
from bot.tg.reply import Reply, button, escape

TOPIC_PAGE_SIZE = 8
MAX_RELATED = 3
SHARE_URL = "https://t.me/share/url"
INLINE_DESCRIPTION_CHARS = 120

PRIVATE_COMMANDS = (
    BotCommand("start", "Bắt đầu, xem các chủ đề"),
    BotCommand("chude", "Xem câu hỏi theo chủ đề"),
    BotCommand("lotrinh", "Lộ trình kết nạp Đảng (ảnh)"),
    BotCommand("kiemtra", "Tự kiểm tra: mình đang ở bước nào"),
    BotCommand("help", "Cách hỏi"),
)
GROUP_COMMANDS = (
    BotCommand("hoi", "Hỏi bot: /hoi câu hỏi của bạn"),
    BotCommand("chude", "Xem câu hỏi theo chủ đề"),
    BotCommand("help", "Cách hỏi"),
)

STALE = replies.STALE
VOTE_UP_THANKS = "Cảm ơn bạn! Góp ý giúp câu trả lời tốt hơn."
VOTE_DOWN_THANKS = "Cảm ơn bạn! Câu hỏi đã được ghi lại để người biên soạn sửa."
INLINE_EMPTY_BUTTON = "Mở bot để hỏi"
INLINE_START_PARAMETER = "inline"


@dataclass(frozen=True, slots=True)
class BotInfo:
    """What replies need to know about the bot itself, from getMe."""

    username: str
    supports_inline: bool


# --- answers -------------------------------------------------------------------------------


def entry_html(entry: Entry) -> str:
    """The full sourced answer: question, answer, sources, review date."""
    lines = [f"❓ <b>{escape(entry.question)}</b>", "", to_html(entry.answer), ""]
    lines.append(f"📚 <b>{escape(replies.SOURCES)}</b>")
    lines += [_citation(c) for c in entry.sources]
    lines.append(f"🗓 {escape(replies.reviewed_line(entry))}")
    return "\n".join(lines)


def _citation(citation: Citation) -> str:
    """'• 294-QĐ/TW, Mục 1 — <a>host</a> (trang chính thức)'."""
    line = f"• {escape(replies.citation_label(citation))}"
    if citation.document.status == "superseded":
        line += f" ({escape(replies.SUPERSEDED)})"
    host = urlsplit(citation.url).hostname if citation.url else None
    if host:
        line += (f' — <a href="{escape(citation.url, quote=True)}">{escape(host)}</a>'
                 f" ({escape(replies.source_kind_label(citation))})")
    return line


def answer(entry: Entry, faq: Faq, bot: BotInfo, also: Entry | None = None) -> Reply:
    """The answer; `also`, a second question the same message asked, comes first."""
    follow = ([also] if also else []) + [e for e in related(entry, faq) if e != also]
    rows = [
        [button(f"{'❔' if e == also else '➡️'} {e.question}", callbacks.answer(e.id))]
        for e in follow
    ]
    text = entry_html(entry)
    if also is not None:
        text += (f"\n\n❔ {escape(replies.ALSO_ASKED)} <b>{escape(also.question)}</b> "
                 f"{escape(replies.ALSO_TAP)}")
    share = share_button(entry, bot)
    rows.append([
        *([share] if share else []),
        button("👍", callbacks.vote(entry.id, up=True)),
        button("👎", callbacks.vote(entry.id, up=False)),
    ])
    return Reply.of(text, rows)


def related(entry: Entry, faq: Faq) -> list[Entry]:
    """The curator's `related` first; topic neighbours fill in so there are at least two."""
    chosen = [e for e in (faq.get(r) for r in entry.related) if e is not None]
    for other in faq.entries_in(entry.topic):
        if len(chosen) >= 2:
            break
        if other.id != entry.id and other not in chosen:
            chosen.append(other)
    return chosen[:MAX_RELATED]


def share_button(entry: Entry, bot: BotInfo) -> InlineKeyboardButton | None:
    """Inline mode when the bot has it; otherwise Telegram's share page with a deep link."""
    if bot.supports_inline:
        return InlineKeyboardButton("📤 Chia sẻ", switch_inline_query=entry.question)
    if not bot.username:
        return None
    link = create_deep_linked_url(bot.username, entry.id)
    query = urlencode({"url": link, "text": entry.question})
    return InlineKeyboardButton("📤 Chia sẻ", url=f"{SHARE_URL}?{query}")


def ask_more_keyboard(entry: Entry, bot: BotInfo) -> InlineKeyboardMarkup | None:
    """Under an answer shared through inline mode: a deep link back to the bot."""
    if not bot.username:
        return None
    link = create_deep_linked_url(bot.username, entry.id)
    return InlineKeyboardMarkup([[InlineKeyboardButton("💬 Hỏi thêm", url=link)]])


def inline_description(entry: Entry) -> str:
    """The answer's first line, shown under the question in the inline results list."""
    lines = (line for line in to_plain(entry.answer).splitlines() if line.strip())
    return next(lines, "")[:INLINE_DESCRIPTION_CHARS]


def suggest(candidates: tuple[Candidate, ...]) -> Reply:
    rows = [
        [button(c.entry.question, callbacks.suggestion(c.entry.id))] for c in candidates
    ]
    rows.append([button("📚 Xem theo chủ đề", callbacks.topics())])
    return Reply.of(f"🤔 {escape(replies.SUGGEST_INTRO)}", rows)


def no_match(faq: Faq, contact: Contact) -> Reply:
    text = "\n\n".join([
        escape(replies.NO_MATCH),
        f"💡 {escape(replies.NO_MATCH_TIPS)}",
        f"👤 {_contact(contact)}",
    ])
    return Reply.of(text, _topic_rows(faq))


def _contact(contact: Contact) -> str:
    return f"Bạn có thể hỏi trực tiếp: <b>{escape(contact.name)}</b>. {escape(contact.how)}"


def small_talk(reason: NoMatchReason) -> Reply:
    match reason:
        case "greeting":
            return Reply.of(f"👋 {escape(replies.WELCOME)}\n\n{escape(replies.ASK_HINT)}")
        case "thanks":
            return Reply.of(f"🙏 {escape(replies.THANKS)}")
        case _:
            return Reply.of(escape(replies.EMPTY))


# --- commands and browsing ------------------------------------------------------------------


def welcome(faq: Faq) -> Reply:
    text = f"👋 {escape(replies.WELCOME)}\n\n{escape(replies.ASK_HINT)} Hoặc chọn một chủ đề:"
    return Reply.of(text, _topic_rows(faq))


def help_text(bot: BotInfo) -> Reply:
    lines = [
        "<b>Cách hỏi</b>",
        escape(replies.ASK_HINT),
        "\n".join(escape(line) for line in replies.EXAMPLES),
        "",
        "/chude — xem câu hỏi theo chủ đề",
        "/lotrinh — xem lộ trình kết nạp Đảng từng bước",
        "/kiemtra — trả lời vài câu để biết bước tiếp theo của bạn",
        "Trong nhóm: gõ <code>/hoi câu hỏi</code>, nhắc tên bot hoặc trả lời tin nhắn của bot.",
    ]
    if bot.supports_inline and bot.username:
        lines.append(f"Ở cuộc trò chuyện khác: gõ <code>@{escape(bot.username)} câu hỏi</code> "
                     "để gửi câu trả lời cho bạn bè.")
    lines += ["", "Thông tin chỉ để tham khảo; chi bộ và cấp ủy nơi bạn làm việc quyết định."]
    return Reply.of("\n".join(lines))


def topic_menu(faq: Faq) -> Reply:
    return Reply.of("📚 Chọn một chủ đề:", _topic_rows(faq))


def _topic_rows(faq: Faq) -> list[list[InlineKeyboardButton]]:
    return [
        [button(t.name, callbacks.topic(t.id))]
        for t in faq.topics
        if faq.entries_in(t.id)
    ]


def topic_page(faq: Faq, topic: Topic, page: int) -> Reply:
    entries = faq.entries_in(topic.id)
    pages = max(1, -(-len(entries) // TOPIC_PAGE_SIZE))
    page = min(max(page, 0), pages - 1)
    shown = entries[page * TOPIC_PAGE_SIZE : (page + 1) * TOPIC_PAGE_SIZE]
    rows = [[button(e.question, callbacks.answer(e.id))] for e in shown]
    nav = [button("↩️ Chủ đề", callbacks.topics())]
    if page > 0:
        nav.insert(0, button("« Trước", callbacks.topic(topic.id, page - 1)))
    if page < pages - 1:
        nav.append(button("Sau »", callbacks.topic(topic.id, page + 1)))
    rows.append(nav)
    header = f"📚 <b>{escape(topic.name)}</b>"
    if pages > 1:
        header += f" (trang {page + 1}/{pages})"
    return Reply.of(f"{header}\nChọn một câu hỏi:", rows)


def group_prompt(bot: BotInfo) -> Reply:
    mention = f" hoặc nhắc <code>@{escape(bot.username)}</code>" if bot.username else ""
    return Reply.of(f"Bạn gõ câu hỏi sau lệnh, ví dụ: <code>/hoi vào đảng cần điều kiện gì</code>"
                  f"{mention}.")


def non_text() -> Reply:
    return Reply.of(escape(replies.NON_TEXT))


def unknown_command() -> Reply:
    return Reply.of("Mình không có lệnh này. Bạn cứ gõ câu hỏi, hoặc gõ /help để xem cách hỏi.")


def error() -> Reply:
    return Reply.of(escape(replies.ERROR))


def slow_down() -> Reply:
    return Reply.of(f"⏳ {escape(replies.SLOW_DOWN)}")
