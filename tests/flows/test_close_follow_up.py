"""Closing answers the staff member at once; the transcript, the owner's copy and the rating request follow,
through a restart in between, and never twice."""

from __future__ import annotations

import asyncio

from tests.support.desk import Case, TicketDeskSim, open_case, staff_do, ticket_channel_id
from tests.support.files import files_of

POST = ("POST", "/channels/{channel_id}/messages")
HISTORY = ("GET", "/channels/{channel_id}/messages")


async def with_transcript_channel(sim: TicketDeskSim) -> tuple[Case, int]:
    case = await open_case(sim)
    transcripts = sim.add_channel("transcripts")
    await sim.settle()
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        transcript_channel=transcripts,
        rating_levels="Bad | Good",
    )
    await sim.say(case.owner, case.channel, "my printer is on fire")
    return case, transcripts


def delivered(sim: TicketDeskSim, case: Case, transcripts: int) -> tuple[int, int, int]:
    """(transcript posts, owner copies by DM, rating requests by DM)"""
    dms = sim.dms(case.owner)
    return (
        len(sim.messages(transcripts)),
        sum("was closed" in m.text and bool(m.data.get("attachments")) for m in dms),
        sum(bool(m.selects()) for m in dms),
    )


async def test_the_close_is_answered_before_the_transcript_is_made(sim: TicketDeskSim) -> None:
    case, transcripts = await with_transcript_channel(sim)
    held = sim.fake.hold_next(*POST, channel_id=transcripts)

    closed = await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    await sim.until(held)

    assert "ticket #1 closed" in closed.text  # answered while the transcript is still on its way
    assert delivered(sim, case, transcripts) == (0, 0, 0)
    held.release()
    await sim.settle()
    assert delivered(sim, case, transcripts) == (1, 1, 1)


async def test_a_restart_in_the_middle_finishes_what_follows_the_close(sim: TicketDeskSim) -> None:
    case, transcripts = await with_transcript_channel(sim)
    held = sim.fake.hold_next(*POST, channel_id=transcripts)
    await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    await sim.until(held)

    await sim.crash()  # before Discord made the post
    await sim.start()
    await sim.settle()

    assert delivered(sim, case, transcripts) == (1, 1, 1)
    assert sim.bot is not None and await sim.bot.db.fetchall("SELECT * FROM follow_ups") == []


async def test_a_crash_after_discord_made_the_post_does_not_post_it_twice(sim: TicketDeskSim) -> None:
    case, transcripts = await with_transcript_channel(sim)
    held = sim.fake.hold_next(*POST, channel_id=transcripts, after_apply=True)
    await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    await sim.until(held)
    assert len(sim.messages(transcripts)) == 1  # made on Discord, its answer never reached the bot

    await sim.crash()
    await sim.start()
    await sim.settle()

    assert delivered(sim, case, transcripts) == (1, 1, 1)


async def test_closing_again_while_the_follow_up_runs_follows_both_closes(sim: TicketDeskSim) -> None:
    case, transcripts = await with_transcript_channel(sim)
    held = sim.fake.hold_next(*POST, channel_id=transcripts)
    await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    await sim.until(held)

    reopened = await staff_do(sim, case, "reopen", settle=False)
    while "reopened" not in reopened.text:  # noqa: ASYNC110 (the follow-up is held, so no settling)
        await asyncio.sleep(0)
    closed = await staff_do(sim, case, "close", reason="again", settle=False)
    while "closed" not in closed.text:  # noqa: ASYNC110
        await asyncio.sleep(0)
    held.release()
    await sim.settle()

    posts = sim.messages(transcripts)
    assert len(posts) == 2 and "again" in posts[-1].text
    assert delivered(sim, case, transcripts) == (2, 2, 2)  # not rated yet: the second close asks again


async def test_removing_a_closed_channel_reads_it_again_only_if_something_happened(
    sim: TicketDeskSim,
) -> None:
    quiet, _ = await with_transcript_channel(sim)
    await staff_do(sim, quiet, "close")
    bob = sim.member("bob")
    busy = ticket_channel_id(await sim.click(bob, quiet.desk.panel, "Open a ticket"))
    await sim.slash(quiet.desk.staff, "ticket close", channel=busy)
    await sim.say(quiet.desk.staff, busy, "said after the close")
    before = len(sim.fake.requests)

    await staff_do(sim, quiet, "delete")
    quiet_reads = sum(1 for r in sim.fake.requests[before:] if r == HISTORY)
    await sim.slash(quiet.desk.staff, "ticket delete", channel=busy)
    saved = await sim.slash(quiet.desk.staff, "transcript get", ticket=2, channel=sim.general, format="json")

    assert quiet_reads == 0  # its snapshot from the close holds everything
    assert b"said after the close" in next(iter(files_of(sim, saved).values()))


async def test_a_second_close_delivers_again(sim: TicketDeskSim) -> None:
    case, transcripts = await with_transcript_channel(sim)
    await staff_do(sim, case, "close")
    await staff_do(sim, case, "reopen")
    await staff_do(sim, case, "close", reason="second time")

    posts = sim.messages(transcripts)
    assert len(posts) == 2 and "second time" in posts[-1].text  # a new round: new nonces, a new post
