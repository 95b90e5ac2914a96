"""Authority is checked when it is used: a confirmation pressed after losing a role, a message sent where
the sender could not write, a list or info that would show what the viewer may not see."""

from __future__ import annotations

import discord

from tests.support.desk import TicketDeskSim, open_case, row


async def test_a_purge_confirmed_after_losing_the_admin_role_deletes_nothing(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    managers = sim.role("Managers", discord.Permissions(manage_guild=True))
    mona = sim.member("mona", roles=[managers])
    asked = await sim.slash(mona, "tickets purge", channel=sim.general, confirm=True)
    sim.take_role(mona, managers)
    await sim.settle()

    pressed = await sim.click(mona, asked.last, "Delete everything")

    shown = pressed.updated_message or pressed.last
    assert "ticket admins" in shown.text
    assert (await row(sim))["status"] == "open"
    assert sim.channel(case.channel)["name"] == "ticket-1"


async def test_a_close_confirmed_after_losing_the_support_role_is_refused(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)
    reason = await sim.click(case.desk.staff, opening, "Close")
    confirm = await sim.submit(case.desk.staff, reason, {"Reason (optional)": "done"})
    await sim.slash(sim.owner, "ticket add", channel=case.channel, member=case.desk.staff)  # still sees it
    sim.take_role(case.desk.staff, case.desk.support_role)
    await sim.settle()

    pressed = await sim.click(case.desk.staff, confirm.last, "Yes, close")

    shown = pressed.updated_message or pressed.last
    assert "Only this server's ticket staff" in shown.text
    assert (await row(sim))["status"] == "open"


async def test_a_delete_confirmed_after_losing_the_support_role_is_refused(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(case.desk.staff, "ticket close", channel=case.channel)
    closed = [m for m in sim.messages(case.channel) if "Delete" in m.button_labels()][-1]
    confirm = await sim.click(case.desk.staff, closed, "Delete")
    sim.take_role(case.desk.staff, case.desk.support_role)
    sim.fake.guilds[sim.guild_id].channels[case.channel]["permission_overwrites"].append(
        {
            "id": str(case.desk.staff.id),
            "type": 1,
            "allow": str(discord.Permissions(view_channel=True).value),
            "deny": "0",
        }
    )  # still sees the closed channel (an admin let them in by hand)
    await sim.settle()

    pressed = await sim.click(case.desk.staff, confirm.last, "Yes, delete")

    shown = pressed.updated_message or pressed.last
    assert "Only this server's ticket staff" in shown.text
    assert (await row(sim))["status"] == "closed"
    assert sim.channel(case.channel)["name"] == "ticket-1"


async def test_staff_of_one_group_list_only_that_groups_tickets(sim: TicketDeskSim) -> None:
    case = await open_case(sim)  # group "Support", worked by the desk's support role
    billing_role = sim.role("Billing team")
    bella = sim.member("bella", roles=[billing_role])
    await sim.slash(
        sim.owner, "group create", channel=sim.general, name="Billing", support_role=billing_role["id"]
    )
    bob = sim.member("bob")
    await sim.slash(sim.owner, "ticket open", channel=sim.general, group="Billing", user=bob)

    listed = await sim.slash(bella, "ticket list", channel=sim.general)
    everything = await sim.slash(sim.owner, "ticket list", channel=sim.general)

    assert (
        "**#2**" in listed.text and "**#1**" not in listed.text and f"<@{case.owner.id}>" not in listed.text
    )
    assert "**#1**" in everything.text and "**#2**" in everything.text


async def test_the_owner_sees_no_staff_only_history(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(case.desk.staff, "notes create", channel=case.channel)
    await sim.slash(case.desk.staff, "transcript save", channel=case.channel)
    await sim.slash(case.desk.staff, "ticket claim", channel=case.channel)

    owner_view = await sim.slash(case.owner, "ticket info", channel=case.channel)
    staff_view = await sim.slash(case.desk.staff, "ticket info", channel=case.channel)

    assert (
        "claim" in owner_view.text and "notes" not in owner_view.text and "transcript" not in owner_view.text
    )
    assert "notes.create" in staff_view.text


async def test_the_owners_json_transcript_lists_no_server_channels_or_roles(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    sim.add_channel("secret-staff-plans")
    sim.role("Secret Council")
    await sim.settle()

    from tests.support.files import files_of

    got = await sim.slash(case.owner, "transcript get", channel=case.channel, format="json")
    [data] = files_of(sim, got).values()

    assert b"secret-staff-plans" not in data and b"Secret Council" not in data
    staff_got = await sim.slash(case.desk.staff, "transcript get", channel=case.channel, format="json")
    assert b"secret-staff-plans" in next(iter(files_of(sim, staff_got).values()))


async def ticket_admin_and_locked_channel(sim: TicketDeskSim) -> tuple[object, int]:
    """A ticket admin by role (not Manage Server), and a channel where members cannot write."""
    admins = sim.role("Ticket Admins")
    amy = sim.member("amy", roles=[admins])
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, admin_roles=admins["id"])
    no_send = discord.Permissions(send_messages=True, create_public_threads=True, manage_webhooks=True).value
    locked = sim.add_channel(
        "announcements",
        overwrites=[
            {"id": str(sim.guild_id), "type": 0, "allow": "0", "deny": str(no_send)},
            {"id": sim.fake.bot_user["id"], "type": 1, "allow": str(no_send), "deny": "0"},  # the bot may
        ],
    )
    opened = await sim.slash(amy, "message create", channel=sim.general, name="notice")
    await sim.submit(amy, opened, {"Content ({user} {ticket} {group} {server})": "Official notice"})
    return amy, locked


async def test_a_ticket_admin_cannot_send_a_saved_message_where_they_cannot_write(sim: TicketDeskSim) -> None:
    amy, locked = await ticket_admin_and_locked_channel(sim)

    plain = await sim.slash(
        amy, "message send", channel=sim.general, message="notice", opts={"channel": locked}
    )
    hooked = await sim.slash(
        amy,
        "message send",
        channel=sim.general,
        message="notice",
        opts={"channel": locked},
        username="The Owner",
        avatar_url="https://example.com/owner.png",
    )
    allowed = await sim.slash(
        sim.owner, "message send", channel=sim.general, message="notice", opts={"channel": locked}
    )

    assert "Send Messages" in plain.text and f"<#{locked}>" in plain.text
    assert "Send Messages" in hooked.text or "Manage Webhooks" in hooked.text
    assert "Sent:" in allowed.text
    assert [m.content for m in sim.messages(locked)] == ["Official notice"]  # only the owner's


async def test_only_messages_sent_by_message_send_can_be_edited(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    logs = sim.add_channel("ticket-log")
    await sim.slash(sim.owner, "tickets settings", channel=sim.general, log_channel=logs)
    await sim.slash(case.desk.staff, "ticket claim", channel=case.channel)
    [log_line] = sim.messages(logs)
    opened = await sim.slash(sim.owner, "message create", channel=sim.general, name="fake")
    await sim.submit(sim.owner, opened, {"Content ({user} {ticket} {group} {server})": "Ticket #1 was fine"})

    forged = await sim.slash(
        sim.owner,
        "message send",
        channel=sim.general,
        message="fake",
        opts={"channel": logs},
        message_id=str(log_line.id),
    )

    assert "only" in forged.text.lower() and "/message send" in forged.text
    assert sim.refresh(log_line).content == log_line.content
