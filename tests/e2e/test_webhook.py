"""Webhook mode: never without a secret; forged and malformed requests are refused."""

from __future__ import annotations

import http.client
import json
import re
from pathlib import Path

import pytest

from tests.e2e import faqdata
from tests.e2e.botproc import free_port, start_bot, webhook_settings
from tests.emulator import Emulator, User

pytestmark = pytest.mark.e2e


def post(port: int, body: bytes, secret: str | None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    try:
        conn.request("POST", "/telegram", body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


def test_without_a_configured_secret_one_is_generated_and_forgeries_get_403(
    tmp_path: Path,
) -> None:
    port = free_port()
    with Emulator() as emu:
        bot = start_bot(emu, tmp_path / "bot", env={"TELEGRAM_WEBHOOK_SECRET": ""},
                        **webhook_settings(port))
        try:
            secret = emu.webhook_info()["secret_token"]
            assert re.fullmatch(r"[A-Za-z0-9_-]{32,256}", secret)
            [entry] = faqdata.answered(bot.config_path, 1)
            user = User(95_000, "Thật")
            [answer] = emu.wait_reply(emu.send_text(user, entry.question), timeout=20)

            forged = {"update_id": 1, "message": {
                "message_id": 99, "date": 0, "text": entry.question,
                "chat": {"id": 95_001, "type": "private"},
                "from": {"id": 95_001, "is_bot": False, "first_name": "Giả"}}}
            body = json.dumps(forged).encode()
            assert post(port, body, None) == 403
            assert post(port, body, "wrong-secret") == 403
            assert post(port, b"{not json", secret) == 400
            assert post(port, b'{"no": "update_id"}', secret) == 400
            assert post(port, b'{"update_id": 5, "message": 5}', secret) == 400
            emu.wait_idle(quiet=1.0, timeout=15)
            assert emu.bot_messages(95_001) == []  # nothing was processed
            assert "TELEGRAM_WEBHOOK_SECRET is not set" in bot.log()
            assert "without the right secret" in bot.log()
            assert secret not in bot.log()
            assert answer.html.strip()
        finally:
            assert bot.stop() == 0, bot.diagnostics()
        assert emu.server_errors == []
