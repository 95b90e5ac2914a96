"""Start-up does not grow with history: it reads a channel's history only where Discord moved on."""

from __future__ import annotations

from tests.support.desk import TicketDeskSim, open_case, staff_do, ticket_channel_id
from tests.support.files import files_of

HISTORY = ("GET", "/channels/{channel_id}/messages")


def history_reads(sim: TicketDeskSim, since: int) -> int:
    return sum(1 for request in sim.fake.requests[since:] if request == HISTORY)


async def test_a_restart_reads_no_history_of_channels_that_did_not_change(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "my printer is on fire")
    await sim.say(case.desk.staff, case.channel, "on it")
    await sim.slash(case.desk.staff, "notes create", channel=case.channel)
    bob = sim.member("bob")
    second = ticket_channel_id(await sim.click(bob, case.desk.panel, "Open a ticket"))
    await sim.say(bob, second, "hello")
    await staff_do(sim, case, "close")
    await sim.stop()
    before = len(sim.fake.requests)

    await sim.start()

    assert history_reads(sim, before) == 0
    assert sim.bot is not None and sim.bot.services.scheduler is not None


async def test_what_was_said_while_the_bot_was_away_is_archived_at_start_up(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "before the restart")
    quiet = ticket_channel_id(await sim.click(sim.member("bob"), case.desk.panel, "Open a ticket"))
    await sim.stop()
    await sim.say(case.owner, case.channel, "while the bot was away")
    before = len(sim.fake.requests)

    await sim.start()
    reads = history_reads(sim, before)
    transcript = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="json")

    assert reads == 1  # the channel that moved on; not the quiet one
    [data] = files_of(sim, transcript).values()
    assert b"while the bot was away" in data
    assert quiet != case.channel
