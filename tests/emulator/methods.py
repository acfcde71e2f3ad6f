"""The Bot API methods: each takes decoded params and returns the JSON result or raises."""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .objects import photo_sizes
from .queries import QueryMethods
from .state import BotMessage, Call, State
from .validate import MAX_CAPTION, MAX_TEXT, ApiError, bad, check_markup, format_text

JSON = dict[str, Any]
Files = dict[str, tuple[str, bytes]]
_TRUE_METHODS = ("close", "logOut", "setMyDescription", "setMyShortDescription", "setMyName",
                 "setChatMenuButton", "setMyDefaultAdministratorRights")


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    payload: JSON | None  # None: drop the connection without answering
    delay: float = 0.0


class BotApi(QueryMethods):
    def __init__(self, state: State) -> None:
        self.state = state
        self.can_read_all_group_messages = True
        handlers: dict[str, Callable[[JSON, Files], Any]] = {
            "getMe": self.get_me, "getUpdates": self.get_updates,
            "deleteWebhook": self.delete_webhook, "setWebhook": self.set_webhook,
            "getWebhookInfo": self.get_webhook_info, "sendMessage": self.send_message,
            "sendPhoto": self.send_photo, "editMessageText": self.edit_message_text,
            "editMessageReplyMarkup": self.edit_message_reply_markup,
            "deleteMessage": self.delete_message, "sendChatAction": self.send_chat_action,
            "answerCallbackQuery": self.answer_callback_query,
            "answerInlineQuery": self.answer_inline_query, "setMyCommands": self.set_my_commands,
            "getMyCommands": self.get_my_commands, "deleteMyCommands": self.delete_my_commands,
            "getChat": self.get_chat,
        }
        handlers.update({name: lambda p, f: True for name in _TRUE_METHODS})
        self.handlers = {name.lower(): (name, fn) for name, fn in handlers.items()}

    def call(self, token: str, method: str, params: JSON, files: Files) -> Reply:
        state, arrived = self.state, time.monotonic()
        found = self.handlers.get(method.lower())
        if found is None:
            return _error(ApiError(404, "Not Found: method not found"))
        name, handler = found
        delivered: list[BotMessage] = []
        with state.mutate():
            prefix = token.split(":", 1)[0]
            state.bot_id = int(prefix) if prefix.isdigit() else state.bot_id
            fault = state.faults.decide(name, params)
            retry_after = state.limits.check(name, params.get("chat_id"), arrived) if (
                state.limits and not fault) else None
            if retry_after:
                state.calls.append(Call(name, params, arrived, "flood", 429))
                return _error(ApiError(429, f"Too Many Requests: retry after {retry_after}",
                                       {"retry_after": retry_after}))
            if fault:
                state.calls.append(Call(name, params, arrived, fault, _FAULT_STATUS[fault]))
                return self._fault_reply(fault)
            before = len(state.bot_messages)
            try:
                result = handler(params, files)
            except ApiError as exc:
                state.calls.append(Call(name, params, arrived, "error", exc.code, exc.description))
                return _error(exc)
            count = len(result) if name == "getUpdates" else 0
            state.calls.append(Call(name, params, arrived, "ok", 200,
                                    f"returned {count} updates" if count else ""))
            delivered = state.bot_messages[before:]
        for message in delivered:  # outside the lock: listeners may inject updates
            for listener in list(state.listeners):
                try:
                    listener(message)
                except Exception as exc:  # a broken listener must not fail the bot's call
                    traceback.print_exc()
                    state.listener_errors.append(exc)
        return Reply(200, {"ok": True, "result": result})

    def _fault_reply(self, fault: str) -> Reply:
        plan = self.state.faults
        if fault == "429":
            return _error(ApiError(429, f"Too Many Requests: retry after {plan.retry_after}",
                                   {"retry_after": plan.retry_after}))
        if fault == "502":
            return _error(ApiError(502, "Bad Gateway"))
        return Reply(0, None, plan.timeout_delay if fault == "timeout" else 0.0)

    # --- updates and webhook ------------------------------------------------------------
    def get_me(self, p: JSON, f: Files) -> JSON:
        return {**self.state.bot_user(), "can_join_groups": True,
                "can_read_all_group_messages": self.can_read_all_group_messages,
                "supports_inline_queries": True, "can_connect_to_business": False,
                "has_main_web_app": False}

    def get_updates(self, p: JSON, f: Files) -> list[JSON]:
        state = self.state
        if state.webhook.get("url"):
            raise ApiError(409, "Conflict: can't use getUpdates method while webhook is active; "
                                "use deleteWebhook to delete the webhook first")
        offset = int(p["offset"]) if p.get("offset") is not None else None
        limit = min(max(int(p.get("limit") or 100), 1), 100)
        if p.get("allowed_updates") is not None:
            state.webhook["allowed_updates"] = list(p["allowed_updates"])
        state.poll_generation += 1  # also counts polls started, for Emulator.polls
        generation = state.poll_generation
        state.changed.notify_all()
        deadline = time.monotonic() + min(float(p.get("timeout") or 0), 50.0)
        while True:
            batch = state.take_updates(offset, limit, state.webhook.get("allowed_updates"))
            if batch or state.closing:
                return batch
            if generation != state.poll_generation:
                raise ApiError(409, "Conflict: terminated by other getUpdates request; "
                                    "make sure that only one bot instance is running")
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            state.changed.wait(remaining)

    def delete_webhook(self, p: JSON, f: Files) -> bool:
        if p.get("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook.pop("url", None)
        return True

    def set_webhook(self, p: JSON, f: Files) -> bool:
        if not str(p.get("url", "")).startswith("https://") and p.get("url"):
            raise bad("bad webhook: An HTTPS URL must be provided for webhook")
        if p.get("drop_pending_updates"):
            self.state.updates.clear()
        self.state.webhook.update({k: v for k, v in p.items() if k != "drop_pending_updates"})
        return True

    def get_webhook_info(self, p: JSON, f: Files) -> JSON:
        return {"url": self.state.webhook.get("url", ""), "has_custom_certificate": False,
                "pending_update_count": len(self.state.updates)}

    # --- messages -----------------------------------------------------------------------
    def send_message(self, p: JSON, f: Files) -> JSON:
        chat = self._chat(p.get("chat_id"))
        if "text" not in p:
            raise bad("message text is empty")
        text, entities = format_text(p["text"], p.get("parse_mode"), MAX_TEXT, "text")
        body: JSON = {"text": text}
        if entities:
            body["entities"] = entities
        return self._deliver("sendMessage", chat, p, body, p["text"], text)

    def send_photo(self, p: JSON, f: Files) -> JSON:
        chat = self._chat(p.get("chat_id"))
        if not p.get("photo"):
            raise bad("there is no photo in the request")
        caption, entities = format_text(p.get("caption", ""), p.get("parse_mode"),
                                        MAX_CAPTION, "caption")
        body: JSON = {"photo": photo_sizes()}
        if caption:
            body["caption"] = caption
        if entities:
            body["caption_entities"] = entities
        return self._deliver("sendPhoto", chat, p, body, p.get("caption", ""), caption)

    def _deliver(self, method: str, chat: JSON, p: JSON, body: JSON, raw: str, plain: str) -> JSON:
        state = self.state
        markup = check_markup(p.get("reply_markup"))
        reply_to = self._reply_to(chat["id"], p)
        thread_id = p.get("message_thread_id")
        message_id = state.new_message_id(chat["id"])
        message: JSON = {"message_id": message_id, "from": state.bot_user(), "chat": chat,
                         "date": int(time.time()), **body}
        if reply_to is not None:
            replied = dict(state.messages[(chat["id"], reply_to)])
            replied.pop("reply_to_message", None)
            message["reply_to_message"] = replied
        if thread_id:
            message.update(message_thread_id=thread_id, is_topic_message=True)
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        state.messages[(chat["id"], message_id)] = message
        state.bot_messages.append(BotMessage(
            chat["id"], message_id, method, plain, raw, p.get("parse_mode"), markup, reply_to,
            thread_id, time.monotonic()))
        return message

    def _chat(self, chat_id: Any) -> JSON:
        chat = self.state.chats.get(chat_id) if isinstance(chat_id, int) else None
        if chat is None:
            raise bad("chat not found")
        return chat

    def _reply_to(self, chat_id: int, p: JSON) -> int | None:
        params = p.get("reply_parameters") or {}
        message_id = params.get("message_id", p.get("reply_to_message_id"))
        if message_id is None:
            return None
        if (params.get("chat_id", chat_id), message_id) in self.state.messages:
            return int(message_id)
        if params.get("allow_sending_without_reply") or p.get("allow_sending_without_reply"):
            return None
        raise bad("message to be replied not found")

    def _bot_message(self, p: JSON, verb: str) -> tuple[JSON, BotMessage]:
        key = (p.get("chat_id"), p.get("message_id"))
        message = self.state.messages.get(key)  # type: ignore[arg-type]
        if message is None:
            raise bad(f"message to {verb} not found")
        if message["from"]["id"] != self.state.bot_id:
            raise bad(f"message can't be {verb}ed")
        record = next(m for m in self.state.bot_messages
                      if (m.chat_id, m.message_id) == key)
        return message, record

    def edit_message_text(self, p: JSON, f: Files) -> JSON | bool:
        if p.get("inline_message_id"):
            format_text(p.get("text"), p.get("parse_mode"), MAX_TEXT, "text")
            return True
        message, record = self._bot_message(p, "edit")
        text, entities = format_text(p.get("text"), p.get("parse_mode"), MAX_TEXT, "text")
        markup = check_markup(p.get("reply_markup"))
        if text == message.get("text") and markup == message.get("reply_markup"):
            raise bad("message is not modified: specified new message content and reply markup "
                      "are exactly the same as a current content and reply markup of the message")
        message.update(text=text, edit_date=int(time.time()))
        message.pop("entities", None)
        message.pop("reply_markup", None)
        if entities:
            message["entities"] = entities
        if markup:
            message["reply_markup"] = markup
        record.edits.append(record.html)
        record.text, record.html, record.reply_markup = text, p["text"], markup
        return message

    def edit_message_reply_markup(self, p: JSON, f: Files) -> JSON:
        message, record = self._bot_message(p, "edit")
        markup = check_markup(p.get("reply_markup"))
        if markup == message.get("reply_markup"):
            raise bad("message is not modified")
        message.pop("reply_markup", None)
        if markup:
            message["reply_markup"] = markup
        record.reply_markup = markup
        return message

    def delete_message(self, p: JSON, f: Files) -> bool:
        if self.state.messages.pop((p.get("chat_id"), p.get("message_id")), None) is None:
            raise bad("message to delete not found")
        return True

    def send_chat_action(self, p: JSON, f: Files) -> bool:
        self._chat(p.get("chat_id"))
        return True

    def get_chat(self, p: JSON, f: Files) -> JSON:
        return {**self._chat(p.get("chat_id")), "accent_color_id": 0, "max_reaction_count": 11}


_FAULT_STATUS = {"429": 429, "502": 502, "drop": 0, "timeout": 0}


def _error(exc: ApiError) -> Reply:
    payload: JSON = {"ok": False, "error_code": exc.code, "description": exc.description}
    if exc.parameters:
        payload["parameters"] = exc.parameters
    return Reply(exc.code, payload)
