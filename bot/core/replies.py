"""The Vietnamese sentences every front end shares (console and Telegram)."""

from __future__ import annotations

from bot.core.model import Citation, Entry, SourceKind
from bot.core.settings import Contact

WELCOME = (
    "Chào bạn! Mình trả lời các câu hỏi về kết nạp Đảng cho người lao động trong doanh "
    "nghiệp: điều kiện, lớp nhận thức về Đảng, hồ sơ, người giới thiệu, thẩm tra lý lịch, "
    "các bước và thời hạn, đảng phí, chi bộ trong công ty."
)
ASK_HINT = "Cứ gõ câu hỏi như khi nhắn tin, có dấu hay không dấu đều được."
EXAMPLES = (
    "Ví dụ:",
    "• vào đảng cần điều kiện gì",
    "• lop cam tinh dang hoc bao lau",
    "• cty em chưa có chi bộ thì sao",
)
THANKS = "Không có gì ạ. Bạn cần hỏi thêm gì cứ nhắn nhé."
EMPTY = "Bạn hãy gõ câu hỏi bằng chữ, ví dụ: «vào đảng cần giấy tờ gì»."
SUGGEST_INTRO = "Có phải bạn muốn hỏi:"
NO_MATCH = "Xin lỗi, mình chưa có câu trả lời chắc chắn cho câu hỏi này."
NO_MATCH_TIPS = (
    "Bạn thử hỏi ngắn hơn, nêu rõ một ý (ví dụ «đảng phí bao nhiêu», "
    "«ai giới thiệu vào đảng»), hoặc chọn một chủ đề."
)
SOURCES = "Nguồn:"
SUPERSEDED = "văn bản cũ, đã được thay thế"
# What kind of page a link opens, shown beside it, so a reader knows what they forward
# (faq/sources/publishers.yaml classes each domain).
SOURCE_KIND_LABELS: dict[SourceKind, str] = {
    "official": "trang chính thức",
    "legal-db": "trang tra cứu luật",
    "press": "báo",
    "other": "nguồn khác",
}
FOLLOW_UP = "Hỏi tiếp:"
ALSO_ASKED = "Bạn còn hỏi một ý nữa:"
ALSO_TAP = "(bấm nút ❔ bên dưới)"
NON_TEXT = "Mình chỉ đọc được tin nhắn chữ. Bạn gõ câu hỏi giúp mình nhé."
ERROR = "Xin lỗi, mình gặp trục trặc khi trả lời. Bạn gửi lại câu hỏi sau ít phút nhé."
STALE = "Nút này đã cũ. Bạn gõ lại câu hỏi giúp mình nhé."
SLOW_DOWN = "Bạn gửi hơi nhanh, mình xin phép trả lời chậm lại. Đợi một chút rồi hỏi tiếp nhé."


def contact_line(contact: Contact) -> str:
    return f"Bạn có thể hỏi trực tiếp: {contact.name}. {contact.how}"


def reviewed_line(entry: Entry) -> str:
    return f"Cập nhật: {entry.reviewed:%d/%m/%Y}"


def citation_label(citation: Citation) -> str:
    """'294-QĐ/TW, mục 4.3' for a rule; the article's title for news."""
    doc = citation.document
    name = doc.title if doc.kind == "article" or not doc.number else doc.number
    if doc.kind == "party" and doc.number == "Điều lệ Đảng":
        name = doc.number
    return f"{name}, {citation.ref}" if citation.ref else name


def source_kind_label(citation: Citation) -> str:
    """'trang chính thức', 'trang tra cứu luật', 'báo' or 'nguồn khác'."""
    return SOURCE_KIND_LABELS[citation.source_kind]
