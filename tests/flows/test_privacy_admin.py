"""Privacy, module administration, feedback, stats and custom messages, as members and admins use them."""

from __future__ import annotations

import io
import json
from datetime import timedelta
from typing import Any

import pytest
from PIL import Image

from tests.support.desk import TicketDeskSim, open_case, row, setup_desk, staff_do, ticket_channel_id
from tests.support.files import PIXEL_PNG, files_of
from tests.support.results import Person


def everything_stored(sim: TicketDeskSim) -> bytes:
    """Every byte the bot keeps: the database, its write-ahead log, and every file in the data directory."""
    chunks = []
    for path in sorted(sim.settings.data_dir.rglob("*")):
        if path.is_file():
            chunks.append(path.read_bytes())
    return b"\n".join(chunks)


# -- privacy -------------------------------------------------------------------------------------------


async def test_privacy_shows_exports_and_deletes_everything_about_a_member(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    forms = sim.add_channel("forms")
    await sim.settle()
    await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="add", label="Order"
    )
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        form_channel=forms,
        rating_levels="Bad | OK | Great",
    )
    alice, bob = sim.member("alice"), sim.member("bob")
    opened = await sim.click(alice, desk.panel, "Open a ticket")
    channel = ticket_channel_id(await sim.submit(alice, opened, {"Order": "zebra-order-771"}))
    await sim.say(alice, channel, "my secret phrase is purple-elephant-42", files=[("id.png", PIXEL_PNG)])
    edited = await sim.say(alice, channel, "first draft giraffe-99")
    await sim.edit(alice, edited, "second draft giraffe-100")
    await sim.say(desk.staff, channel, f"thanks {alice.mention}, checking")
    await sim.slash(desk.staff, "notes create", channel=channel)
    bob_form = await sim.click(bob, desk.panel, "Open a ticket")
    bob_channel = ticket_channel_id(await sim.submit(bob, bob_form, {"Order": "bob-order"}))
    await sim.say(bob, bob_channel, "bob's own words stay")
    await sim.slash(desk.staff, "ticket close", channel=channel, reason="done")
    [dm] = [m for m in sim.dms(alice) if m.selects()]
    rated = await sim.choose(alice, dm, ["2"])
    form = await sim.click(alice, rated.last, "Add a comment")
    await sim.submit(alice, form, {"Anything to add? (optional)": "great help, mango-comment"})
    await sim.slash(desk.staff, "transcript save", channel=sim.general, ticket=1)

    shown = await sim.slash(alice, "privacy", channel=sim.general)
    export = await sim.click(alice, shown.last, "Export")
    data = json.loads(files_of(sim, export)["my-ticketdesk-data.json"])

    assert shown.ephemeral and "Tickets you opened" in shown.text
    assert (
        "purple-elephant-42" in json.dumps(data)
        and data["tickets_owned"][0]["form"][0]["value"] == "zebra-order-771"
    )
    assert data["feedback"][0]["comment"] == "great help, mango-comment"
    secrets = [
        str(alice.id).encode(),
        b"purple-elephant-42",
        b"giraffe-99",
        b"giraffe-100",
        b"zebra-order-771",
        b"mango-comment",
        PIXEL_PNG,
    ]
    assert all(secret in everything_stored(sim) or secret == PIXEL_PNG for secret in secrets[:-1])

    # someone else cannot use alice's buttons
    sneaky = await sim.click(desk.staff, shown.last, "Delete my data")
    assert sneaky.ephemeral and "belong to someone else" in sneaky.text
    confirm = await sim.click(alice, shown.last, "Delete my data")
    done = await sim.click(alice, confirm.last, "Yes, delete my data")
    await sim.stop()  # close the database files, so every byte is on disk

    assert done.updated_message is not None and "Removed:" in done.updated_message.text
    stored = everything_stored(sim)
    for secret in secrets:
        assert secret not in stored, f"{secret[:30]!r} is still stored"
    assert b"bob's own words stay" in stored
    await sim.start()
    assert sim.bot is not None
    assert (await sim.bot.db.fetchone("SELECT COUNT(*) FROM tickets WHERE owner_id = 0"))[0] == 1  # type: ignore[index]
    assert (await sim.bot.db.fetchone("SELECT rating FROM feedback"))[0] == 2  # type: ignore[index]
    recorded = await sim.bot.db.fetchall(
        "SELECT actor_id, detail FROM events WHERE action = 'privacy.delete'"
    )
    assert len(recorded) == 1 and recorded[0][0] is None and str(alice.id) not in (recorded[0][1] or "")
    nothing = await sim.slash(alice, "privacy", channel=sim.general)
    assert "keeps no data about you" in nothing.text


