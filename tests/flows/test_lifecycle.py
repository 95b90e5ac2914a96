"""Staff work tickets: every operation's effect on Discord and on the record, in both modes."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from tests.support.desk import TicketDeskSim, category_name, open_case, row, staff_do
from tests.support.fake_discord import DiscordError

MODES = ["channel", "thread"]


@pytest.mark.parametrize("mode", MODES)
async def test_close_and_reopen(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)

    closed = await staff_do(sim, case, "close", reason="solved")

    assert closed.ephemeral and "ticket #1 closed" in closed.text
    record = await row(sim)
    assert (
        record["status"] == "closed" and record["closed_reason"] == "solved" and record["open_slot"] is None
    )
    assert sim.can_see(case.owner, case.channel) and not sim.can_send(case.owner, case.channel)
    announcement = sim.messages(case.channel)[-1]
    assert (
        "Closed by" in announcement.text and "solved" in announcement.text and not announcement.pings_anyone
    )
    assert announcement.button_labels() == ["Reopen", "Transcript", "Delete"]
    if mode == "channel":
        assert category_name(sim, case.channel) == "Closed Tickets"
    else:
        meta = sim.channel(case.channel)["thread_metadata"]
        assert meta["archived"] and meta["locked"]

    reopened = await staff_do(sim, case, "reopen")

    assert "reopened" in reopened.text
    assert (await row(sim))["status"] == "open"
    assert sim.can_send(case.owner, case.channel)
    if mode == "channel":
        assert category_name(sim, case.channel) == "Tickets"
    else:
        assert not sim.channel(case.channel)["thread_metadata"]["archived"]


@pytest.mark.parametrize("mode", MODES)
async def test_lock_and_unlock(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)
    if mode == "channel":
        sim.add_category("Locked")
        await sim.settle()
        await sim.slash(
            sim.owner,
            "group edit",
            channel=sim.general,
            group="Support",
            locked_category=_category(sim, "Locked"),
        )

    await staff_do(sim, case, "lock", reason="waiting for logs")

    assert (await row(sim))["locked_at"] is not None
    assert sim.can_see(case.owner, case.channel) and not sim.can_send(case.owner, case.channel)
    if mode == "channel":
        assert sim.can_send(case.desk.staff, case.channel)
        assert category_name(sim, case.channel) == "Locked"
    else:  # Discord's thread lock: only members with Manage Threads write in a locked thread
        assert sim.channel(case.channel)["thread_metadata"]["locked"]

    await staff_do(sim, case, "unlock")

    assert (await row(sim))["locked_at"] is None and sim.can_send(case.owner, case.channel)
    if mode == "channel":
        assert category_name(sim, case.channel) == "Tickets"


def _category(sim: TicketDeskSim, name: str) -> int:
    return next(int(c["id"]) for c in sim.fake.guilds[sim.guild_id].channels.values() if c["name"] == name)


@pytest.mark.parametrize("mode", MODES)
async def test_claim_assign_transfer_unassign(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)
    other = sim.member("oscar", roles=[case.desk.support_role])
    outsider = sim.member("ursula")
    if mode == "channel":
        sim.add_category("Claimed")
        await sim.settle()
        await sim.slash(
            sim.owner,
            "group edit",
            channel=sim.general,
            group="Support",
            assigned_category=_category(sim, "Claimed"),
        )

    await staff_do(sim, case, "claim")
    assert (await row(sim))["assigned_id"] == case.desk.staff.id
    if mode == "channel":
        assert category_name(sim, case.channel) == "Claimed"
    second = await sim.slash(other, "ticket claim", channel=sim.general, ticket=1)
    assert "already claimed by" in second.text

    not_staff = await staff_do(sim, case, "transfer", member=outsider)
    assert "is not staff" in not_staff.text
    await staff_do(sim, case, "transfer", member=other, reason="shift change")
    assert (await row(sim))["assigned_id"] == other.id
    assert sim.can_see(other, case.channel)  # the assignee is let in (thread mode: added to the thread)
    await staff_do(sim, case, "unassign")
    assert (await row(sim))["assigned_id"] is None
    nothing = await staff_do(sim, case, "unassign")
    assert "not assigned to anyone" in nothing.text
    await staff_do(sim, case, "assign", member=other)
    assert (await row(sim))["assigned_id"] == other.id
    if mode == "channel":
        assert category_name(sim, case.channel) == "Claimed"


@pytest.mark.parametrize("mode", MODES)
async def test_owner_change_and_members(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)
    newcomer, friend = sim.member("nina"), sim.member("fred")

    await staff_do(sim, case, "add", member=friend)
    assert sim.can_see(friend, case.channel) and sim.can_send(friend, case.channel)
    twice = await staff_do(sim, case, "add", member=friend)
    assert "already in ticket" in twice.text

    await staff_do(sim, case, "owner", member=newcomer)
    record = await row(sim)
    assert record["owner_id"] == newcomer.id
    assert sim.can_send(newcomer, case.channel)
    assert not sim.can_see(case.owner, case.channel)

    await staff_do(sim, case, "remove", member=friend)
    assert not sim.can_see(friend, case.channel)
    owner_removal = await staff_do(sim, case, "remove", member=newcomer)
    assert "owner cannot be removed" in owner_removal.text


@pytest.mark.parametrize("mode", MODES)
async def test_rename_and_back_to_the_template(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)
    original = sim.channel(case.channel)["name"]

    await staff_do(sim, case, "rename", name="Refund Request")
    renamed = sim.channel(case.channel)["name"]
    await staff_do(sim, case, "rename")

    assert renamed == ("refund-request" if mode == "channel" else "Refund Request")
    assert sim.channel(case.channel)["name"] == original
    assert not (await row(sim))["custom_name"]


async def test_priority_from_the_groups_levels(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        priority_levels="🟢 Low | Normal* | 🔴 Urgent",
    )

    choices = await sim.autocomplete(
        case.desk.staff, "ticket priority", channel=case.channel, focused="level", level="ur"
    )
    done = await staff_do(sim, case, "priority", level="Urgent")
    wrong = await staff_do(sim, case, "priority", level="Meh")

    assert [c["value"] for c in choices] == ["Urgent"]
    assert "new priority" in done.text and (await row(sim))["priority"] == 2
    assert "Priority set to Urgent" in sim.messages(case.channel)[-1].text
    assert "is not one of the priority levels" in wrong.text


async def test_move_to_another_group_follows_its_roles_and_category(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    billing_role = sim.role("Billing")
    biller = sim.member("bill", roles=[billing_role])
    sim.add_category("Billing Tickets")
    await sim.settle()
    await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Billing",
        category=_category(sim, "Billing Tickets"),
        support_role=billing_role["id"],
        name_template="bill-{number}",
    )
    await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Threads",
        mode="thread",
        parent_channel=sim.general,
    )

    moved = await staff_do(sim, case, "move", group="Billing")
    across = await sim.slash(biller, "ticket move", channel=case.channel, group="Threads")

    assert "moved to Billing" in moved.text
    assert category_name(sim, case.channel) == "Billing Tickets"
    assert sim.can_see(biller, case.channel) and not sim.can_see(case.desk.staff, case.channel)
    assert sim.channel(case.channel)["name"] == "bill-1"
    assert "same mode" in across.text


async def test_expiry_and_eternal(sim: TicketDeskSim) -> None:
    case = await open_case(sim)

    bad = await staff_do(sim, case, "expire", when="yesterday")
    await staff_do(sim, case, "expire", when="2d", clearable=True)
    assert (await row(sim))["expire_at"] is not None and (await row(sim))["expire_clearable"]
    refused = await staff_do(sim, case, "eternal", enabled=False)
    await staff_do(sim, case, "expire", when="never")
    await staff_do(sim, case, "eternal", enabled=True)
    no_expiry = await staff_do(sim, case, "expire", when="1d")

    assert "neither a duration" in bad.text
    assert "Ticket #1 is not eternal." in refused.text
    assert (await row(sim))["eternal"] and (await row(sim))["expire_at"] is None
    assert "eternal, so it never expires" in no_expiry.text


@pytest.mark.parametrize("mode", MODES)
async def test_delete_removes_the_channel_and_keeps_the_record(sim: TicketDeskSim, mode: str) -> None:
    case = await open_case(sim, mode)

    await sim.slash(case.desk.staff, "ticket delete", channel=sim.general, ticket=1, reason="spam")

    record = await row(sim)
    assert record["status"] == "deleted" and record["deleted_at"] and record["closed_reason"] == "spam"
    with pytest.raises(DiscordError):
        sim.channel(case.channel)
    assert sim.bot is not None
    events = await sim.bot.db.fetchall(
        "SELECT action FROM events WHERE ticket_id = ? ORDER BY id", (record["id"],)
    )
    assert "delete" in [e[0] for e in events]


async def test_info_and_list(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    bob = sim.member("bob")
    await sim.click(bob, case.desk.panel, "Open a ticket")
    await staff_do(sim, case, "close")

    info = await staff_do(sim, case, "info")
    everything = await sim.slash(case.desk.staff, "ticket list", channel=sim.general)
    open_only = await sim.slash(case.desk.staff, "ticket list", channel=sim.general, status="open")
    mine = await sim.slash(bob, "ticket list", channel=sim.general)
    peeking = await sim.slash(bob, "ticket info", channel=sim.general, ticket=1)

    assert "Ticket #1" in info.text and "closed" in info.text and f"<@{case.owner.id}>" in info.text
    assert "History" in info.text and f"closed by <@{case.desk.staff.id}>" in info.text
    assert "Tickets (2)" in everything.text
    assert "Tickets (1)" in open_only.text and "#2" in open_only.text
    assert "Tickets (1)" in mine.text and "**#2**" in mine.text and "**#1**" not in mine.text
    assert "Only staff or the ticket's owner" in peeking.text


async def test_owners_may_close_their_own_ticket_only_when_the_group_allows(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", owner_can_close=False)
    refused = await sim.slash(case.owner, "ticket close", channel=case.channel)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", owner_can_close=True)
    allowed = await sim.slash(case.owner, "ticket close", channel=case.channel)
    lock = await sim.slash(case.owner, "ticket reopen", channel=case.channel)

    assert "Only this server's ticket staff" in refused.text
    assert "closed" in allowed.text
    assert "reopened" in lock.text


STAFF_COMMANDS: list[tuple[str, dict[str, Any]]] = [
    ("close", {}),
    ("reopen", {}),
    ("delete", {}),
    ("lock", {}),
    ("unlock", {}),
    ("claim", {}),
    ("unassign", {}),
    ("assign", {"member": "staff"}),
    ("transfer", {"member": "staff"}),
    ("owner", {"member": "other"}),
    ("add", {"member": "other"}),
    ("remove", {"member": "other"}),
    ("rename", {"name": "x"}),
    ("priority", {"level": "Low"}),
    ("move", {"group": "Other"}),
    ("expire", {"when": "1d"}),
    ("eternal", {"enabled": True}),
]


def _world(sim: TicketDeskSim) -> tuple[Any, ...]:
    guild = sim.fake.guilds[sim.guild_id]
    import json

    return (
        json.dumps(guild.channels, sort_keys=True),
        json.dumps(guild.threads, sort_keys=True),
        json.dumps(guild.thread_members, sort_keys=True, default=str),
        sum(len(m) for m in sim.fake.messages.values()),
    )


@pytest.mark.parametrize(("command", "options"), STAFF_COMMANDS, ids=[c for c, _ in STAFF_COMMANDS])
async def test_a_member_who_is_not_staff_is_refused_and_nothing_changes(
    sim: TicketDeskSim, command: str, options: dict[str, Any]
) -> None:
    case = await open_case(sim)
    other = sim.member("other")
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        priority_levels="Low | High",
        owner_can_close=False,
    )
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Other")
    if command in ("reopen",):
        await staff_do(sim, case, "close")
    if command in ("unlock",):
        await staff_do(sim, case, "lock")
    if command in ("unassign",):
        await staff_do(sim, case, "claim")
    if command == "remove":
        await staff_do(sim, case, "add", member=other)
    await sim.settle()
    values = {
        k: {"staff": case.desk.staff, "other": other}.get(v, v) if isinstance(v, str) else v
        for k, v in options.items()
    }
    before_world = _world(sim)
    before_row = await row(sim)
    assert sim.bot is not None
    before_events = (await sim.bot.db.fetchone("SELECT COUNT(*) FROM events"))[0]  # type: ignore[index]

    result = await sim.slash(case.owner, f"ticket {command}", channel=case.channel, **values)

    assert result.ephemeral and "Only this server's ticket staff" in result.text, result.text
    assert _world(sim) == before_world
    assert await row(sim) == before_row
    refused = await sim.bot.db.fetchall(
        "SELECT action, allowed, actor_id FROM events ORDER BY id LIMIT -1 OFFSET ?", (before_events,)
    )
    assert [tuple(r) for r in refused] == [(command, 0, case.owner.id)]


async def test_two_staff_closing_and_claiming_at_once_agree(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    other = sim.member("oscar", roles=[case.desk.support_role])
    sim.add_category("Claimed")
    await sim.settle()
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        assigned_category=_category(sim, "Claimed"),
    )

    close = await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    claim = await sim.slash(other, "ticket claim", channel=case.channel, settle=False)
    close_again = await sim.slash(other, "ticket close", channel=case.channel, settle=False)
    await sim.settle()

    record = await row(sim)
    assert record["status"] == "closed"
    assert category_name(sim, case.channel) == "Closed Tickets"
    assert not sim.can_send(case.owner, case.channel)
    texts = [close.text, claim.text, close_again.text]
    assert sum("closed" in t and "Done" in t for t in texts) == 1
    assert sum("is closed, so it cannot be closed" in t for t in texts) == 1
    assert record["assigned_id"] in (None, other.id)
    closes = await sim.bot.db.fetchall(  # type: ignore[union-attr]
        "SELECT COUNT(*) FROM events WHERE action = 'close' AND allowed = 1"
    )
    assert closes[0][0] == 1


async def test_concurrent_claims_give_the_ticket_to_one(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    helpers = [sim.member(f"h{i}", roles=[case.desk.support_role]) for i in range(5)]
    await sim.settle()

    results = [await sim.slash(h, "ticket claim", channel=case.channel, settle=False) for h in helpers]
    await sim.settle()

    winners = [r for r in results if "is yours" in r.text]
    assert len(winners) == 1
    assert (await row(sim))["assigned_id"] == winners[0].person.id
    await asyncio.sleep(0)


async def test_anonymous_actions_say_the_bot_and_every_action_reaches_the_log(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    log_channel = sim.add_channel("ticket-log")
    await sim.settle()
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", log_channel=log_channel)

    await staff_do(sim, case, "lock", reason="cooling off", anonymous=True)
    await staff_do(sim, case, "unlock")

    lock_line, unlock_line = [m.text for m in sim.messages(case.channel)[-2:]]
    assert lock_line.startswith("🔐 Locked by the bot") and "cooling off" in lock_line
    assert f"<@{case.desk.staff.id}>" in unlock_line
    logged = [m.text for m in sim.messages(log_channel)]
    assert any("locked by the bot: cooling off" in line for line in logged)
    assert any(f"unlocked by <@{case.desk.staff.id}>" in line for line in logged)
    assert not any(m.pings_anyone for m in sim.messages(log_channel))
    assert sim.bot is not None
    flags = await sim.bot.db.fetchall(
        "SELECT action, anonymous, actor_id FROM events WHERE action IN ('lock', 'unlock')"
    )
    assert [tuple(r) for r in flags] == [("lock", 1, case.desk.staff.id), ("unlock", 0, case.desk.staff.id)]
