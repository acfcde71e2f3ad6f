from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.botproc import BotProcess, start_bot
from tests.emulator import Emulator


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "e2e: starts the real bot process against the emulator")


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator
    assert emulator.server_errors == []


@pytest.fixture(scope="module")
def running_bot(emu: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[BotProcess]:
    """One bot process shared by a module's tests; each test uses its own users and chats."""
    bot = start_bot(emu, tmp_path_factory.mktemp("bot"))
    yield bot
    bot.stop()
