"""The webhook endpoint: Telegram's POSTs, checked, recorded, then answered.

Only a request carrying the registered secret (`X-Telegram-Bot-Api-Secret-Token`) is read;
anything else gets 403 and is not processed. A body that is not one JSON update gets 400.
The 200 is sent only after `accept` has recorded the update durably, so a crash before it
makes Telegram send the update again. Plain HTTP on `listen:port`: TLS belongs to the
reverse proxy in front (README).
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import secrets
from collections.abc import Awaitable, Callable
from typing import Any

from tornado.httpserver import HTTPServer
from tornado.web import Application, RequestHandler

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
# What setWebhook accepts as secret_token: 1-256 characters A-Z, a-z, 0-9, _ and -.
_SECRET_SHAPE = re.compile(r"[A-Za-z0-9_-]{1,256}")
_LOG_FORGED_EVERY = 100  # a flood of forged requests logs one line per this many

Accept = Callable[[dict[str, Any]], Awaitable[None]]


def new_secret() -> str:
    """A fresh secret for setWebhook (43 URL-safe characters, 256 bits)."""
    return secrets.token_urlsafe(32)


def check_secret(secret: str) -> str:
    if not _SECRET_SHAPE.fullmatch(secret):
        raise ValueError("the webhook secret must be 1-256 characters: A-Z, a-z, 0-9, _ or -")
    return secret


class _Receiver(RequestHandler):
    secret: bytes
    accept: Accept
    counter: list[int]

    def initialize(self, secret: str, accept: Accept, counter: list[int]) -> None:
        self.secret = secret.encode("ascii")
        self.accept = accept
        self.counter = counter

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        if not hmac.compare_digest(given, self.secret):
            self._forged()
            self.send_error(403)
            return
        try:
            data = json.loads(self.request.body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise TypeError("not an update")
            await self.accept(data)
        # JSONDecodeError is a ValueError; a shape python-telegram-bot cannot read raises one
        # of the others from Update.de_json
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            logger.warning("webhook: refused a malformed update (%s)", type(exc).__name__)
            self.send_error(400)
            return
        self.set_status(200)
        await self.finish()

    def _forged(self) -> None:
        self.counter[0] += 1
        if self.counter[0] % _LOG_FORGED_EVERY == 1:
            logger.warning(
                "webhook: refused %d request(s) without the right secret header so far",
                self.counter[0],
            )

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        self.finish()  # no body: nothing for a prober to learn


def serve(listen: str, port: int, url_path: str, secret: str, accept: Accept) -> HTTPServer:
    """Start listening on the running event loop; stop with `server.stop()`."""
    path = "/" + url_path.strip("/")
    app = Application([(re.escape(path), _Receiver,
                        {"secret": secret, "accept": accept, "counter": [0]})])
    server = HTTPServer(app, xheaders=True)
    server.listen(port, address=listen)
    return server
