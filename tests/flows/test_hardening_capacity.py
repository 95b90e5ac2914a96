"""One member cannot fill the server: a daily cap by default, and closed tickets never hold a place that an
open one needs (the oldest closed channels make room, their transcripts kept, and retention clears them)."""

from __future__ import annotations

from datetime import timedelta

from tests.support.desk import TicketDeskSim, category_name, setup_desk, ticket_channel_id


async def test_a_member_opening_ticket_after_ticket_is_stopped_by_the_daily_cap(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")
    for _ in range(10):
        opened = await sim.click(alice, desk.panel, "Open a ticket")
        await sim.slash(alice, "ticket close", channel=ticket_channel_id(opened))

    eleventh = await sim.click(alice, desk.panel, "Open a ticket")
    await sim.advance(timedelta(hours=25))
    next_day = await sim.click(alice, desk.panel, "Open a ticket")

    assert "10 Support tickets" in eleventh.text and "Your ticket is ready" not in eleventh.text
    assert "Your ticket is ready" in next_day.text


async def test_open_close_cycles_never_fill_the_server(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "group limits", channel=sim.general, group="Support", daily_limit=0)
    alice, bob = sim.member("alice"), sim.member("bob")
    for _ in range(110):
        opened = await sim.click(alice, desk.panel, "Open a ticket")
        assert "Your ticket is ready" in opened.text, opened.text
        channel = ticket_channel_id(opened)
        await sim.slash(alice, "ticket close", channel=channel)
        assert category_name(sim, channel) == "Closed Tickets"

    bobs = await sim.click(bob, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in bobs.text
    [open_category] = sim.channels_named("Tickets")
    [closed_category] = sim.channels_named("Closed Tickets")
    children = [c for c in sim.fake.guilds[sim.guild_id].channels.values() if c.get("parent_id")]
    assert sum(c["parent_id"] == open_category["id"] for c in children) <= 49
    assert sum(c["parent_id"] == closed_category["id"] for c in children) <= 49
    assert sim.bot is not None
    evicted = await sim.bot.db.fetchall(
        "SELECT COUNT(*), MIN(transcript_saved_at IS NOT NULL) FROM tickets WHERE status = 'deleted'"
    )
    assert evicted[0][0] >= 61 and evicted[0][1] == 1  # every removed channel's transcript was kept


async def test_closed_channels_are_removed_after_the_retention(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "group limits", channel=sim.general, group="Support", closed_retention="2d")
    alice = sim.member("alice")
    channel = ticket_channel_id(await sim.click(alice, desk.panel, "Open a ticket"))
    await sim.say(alice, channel, "keep this in the transcript")
    await sim.slash(alice, "ticket close", channel=channel)

    await sim.advance(timedelta(days=1))
    kept = [c for c in sim.fake.guilds[sim.guild_id].channels.values() if int(c["id"]) == channel]
    await sim.advance(timedelta(days=1, hours=1))
    gone = [c for c in sim.fake.guilds[sim.guild_id].channels.values() if int(c["id"]) == channel]

    assert kept and not gone
    assert sim.bot is not None
    [(status, saved)] = await sim.bot.db.fetchall("SELECT status, transcript_saved_at FROM tickets")
    assert status == "deleted" and saved is not None
    saved_files = [p for p in (sim.settings.data_dir / "transcripts").rglob("*.json")]
    assert any(b"keep this in the transcript" in p.read_bytes() for p in saved_files)