# -- module administration -----------------------------------------------------------------------------


async def test_disable_stops_new_tickets_but_staff_keep_working(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    bob = sim.member("bob")

    disabled = await sim.slash(sim.owner, "tickets disable", channel=sim.general)
    again = await sim.slash(sim.owner, "tickets disable", channel=sim.general)
    refused = await sim.click(bob, case.desk.panel, "Open a ticket")
    closed = await staff_do(sim, case, "close")
    status = await sim.slash(sim.owner, "tickets status", channel=sim.general)
    enabled = await sim.slash(sim.owner, "tickets enable", channel=sim.general)
    opened = await sim.click(bob, case.desk.panel, "Open a ticket")

    assert "Tickets are disabled" in disabled.text and "already disabled" in again.text
    assert refused.text == "Tickets are disabled here."
    assert "closed" in closed.text
    assert "Disabled" in status.text
    assert "enabled" in enabled.text and "Your ticket is ready" in opened.text


async def test_status_is_a_doctor_for_misconfiguration(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    gone = sim.role("Temporary")
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        support_roles=f"<@&{desk.support_role['id']}>, <@&{gone['id']}>",
    )
    closed = next(
        int(c["id"]) for c in sim.fake.guilds[sim.guild_id].channels.values() if c["name"] == "Closed Tickets"
    )
    await sim.delete_channel(closed)
    await sim.delete_role(gone)
    await sim.delete(desk.panel)

    status = await sim.slash(sim.owner, "tickets status", channel=sim.general)

    text = status.text
    assert "Tickets 0/49" in text
    assert "its closed category is gone" in text
    assert "1 support role is gone" in text
    assert "its message was deleted" in text
    assert "None: I have every permission I need." in text


async def test_purge_deletes_all_of_the_guilds_data_after_confirmation(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.say(case.owner, case.channel, "attachment", files=[("a.txt", b"hello purge")])
    await sim.slash(case.desk.staff, "transcript save", channel=case.channel)
    assert sim.bot is not None
    ticket = await sim.bot.services.tickets.get(1)

    unconfirmed = await sim.slash(sim.owner, "tickets purge", channel=sim.general, confirm=False)
    asked = await sim.slash(sim.owner, "tickets purge", channel=sim.general, confirm=True)
    refused = await sim.slash(case.owner, "tickets purge", channel=sim.general, confirm=True)
    done = await sim.click(sim.owner, asked.last, "Delete everything")

    assert "Nothing was deleted" in unconfirmed.text
    assert "Only this server's ticket admins" in refused.text
    assert done.updated_message is not None and "1 tickets" in done.updated_message.text
    for table in ("tickets", "ticket_groups", "panels", "events", "archived_messages", "attachments"):
        assert (await sim.bot.db.fetchone(f"SELECT COUNT(*) FROM {table}"))[0] == 0, table  # type: ignore[index]
    assert not (sim.settings.data_dir / "attachments" / ticket.uuid).exists()
    assert not (sim.settings.data_dir / "transcripts" / ticket.uuid).exists()


async def test_the_data_of_a_guild_that_removed_the_bot_goes_after_the_grace_period(
    sim: TicketDeskSim,
) -> None:
    await open_case(sim)
    assert sim.bot is not None
    sim.fake.remove_guild(sim.guild_id)
    await sim.settle()

    await sim.advance(timedelta(days=29))
    assert (await sim.bot.db.fetchone("SELECT COUNT(*) FROM tickets"))[0] == 1  # type: ignore[index]
    await sim.advance(timedelta(days=2))
    assert (await sim.bot.db.fetchone("SELECT COUNT(*) FROM tickets"))[0] == 0  # type: ignore[index]
    assert (await sim.bot.db.fetchone("SELECT COUNT(*) FROM guilds"))[0] == 0  # type: ignore[index]


# -- feedback ---------------------------------------------------------------------------------------------


async def rated_case(sim: TicketDeskSim) -> tuple[Any, int]:
    case = await open_case(sim)
    feedback = sim.add_channel("feedback")
    await sim.settle()
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        rating_levels="😞 Bad | 😐 OK | 😀 Great*",
        feedback_channel=feedback,
    )
    await staff_do(sim, case, "close", reason="fixed")
    return case, feedback


async def test_the_owner_rates_once_and_comments_and_it_is_posted(sim: TicketDeskSim) -> None:
    case, feedback = await rated_case(sim)
    [ask] = [m for m in sim.dms(case.owner) if m.selects()]

    assert "How did we do?" in ask.text
    assert [o["label"] for o in ask.selects()[0]["options"]] == ["Bad", "OK", "Great"]
    rated = await sim.choose(case.owner, ask, ["2"])
    form = await sim.click(case.owner, rated.last, "Add a comment")
    comment = await sim.submit(case.owner, form, {"Anything to add? (optional)": "quick and kind"})
    again = await sim.choose(case.owner, ask, ["0"])

    assert rated.ephemeral and "Thanks for rating ticket #1: Great" in rated.text
    assert rated.last.button_labels() == ["Add a comment"]
    assert "Thanks, your comment was added" in comment.text
    assert "already rated ticket #1 (Great)" in again.text
    assert (await row(sim))["rating"] == 2
    [post] = sim.messages(feedback)
    assert "Great" in post.text and "quick and kind" in post.text and not post.pings_anyone


async def test_a_late_rating_gets_a_clear_answer(sim: TicketDeskSim) -> None:
    case, _ = await rated_case(sim)
    [ask] = [m for m in sim.dms(case.owner) if m.selects()]
    await sim.advance(timedelta(days=8))

    late = await sim.choose(case.owner, ask, ["1"])

    assert "The time to rate ticket #1 has passed" in late.text
    assert (await row(sim))["rating"] is None


async def test_closed_dms_ask_for_the_rating_in_the_ticket(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    sim.fake.dm_closed.add(case.owner.id)
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", rating_levels="1 | 2 | 3 | 4 | 5"
    )
    await staff_do(sim, case, "close")

    [ask] = [m for m in sim.messages(case.channel) if m.selects()]
    done = await sim.choose(case.owner, ask, ["4"])
    bystander = await sim.choose(case.desk.staff, ask, ["0"])

    assert "Thanks for rating ticket #1" in done.text and (await row(sim))["rating"] == 4
    assert "Only the ticket's owner can rate it" in bystander.text


# -- stats -------------------------------------------------------------------------------------------------


async def test_stats_show_volumes_times_staff_ratings_and_a_chart(sim: TicketDeskSim) -> None:
    case, _ = await rated_case(sim)
    [ask] = [m for m in sim.dms(case.owner) if m.selects()]
    await sim.choose(case.owner, ask, ["2"])
    bob = sim.member("bob")
    second = ticket_channel_id(await sim.click(bob, case.desk.panel, "Open a ticket"))
    await sim.advance(timedelta(minutes=30))
    await sim.say(case.desk.staff, second, "hi bob, looking")
    await sim.slash(case.desk.staff, "ticket claim", channel=second)

    stats = await sim.slash(case.desk.staff, "tickets stats", channel=sim.general, period="30d")
    refused = await sim.slash(bob, "tickets stats", channel=sim.general)

    text = stats.text
    assert "Open now\n1" in text and "Opened\n2" in text and "Closed\n1" in text
    assert "30 minutes" in text  # median first staff response
    assert "average 3.00" in text
    assert f"<@{case.desk.staff.id}>: 1 closed, 1 claimed, 1 first responses" in text
    chart = files_of(sim, stats)["tickets-per-day.png"]
    image = Image.open(io.BytesIO(chart))
    assert image.size == (900, 360) and len(image.convert("RGB").getcolors(1_000_000) or []) > 3
    assert "Only this server's ticket staff" in refused.text


# -- custom messages -----------------------------------------------------------------------------------


async def save_message(sim: TicketDeskSim, name: str, values: dict[str, str], person: Person | None = None):  # type: ignore[no-untyped-def]
    opened = await sim.slash(person or sim.owner, "message create", channel=sim.general, name=name)
    if opened.modal is None:
        return opened
    return await sim.submit(person or sim.owner, opened, values)


async def test_saved_messages_are_created_checked_listed_and_sent(sim: TicketDeskSim) -> None:
    saved = await save_message(
        sim,
        "welcome",
        {
            "Content ({user} {ticket} {group} {server})": "Hi {user} from {server}!",
            "Embed title": "Rules",
            "Embed description": "Be kind",
            "Embed colour": "#ff0000",
        },
    )
    too_many = await save_message(
        sim, "bad", {"Or embeds as JSON (advanced)": json.dumps([{"title": "x"}] * 11)}
    )
    long_title = await save_message(
        sim, "bad2", {"Or embeds as JSON (advanced)": json.dumps({"title": "t" * 257})}
    )
    not_json = await save_message(sim, "bad3", {"Or embeds as JSON (advanced)": "{title: nope"})
    unknown = await save_message(sim, "bad4", {"Content ({user} {ticket} {group} {server})": "Hi {nobody}"})
    listed = await sim.slash(sim.owner, "message list", channel=sim.general)
    target = sim.add_channel("announcements")
    await sim.settle()
    sent = await sim.slash(
        sim.owner, "message send", channel=sim.general, message="welcome", opts={"channel": target}
    )

    assert "Saved the message “welcome”" in saved.text
    assert "there are 11 embeds; Discord allows 10" in too_many.text
    assert "the title is 257 characters; Discord allows 256" in long_title.text
    assert "not valid JSON" in not_json.text
    assert "unknown variable {nobody}" in unknown.text
    assert "welcome" in listed.text and "bad" not in listed.text
    assert "Sent:" in sent.text
    [message] = sim.messages(target)
    assert message.content == f"Hi {sim.owner.mention} from Test Server!" and not message.pings_anyone
    assert message.embeds[0]["title"] == "Rules" and message.embeds[0]["color"] == 0xFF0000


async def test_send_as_a_webhook_to_a_forum_and_edit_what_was_sent(sim: TicketDeskSim) -> None:
    await save_message(sim, "news", {"Content ({user} {ticket} {group} {server})": "Release 2.0 is out"})
    updates = sim.add_channel("updates")
    forum = sim.add_channel("help-forum", type=15)
    await sim.settle()

    hooked = await sim.slash(
        sim.owner,
        "message send",
        channel=sim.general,
        message="news",
        opts={"channel": updates},
        username="Release Bot",
        avatar_url="https://example.com/a.png",
    )
    no_title = await sim.slash(
        sim.owner, "message send", channel=sim.general, message="news", opts={"channel": forum}
    )
    posted = await sim.slash(
        sim.owner,
        "message send",
        channel=sim.general,
        message="news",
        opts={"channel": forum},
        thread_name="Release notes",
    )
    [hook_message] = sim.messages(updates)
    opened = await sim.slash(sim.owner, "message edit", channel=sim.general, message="news")
    await sim.submit(sim.owner, opened, {"Content ({user} {ticket} {group} {server})": "Release 2.1 is out"})
    edited = await sim.slash(
        sim.owner,
        "message send",
        channel=sim.general,
        message="news",
        opts={"channel": updates},
        username="Release Bot",
        message_id=str(hook_message.id),
    )

    assert "Sent:" in hooked.text
    assert hook_message.data["author"]["username"] == "Release Bot" and hook_message.data.get("webhook_id")
    assert "needs a post title" in no_title.text
    assert "Sent:" in posted.text
    [thread] = sim.channels_named("Release notes")
    assert sim.messages(int(thread["id"]))[0].content == "Release 2.0 is out"
    assert "Edited:" in edited.text and sim.refresh(hook_message).content == "Release 2.1 is out"


async def test_saved_messages_as_opening_and_panel_messages(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await save_message(
        sim,
        "hello",
        {
            "Content ({user} {ticket} {group} {server})": "Welcome {user}, this is {ticket}",
            "Embed title": "{group} desk",
        },
    )
    await save_message(
        sim, "front", {"Embed title": "Support at {server}", "Embed description": "Click below"}
    )
    set_opening = await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", opening_message="saved:hello"
    )
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="Front", message="front")
    await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="Front", group="Support")
    await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Front")
    alice = sim.member("alice")

    opened = await sim.click(alice, desk.panel, "Open a ticket")

    assert "Saved" in set_opening.text
    [opening] = sim.messages(ticket_channel_id(opened))
    support = f"<@&{desk.support_role['id']}>"
    assert opening.content == f"{alice.mention} {support} Welcome {alice.mention}, this is #1"
    assert opening.pinged_users == {alice.id}
    assert opening.embeds[0]["title"] == "Support desk"
    [front] = [m for m in sim.messages(sim.general) if m.buttons() and m.id != desk.panel.id]
    assert front.embeds[0]["title"] == "Support at Test Server"


