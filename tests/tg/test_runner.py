"""Start-up: services built in post_init, the Vietnamese command menu, one ready line."""

from __future__ import annotations

import logging

import pytest

from bot.config import Config
from bot.tg import runner
from bot.tg.rate_limiter import RetryingRateLimiter
from tests.tg.conftest import running
from tests.tg.harness import TOKEN, Failure, RecordingRequest


async def test_post_init_sets_the_menu_and_logs_ready(
    config: Config, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    request = RecordingRequest()
    async with running(config, request) as harness:
        assert harness.services.engine.faq.get("tuoi-vao-dang") is not None
        assert harness.services.bot.username == "HoiDapTestBot"
    menus = request.of("setMyCommands")
    assert [m.params["scope"] for m in menus] == [{"type": "default"},
                                                  {"type": "all_group_chats"}]
    assert [c["command"] for c in menus[0].params["commands"]] == [
        "start", "chude", "lotrinh", "kiemtra", "help"]
    assert [c["command"] for c in menus[1].params["commands"]] == ["hoi", "chude", "help"]
    ready = [r.getMessage() for r in caplog.records if r.getMessage().startswith("ready")]
    assert ready == ["ready: @HoiDapTestBot answers 5 questions in 3 topics (polling)"]


async def test_a_failing_menu_does_not_stop_the_bot(config: Config) -> None:
    request = RecordingRequest()
    request.fail("setMyCommands", Failure(400, "Bad Request: bad commands"))
    async with running(config, request) as harness:
        calls = await harness.private("mấy tuổi được vào đảng")
    assert [c.method for c in calls] == ["sendMessage"]


def test_the_rate_limiter_is_the_retrying_one(config: Config) -> None:
    import dataclasses

    limited = dataclasses.replace(
        config, telegram=dataclasses.replace(config.telegram, rate_limiter=True)
    )
    app = runner.build_application(limited, TOKEN, base_url="http://127.0.0.1:9/bot")
    assert isinstance(app.bot.rate_limiter, RetryingRateLimiter)
    assert app.bot.base_url == f"http://127.0.0.1:9/bot{TOKEN}"
    assert runner.build_application(config, TOKEN).bot.rate_limiter is None


def test_logging_hides_the_token_and_httpx(capsys: pytest.CaptureFixture[str]) -> None:
    root = logging.getLogger()
    saved = root.handlers[:], root.level, logging.getLogger("httpx").level
    root.handlers = []
    try:
        runner._configure_logging(TOKEN)
        logging.getLogger("httpx").info("GET https://api.telegram.org/bot%s/getMe", TOKEN)
        logging.getLogger("bot.test").warning("url was .../bot%s/sendMessage", TOKEN)
    finally:
        for handler in root.handlers:
            root.removeHandler(handler)
        root.handlers, root.level = saved[0], saved[1]
        logging.getLogger("httpx").setLevel(saved[2])
    err = capsys.readouterr().err
    assert TOKEN not in err
    assert "url was .../bot<token>/sendMessage" in err
    assert "getMe" not in err


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", (logging.INFO, "")), ("debug", (logging.DEBUG, "")),
     (" WARNING ", (logging.WARNING, "")), ("loud", (logging.INFO, "loud"))],
    ids=["unset", "debug", "spaces", "unknown"],
)
def test_log_level_from_the_environment(value: str, expected: tuple[int, str]) -> None:
    assert runner._log_level(value) == expected
