"""Start-up logging: no voice warnings (TicketDesk has no voice), colour only on a terminal, the database path."""

from __future__ import annotations

import logging
import os
import pty
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import discord
import pytest

from bot import __main__ as cli
from bot.app import TicketDeskBot

ROOT = Path(__file__).resolve().parents[2]
ANSI = "\x1b["

# discord.py takes any container for a colour terminal (discord.utils.is_docker); pretend to be in one,
# as a Docker or CI deployment is, then log through the bot's own setup.
LOG_SOMETHING = (
    "import logging, discord.utils\n"
    "discord.utils.is_docker = lambda: True\n"
    "from bot.__main__ import setup_logging\n"
    "from bot.settings import Settings\n"
    "setup_logging(Settings())\n"
    "logging.getLogger('ticketdesk').warning('something to see')\n"
)


def log_something(stderr: int) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICKETDESK_")}
    env["PYTHONPATH"] = str(ROOT)
    subprocess.run(
        [sys.executable, "-c", LOG_SOMETHING], env=env, stderr=stderr, stdout=subprocess.DEVNULL, timeout=60
    )


@pytest.fixture
def root_logging() -> Iterator[None]:
    """setup_logging changes the root logger; put it back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        yield
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch, root_logging: None) -> None:
    """``python -m bot`` with a token, up to (not including) connecting to Discord, on a fresh process's
    discord.py (whose voice warnings fire once per process)."""
    monkeypatch.setenv("TICKETDESK_TOKEN", "not.a.real.token")
    monkeypatch.setattr(discord.VoiceClient, "warn_nacl", True)
    monkeypatch.setattr(discord.VoiceClient, "warn_dave", True)
    monkeypatch.setattr(TicketDeskBot, "run", lambda self, *args, **kwargs: None)


def test_start_up_logs_no_voice_warning(started: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    assert cli.main([]) == 0

    warnings = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert [m for m in warnings if "voice" in m.lower()] == [], warnings


def test_other_discord_warnings_still_show(started: None, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    cli.main([])

    logging.getLogger("discord.client").warning("something else went wrong")

    assert "something else went wrong" in caplog.text


def test_start_up_logs_the_absolute_database_path(
    started: None, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    caplog.set_level(logging.INFO)

    assert cli.main([]) == 0

    path = str(tmp_path / "data" / "ticketdesk.sqlite3")
    lines = [r for r in caplog.records if r.levelno == logging.INFO and path in r.getMessage()]
    assert len(lines) == 1, caplog.text


def test_logs_written_to_a_file_have_no_colour(tmp_path: Path) -> None:
    log = tmp_path / "bot.log"
    with log.open("wb") as handle:
        log_something(handle.fileno())

    text = log.read_text()
    assert "something to see" in text and ANSI not in text


def test_logs_written_to_a_pipe_have_no_colour() -> None:
    read, write = os.pipe()
    try:
        log_something(write)
    finally:
        os.close(write)
    with os.fdopen(read, "rb") as pipe:
        text = pipe.read().decode()

    assert "something to see" in text and ANSI not in text


def test_logs_on_a_terminal_keep_their_colour() -> None:
    controller, terminal = pty.openpty()
    try:
        log_something(terminal)
    finally:
        os.close(terminal)
    chunks = []
    try:
        while chunk := os.read(controller, 4096):
            chunks.append(chunk)
    except OSError:  # EIO: the terminal side is closed and everything was read
        pass
    finally:
        os.close(controller)
    text = b"".join(chunks).decode()

    assert "something to see" in text and ANSI in text
