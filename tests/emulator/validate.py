"""Checks the real Bot API makes on what a bot sends; a failure is a 400 like Telegram's."""

from __future__ import annotations

import re
from typing import Any

from .htmltext import HtmlError, parse_html

JSON = dict[str, Any]
MAX_TEXT = 4096  # telegram.constants.MessageLimit.MAX_TEXT_LENGTH
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64  # bytes
MAX_INLINE_RESULTS = 50
_BUTTON_ACTIONS = frozenset({
    "url", "callback_data", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "web_app", "login_url", "pay",
    "callback_game",
})
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


class ApiError(Exception):
    def __init__(self, code: int, description: str, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters


def bad(description: str) -> ApiError:
    return ApiError(400, f"Bad Request: {description}")


def format_text(text: Any, parse_mode: Any, limit: int, what: str) -> tuple[str, list[JSON]]:
    """(plain text, entities) of a message text or caption; raises like Telegram."""
    if not isinstance(text, str):
        raise bad(f"{what} must be a string")
    entities: list[JSON] = []
    if isinstance(parse_mode, str) and parse_mode.upper() == "HTML":
        try:
            text, entities = parse_html(text)
        except HtmlError as exc:
            raise ApiError(400, str(exc)) from exc
    elif parse_mode not in (None, ""):
        raise bad(f"unsupported parse_mode {parse_mode!r} in this emulator")
    if what == "text" and not text.strip():
        raise bad("message text is empty")
    if len(text) > limit:
        raise bad("message is too long" if what == "text" else "message caption is too long")
    return text, entities


def check_markup(markup: Any) -> JSON | None:
    if markup in (None, ""):
        return None
    if not isinstance(markup, dict):
        raise bad("can't parse reply keyboard markup JSON object")
    rows = markup.get("inline_keyboard")
    if rows is None:
        return markup  # reply keyboards, ForceReply, ReplyKeyboardRemove: accepted as is
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad("field \"inline_keyboard\" of the InlineKeyboardMarkup must be an Array")
    for button in (b for row in rows for b in row):
        _check_button(button)
    return markup


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not button.get("text"):
        raise bad("text buttons are unallowed in the inline keyboard")
    actions = _BUTTON_ACTIONS & button.keys()
    if len(actions) != 1:
        raise bad("can't parse inline keyboard button: exactly one action field expected")
    if "callback_data" in button:
        data = button["callback_data"]
        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
            raise bad("BUTTON_DATA_INVALID")
    if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
        raise bad(f"inline keyboard button URL '{button['url']}' is invalid: Wrong HTTP URL")


def check_inline_results(results: Any) -> list[JSON]:
    if not isinstance(results, list):
        raise bad("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    for result in results:
        result_id = str(result.get("id", ""))
        if not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        if result.get("type") == "article":
            _check_article(result)
        check_markup(result.get("reply_markup"))
    return results


def _check_article(result: JSON) -> None:
    if not result.get("title"):
        raise bad("RESULT_TITLE_EMPTY")
    content = result.get("input_message_content")
    if not isinstance(content, dict) or "message_text" not in content:
        raise bad("can't parse InputMessageContent: message_text is missing")
    try:
        format_text(content["message_text"], content.get("parse_mode"), MAX_TEXT, "text")
    except ApiError as exc:
        raise bad("MESSAGE_TOO_LONG" if "too long" in exc.description else "MESSAGE_EMPTY"
                  if "empty" in exc.description else exc.description.removeprefix(
                      "Bad Request: ")) from exc


def check_commands(commands: Any) -> list[JSON]:
    if not isinstance(commands, list) or len(commands) > 100:
        raise bad("commands must be an array of at most 100 BotCommand")
    for command in commands:
        if not _COMMAND.fullmatch(str(command.get("command", ""))):
            raise bad("BOT_COMMAND_INVALID")
        if not 1 <= len(str(command.get("description", "")).strip()) <= 256:
            raise bad("command description is empty or too long")
    return commands
