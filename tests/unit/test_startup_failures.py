"""An operator's mistakes end in one clear line on stderr and a non-zero exit, never a traceback or a hang.

Each case runs ``python -m bot check`` and the run command (``python -m bot`` with a token) in a
subprocess with a timeout. The run command must fail before it tries to reach Discord (the network is
not reachable from the tests; a login attempt would end in "cannot reach Discord" and exit 1).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage import Database, DatabaseError
from tests.unit.cli_run import one_line, run_bot

# `check`, and the run command with a token (it must fail before logging in)
COMMANDS = [pytest.param(["check"], {}, id="check"), pytest.param([], {"TICKETDESK_TOKEN": "x"}, id="run")]


@pytest.fixture
def unwritable_dir(tmp_path: Path) -> Iterator[Path]:
    """A directory this user cannot create files in (root ignores modes: the immutable flag then)."""
    path = tmp_path / "readonly"
    path.mkdir()
    if os.geteuid() == 0:
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True)
        if done.returncode != 0:
            pytest.skip("running as root without chattr +i: cannot make an unwritable directory")
    else:
        path.chmod(0o555)
    try:
        probe = path / "probe"
        try:
            probe.touch()
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("this user can write into a read-only directory here")
        yield path
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(path)], capture_output=True)
        path.chmod(0o755)


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_a_data_dir_that_is_a_file_is_one_line(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    (tmp_path / "afile").write_text("not a directory\n")

    result = run_bot(*args, cwd=tmp_path, env={**env, "TICKETDESK_DATA_DIR": "afile"})

    one_line(result, 2, str(tmp_path / "afile"), "not a directory")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_an_unwritable_data_dir_is_one_line(
    tmp_path: Path, unwritable_dir: Path, args: list[str], env: dict[str, str]
) -> None:
    result = run_bot(*args, cwd=tmp_path, env={**env, "TICKETDESK_DATA_DIR": str(unwritable_dir)})

    one_line(result, 2, str(unwritable_dir), "not writable")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_a_database_in_an_unwritable_folder_is_one_line(
    tmp_path: Path, unwritable_dir: Path, args: list[str], env: dict[str, str]
) -> None:
    url = f"sqlite:///{unwritable_dir / 'ticketdesk.sqlite3'}"

    result = run_bot(*args, cwd=tmp_path, env={**env, "TICKETDESK_DATABASE_URL": url})

    one_line(result, 2, str(unwritable_dir / "ticketdesk.sqlite3"), "cannot open the database")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_a_data_file_that_is_not_sqlite_is_one_line_and_does_not_hang(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ticketdesk.sqlite3").write_text("these are my notes, not a database\n" * 50)

    result = run_bot(*args, cwd=tmp_path, env=env)

    one_line(result, 2, str(tmp_path / "data" / "ticketdesk.sqlite3"), "not a SQLite database")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_a_database_url_naming_a_text_file_is_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    (tmp_path / "notes.txt").write_text("hello\n" * 200)

    result = run_bot(*args, cwd=tmp_path, env={**env, "TICKETDESK_DATABASE_URL": "sqlite:///notes.txt"})

    one_line(result, 2, str(tmp_path / "notes.txt"), "not a SQLite database")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_a_database_of_another_application_is_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str]
) -> None:
    (tmp_path / "data").mkdir()
    with sqlite3.connect(tmp_path / "data" / "ticketdesk.sqlite3") as conn:
        conn.execute("CREATE TABLE guilds (name TEXT)")  # TicketDesk's first migration creates this table
    conn.close()

    result = run_bot(*args, cwd=tmp_path, env=env)

    one_line(result, 2, str(tmp_path / "data" / "ticketdesk.sqlite3"), "0001_initial")


@pytest.mark.parametrize(("args", "env"), COMMANDS)
@pytest.mark.parametrize("ids", ["[-5, 0]", "[0]", "[18446744073709551616]"])
def test_guild_ids_that_are_not_snowflakes_are_refused(
    tmp_path: Path, args: list[str], env: dict[str, str], ids: str
) -> None:
    (tmp_path / "config.toml").write_text(f"dev_guild_ids = {ids}\n")

    result = run_bot(*args, cwd=tmp_path, env=env)

    one_line(result, 2, "dev_guild_ids", "positive")


def test_guild_ids_from_the_environment_are_checked_too(tmp_path: Path) -> None:
    result = run_bot("check", cwd=tmp_path, env={"TICKETDESK_DEV_GUILD_IDS": "-5,0"})

    line = one_line(result, 2, "dev_guild_ids", "-5")
    assert "Value error" not in line


@pytest.mark.parametrize(("args", "env"), COMMANDS)
def test_malformed_toml_names_the_file(tmp_path: Path, args: list[str], env: dict[str, str]) -> None:
    (tmp_path / "config.toml").write_text('log_level = "INFO"\ntoken = \n')

    result = run_bot(*args, cwd=tmp_path, env=env)

    one_line(result, 2, str(tmp_path / "config.toml"), "line 2")


def test_malformed_toml_named_by_the_environment_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "etc" / "ticketdesk.toml"
    config.parent.mkdir()
    config.write_text("[unclosed\n")

    result = run_bot("check", cwd=tmp_path, env={"TICKETDESK_CONFIG": str(config)})

    one_line(result, 2, str(config))


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("notes.sqlite3", "not a SQLite database"),  # fails at the first read
        (":memory:", "could not switch"),  # opens, then cannot switch to WAL
    ],
)
async def test_a_failed_open_closes_what_it_opened(tmp_path: Path, name: str, problem: str) -> None:
    """Each connection lives on its own thread: none may be left behind by an open that failed."""
    path = tmp_path / name if name != ":memory:" else Path(name)
    if name != ":memory:":
        path.write_text("not a database\n" * 100)
    before = set(threading.enumerate())
    db = Database(path, readers=2)

    with pytest.raises(DatabaseError, match=problem):
        await db.open()

    assert not db.is_open
    workers = [t for t in threading.enumerate() if t not in before and t.name.startswith("db-")]
    for thread in workers:
        thread.join(timeout=5)
    assert not [t for t in workers if t.is_alive()]
