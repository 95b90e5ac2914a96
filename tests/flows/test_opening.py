"""Opening tickets from panels, commands and context menus, as members and staff do it."""

from __future__ import annotations

import discord
import pytest

from tests.support.desk import TicketDeskSim, setup_desk, ticket_channel_id


async def test_setup_creates_what_is_missing_then_changes_nothing(sim: TicketDeskSim) -> None:
    first = await sim.slash(sim.owner, "tickets setup", channel=sim.general)
    channels_after_first = {c["name"] for c in sim.fake.guilds[sim.guild_id].channels.values()}
    roles_after_first = {r["name"] for r in sim.fake.guilds[sim.guild_id].roles.values()}
    messages_after_first = len(sim.messages(sim.general))

    second = await sim.slash(sim.owner, "tickets setup", channel=sim.general)

    assert "Created: role" in first.text and "Tickets" in first.text
    assert {"Tickets", "Closed Tickets"} <= channels_after_first
    assert "Ticket Support" in roles_after_first
    assert messages_after_first == 1
    assert "Created: nothing" in second.text
    assert {c["name"] for c in sim.fake.guilds[sim.guild_id].channels.values()} == channels_after_first
    assert {r["name"] for r in sim.fake.guilds[sim.guild_id].roles.values()} == roles_after_first
    assert len(sim.messages(sim.general)) == 1


async def test_a_member_clicks_the_panel_and_gets_a_private_channel(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice, mallory = sim.member("alice"), sim.member("mallory")

    result = await sim.click(alice, desk.panel, "Open a ticket")

    assert result.ephemeral and "Your ticket is ready" in result.text
    channel_id = ticket_channel_id(result)
    channel = sim.channel(channel_id)
    assert channel["name"] == "ticket-1"
    category = sim.channel(int(channel["parent_id"]))
    assert category["name"] == "Tickets"
    assert sim.can_see(alice, channel_id) and sim.can_send(alice, channel_id)
    assert sim.can_see(desk.staff, channel_id)
    assert not sim.can_see(mallory, channel_id)
    perms = discord.Permissions(sim.fake.permissions(sim.fake.guilds[sim.guild_id], alice.id, channel_id))
    assert not (
        perms.manage_channels or perms.manage_messages or perms.mention_everyone or perms.manage_roles
    )
    [opening] = sim.messages(channel_id)
    assert opening.pinged_users == {alice.id} and not opening.pinged_everyone
    assert opening.pinged_roles == {int(desk.support_role["id"])}  # staff are told: the support role
    assert opening.button_labels() == ["Close", "Claim", "Transcript"]
    assert "Ticket #1" in opening.text


async def test_the_form_is_asked_and_its_answers_shown_and_posted(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    forms = sim.add_channel("form-results")
    await sim.settle()
    for args in (
        dict(action="add", label="Order number", kind="short", max_length=20),
        dict(action="add", label="What happened?", kind="paragraph"),
        dict(action="add", label="Product", kind="select", options="Widget, Gadget"),
        dict(action="add", label="Who helped you", kind="user", required=False),
        dict(action="title", title="Tell us about it"),
    ):
        result = await sim.slash(sim.owner, "group form", channel=sim.general, group="Support", **args)
        assert "now has" in result.text, result.text
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", form_channel=forms)
    alice = sim.member("alice")

    opened = await sim.click(alice, desk.panel, "Open a ticket")
    assert opened.modal is not None and opened.modal["title"] == "Tell us about it"
    done = await sim.submit(
        alice,
        opened,
        {
            "Order number": "A-1001",
            "What happened?": "It broke.",
            "Product": "Gadget",
            "Who helped you": desk.staff,
        },
    )

    channel_id = ticket_channel_id(done)
    [opening] = sim.messages(channel_id)
    assert "A-1001" in opening.text and "It broke." in opening.text and "Gadget" in opening.text
    assert f"<@{desk.staff.id}>" in opening.text
    assert not opening.pinged_users - {alice.id}
    [posted] = sim.messages(forms)
    assert "Form answers for ticket #1" in posted.text and "A-1001" in posted.text
    assert not posted.pings_anyone


async def test_a_thread_mode_dropdown_panel_opens_a_private_thread(sim: TicketDeskSim) -> None:
    role = sim.role("Helpers")
    helper = sim.member("helen", roles=[role])
    bystander = sim.member("bob")
    alice = sim.member("alice")
    await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Billing",
        mode="thread",
        parent_channel=sim.general,
        support_role=role["id"],
    )
    await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Bugs",
        mode="thread",
        parent_channel=sim.general,
        support_role=role["id"],
    )
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="Help", kind="dropdown")
    for group in ("Billing", "Bugs"):
        await sim.slash(
            sim.owner,
            "panel add-entry",
            channel=sim.general,
            panel="Help",
            group=group,
            description=f"Questions about {group.lower()}",
            emoji="💬",
        )
    await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Help")
    [panel] = [m for m in sim.messages(sim.general) if m.selects()]
    bugs_entry = next(o["value"] for o in panel.selects()[0]["options"] if o["label"] == "Bugs")

    result = await sim.choose(alice, panel, [bugs_entry])

    thread_id = ticket_channel_id(result)
    thread = sim.channel(thread_id)
    assert thread["type"] == 12 and thread["thread_metadata"]["invitable"] is False
    assert thread["name"] == "alice-1"
    assert sim.can_see(alice, thread_id) and sim.can_see(helper, thread_id)
    assert not sim.can_see(bystander, thread_id)
    [opening] = sim.messages(thread_id)
    assert "Bugs" in opening.text


