"""``python -m bot``: a clear line without a token; ``check`` creates and migrates the database."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

from bot.__main__ import RedactSecrets
from storage import load_migrations

ROOT = Path(__file__).resolve().parents[2]


def run_bot(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TICKETDESK_")}
    clean["PYTHONPATH"] = str(ROOT)
    clean.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args], cwd=cwd, env=clean, capture_output=True, text=True, timeout=60
    )


def test_without_a_token_it_prints_one_line_and_exits_2(tmp_path: Path) -> None:
    result = run_bot(cwd=tmp_path)

    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "TICKETDESK_TOKEN" in lines[0] and "Traceback" not in result.stderr


def test_check_creates_and_migrates_the_database(tmp_path: Path) -> None:
    result = run_bot("check", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    newest = load_migrations()[-1].version
    assert f"schema version: {newest} (was 0; newest {newest}; applied {newest})" in result.stdout
    assert "token: not set" in result.stdout
    db = tmp_path / "data" / "ticketdesk.sqlite3"
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] >= 1

    again = run_bot("check", cwd=tmp_path)
    assert "applied 0" in again.stdout


def test_check_refuses_a_database_from_a_newer_version(tmp_path: Path) -> None:
    assert run_bot("check", cwd=tmp_path).returncode == 0
    with sqlite3.connect(tmp_path / "data" / "ticketdesk.sqlite3") as conn:
        conn.execute("PRAGMA user_version = 999")

    result = run_bot("check", cwd=tmp_path)

    assert result.returncode == 2
    assert "newer than this TicketDesk" in result.stderr


def test_a_bad_setting_is_one_clear_line(tmp_path: Path) -> None:
    result = run_bot("check", cwd=tmp_path, env={"TICKETDESK_DATABASE_URL": "mysql://nope"})

    assert result.returncode == 2
    assert "database_url" in result.stderr and "Traceback" not in result.stderr


def test_the_token_never_reaches_a_log_line() -> None:
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "connecting with %s", ("abc.def.ghi",), None)
    RedactSecrets("abc.def.ghi").filter(record)
    assert record.getMessage() == "connecting with [redacted]"


def test_translations_check_counts_nothing_left_and_add_refuses_an_unknown_language(tmp_path: Path) -> None:
    checked = run_bot("translations", "check", cwd=tmp_path)
    unknown = run_bot("translations", "add", "xx", cwd=tmp_path)

    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "de: 0 strings to translate" in checked.stdout and "ru: 0 strings" in checked.stdout
    assert unknown.returncode == 2 and unknown.stderr.count("\n") == 1 and "“xx”" in unknown.stderr


def test_adding_a_language_starts_its_catalogue_from_the_template(tmp_path: Path, monkeypatch: Any) -> None:
    from babel.messages.pofile import read_po

    from bot import i18n, translations

    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    path = translations.add("it")
    catalog = read_po(path.open("rb"), locale="it")

    assert path == tmp_path / "it" / "LC_MESSAGES" / "messages.po"
    assert catalog.num_plurals == 3 and len(catalog) == len(read_po(translations.TEMPLATE.open("rb")))
    assert all(not message.string or message.string == ("", "", "") for message in catalog if message.id)
