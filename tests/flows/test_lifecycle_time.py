"""Time-driven work, buttons, renames under Discord's limit, and keeping in step with Discord."""

from __future__ import annotations

from datetime import timedelta

from tests.support.desk import TicketDeskSim, category_name, open_case, row, staff_do, ticket_channel_id


async def test_an_expired_ticket_closes_when_the_clock_passes_its_time(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await staff_do(sim, case, "expire", when="2h")

    await sim.advance(timedelta(hours=1))
    assert (await row(sim))["status"] == "open"
    await sim.advance(timedelta(hours=1, minutes=1))

    record = await row(sim)
    assert record["status"] == "closed" and record["closed_reason"] == "It expired."
    assert "Closed by the bot" in sim.messages(case.channel)[-1].text
    assert sim.bot is not None
    closes = await sim.bot.db.fetchone("SELECT COUNT(*) FROM events WHERE action = 'close' AND allowed = 1")
    await sim.advance(timedelta(days=1))
    assert closes == await sim.bot.db.fetchone(
        "SELECT COUNT(*) FROM events WHERE action = 'close' AND allowed = 1"
    )


async def test_expiry_due_while_the_bot_was_down_runs_at_start_up(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await staff_do(sim, case, "expire", when="1h")
    await sim.stop()
    sim.clock.advance(timedelta(hours=3))

    await sim.start()

    assert (await row(sim))["status"] == "closed"
    assert "Closed by the bot" in sim.messages(case.channel)[-1].text


async def test_a_clearable_expiry_is_cleared_by_the_owners_message_not_by_staffs(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await staff_do(sim, case, "expire", when="1d", clearable=True)

    await sim.say(case.desk.staff, case.channel, "any news?")
    assert (await row(sim))["expire_at"] is not None
    await sim.say(case.owner, case.channel, "still broken")
    assert (await row(sim))["expire_at"] is None

    await sim.advance(timedelta(days=2))
    assert (await row(sim))["status"] == "open"


async def test_eternal_tickets_never_expire_or_auto_close(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", inactivity_close="1d")
    await staff_do(sim, case, "eternal", enabled=True)

    await sim.advance(timedelta(days=30))

    assert (await row(sim))["status"] == "open"


async def test_inactivity_counts_only_the_owners_messages_when_the_group_says_so(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", inactivity_close="2d owner"
    )

    await sim.advance(timedelta(days=1, hours=12))
    await sim.say(case.desk.staff, case.channel, "ping")  # staff activity does not count
    await sim.advance(timedelta(hours=13))

    record = await row(sim)
    assert record["status"] == "closed" and "No activity for 2 days" in record["closed_reason"]


async def test_inactivity_with_any_activity_counting(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", inactivity_close="2d")

    await sim.advance(timedelta(days=1, hours=12))
    await sim.say(case.desk.staff, case.channel, "ping")
    await sim.advance(timedelta(hours=13))
    assert (await row(sim))["status"] == "open"
    await sim.advance(timedelta(days=2))
    assert (await row(sim))["status"] == "closed"


async def test_three_renames_in_a_minute_end_with_the_last_name_and_nobody_waits(sim: TicketDeskSim) -> None:
    case = await open_case(sim)

    answers = []
    for name in ("first", "second", "third"):
        answers.append(await staff_do(sim, case, "rename", name=name))
        await sim.advance(timedelta(seconds=20))

    assert all("will be called" in a.text for a in answers)
    assert all(a.ack_latency is not None and a.ack_latency < 1.0 for a in answers)
    assert sim.channel(case.channel)["name"] == "second"  # two renames used the ten-minute budget
    assert (await row(sim))["name"] == "third"
    await sim.advance(timedelta(minutes=10))
    assert sim.channel(case.channel)["name"] == "third"
    assert not sim.violations  # the bot never hit Discord's rate limit


async def test_the_close_button_asks_a_reason_then_confirms(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)

    asked = await sim.click(case.desk.staff, opening, "Close")
    confirm = await sim.submit(case.desk.staff, asked, {"Reason (optional)": "fixed in 2.1"})
    question = confirm.text
    assert (await row(sim))["status"] == "open"
    done = await sim.click(case.desk.staff, confirm.last, "Yes, close")

    assert asked.modal is not None and asked.modal["title"] == "Close this ticket"
    assert "Close ticket #1?" in question and "fixed in 2.1" in question and confirm.ephemeral
    assert done.updated_message is not None and "ticket #1 closed" in done.updated_message.text
    assert (await row(sim))["closed_reason"] == "fixed in 2.1"


async def test_cancel_changes_nothing_and_a_stranger_cannot_close(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", owner_can_close=False)

    asked = await sim.click(case.desk.staff, opening, "Close")
    confirm = await sim.submit(case.desk.staff, asked, {})
    cancelled = await sim.click(case.desk.staff, confirm.last, "Cancel")
    refused = await sim.click(case.owner, opening, "Close")

    assert cancelled.updated_message is not None and "Nothing was changed" in cancelled.updated_message.text
    assert refused.modal is None and "Only this server's ticket staff" in refused.text
    assert (await row(sim))["status"] == "open"


async def test_an_owner_may_close_only_their_own_ticket_from_the_button(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)
    bob = sim.member("bob")
    await staff_do(sim, case, "add", member=bob.id)  # added: sees the button, does not own the ticket
    # owners may close (the group's default), so the form is shown from memory and the ticket checked on submit
    asked = await sim.click(bob, opening, "Close")
    refused = await sim.submit(bob, asked, {"Reason (optional)": "mine now"})
    own = await sim.submit(case.owner, await sim.click(case.owner, opening, "Close"), {})

    assert asked.modal is not None
    assert (
        refused.ephemeral and "Only this server's ticket staff" in refused.text and not refused.last.buttons()
    )
    assert "Close ticket #1?" in own.text and own.last.button_labels() == ["Yes, close", "Cancel"]
    assert (await row(sim))["status"] == "open"


async def test_claim_reopen_and_delete_buttons_work_after_a_restart(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)
    await sim.restart()

    claimed = await sim.click(case.desk.staff, opening, "Claim")
    await staff_do(sim, case, "close")
    closed_message = sim.messages(case.channel)[-1]
    await sim.restart()
    reopened = await sim.click(case.desk.staff, closed_message, "Reopen")
    await staff_do(sim, case, "close")
    delete_message = sim.messages(case.channel)[-1]
    confirm = await sim.click(case.desk.staff, delete_message, "Delete")
    await sim.click(case.desk.staff, confirm.last, "Yes, delete")

    assert "is yours" in claimed.text
    assert "reopened" in reopened.text
    assert (await row(sim))["status"] == "deleted"


async def test_the_owner_leaving_is_recorded_and_closes_when_the_group_says_so(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    stays = sim.member("stan")
    await sim.click(stays, case.desk.panel, "Open a ticket")
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", close_on_owner_leave=True)

    await sim.leave(case.owner)

    record = await row(sim)
    assert record["owner_left_at"] is not None and record["status"] == "closed"
    assert record["closed_reason"] == "The owner left the server."
    assert (await row(sim, 2))["status"] == "open"


async def test_start_up_reconciles_what_changed_while_offline(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    bob, carl, dora = sim.member("bob"), sim.member("carl"), sim.member("dora")
    second = ticket_channel_id(await sim.click(bob, case.desk.panel, "Open a ticket"))
    third = ticket_channel_id(await sim.click(carl, case.desk.panel, "Open a ticket"))
    temp = sim.role("Temp")
    support = int(case.desk.support_role["id"])
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        support_roles=f"<@&{support}>, <@&{temp['id']}>",
    )
    await sim.stop()
    # while the bot is away: a channel is deleted, an owner leaves, overwrites are wiped, a role is deleted
    guild = sim.fake.guilds[sim.guild_id]
    sim.fake.delete_channel(second)
    sim.fake.remove_member(sim.guild_id, case.owner.id)
    guild.channels[third]["permission_overwrites"] = []
    guild.roles.pop(int(temp["id"]))

    await sim.start()

    assert (await row(sim, 2))["status"] == "deleted"
    assert (await row(sim, 1))["owner_left_at"] is not None
    assert sim.can_see(carl, third) and sim.can_see(case.desk.staff, third) and not sim.can_see(dora, third)
    assert category_name(sim, third) == "Tickets"
    assert sim.bot is not None
    roles = await sim.bot.db.fetchone("SELECT support_role_ids FROM ticket_groups WHERE name = 'Support'")
    assert roles is not None and roles[0] == f"[{support}]"


async def test_tickets_sync_reports_and_fixes(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    guild = sim.fake.guilds[sim.guild_id]
    guild.channels[case.channel]["permission_overwrites"] = []  # changed without the bot seeing it
    await sim.settle()

    result = await sim.slash(sim.owner, "tickets sync", channel=sim.general)

    assert "Sync finished" in result.text
    assert sim.can_see(case.owner, case.channel)
    refused = await sim.slash(case.owner, "tickets sync", channel=sim.general)
    assert "Only this server's ticket admins" in refused.text
