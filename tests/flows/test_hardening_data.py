"""Nothing lost, nothing leaked: channels the bot cannot prove it made stay, and erasure finds every trace."""

from __future__ import annotations

import json
import sqlite3

from tests.support.desk import TicketDeskSim, open_case, setup_desk, ticket_channel_id
from tests.support.files import files_of
from tests.support.results import Person


def stored_bytes(sim: TicketDeskSim) -> bytes:
    """Every byte the bot keeps on disk: the database, its log, and every file of the data directory."""
    return b"\n".join(p.read_bytes() for p in sorted(sim.settings.data_dir.rglob("*")) if p.is_file())


async def purge(sim: TicketDeskSim) -> None:
    asked = await sim.slash(sim.owner, "tickets purge", channel=sim.general, confirm=True)
    done = await sim.click(sim.owner, asked.last, "Delete everything")
    assert done.updated_message is not None and "Deleted all" in done.updated_message.text


# -- 1. the bot deletes on Discord only what it can prove it made and no longer needs -------------------


async def test_purge_then_restart_and_sync_keep_every_ticket_channel(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    bob = sim.member("bob")
    second = ticket_channel_id(await sim.click(bob, case.desk.panel, "Open a ticket"))
    await sim.slash(case.desk.staff, "ticket close", channel=second)

    await purge(sim)
    await sim.restart()
    synced = await sim.slash(sim.owner, "tickets sync", channel=sim.general)

    assert "Sync finished" in synced.text
    assert sim.channel(case.channel)["name"] == "ticket-1"
    assert sim.channel(second)["name"] == "ticket-2"


async def test_a_restored_older_backup_keeps_channels_it_does_not_know(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.stop()
    with sqlite3.connect(sim.settings.database_path) as conn:  # the backup was taken before the ticket
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("DELETE FROM tickets")

    await sim.start()

    assert sim.channel(case.channel)["name"] == "ticket-1"


async def test_a_channel_discord_made_for_a_given_up_opening_is_removed_at_start_up(
    sim: TicketDeskSim,
) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")
    sim.fake.fail_next("POST", "/guilds/{guild_id}/channels", 503, times=5)
    failed = await sim.click(alice, desk.panel, "Open a ticket")
    assert "Discord did not answer in time" in failed.text
    assert sim.bot is not None
    [(uuid,)] = await sim.bot.db.fetchall("SELECT uuid FROM discarded_intents")
    # Discord made the channel after all, and it shows up later
    late = sim.add_channel("ticket-1", category=sim.channels_named("Tickets")[0]["id"])
    sim.channel(late)["topic"] = f"Ticket #1 · Support · td:{uuid}"

    await sim.restart()

    assert not [c for c in sim.channels_named("ticket-1") if int(c["id"]) == late]


# -- 2. erasure covers every place a member's id or words can be --------------------------------------


async def privacy_counts(sim: TicketDeskSim, person: Person) -> str:
    shown = await sim.slash(person, "privacy", channel=sim.general)
    return shown.text


async def erase(sim: TicketDeskSim, person: Person) -> str:
    shown = await sim.slash(person, "privacy", channel=sim.general)
    confirm = await sim.click(person, shown.last, "Delete my data")
    done = await sim.click(person, confirm.last, "Yes, delete my data")
    assert done.updated_message is not None
    return done.updated_message.text


async def test_a_mention_kept_only_in_an_earlier_version_is_found_and_erased(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    alice = sim.member("alice")
    said = await sim.say(case.owner, case.channel, f"ask {alice.mention} about it")
    await sim.edit(case.owner, said, "ask someone about it")
    await sim.slash(case.desk.staff, "transcript save", channel=case.channel)

    shown = await privacy_counts(sim, alice)
    removed = await erase(sim, alice)
    await sim.stop()

    assert "keeps no data" not in shown and "mentioning you" in shown.lower()
    assert "Removed:" in removed
    assert f"<@{alice.id}>".encode() not in stored_bytes(sim)
    assert str(alice.id).encode() not in stored_bytes(sim)


async def test_a_member_picked_in_someone_elses_form_is_found_and_erased(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(
        sim.owner,
        "group form",
        channel=sim.general,
        group="Support",
        action="add",
        label="Who helped",
        kind="user",
    )
    alice, bob = sim.member("alice"), sim.member("bob")
    opened = await sim.click(bob, desk.panel, "Open a ticket")
    channel = ticket_channel_id(await sim.submit(bob, opened, {"Who helped": alice}))
    await sim.slash(desk.staff, "transcript save", channel=channel)

    shown = await privacy_counts(sim, alice)
    await erase(sim, alice)
    export = await sim.slash(bob, "privacy", channel=sim.general)
    bob_data = json.loads(
        files_of(sim, await sim.click(bob, export.last, "Export"))["my-ticketdesk-data.json"]
    )
    await sim.stop()

    assert "keeps no data" not in shown
    assert str(alice.id).encode() not in stored_bytes(sim)
    assert (
        bob_data["tickets_owned"][0]["form"][0]["title"] == "Who helped"
    )  # bob's own answer stays, without her


async def test_words_quoted_by_open_ticket_from_message_are_found_and_erased(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice-the-quoted")
    bob = sim.member("bob")
    words = await sim.say(alice, sim.general, "my own words kumquat-573")
    opened = await sim.message_command(bob, "Open ticket from message", words)
    channel = ticket_channel_id(opened)
    assert "kumquat-573" in sim.messages(channel)[0].text
    await sim.slash(desk.staff, "transcript save", channel=channel)

    shown = await privacy_counts(sim, alice)
    await erase(sim, alice)
    await sim.stop()

    assert "keeps no data" not in shown
    stored = stored_bytes(sim)
    assert b"kumquat-573" not in stored
    assert b"alice-the-quoted" not in stored
    assert str(alice.id).encode() not in stored


async def test_staff_who_added_a_member_find_it_counted_and_erased(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    carl = sim.member("carl")
    await sim.slash(case.desk.staff, "ticket add", channel=case.channel, member=carl)
    shown = await privacy_counts(sim, case.desk.staff)
    await erase(sim, case.desk.staff)
    assert sim.bot is not None
    added_by = await sim.bot.db.fetchall("SELECT added_by FROM ticket_members")

    assert "members you added" in shown.lower()
    assert [tuple(r) for r in added_by] == [(0,)]


# -- 3. erasure and purge win over work in flight ------------------------------------------------------


async def test_a_ticket_still_being_opened_when_its_owner_erases_never_opens(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="add", label="Order"
    )
    alice = sim.member("alice")
    form = await sim.click(alice, desk.panel, "Open a ticket")
    held = sim.fake.hold_next("POST", "/guilds/{guild_id}/channels", after_apply=True)
    opening = await sim.submit(alice, form, {"Order": "secret-order-314"}, settle=False)
    await sim.until(held)

    await erase(sim, alice)
    held.release()
    await sim.settle()
    await sim.stop()

    assert "cancelled" in opening.text.lower()
    assert not sim.channels_named("ticket-1")  # the bot made it moments ago for an opening that was undone
    stored = stored_bytes(sim)
    assert b"secret-order-314" not in stored and str(alice.id).encode() not in stored


async def test_an_attachment_downloading_during_erasure_is_not_stored_after_it(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    held = sim.fake.hold_next("CDN")
    await sim.say(
        case.owner,
        case.channel,
        "here is my id",
        files=[("passport.png", b"\x89PNG-owner-secret")],
        settle=False,
    )
    await sim.until(held)

    await erase(sim, case.owner)
    held.release()
    await sim.settle()
    await sim.stop()

    assert b"owner-secret" not in stored_bytes(sim)
    attachments = sim.settings.data_dir / "attachments"
    assert not [p for p in attachments.rglob("*") if p.is_file()]


async def test_a_download_racing_purge_leaves_no_file(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    held = sim.fake.hold_next("CDN")
    await sim.say(
        case.owner, case.channel, "file", files=[("notes.txt", b"purged-file-contents")], settle=False
    )
    await sim.until(held)

    await purge(sim)
    held.release()
    await sim.settle()
    await sim.stop()

    assert b"purged-file-contents" not in stored_bytes(sim)


async def test_purge_racing_a_close_leaves_the_close_done_and_nothing_behind(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "words before the purge")
    held = sim.fake.hold_next("GET", "/channels/{channel_id}/messages")
    closing = await sim.slash(case.desk.staff, "ticket close", channel=case.channel, settle=False)
    await sim.until(held)

    await purge(sim)
    held.release()
    await sim.settle()
    await sim.stop()

    assert "closed" in closing.text and "nothing was changed" not in closing.text.lower()
    assert b"words before the purge" not in stored_bytes(sim)
    transcripts = sim.settings.data_dir / "transcripts"
    assert not transcripts.exists() or not [p for p in transcripts.rglob("*") if p.is_file()]


async def test_an_opening_message_posted_during_erasure_keeps_no_answers(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="add", label="Order"
    )
    alice = sim.member("alice")
    form = await sim.click(alice, desk.panel, "Open a ticket")
    held = sim.fake.hold_next("POST", "/channels/{channel_id}/messages", after_apply=True)
    await sim.submit(alice, form, {"Order": "late-order-271"}, settle=False)
    await sim.until(held)  # the opening message is on Discord; the bot has not heard back yet

    await erase(sim, alice)
    held.release()
    await sim.settle()
    await sim.stop()

    stored = stored_bytes(sim)
    assert b"late-order-271" not in stored and str(alice.id).encode() not in stored


async def test_the_reason_a_member_gave_when_closing_is_erased(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(case.owner, "ticket close", channel=case.channel, reason="because zebra-reason-55")

    await erase(sim, case.owner)
    await sim.stop()

    assert b"zebra-reason-55" not in stored_bytes(sim)