async def test_a_panel_posted_before_a_restart_still_opens_tickets(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.restart()
    alice = sim.member("alice")

    result = await sim.click(alice, desk.panel, "Open a ticket")

    assert "Your ticket is ready" in result.text
    assert sim.channel(ticket_channel_id(result))["name"] == "ticket-1"


async def test_a_double_click_opens_one_ticket(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")

    first = await sim.click(alice, desk.panel, "Open a ticket", settle=False)
    second = await sim.click(alice, desk.panel, "Open a ticket", settle=False)
    await sim.settle()

    texts = sorted([first.text, second.text])
    assert sum("Your ticket is ready" in t for t in texts) == 1
    assert sum("already have" in t for t in texts) == 1
    assert len(sim.channels_named("ticket-1")) == 1 and not sim.channels_named("ticket-2")


async def test_200_concurrent_clicks_from_50_members_give_exactly_50_tickets(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    sim.add_category("Tickets 2")  # 49 is full: the 50th ticket needs a second category
    await sim.settle()
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", categories="Tickets, Tickets 2"
    )
    members = [sim.member(f"m{i}") for i in range(50)]
    await sim.settle()

    results = [
        await sim.click(members[i % 50], desk.panel, "Open a ticket", settle=False) for i in range(200)
    ]
    await sim.settle()

    assert all(r.acknowledged for r in results)
    assert all(r.text for r in results), "every click gets an answer"
    ready = [r for r in results if "Your ticket is ready" in r.text]
    assert len(ready) == 50, sorted({r.text[:80] for r in results if r not in ready})
    assert len({r.person.id for r in ready}) == 50
    guild = sim.fake.guilds[sim.guild_id]
    ticket_channels = sorted(c["name"] for c in guild.channels.values() if c["name"].startswith("ticket-"))
    assert ticket_channels == sorted(f"ticket-{n}" for n in range(1, 51))
    assert sim.bot is not None
    rows = await sim.bot.db.fetchall("SELECT number, status FROM tickets ORDER BY number")
    assert [r[0] for r in rows] == list(range(1, 51))
    assert {r[1] for r in rows} == {"open"}


async def test_a_full_category_overflows_and_all_full_is_refused(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    log = sim.add_channel("ticket-log")
    first = next(
        int(c["id"]) for c in sim.fake.guilds[sim.guild_id].channels.values() if c["name"] == "Tickets"
    )
    second = sim.add_category("Tickets 2")
    for i in range(49):
        sim.add_channel(f"old-{i}", category=first)
    await sim.settle()
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        categories=f"<#{first}>, <#{second}>",
        log_channel=log,
    )
    alice, bob = sim.member("alice"), sim.member("bob")

    overflowed = await sim.click(alice, desk.panel, "Open a ticket")

    assert int(sim.channel(ticket_channel_id(overflowed))["parent_id"]) == second
    assert any("first ticket category of Support is full" in m.text for m in sim.messages(log))
    for i in range(48):
        sim.add_channel(f"more-{i}", category=second)
    await sim.settle()
    refused = await sim.click(bob, desk.panel, "Open a ticket")
    assert refused.ephemeral and "Every ticket category of Support is full" in refused.text
    assert sim.bot is not None
    row = await sim.bot.db.fetchone("SELECT COUNT(*), MAX(number) FROM tickets")
    assert row is not None and (row[0], row[1]) == (1, 1)


async def test_the_500_channel_guild_limit_is_guarded(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    categories = [sim.add_category(f"filler-{i}") for i in range(10)]
    guild = sim.fake.guilds[sim.guild_id]
    i = 0
    while len(guild.channels) < 499:
        sim.add_channel(f"f{i}", category=categories[i % 10])
        i += 1
    await sim.settle()
    alice = sim.member("alice")

    refused = await sim.click(alice, desk.panel, "Open a ticket")

    assert "500 channels" in refused.text


async def test_staff_open_for_a_member_and_members_cannot_open_for_others(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice, mallory = sim.member("alice"), sim.member("mallory")

    by_staff = await sim.slash(
        desk.staff, "ticket open", channel=sim.general, user=alice, message="We saw your report"
    )
    by_member = await sim.slash(mallory, "ticket open", channel=sim.general, user=alice)

    assert "is open for" in by_staff.text
    channel_id = ticket_channel_id(by_staff)
    assert sim.can_see(alice, channel_id)
    [opening] = sim.messages(channel_id)
    assert "We saw your report" in opening.text and "Opened by" in opening.text
    assert by_member.ephemeral and "Only this server's ticket staff" in by_member.text
    assert not sim.channels_named("ticket-2")


async def test_the_context_menus_open_tickets(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice, bob = sim.member("alice"), sim.member("bob")
    said = await sim.say(bob, sim.general, "my order never arrived")

    for_user = await sim.user_command(desk.staff, "Open ticket for user", alice, channel=sim.general)
    from_message = await sim.message_command(desk.staff, "Open ticket from message", said)
    refused = await sim.user_command(bob, "Open ticket for user", alice, channel=sim.general)

    assert sim.can_see(alice, ticket_channel_id(for_user))
    quoted = ticket_channel_id(from_message)
    assert sim.can_see(bob, quoted)
    [opening] = sim.messages(quoted)
    assert "my order never arrived" in opening.text
    assert "Only this server's ticket staff" in refused.text


async def test_several_groups_without_a_default_ask_which(sim: TicketDeskSim) -> None:
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Sales")
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Tech")
    alice = sim.member("alice")

    asked = await sim.slash(alice, "ticket open", channel=sim.general)
    tech = next(o["value"] for o in asked.last.selects()[0]["options"] if o["label"] == "Tech")
    opened = await sim.choose(alice, asked.last, [tech])

    assert "What do you need help with?" in asked.text
    assert "Your ticket is ready" in opened.text


@pytest.mark.parametrize("mode", ["channel", "thread"])
async def test_a_ticket_channel_deleted_by_hand_ends_its_ticket(sim: TicketDeskSim, mode: str) -> None:
    desk = await setup_desk(sim, mode=mode)
    alice = sim.member("alice")
    channel_id = ticket_channel_id(await sim.click(alice, desk.panel, "Open a ticket"))

    await sim.delete_channel(channel_id)

    assert sim.bot is not None
    row = await sim.bot.db.fetchone(
        "SELECT status, closed_reason, open_slot FROM tickets WHERE channel_id = ?", (channel_id,)
    )
    assert row is not None and row[0] == "deleted" and "deleted by hand" in row[1] and row[2] is None
    again = await sim.click(alice, desk.panel, "Open a ticket")
    assert "Your ticket is ready" in again.text


@pytest.mark.parametrize("kind", ["button", "type_buttons", "dropdown"])
@pytest.mark.parametrize("mode", ["channel", "thread"])
async def test_every_panel_kind_with_a_form_opens_a_private_ticket(
    sim: TicketDeskSim, kind: str, mode: str
) -> None:
    role = sim.role("Support")
    staff = sim.member("stella", roles=[role])
    alice, bob = sim.member("alice"), sim.member("bob")
    category = sim.add_category("Tickets")
    await sim.settle()
    options = {"category": category} if mode == "channel" else {"parent_channel": sim.general}
    await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Help",
        mode=mode,
        support_role=role["id"],
        **options,
    )
    await sim.slash(sim.owner, "group form", channel=sim.general, group="Help", action="add", label="Topic")
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="P", kind=kind)
    await sim.slash(
        sim.owner, "panel add-entry", channel=sim.general, panel="P", group="Help", label="Get help"
    )
    await sim.slash(sim.owner, "panel post", channel=sim.general, panel="P")
    [panel] = [m for m in sim.messages(sim.general) if m.components()]

    if kind == "dropdown":
        opened = await sim.choose(alice, panel, [panel.selects()[0]["options"][0]["value"]])
    else:
        opened = await sim.click(alice, panel, "Get help")
    done = await sim.submit(alice, opened, {"Topic": "my invoice is wrong"})

    ticket = ticket_channel_id(done)
    assert sim.can_see(alice, ticket) and sim.can_see(staff, ticket) and not sim.can_see(bob, ticket)
    [opening] = sim.messages(ticket)
    assert "my invoice is wrong" in opening.text and opening.pinged_users == {alice.id}
