"""The emulator's memory: chats, messages, the update queue, the call log; one lock for all.

Every change notifies one condition, so tests and long-polling getUpdates wait on facts
("three messages in chat 7") with a deadline instead of sleeping.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from .faults import FaultPlan
from .limits import FloodLimits

JSON = dict[str, Any]
# Telegram's default when allowed_updates is empty: everything but these.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


@dataclass(frozen=True, slots=True)
class Call:
    """One HTTP request to the Bot API, as the emulator saw it."""

    method: str
    params: JSON
    time: float  # time.monotonic()
    outcome: str  # "ok", "error", "flood" (a limit enforced), or a fault: "429", "502"...
    status: int = 200
    description: str = ""

    def __str__(self) -> str:
        detail = f" {self.description}" if self.description else ""
        return f"{self.time:.3f} {self.method} {self.outcome}{detail} {_brief(self.params)}"


@dataclass(slots=True)
class BotMessage:
    """A message the bot delivered (sendMessage, sendPhoto...), with later edits applied."""

    chat_id: int
    message_id: int
    method: str
    text: str  # plain text after parsing the HTML, or the caption
    html: str  # the text or caption exactly as the bot sent it
    parse_mode: str | None
    reply_markup: JSON | None
    reply_to: int | None
    thread_id: int | None
    time: float
    edits: list[str] = field(default_factory=list)

    def buttons(self) -> list[JSON]:
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]

    def callback_buttons(self) -> list[JSON]:
        return [b for b in self.buttons() if "callback_data" in b]


class State:
    def __init__(self, bot_username: str) -> None:
        self.lock = threading.RLock()
        self.changed = threading.Condition(self.lock)
        self.bot_username = bot_username
        self.bot_id = 123456
        self.closing = False
        self.faults = FaultPlan()
        self.limits: FloodLimits | None = None
        self.calls: list[Call] = []
        self.updates: list[JSON] = []  # not yet confirmed by an offset
        self.next_update_id = 10_000
        self.max_returned_update = 0
        self.injected_at: dict[int, float] = {}
        self.poll_generation = 0
        self.webhook: JSON = {}
        self.chats: dict[int, JSON] = {}
        self.messages: dict[tuple[int, int], JSON] = {}  # every message, user's and bot's
        self.next_message_id: dict[int, int] = {}
        self.bot_messages: list[BotMessage] = []
        self.callback_queries: dict[str, JSON | None] = {}  # id -> answer params, None: open
        self.inline_queries: dict[str, JSON | None] = {}
        self.commands: dict[str, list[JSON]] = {}
        self.listeners: list[Callable[[BotMessage], None]] = []
        self.listener_errors: list[Exception] = []
        self.server_errors: list[str] = []  # emulator bugs: tests should assert it stays empty

    @contextmanager
    def mutate(self) -> Iterator[None]:
        with self.lock:
            yield
            self.changed.notify_all()

    def bot_user(self) -> JSON:
        return {"id": self.bot_id, "is_bot": True, "first_name": "Hỏi đáp kết nạp Đảng",
                "username": self.bot_username}

    def new_message_id(self, chat_id: int) -> int:
        message_id = self.next_message_id.get(chat_id, 1)
        self.next_message_id[chat_id] = message_id + 1
        return message_id

    def enqueue(self, kind: str, payload: JSON) -> int:
        with self.mutate():
            update_id = self.next_update_id
            self.next_update_id += 1
            self.updates.append({"update_id": update_id, kind: payload})
            self.injected_at[update_id] = time.monotonic()
            return update_id

    def log(self, call: Call) -> None:
        with self.mutate():
            self.calls.append(call)

    def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str,
                 poll: float | None = None) -> Any:
        """Block until predicate() is truthy (evaluated under the lock); return its value.

        A predicate that depends on the clock needs `poll`: it is re-checked that often.
        """
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"timed out after {timeout}s waiting for {what}\n"
                                       + self.call_log(last=40))
                self.changed.wait(remaining if poll is None else min(poll, remaining))

    def call_log(self, last: int | None = None) -> str:
        with self.lock:
            calls = self.calls if last is None else self.calls[-last:]
            lines = [str(c) for c in calls
                     if c.method != "getUpdates" or c.outcome != "ok" or c.description]
        return "emulator call log (getUpdates without updates omitted):\n  " + "\n  ".join(lines)

    def take_updates(
        self, offset: int | None, limit: int, allowed: list[str] | None
    ) -> list[JSON]:
        """Confirm updates below offset and return the next batch (caller holds the lock)."""
        if offset is not None and offset < 0:
            self.updates = self.updates[offset:]
        elif offset:
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
        kinds = set(allowed) if allowed else None
        batch = [u for u in self.updates if _wanted(u, kinds)][:limit]
        if batch:
            self.max_returned_update = max(self.max_returned_update, batch[-1]["update_id"])
        return batch


def _wanted(update: JSON, kinds: set[str] | None) -> bool:
    kind = next(k for k in update if k != "update_id")
    return kind in kinds if kinds is not None else kind not in _NOT_BY_DEFAULT


def _brief(params: JSON) -> str:
    shown = {k: (v if len(repr(v)) < 120 else repr(v)[:117] + "...") for k, v in params.items()
             if not k.startswith("_")}
    return repr(shown)