@pytest.mark.parametrize(
    ("command", "options"),
    [
        ("message create", {"name": "x"}),
        ("message list", {}),
        ("tickets enable", {}),
        ("tickets disable", {}),
        ("tickets purge", {"confirm": True}),
        ("tickets stats", {}),
        ("tickets status", {}),
        ("tickets sync", {}),
        ("group list", {}),
        ("panel list", {}),
    ],
)
async def test_members_are_refused_every_staff_only_part(
    sim: TicketDeskSim, command: str, options: dict[str, Any]
) -> None:
    mallory = sim.member("mallory")

    result = await sim.slash(mallory, command, channel=sim.general, **options)

    assert result.ephemeral and result.modal is None
    assert "Only this server's ticket" in result.text, result.text


async def test_server_wide_admin_and_staff_roles_and_log_channel(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    managers, helpers = sim.role("Managers"), sim.role("Helpers")
    manager, helper = sim.member("mia", roles=[managers]), sim.member("hal", roles=[helpers])
    log = sim.add_channel("audit-log")
    await sim.settle()

    before = await sim.slash(manager, "group list", channel=sim.general)
    saved = await sim.slash(
        sim.owner,
        "tickets settings",
        channel=sim.general,
        admin_roles="Managers",
        staff_roles=f"<@&{helpers['id']}>",
        log_channel=log,
    )
    after = await sim.slash(manager, "group list", channel=sim.general)
    claimed = await sim.slash(helper, "ticket claim", channel=sim.general, ticket=1)
    refused = await sim.slash(helper, "tickets settings", channel=sim.general, staff_roles="none")

    assert "Only this server's ticket admins" in before.text
    assert "Ticket admins: <@&" in saved.text and "Log channel: <#" in saved.text
    assert "Ticket groups" in after.text
    assert "is yours" in claimed.text and sim.can_see(helper, case.channel)
    assert any("claimed by" in m.text for m in sim.messages(log))
    assert "Only this server's ticket admins" in refused.text
