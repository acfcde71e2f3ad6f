"""The HTTP side: a threaded server on 127.0.0.1 and the Emulator façade tests use."""

from __future__ import annotations

import json
import re
import socket
import struct
import sys
import threading
import time
import traceback
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from .faults import FaultPlan
from .inject import Injector
from .limits import FloodLimits
from .methods import BotApi, Reply
from .params import decode_body
from .state import BotMessage, Call, State

JSON = dict[str, Any]
_PATH = re.compile(r"/bot([^/]+)/([A-Za-z]+)")


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 1024  # PTB opens up to 256 connections at once; 5 would reset some
    api: BotApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError):
            return  # a client that went away (a cancelled long poll) is not our error
        traceback.print_exc()
        with self.api.state.mutate():
            self.api.state.server_errors.append(repr(error))


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as python-telegram-bot's httpx pool expects
    disable_nagle_algorithm = True
    server: _Server

    def do_POST(self) -> None:
        path, _, query = self.path.partition("?")
        match = _PATH.fullmatch(path)
        if match is None:
            self._send(Reply(404, {"ok": False, "error_code": 404, "description": "Not Found"}))
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            params, files = decode_body(self.headers.get("Content-Type", ""), body, query)
        except (ValueError, UnicodeDecodeError) as exc:
            self._send(Reply(400, {"ok": False, "error_code": 400,
                                   "description": f"Bad Request: {exc}"}))
            return
        self._send(self.server.api.call(match.group(1), match.group(2), params, files))

    do_GET = do_POST

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        if reply.payload is None:  # reset the connection: the client sees a network error
            linger = struct.pack("ii", 1, 0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, linger)
            self.close_connection = True
            return
        data = json.dumps(reply.payload, ensure_ascii=False).encode("utf-8")
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the call log is the record; request lines would carry the token


class Emulator(Injector):
    """A Bot API server for tests: start(), point the bot at base_url, inject, wait, assert."""

    def __init__(self, *, bot_username: str = "hoidap_test_bot", port: int = 0,
                 faults: FaultPlan | None = None, privacy_mode: bool = False,
                 enforce_limits: bool = False) -> None:
        self.state = State(bot_username)
        self.state.limits = FloodLimits() if enforce_limits else None
        self.state.faults = faults or FaultPlan()
        self.privacy_mode = privacy_mode
        self.api = BotApi(self.state)
        self.api.can_read_all_group_messages = not privacy_mode
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ----------------------------------------------------------------------
    def start(self) -> Emulator:
        self._server = _Server(("127.0.0.1", self._port), _Handler)
        self._server.api = self.api
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        kwargs={"poll_interval": 0.05},
                                        name="bot-api-emulator", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        with self.state.mutate():
            self.state.closing = True  # held long polls return at once
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> Emulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the emulator is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What python-telegram-bot takes as base_url (the token is appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def bot_username(self) -> str:
        return self.state.bot_username

    def set_faults(self, plan: FaultPlan) -> None:
        with self.state.mutate():
            self.state.faults = plan

    def on_bot_message(self, listener: Callable[[BotMessage], None]) -> None:
        """Call listener(message) after each delivery, outside the lock (it may inject)."""
        self.state.listeners.append(listener)

    # --- observing ----------------------------------------------------------------------
    def calls(self, method: str | None = None, outcome: str | None = None) -> list[Call]:
        with self.state.lock:
            return [c for c in self.state.calls if (method is None or c.method == method)
                    and (outcome is None or c.outcome == outcome)]

    def bot_messages(self, chat_id: int | None = None) -> list[BotMessage]:
        with self.state.lock:
            return [m for m in self.state.bot_messages if chat_id is None or m.chat_id == chat_id]

    def replies_to(self, question: JSON) -> list[BotMessage]:
        """Bot messages in the question's chat sent after it (message ids are per chat)."""
        chat_id = question["chat"]["id"]
        return [m for m in self.bot_messages(chat_id) if m.message_id > question["message_id"]]

    def callback_answer(self, query_id: str) -> JSON | None:
        with self.state.lock:
            return self.state.callback_queries.get(query_id)

    def inline_answer(self, query_id: str) -> JSON | None:
        with self.state.lock:
            return self.state.inline_queries.get(query_id)

    def commands(self, scope: str = "default", language_code: str = "") -> list[JSON]:
        with self.state.lock:
            return list(self.state.commands.get(f"{scope}::{language_code}", []))

    def polls(self) -> int:
        """How many getUpdates calls have started, by any bot process, since the start."""
        with self.state.lock:
            return self.state.poll_generation

    @property
    def server_errors(self) -> list[str]:
        """Exceptions inside the emulator itself; a test run should leave this empty."""
        with self.state.lock:
            return list(self.state.server_errors) + [repr(e) for e in self.state.listener_errors]

    def call_log(self, last: int | None = None) -> str:
        return self.state.call_log(last)

    # --- waiting (bounded; TimeoutError carries the call log) ---------------------------
    def wait_for(self, predicate: Callable[[], Any], timeout: float = 10.0,
                 what: str = "a condition", poll: float | None = None) -> Any:
        """predicate() is re-checked on every change, and every `poll` s if it reads a clock
        or anything outside the emulator."""
        return self.state.wait_for(predicate, timeout, what, poll)

    def wait_call(self, method: str, timeout: float = 10.0, outcome: str = "ok") -> Call:
        return self.wait_for(lambda: (self.calls(method, outcome) or [None])[-1], timeout,
                             f"a {outcome} {method} call")

    def wait_reply(self, question: JSON, count: int = 1, timeout: float = 10.0
                   ) -> list[BotMessage]:
        """The first `count` bot messages after a question in its chat."""
        return self.wait_for(lambda: len(r := self.replies_to(question)) >= count and r[:count],
                             timeout, f"{count} repl(ies) to {question.get('text')!r}")

    def wait_callback_answer(self, query_id: str, timeout: float = 10.0) -> JSON:
        return self.wait_for(lambda: self.callback_answer(query_id), timeout,
                             f"answerCallbackQuery for {query_id}")

    def wait_inline_answer(self, query_id: str, timeout: float = 10.0) -> JSON:
        return self.wait_for(lambda: self.inline_answer(query_id), timeout,
                             f"answerInlineQuery for {query_id}")

    def wait_idle(self, quiet: float = 0.3, timeout: float = 10.0) -> None:
        """Until every update was handed to the bot and it made no call for `quiet` s."""
        def idle() -> bool:
            state = self.state
            if state.updates and state.max_returned_update < state.updates[-1]["update_id"]:
                return False
            busy = [c.time for c in state.calls if c.method != "getUpdates"]
            return time.monotonic() - max(busy, default=0.0) >= quiet
        self.state.wait_for(idle, timeout, f"the bot to stay quiet for {quiet}s", poll=0.05)
