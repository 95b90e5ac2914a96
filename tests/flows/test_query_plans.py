"""No statement on a per-click, per-message, per-close or per-tick path reads a whole table that grows with use.

The bot is driven through a day of work (a form and a button panel, every ticket operation, messages
edited and deleted, a transcript, a rating, the scheduler's ticks, a restart with its reconciliation);
every statement its connections ran is then explained by SQLite, and a plan that scans one of the tables
that grow (tickets, messages, events...) fails the test, unless the statement is on the allow-list below
with the reason it must scan.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from pathlib import Path

from tests.support.desk import TicketDeskSim, setup_desk, staff_do, ticket_channel_id
from tests.support.sim import finish

GROWING = {
    "tickets",
    "events",
    "archived_messages",
    "message_revisions",
    "attachments",
    "feedback",
    "ticket_members",
    "discarded_intents",
    "sent_messages",
    "free_ticket_numbers",
}
# (a fragment of the statement, why it may scan)
ALLOWED: list[tuple[str, str]] = []
_SOURCES = re.compile(r"\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?", re.IGNORECASE)
_KEYWORDS = {"where", "join", "on", "set", "values", "group", "order", "limit", "left", "inner", "using"}
_SCAN = re.compile(r"^SCAN (\w+)(?: USING (?:COVERING )?INDEX (\w+))?")


def tables_of(sql: str) -> dict[str, str]:
    """alias (or name) -> table, for the tables a statement names."""
    found: dict[str, str] = {}
    for table, alias in _SOURCES.findall(sql):
        found[table.lower()] = table.lower()
        if alias and alias.lower() not in _KEYWORDS:
            found[alias.lower()] = table.lower()
    return found


def partial_indexes(conn: sqlite3.Connection) -> set[str]:
    """Indexes with a WHERE: scanning one reads only the rows in that state (say, downloads pending)."""
    return {
        name
        for name, sql in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
        )
        if " WHERE " in sql.upper()
    }


def scans(conn: sqlite3.Connection, sql: str, partial: set[str]) -> list[str]:
    """The growing tables ``sql``'s plan reads from end to end."""
    head = sql.lstrip().split(None, 1)[0].upper()
    if head not in {"SELECT", "UPDATE", "DELETE", "INSERT", "WITH"}:
        return []
    try:
        plan = conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
    except sqlite3.Error:  # temporary tables of the writer's connection
        return []
    names = tables_of(sql)
    found = []
    for *_, detail in plan:
        match = _SCAN.match(detail)
        if match is None or match.group(2) in partial:
            continue
        if names.get(match.group(1).lower(), match.group(1).lower()) in GROWING:
            found.append(detail)
    return found


async def test_no_per_click_or_per_tick_statement_scans_a_growing_table(tmp_path: Path) -> None:
    sim = TicketDeskSim(tmp_path)
    await sim.start()
    statements: set[str] = set()
    sim.on_statement = statements.add  # from here: not the migrations
    try:
        desk = await setup_desk(sim)
        owner, other = sim.member("olive"), sim.member("oscar")
        await sim.slash(
            sim.owner,
            "group edit",
            channel=sim.general,
            group="Support",
            rating_levels="Bad | Good",
            inactivity_close="2d",
        )
        opened = await sim.click(owner, desk.panel, "Open a ticket")
        channel = ticket_channel_id(opened)
        said = await sim.say(owner, channel, "hello <@1> with **markdown**")
        await sim.edit(owner, said, "hello again")
        await sim.say(desk.staff, channel, "on it")
        # a tag sent by staff; a keyword auto-reply on a member's first message (and one that is not)
        await sim.slash(sim.owner, "tag create", channel=sim.general, name="Hi", content="Hi {user}")
        await sim.slash(
            sim.owner, "tag auto add", channel=sim.general, group="Support", tag="Hi", words="printer"
        )
        await sim.slash(desk.staff, "tag send", channel=channel, name="Hi", member=owner.id)
        await sim.say(owner, channel, "the printer again")
        second = ticket_channel_id(await sim.click(other, desk.panel, "Open a ticket"))
        await sim.say(other, second, "my printer")
        assert sim.messages(second)[-1].content == f"Hi <@{other.id}>"
        await sim.delete(await sim.say(owner, channel, "oops"))
        case_like = type("C", (), {"desk": desk, "channel": channel})
        for command, options in [
            ("claim", {}),
            ("add", {"member": other.id}),
            ("remove", {"member": other.id}),
            ("rename", {"name": "printer"}),
            ("lock", {}),
            ("unlock", {}),
            ("priority", {"level": "0"}),
            ("expire", {"when": "3d"}),
            ("info", {}),
            ("close", {"reason": "done"}),
            ("reopen", {}),
        ]:
            await staff_do(sim, case_like, command, **options)  # type: ignore[arg-type]
        await sim.slash(desk.staff, "notes create", channel=channel)
        await sim.slash(desk.staff, "ticket list", channel=sim.general)
        await sim.slash(desk.staff, "transcript get", channel=channel)
        await sim.slash(desk.staff, "transcript save", channel=sim.general, ticket=1)
        await sim.slash(desk.staff, "tickets stats", channel=sim.general)
        await staff_do(sim, case_like, "close")  # type: ignore[arg-type]
        ask = [m for m in sim.dms(owner) if m.selects()][-1]
        rated = await sim.choose(owner, ask, ["1"])
        form = await sim.click(owner, rated.last, "Add a comment")
        await sim.submit(owner, form, {"Anything to add? (optional)": "thanks"})
        await sim.slash(owner, "privacy", channel=sim.general)
        await sim.advance(timedelta(days=3))
        await sim.restart()
        await sim.settle()
    finally:
        await finish(sim)

    # the paths this test exists for did run (so it cannot pass by tracing nothing)
    for fragment in [
        "INSERT INTO tickets",  # opening
        "INSERT OR IGNORE INTO archived_messages",  # every message
        "INSERT INTO message_revisions",  # an edit
        "SET deleted_at",  # a deletion
        "RETURNING",  # every ticket operation
        "MAX(message_id) FROM archived_messages",  # catching up after the restart
        "expire_at <=",  # the scheduler's tick
        "closed_retention_seconds",  # its housekeeping
        "INTO feedback",  # a rating
        "SET auto_replied_at",  # an auto-reply's cooldown
        "EXISTS (SELECT 1 FROM archived_messages",  # is it the owner's first message?
        "action, target_id",  # an event (a tag sent)
    ]:
        assert any(fragment in sql for sql in statements), fragment
    db = sqlite3.connect(tmp_path / "data" / "ticketdesk.sqlite3")
    try:
        offenders = {}
        partial = partial_indexes(db)
        for sql in sorted(statements):
            if any(fragment in sql for fragment, _ in ALLOWED):
                continue
            found = scans(db, sql, partial)
            if found:
                offenders[sql[:300]] = found
    finally:
        db.close()
    assert not offenders, "\n\n".join(f"{sql}\n  -> {plan}" for sql, plan in offenders.items())
