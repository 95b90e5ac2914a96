"""``python -m bot backup PATH``: SQLite's online backup, safe while the bot writes; never overwrites by accident."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.unit.cli_run import one_line, run_bot


def live_database(tmp_path: Path) -> tuple[Path, sqlite3.Connection]:
    """A migrated database with committed rows that live only in the write-ahead log, and a connection
    in the middle of another write (it holds the write lock)."""
    assert run_bot("check", cwd=tmp_path).returncode == 0
    path = tmp_path / "data" / "ticketdesk.sqlite3"
    writer = sqlite3.connect(path, isolation_level=None)
    assert writer.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    writer.execute("PRAGMA wal_autocheckpoint = 0")  # keep the committed rows in the -wal file
    writer.execute("BEGIN IMMEDIATE")
    writer.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)", [(f"row{i}", str(i)) for i in range(500)]
    )
    writer.execute("COMMIT")
    assert (tmp_path / "data" / "ticketdesk.sqlite3-wal").stat().st_size > 0
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO meta (key, value) VALUES ('uncommitted', 'x')")
    return path, writer


def test_backup_copies_a_database_that_is_being_written(tmp_path: Path) -> None:
    _, writer = live_database(tmp_path)
    target = tmp_path / "backups" / "copy.sqlite3"
    target.parent.mkdir()
    try:
        result = run_bot("backup", str(target), cwd=tmp_path)
    finally:
        writer.execute("ROLLBACK")
        writer.close()

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert str(target) in result.stdout and "integrity_check ok" in result.stdout
    assert "secret.key" in result.stdout and "attachments" in result.stdout
    copy = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT COUNT(*) FROM meta WHERE key LIKE 'row%'").fetchone()[0] == 500
        assert copy.execute("SELECT COUNT(*) FROM meta WHERE key = 'uncommitted'").fetchone()[0] == 0
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    finally:
        copy.close()
    assert [p.name for p in target.parent.iterdir()] == ["copy.sqlite3"]  # no temporary file left


def test_backup_refuses_to_overwrite_an_existing_file_unless_forced(tmp_path: Path) -> None:
    assert run_bot("check", cwd=tmp_path).returncode == 0
    target = tmp_path / "copy.sqlite3"
    target.write_text("precious\n")

    refused = run_bot("backup", str(target), cwd=tmp_path)

    one_line(refused, 2, str(target), "--force")
    assert target.read_text() == "precious\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.sqlite3", "data"]

    forced = run_bot("backup", str(target), "--force", cwd=tmp_path)

    assert forced.returncode == 0, forced.stderr
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()


def test_backup_never_writes_over_the_live_database(tmp_path: Path) -> None:
    assert run_bot("check", cwd=tmp_path).returncode == 0
    live = tmp_path / "data" / "ticketdesk.sqlite3"
    before = live.read_bytes()

    result = run_bot("backup", str(live), "--force", cwd=tmp_path)

    one_line(result, 2, str(live))
    assert live.read_bytes() == before


def test_backup_into_a_directory_picks_a_dated_name(tmp_path: Path) -> None:
    assert run_bot("check", cwd=tmp_path).returncode == 0
    folder = tmp_path / "backups"
    folder.mkdir()

    result = run_bot("backup", str(folder), cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    (written,) = folder.iterdir()
    assert written.name.startswith("ticketdesk-") and written.suffix == ".sqlite3"
    assert str(written) in result.stdout


def test_backup_without_a_database_is_one_line(tmp_path: Path) -> None:
    result = run_bot("backup", str(tmp_path / "copy.sqlite3"), cwd=tmp_path)

    one_line(result, 2, str(tmp_path / "data" / "ticketdesk.sqlite3"))
    assert not (tmp_path / "copy.sqlite3").exists()
