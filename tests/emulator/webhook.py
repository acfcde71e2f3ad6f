"""Webhook delivery: while a webhook is set, POST each update to the bot, as Telegram does.

Telegram calls the public https URL given to setWebhook; in tests the bot listens on plain
HTTP at 127.0.0.1, as it would behind a TLS-terminating proxy, so the emulator keeps the
URL's path and sends to `http://127.0.0.1:<port>`. Each update carries the registered
secret in `X-Telegram-Bot-Api-Secret-Token`; it is confirmed (dropped from the queue) only on
HTTP 200, otherwise sent again after a short pause, in order, one at a time.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass
from typing import Any

from .state import State, wanted

JSON = dict[str, Any]
RETRY_PAUSE = 0.2  # seconds after a failed delivery (Telegram waits longer; tests cannot)
TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Delivery:
    update_id: int
    status: int  # the bot's HTTP status; 0 when it could not be reached
    time: float


class WebhookDeliverer:
    def __init__(self, state: State) -> None:
        self.state = state
        self.port: int | None = None  # where the bot listens on 127.0.0.1
        self.deliveries: list[Delivery] = []
        self._thread = threading.Thread(target=self._run, name="webhook-delivery", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def join(self) -> None:
        self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            job = self._next()
            if job is None:
                return
            url, secret, update = job
            status = _post(url, secret, update)
            with self.state.mutate():
                self.deliveries.append(Delivery(update["update_id"], status, time.monotonic()))
                if status == 200:
                    self._confirm(update["update_id"])
                else:
                    self.state.webhook["last_error_status"] = status
            if status != 200:
                time.sleep(RETRY_PAUSE)

    def _next(self) -> tuple[str, str, JSON] | None:
        """Wait for a webhook, a port and an update; None when the emulator closes."""
        state = self.state
        with state.lock:
            while not state.closing:
                url = state.webhook.get("url")
                kinds = state.webhook.get("allowed_updates")
                allowed = set(kinds) if kinds else None
                update = next((u for u in state.updates if wanted(u, allowed)), None)
                if url and self.port and update is not None:
                    path = urllib.parse.urlsplit(url).path or "/"
                    target = f"http://127.0.0.1:{self.port}{path}"
                    return target, str(state.webhook.get("secret_token") or ""), update
                state.changed.wait(0.5)
        return None

    def _confirm(self, update_id: int) -> None:
        state = self.state
        state.updates = [u for u in state.updates if u["update_id"] != update_id]
        state.max_returned_update = max(state.max_returned_update, update_id)


def _post(url: str, secret: str, update: JSON) -> int:
    parts = urllib.parse.urlsplit(url)
    body = json.dumps(update, ensure_ascii=False).encode("utf-8")
    headers = {"Content-Type": "application/json"}
    if secret:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    conn = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=TIMEOUT)
    try:
        conn.request("POST", parts.path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    except OSError:  # refused (the bot is down), reset, timed out
        return 0
    finally:
        conn.close()
