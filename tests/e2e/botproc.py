"""Start the real bot (`python -m bot --config X run`) against an emulator, and stop it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tests.emulator import Emulator

REPO = Path(__file__).resolve().parents[2]
TOKEN = "123456:TEST"
ADMIN_ID = 777000111
READY_TIMEOUT = 60.0  # start-up under a loaded CI machine; a healthy start takes seconds


@dataclass
class BotProcess:
    emu: Emulator
    proc: subprocess.Popen[bytes]
    log_path: Path
    config_path: Path
    storage_path: Path

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def diagnostics(self) -> str:
        """What a failing assertion should show: the bot's log and the call log."""
        return f"--- bot log (tail) ---\n{self.log()[-6000:]}\n--- {self.emu.call_log(last=60)}"

    def stop(self, timeout: float = 20.0) -> int:
        """SIGTERM, as systemd or Ctrl-C would; kill only if it does not stop in time."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode


def write_config(folder: Path, faq_dir: Path | None = None, **telegram: Any) -> Path:
    flood = telegram.pop("flood", {"per_user_messages": 1000, "per_user_seconds": 1})
    config = {
        "faq_dir": str(faq_dir or REPO / "faq"),
        "telegram": {"mode": "polling", "rate_limiter": True, "admins": [ADMIN_ID], **telegram},
        "storage": {"path": str(folder / "bot.sqlite3"), "retention_days": 180,
                    "secret_path": str(folder / "keys" / "secret")},
        "flood": flood,
    }
    path = folder / "config.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def start_bot(emu: Emulator, folder: Path, env: dict[str, str] | None = None,
              faq_dir: Path | None = None, **telegram: Any) -> BotProcess:
    """Start the bot and wait until this process polls (it has set its commands and its
    SIGTERM handler by then, so `stop` is a graceful stop, never a kill at start-up).

    Polls are counted from now: after a restart on the same emulator, the previous
    process's polls say nothing about this one. `env` adds environment variables
    (BOT_LOG_LEVEL, BOT_HASH_SECRET...) to the process.
    """
    folder.mkdir(parents=True, exist_ok=True)
    config_path = write_config(folder, faq_dir, **telegram)
    dropped = ("BOT_HASH_SECRET", "BOT_CONFIG", "BOT_LOG_LEVEL")
    process_env = {k: v for k, v in os.environ.items() if k not in dropped}
    process_env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_BASE_URL=emu.base_url,
                       PYTHONUNBUFFERED="1", **(env or {}))
    log_path = folder / "bot.log"
    polls_before = emu.polls()
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "--config", str(config_path), "run"],
            cwd=REPO, env=process_env, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL)
    running = BotProcess(emu, proc, log_path, config_path, folder / "bot.sqlite3")
    try:
        emu.wait_for(lambda: proc.poll() is not None or emu.polls() > polls_before,
                     READY_TIMEOUT, "the bot to start polling", poll=0.1)
    except BaseException:
        running.stop()
        raise
    if proc.poll() is not None:
        raise AssertionError(f"the bot exited with {proc.returncode} at start-up\n"
                             + running.diagnostics())
    return running
