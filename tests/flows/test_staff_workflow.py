"""What staff use every day: being told about new tickets, the blacklist, warnings before an automatic
close, close requests, claim modes, and seeing the commands they may use."""

from __future__ import annotations

from datetime import timedelta

from tests.support.desk import Case, TicketDeskSim, open_case, row, setup_desk, staff_do, ticket_channel_id
from tests.support.fake_discord import MENTION_EVERYONE
from tests.support.files import files_of
from tests.support.results import Msg


def everything_said(sim: TicketDeskSim, channel: int) -> list[Msg]:
    return sim.messages(channel)


# -- staff are told ---------------------------------------------------------------------------------------


async def test_a_new_ticket_pings_the_support_role_once_and_nobody_else(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    support = int(case.desk.support_role["id"])
    await sim.say(case.owner, case.channel, "hello, my printer is on fire")
    await sim.say(case.desk.staff, case.channel, "on it")
    await staff_do(sim, case, "claim")
    await staff_do(sim, case, "close")

    said = everything_said(sim, case.channel)
    assert [m.pinged_roles for m in said if m.pinged_roles] == [{support}]
    assert all(m.pinged_users <= {case.owner.id} and not m.pinged_everyone for m in said)


async def test_ping_roles_can_wait_for_the_owners_first_message(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    tier2 = sim.role("Tier 2")
    await sim.settle()
    saved = await sim.slash(
        sim.owner,
        "group staff",
        channel=sim.general,
        group="Support",
        ping_roles=f"<@&{tier2['id']}>",
        ping_on="first_message",
    )
    owner = sim.member("olive")
    channel = ticket_channel_id(await sim.click(owner, desk.panel, "Open a ticket"))
    quiet = list(everything_said(sim, channel))

    await sim.say(desk.staff, channel, "anyone there?")  # staff writing does not count
    await sim.say(owner, channel, "yes, here is my problem")
    await sim.say(owner, channel, "and more")

    assert "Saved" in saved.text
    assert not any(m.pinged_roles for m in quiet)
    pings = [m for m in everything_said(sim, channel) if m.pinged_roles]
    assert len(pings) == 1 and pings[0].pinged_roles == {int(tier2["id"])} and not pings[0].pinged_users
    assert "written" in pings[0].text


async def test_never_pings_no_one(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "group staff", channel=sim.general, group="Support", ping_on="never")
    owner = sim.member("olive")
    channel = ticket_channel_id(await sim.click(owner, desk.panel, "Open a ticket"))
    await sim.say(owner, channel, "hello")

    assert not any(m.pings_anyone for m in everything_said(sim, channel))


async def test_a_staff_channel_gets_a_line_with_a_link_per_new_ticket(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    inbox = sim.add_channel("ticket-inbox")
    await sim.settle()
    await sim.slash(
        sim.owner, "group staff", channel=sim.general, group="Support", staff_notify_channel=inbox
    )
    owner = sim.member("olive")
    channel = ticket_channel_id(await sim.click(owner, desk.panel, "Open a ticket"))

    [line] = sim.messages(inbox)
    assert "#1" in line.text and f"/{channel}" in line.text and not line.pings_anyone


async def test_the_status_report_says_when_a_ping_cannot_reach_its_role(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    guild = sim.fake.guilds[sim.guild_id]
    me = guild.members[int(sim.fake.bot_user["id"])]
    for role_id in me["roles"]:  # the bot may not mention roles that are not mentionable
        role = guild.roles[int(role_id)]
        role["permissions"] = str(int(role["permissions"]) & ~MENTION_EVERYONE)
    sim.fake.emit("GUILD_ROLE_UPDATE", {"guild_id": str(sim.guild_id), "role": role})
    await sim.settle()

    status = await sim.slash(sim.owner, "tickets status", channel=sim.general)
    channel = ticket_channel_id(await sim.click(sim.member("olive"), desk.panel, "Open a ticket"))

    assert "cannot be pinged" in status.text
    assert not any(m.pinged_roles for m in everything_said(sim, channel))  # as Discord would: nobody told


# -- the blacklist -----------------------------------------------------------------------------------------


async def tickets_in_db(sim: TicketDeskSim) -> int:
    assert sim.bot is not None
    row = await sim.bot.db.fetchone("SELECT COUNT(*) FROM tickets")
    return int(row[0]) if row else 0


async def test_a_blacklisted_member_is_refused_everywhere_and_nothing_is_made(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="Menu", kind="dropdown")
    await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="Menu", group="Support")
    await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Menu")
    [menu] = [m for m in sim.messages(sim.general) if m.selects()]
    spammer = sim.member("spammer")
    said = await sim.say(spammer, sim.general, "give me a ticket")
    channels_before = len(sim.fake.guilds[sim.guild_id].channels)

    added = await sim.slash(
        sim.owner,
        "tickets blacklist add",
        channel=sim.general,
        member=spammer.id,
        reason="opened 40 tickets in an hour",
    )
    tries = [
        await sim.click(spammer, desk.panel, "Open a ticket"),
        await sim.choose(spammer, menu, [menu.selects()[0]["options"][0]["value"]]),
        await sim.slash(spammer, "ticket open", channel=sim.general),
        await sim.message_command(spammer, "Open ticket from message", said),
    ]

    assert "can no longer open tickets" in added.text
    for result in tries:
        assert result.ephemeral and "You cannot open tickets in this server" in result.text, result.text
        assert "40 tickets" not in result.text  # the admin did not choose to show the reason
        assert result.modal is None
    assert await tickets_in_db(sim) == 0
    assert len(sim.fake.guilds[sim.guild_id].channels) == channels_before


async def test_a_blacklisted_role_refuses_its_members_with_the_reason_if_shown(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    muted = sim.role("Muted")
    person = sim.member("pat", roles=[muted])
    await sim.settle()
    await sim.slash(
        sim.owner,
        "tickets blacklist add",
        channel=sim.general,
        role=muted["id"],
        reason="muted for spam",
        show_reason=True,
    )

    refused = await sim.click(person, desk.panel, "Open a ticket")

    assert "You cannot open tickets" in refused.text and "muted for spam" in refused.text


async def test_staff_opening_for_a_blacklisted_member_are_warned_and_may_go_on(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    spammer = sim.member("spammer")
    await sim.slash(sim.owner, "tickets blacklist add", channel=sim.general, member=spammer.id, reason="spam")

    warned = await sim.user_command(desk.staff, "Open ticket for user", spammer, channel=sim.general)
    warning, nothing_yet = warned.text, await tickets_in_db(sim)
    opened = await sim.click(desk.staff, warned.last, "Yes, open it")

    assert "blacklisted" in warning and "spam" in warning and nothing_yet == 0
    assert opened.updated_message is not None and "is open for" in opened.updated_message.text
    assert await tickets_in_db(sim) == 1


async def test_an_expired_entry_lifts_itself_and_removal_lifts_at_once(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    first, second = sim.member("first"), sim.member("second")
    await sim.slash(sim.owner, "tickets blacklist add", channel=sim.general, member=first.id, expires="2d")
    await sim.slash(sim.owner, "tickets blacklist add", channel=sim.general, member=second.id)
    listed = await sim.slash(sim.owner, "tickets blacklist list", channel=sim.general)
    refused = await sim.click(first, desk.panel, "Open a ticket")

    await sim.advance(timedelta(days=2, minutes=1))
    after_expiry = await sim.click(first, desk.panel, "Open a ticket")
    await sim.slash(sim.owner, "tickets blacklist remove", channel=sim.general, member=second.id)
    after_removal = await sim.click(second, desk.panel, "Open a ticket")
    stranger = await sim.slash(second, "tickets blacklist add", channel=sim.general, member=first.id)

    assert f"<@{first.id}>" in listed.text and f"<@{second.id}>" in listed.text
    assert "You cannot open tickets" in refused.text and "until" in refused.text
    assert "Your ticket is ready" in after_expiry.text
    assert "Your ticket is ready" in after_removal.text
    assert "Only this server's ticket admins" in stranger.text


async def test_erasing_ones_data_keeps_the_blacklist_entry_without_its_reason(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    spammer = sim.member("spammer")
    await sim.slash(
        sim.owner, "tickets blacklist add", channel=sim.general, member=spammer.id, reason="spam waves"
    )

    shown = await sim.slash(spammer, "privacy", channel=sim.general)
    listed = shown.text.lower()
    exported = await sim.click(spammer, shown.last, "Export")
    data = next(iter(files_of(sim, exported).values())).decode()
    confirm = await sim.click(spammer, shown.last, "Delete my data")
    await sim.click(spammer, confirm.last, "Yes, delete my data")
    still = await sim.click(spammer, desk.panel, "Open a ticket")
    assert sim.bot is not None
    reasons = await sim.bot.db.fetchall("SELECT reason FROM blacklist")

    assert "blacklist entries about you" in listed
    assert '"blacklisted"' in data and "spam waves" not in data  # the admin did not choose to show it
    assert "You cannot open tickets" in still.text
    assert [r[0] for r in reasons] == [None]


# -- warnings before an automatic close ------------------------------------------------------------------


def warnings_in(sim: TicketDeskSim, channel: int) -> list[Msg]:
    return [m for m in sim.messages(channel) if "this ticket closes" in m.text]


async def test_an_inactive_ticket_is_warned_once_a_reply_saves_it_and_silence_closes_it(
    sim: TicketDeskSim,
) -> None:
    case = await open_case(sim)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", inactivity_close="2d")
    await sim.slash(sim.owner, "group staff", channel=sim.general, group="Support", inactivity_warn="12h")

    await sim.advance(timedelta(hours=36, minutes=1))
    [first] = warnings_in(sim, case.channel)
    await sim.advance(timedelta(hours=6))
    still_one = len(warnings_in(sim, case.channel))
    await sim.say(case.owner, case.channel, "still here, please keep it")
    await sim.advance(timedelta(hours=12))  # past the close the warning announced

    assert first.pinged_users == {case.owner.id} and not first.pinged_roles
    assert still_one == 1
    assert sim.channel(case.channel)  # not closed: the reply counted
    assert (await row(sim))["status"] == "open"

    await sim.advance(timedelta(hours=36, minutes=1))  # silence again: a new period, warned once more
    assert len(warnings_in(sim, case.channel)) == 2
    await sim.restart()  # the close survives a restart
    await sim.advance(timedelta(hours=12, minutes=1))

    assert (await row(sim))["status"] == "closed"
    assert len(warnings_in(sim, case.channel)) == 2


async def test_an_expiry_is_warned_before_it_closes(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(sim.owner, "group staff", channel=sim.general, group="Support", inactivity_warn="1h")
    await staff_do(sim, case, "expire", when="3h")

    await sim.advance(timedelta(hours=2, minutes=1))
    warned = [m for m in sim.messages(case.channel) if "expires and closes" in m.text]
    await sim.advance(timedelta(hours=1))
    assert len(warned) == 1 and warned[0].pinged_users == {case.owner.id}
    assert (await row(sim))["status"] == "closed"


# -- close requests ---------------------------------------------------------------------------------------


def request_message(sim: TicketDeskSim, channel: int) -> Msg:
    [asked] = [m for m in sim.messages(channel) if "can be closed" in m.text]
    return asked


async def test_the_owner_accepts_a_close_request(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    posted = await staff_do(sim, case, "close-request", reason="your order shipped")
    asked = request_message(sim, case.channel)
    buttons = asked.button_labels()

    accepted = await sim.click(case.owner, asked, "Yes, close it")

    assert "closes" in posted.text and "unless its owner answers" in posted.text
    assert asked.pinged_users == {case.owner.id} and "your order shipped" in asked.text
    assert buttons == ["Yes, close it", "Keep it open"]
    assert accepted.ephemeral and "closed" in accepted.text
    assert (await row(sim))["status"] == "closed"
    assert sim.refresh(asked).buttons() == []  # answered: the buttons are gone


async def test_keep_open_cancels_it_and_a_stranger_cannot_answer(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    bob = sim.member("bob")
    await staff_do(sim, case, "close-request", after="1h")
    asked = request_message(sim, case.channel)
    await staff_do(sim, case, "add", member=bob.id)  # a member of the ticket, but not its owner

    refused = await sim.click(bob, asked, "Keep it open")
    kept = await sim.click(case.owner, asked, "Keep it open")
    await sim.advance(timedelta(hours=2))

    assert "Only staff or the ticket's owner" in refused.text
    assert "stays open" in kept.text
    assert (await row(sim))["status"] == "open" and (await row(sim))["close_request_at"] is None


async def test_an_unanswered_close_request_closes_the_ticket_even_across_a_restart(
    sim: TicketDeskSim,
) -> None:
    case = await open_case(sim)
    await staff_do(sim, case, "close-request", after="6h")
    again = await staff_do(sim, case, "close-request")
    asked = request_message(sim, case.channel)

    await sim.advance(timedelta(hours=3))
    await sim.restart()
    await sim.advance(timedelta(hours=3, minutes=1))
    late = await sim.click(case.owner, asked, "Keep it open")

    assert "already has a close request waiting" in again.text
    assert (await row(sim))["status"] == "closed"
    assert "no close request waiting" in late.text
    assert "not answered" in sim.messages(case.channel)[-1].text


# -- claim modes -------------------------------------------------------------------------------------------


async def claim_desk(sim: TicketDeskSim, mode: str, claim_mode: str):  # type: ignore[no-untyped-def]
    desk = await setup_desk(sim, mode=mode)
    sam = sim.member("sam", roles=[desk.support_role])
    admins = sim.role("Ticket admins")
    alex = sim.member("alex", roles=[admins])
    await sim.settle()
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, admin_roles=f"<@&{admins['id']}>")
    await sim.slash(sim.owner, "group staff", channel=sim.general, group="Support", claim_mode=claim_mode)
    owner = sim.member("olive")
    channel = ticket_channel_id(await sim.click(owner, desk.panel, "Open a ticket"))
    return Case(desk, owner, channel, 1, mode), sam, alex


async def test_exclusive_claims_leave_other_support_staff_reading_and_admins_writing(
    sim: TicketDeskSim,
) -> None:
    case, sam, alex = await claim_desk(sim, "channel", "exclusive")
    stella = case.desk.staff
    before = sim.can_send(sam, case.channel)

    await staff_do(sim, case, "claim")
    claimed = (
        sim.can_send(stella, case.channel),
        sim.can_see(sam, case.channel),
        sim.can_send(sam, case.channel),
    )
    admin_writes = sim.can_send(alex, case.channel)
    await staff_do(sim, case, "transfer", member=sam.id)
    transferred = (sim.can_send(stella, case.channel), sim.can_send(sam, case.channel))
    await sim.slash(sam, "ticket unassign", channel=case.channel)
    unclaimed = (sim.can_send(stella, case.channel), sim.can_send(sam, case.channel))

    assert before is True
    assert claimed == (True, True, False)  # the claimer writes; sam reads
    assert admin_writes and sim.can_send(case.owner, case.channel)
    assert transferred == (False, True)
    assert unclaimed == (True, True)


async def test_hidden_claims_hide_the_ticket_from_other_support_staff(sim: TicketDeskSim) -> None:
    case, sam, alex = await claim_desk(sim, "channel", "hidden")

    await staff_do(sim, case, "claim")
    hidden = (
        sim.can_see(sam, case.channel),
        sim.can_see(alex, case.channel),
        sim.can_see(case.owner, case.channel),
    )
    await staff_do(sim, case, "unassign")

    assert hidden == (False, True, True)
    assert sim.can_see(sam, case.channel) and sim.can_send(sam, case.channel)


async def test_a_hidden_claim_in_a_thread_takes_other_support_staff_out_and_back(sim: TicketDeskSim) -> None:
    case, sam, alex = await claim_desk(sim, "thread", "hidden")
    members = sim.fake.guilds[sim.guild_id].thread_members
    present = set(members.get(case.channel, {}))

    await staff_do(sim, case, "claim")
    claimed = set(members.get(case.channel, {}))
    await staff_do(sim, case, "unassign")
    unclaimed = set(members.get(case.channel, {}))

    assert sam.id in present
    assert sam.id not in claimed and case.desk.staff.id in claimed and case.owner.id in claimed
    assert sam.id in unclaimed


# -- commands staff may use are commands staff can see ----------------------------------------------------


async def test_every_command_is_visible_and_checked_when_used(sim: TicketDeskSim) -> None:
    commands = [c for scope in sim.fake.commands.values() for c in scope]
    staff = sim.member("stan")
    refused = await sim.slash(staff, "tickets status", channel=sim.general)

    assert commands and all(c.get("default_member_permissions") is None for c in commands)
    assert "Only this server's ticket admins" in refused.text
