"""The data-deletion contract: every column that can hold a member's id or words is covered by a storage
module's count, export and erase (or listed as not being a member's data, with the reason)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from storage import Database
from storage.privacy import ERASE_ORDER, MEMBER_DATA, NOT_MEMBER_DATA

# A column whose name says it holds an id is a member's id unless declared otherwise.
ID_LIKE = re.compile(r"(_id|_by|_ids)$|^(user|owner|author|actor|target|assigned|created_by)")
NEVER_A_MEMBER = {"id", "guild_id", "ticket_id", "group_id", "panel_id", "message_id", "attachment_id"}


async def schema(tmp_path: Path) -> list[tuple[str, str, str]]:
    """(table, column, declared type) for every column of a fully migrated database."""
    db = Database(tmp_path / "schema.sqlite3")
    await db.open()
    try:
        await db.migrate()
        tables = [
            r[0]
            for r in await db.fetchall(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        found = []
        for table in tables:
            for row in await db.fetchall(f"PRAGMA table_info({table})"):  # names from sqlite_master
                found.append((table, row["name"], (row["type"] or "").upper()))
        return found
    finally:
        await db.close()


def declared() -> set[str]:
    columns: set[str] = set()
    for module in MEMBER_DATA:
        for table, names in {**module.MEMBER_COLUMNS}.items():
            columns |= {f"{table}.{n}" for n in names}
        for table, names in {**module.MEMBER_TEXT}.items():
            columns |= {f"{table}.{n}" for n in names}
    return columns


def exempt(table: str, column: str) -> bool:
    return f"{table}.{column}" in NOT_MEMBER_DATA or f"{table}.*" in NOT_MEMBER_DATA


async def test_every_column_with_a_member_id_or_words_is_covered(tmp_path: Path) -> None:
    covered = declared()
    uncovered = []
    for table, column, kind in await schema(tmp_path):
        name = f"{table}.{column}"
        if name in covered or exempt(table, column) or column in NEVER_A_MEMBER or column.endswith("_at"):
            continue
        if ID_LIKE.search(column) or kind == "TEXT":
            uncovered.append(f"{name} ({kind})")
    assert not uncovered, (
        "these columns may hold a member's id or words but no storage module counts, exports and erases them "
        "(declare them in MEMBER_COLUMNS/MEMBER_TEXT, or in storage.privacy.NOT_MEMBER_DATA with the reason):\n"
        + "\n".join(uncovered)
    )


async def test_declarations_name_real_columns(tmp_path: Path) -> None:
    real = {f"{t}.{c}" for t, c, _ in await schema(tmp_path)}
    tables = {t for t, _, _ in await schema(tmp_path)}
    stale = sorted(n for n in declared() if n not in real)
    stale += sorted(
        n
        for n in NOT_MEMBER_DATA
        if (n.endswith(".*") and n[:-2] not in tables) or (not n.endswith(".*") and n not in real)
    )
    assert not stale, f"declared columns that do not exist: {stale}"


@pytest.mark.parametrize("module", MEMBER_DATA, ids=lambda m: m.__name__)
def test_each_member_data_module_counts_exports_and_erases(module: object) -> None:
    for name in ("MEMBER_COLUMNS", "MEMBER_TEXT", "member_count", "member_export", "member_erase"):
        assert hasattr(module, name), f"{module} lacks {name}"
    assert set(ERASE_ORDER) == set(MEMBER_DATA)
