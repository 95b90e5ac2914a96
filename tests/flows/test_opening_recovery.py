"""Openings interrupted by a crash or by Discord failing are repaired: never two channels, never a gap."""

from __future__ import annotations

from datetime import timedelta

from tests.support.desk import TicketDeskSim, setup_desk, ticket_channel_id

CREATE_CHANNEL = ("POST", "/guilds/{guild_id}/channels")
CREATE_THREAD = ("POST", "/channels/{channel_id}/threads")


async def ticket_rows(sim: TicketDeskSim) -> list[tuple[int, str, int | None]]:
    assert sim.bot is not None
    rows = await sim.bot.db.fetchall("SELECT number, status, channel_id FROM tickets ORDER BY number")
    return [(r[0], r[1], r[2]) for r in rows]


async def test_a_crash_after_the_channel_was_made_is_adopted_at_start_up(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")
    fault = sim.fake.fail_next(*CREATE_CHANNEL, after_apply=True, hang=True)

    await sim.click(alice, desk.panel, "Open a ticket", settle=False)
    await sim.until(fault)
    await sim.crash()
    [channel] = sim.channels_named("ticket-1")
    assert (await _rows_offline(sim)) == [(1, "creating", None)]

    await sim.start()

    assert await ticket_rows(sim) == [(1, "open", int(channel["id"]))]
    [opening] = sim.messages(int(channel["id"]))
    assert "Ticket #1" in opening.text and opening.pinged_users == {alice.id}
    bob = sim.member("bob")
    second = await sim.click(bob, desk.panel, "Open a ticket")
    assert sim.channel(ticket_channel_id(second))["name"] == "ticket-2"


async def test_a_crash_before_the_channel_existed_gives_the_number_back(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice, bob = sim.member("alice"), sim.member("bob")
    fault = sim.fake.fail_next(*CREATE_CHANNEL, hang=True)

    await sim.click(alice, desk.panel, "Open a ticket", settle=False)
    await sim.until(fault)
    await sim.crash()
    await sim.start()

    assert await ticket_rows(sim) == []
    opened = await sim.click(bob, desk.panel, "Open a ticket")
    assert sim.channel(ticket_channel_id(opened))["name"] == "ticket-1"
    assert not sim.channels_named("ticket-2")


async def test_a_retried_channel_create_leaves_one_channel(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")
    sim.fake.fail_next(*CREATE_CHANNEL, 502, after_apply=True)

    result = await sim.click(alice, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in result.text
    assert len(sim.channels_named("ticket-1")) == 1
    assert await ticket_rows(sim) == [(1, "open", ticket_channel_id(result))]


async def test_discord_failing_every_retry_still_leaves_one_channel_or_none(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice, bob = sim.member("alice"), sim.member("bob")
    sim.fake.fail_next(*CREATE_CHANNEL, 503, after_apply=True, times=5)
    adopted = await sim.click(alice, desk.panel, "Open a ticket")
    sim.fake.fail_next(*CREATE_CHANNEL, 503, times=5)
    failed = await sim.click(bob, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in adopted.text
    assert len(sim.channels_named("ticket-1")) == 1
    assert "Discord did not answer in time" in failed.text
    assert [r[:2] for r in await ticket_rows(sim)] == [(1, "open")]
    third = await sim.click(bob, desk.panel, "Open a ticket")
    assert sim.channel(ticket_channel_id(third))["name"] == "ticket-2"


async def test_a_retried_thread_create_leaves_one_thread(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim, mode="thread")
    alice = sim.member("alice")
    sim.fake.fail_next(*CREATE_THREAD, 500, after_apply=True)

    result = await sim.click(alice, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in result.text
    assert len(sim.channels_named("alice-1")) == 1


async def test_a_form_opened_before_a_restart_is_answered_not_dropped(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="add", label="Topic"
    )
    alice = sim.member("alice")
    opened = await sim.click(alice, desk.panel, "Open a ticket")

    await sim.restart()
    late = await sim.submit(alice, opened, {"Topic": "refund"})

    assert late.ephemeral and "please open it again" in late.text
    assert not sim.channels_named("ticket-1")


async def test_cooldown_between_a_members_tickets(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", cooldown="10m", user_limit=0
    )
    alice = sim.member("alice")

    first = await sim.click(alice, desk.panel, "Open a ticket")
    too_soon = await sim.click(alice, desk.panel, "Open a ticket")
    await sim.advance(timedelta(minutes=11))
    later = await sim.click(alice, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in first.text
    assert "You can open another Support ticket" in too_soon.text
    assert "Your ticket is ready" in later.text


async def _rows_offline(sim: TicketDeskSim) -> list[tuple[int, str, int | None]]:
    import sqlite3

    with sqlite3.connect(sim.settings.database_path) as conn:
        return [
            tuple(r) for r in conn.execute("SELECT number, status, channel_id FROM tickets ORDER BY number")
        ]
