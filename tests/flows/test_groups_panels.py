"""Admins configure groups and panels; bad input gets a clear answer and changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.support.desk import TicketDeskSim, setup_desk, ticket_channel_id
from tests.support.results import SimRefused


async def group_row(sim: TicketDeskSim, name: str) -> tuple:
    assert sim.bot is not None
    row = await sim.bot.db.fetchone(
        "SELECT * FROM ticket_groups WHERE name = ? AND deleted_at IS NULL", (name,)
    )
    assert row is not None
    return tuple(row)


async def test_group_create_show_edit_list_and_delete(sim: TicketDeskSim) -> None:
    tickets = sim.add_category("Support Tickets")
    closed = sim.add_category("Closed")
    role = sim.role("Agents")
    transcripts = sim.add_channel("transcripts")
    await sim.settle()

    created = await sim.slash(
        sim.owner,
        "group create",
        channel=sim.general,
        name="Support",
        category=tickets,
        support_role=role["id"],
    )
    edited = await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        closed_category=closed,
        transcript_channel=transcripts,
        user_limit=2,
        cooldown="5m",
        priority_levels="🟢 Low | Normal* | 🔴 Urgent #ff0000: today",
        rating_levels="1 | 2 | 3 | 4 | 5*",
        schedule="mo-fr 09:00-17:00 Europe/Berlin",
        out_of_hours="warn",
        inactivity_close="3d owner",
        owner_can_close=False,
        default=True,
        opening_message="Hi {user}, this is {ticket} in {group}.",
    )
    listed = await sim.slash(sim.owner, "group list", channel=sim.general)
    shown = await sim.slash(sim.owner, "group show", channel=sim.general, group="support")

    assert "Created the group “Support”" in created.text
    assert "Saved “Support”" in edited.text
    text = shown.text
    assert "(default)" in text and "Urgent" in text and "mo 09:00-17:00" in text and "Europe/Berlin" in text
    assert "3 days (owner's messages only)" in text and "5 minutes" in text and f"<#{transcripts}>" in text
    assert "Support" in listed.text and "limit 2" in listed.text

    cleared = await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        clear="schedule, transcript_channel, priority_levels",
    )
    assert "Saved" in cleared.text
    shown = await sim.slash(sim.owner, "group show", channel=sim.general, group="Support")
    assert "always open" in shown.text and f"<#{transcripts}>" not in shown.text

    deleted = await sim.slash(sim.owner, "group delete", channel=sim.general, group="Support")
    assert "Deleted the group" in deleted.text
    empty = await sim.slash(sim.owner, "group list", channel=sim.general)
    assert "No groups yet" in empty.text


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"categories": "general"}, "is not a category"),
        ({"categories": "nowhere"}, "cannot find the channel"),
        ({"support_roles": "Nobody"}, "cannot find the role"),
        ({"name_template": "{nope}-{number}"}, "unknown template variable {nope}"),
        ({"name_template": "!!!"}, "renders an empty channel name"),
        ({"priority_levels": "x" * 81}, "1 to 80 characters"),
        ({"priority_levels": "Low* | High*"}, "only one level can be the default"),
        ({"schedule": "mo-fr 17:00-09:00"}, "end must come after the start"),
        ({"schedule": "mo-fr 09:00-17:00 Mars/Olympus"}, "not an IANA timezone"),
        ({"cooldown": "soon"}, "not a duration"),
        ({"opening_message": "Hello {nobody}"}, "unknown variable {nobody}"),
        ({"clear": "name"}, "cannot be cleared"),
    ],
)
async def test_bad_group_edits_are_refused_clearly(sim: TicketDeskSim, options: dict, expected: str) -> None:
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Support")
    before = await group_row(sim, "Support")

    result = await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", **options)

    assert result.ephemeral
    assert expected in result.text, result.text
    assert await group_row(sim, "Support") == before


async def test_a_thread_group_needs_a_parent_and_a_name_is_unique(sim: TicketDeskSim) -> None:
    no_parent = await sim.slash(sim.owner, "group create", channel=sim.general, name="Threads", mode="thread")
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Support")
    twice = await sim.slash(sim.owner, "group create", channel=sim.general, name="support")

    assert "needs a parent text channel" in no_parent.text
    assert "already exists" in twice.text


async def test_a_group_with_open_tickets_cannot_be_deleted(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    await sim.click(sim.member("alice"), desk.panel, "Open a ticket")

    result = await sim.slash(sim.owner, "group delete", channel=sim.general, group="Support")

    assert "still has 1 open ticket" in result.text
    assert await group_row(sim, "Support")


async def test_members_cannot_configure(sim: TicketDeskSim) -> None:
    mallory = sim.member("mallory")
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Support")

    attempts = [
        await sim.slash(mallory, "group create", channel=sim.general, name="Mine"),
        await sim.slash(mallory, "group edit", channel=sim.general, group="Support", user_limit=9),
        await sim.slash(mallory, "group delete", channel=sim.general, group="Support"),
        await sim.slash(mallory, "panel create", channel=sim.general, name="P"),
        await sim.slash(mallory, "tickets setup", channel=sim.general),
    ]

    assert all("Only this server's ticket admins" in r.text for r in attempts)
    assert (await group_row(sim, "Support"))[0]
    assert sim.bot is not None
    assert (await sim.bot.db.fetchone("SELECT COUNT(*) FROM panels"))[0] == 0  # type: ignore[index]


async def test_form_fields_are_checked(sim: TicketDeskSim) -> None:
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Support")
    for i in range(5):
        await sim.slash(
            sim.owner, "group form", channel=sim.general, group="Support", action="add", label=f"Q{i}"
        )

    sixth = await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="add", label="Q6"
    )
    bad_lengths = await sim.slash(
        sim.owner,
        "group form",
        channel=sim.general,
        group="Support",
        action="edit",
        field="f1",
        min_length=50,
        max_length=10,
    )
    no_options = await sim.slash(
        sim.owner,
        "group form",
        channel=sim.general,
        group="Support",
        action="edit",
        field="f2",
        kind="select",
    )
    moved = await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="move", field="f5", position=1
    )
    removed = await sim.slash(
        sim.owner, "group form", channel=sim.general, group="Support", action="remove", field="f3"
    )

    assert "at most 5 fields" in sixth.text
    assert "minimum length is above the maximum" in bad_lengths.text
    assert "needs 1 to 25 options" in no_options.text
    assert moved.text.index("1. Q4") < moved.text.index("2. Q0")
    assert "now has 4 fields" in removed.text


async def test_panels_refresh_after_edits_and_come_back_when_deleted(sim: TicketDeskSim) -> None:
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Sales")
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Tech")
    await sim.slash(
        sim.owner,
        "panel create",
        channel=sim.general,
        name="Front",
        kind="type_buttons",
        title="How can we help?",
    )
    await sim.slash(
        sim.owner, "panel add-entry", channel=sim.general, panel="Front", group="Sales", label="Buy"
    )
    posted = await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Front")
    [panel] = [m for m in sim.messages(sim.general) if m.buttons()]
    assert "posted" in posted.text and panel.button_labels() == ["Buy"]

    await sim.slash(
        sim.owner, "panel add-entry", channel=sim.general, panel="Front", group="Tech", label="Fix", emoji="🛠️"
    )
    assert sim.refresh(panel).button_labels() == ["Buy", "Fix"]
    entry = next(b["custom_id"].split(":")[-1] for b in sim.refresh(panel).buttons() if b["label"] == "Buy")
    await sim.slash(sim.owner, "panel remove-entry", channel=sim.general, panel="Front", entry=entry)
    assert sim.refresh(panel).button_labels() == ["Fix"]

    await sim.delete(panel)
    again = await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Front")
    assert "posted" in again.text
    [recreated] = [m for m in sim.messages(sim.general) if m.buttons()]
    assert recreated.id != panel.id and recreated.button_labels() == ["Fix"]
    refreshed = await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Front")
    assert "refreshed" in refreshed.text and len([m for m in sim.messages(sim.general) if m.buttons()]) == 1
    alice = sim.member("alice")
    opened = await sim.click(alice, recreated, "Fix")
    assert "Your ticket is ready" in opened.text


async def test_panel_limits_and_a_button_panel_has_one_entry(sim: TicketDeskSim) -> None:
    await sim.slash(sim.owner, "group create", channel=sim.general, name="Sales")
    await sim.slash(sim.owner, "panel create", channel=sim.general, name="One")
    await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="One", group="Sales")

    second = await sim.slash(sim.owner, "panel add-entry", channel=sim.general, panel="One", group="Sales")
    bad_emoji = await sim.slash(sim.owner, "panel create", channel=sim.general, name="Two", kind="dropdown")
    bad_emoji = await sim.slash(
        sim.owner, "panel add-entry", channel=sim.general, panel="Two", group="Sales", emoji="not an emoji"
    )
    empty = await sim.slash(sim.owner, "panel post", channel=sim.general, panel="Two")

    assert "opens one group" in second.text
    assert "is not an emoji" in bad_emoji.text
    assert "has no entries yet" in empty.text
    with pytest.raises(SimRefused):
        await sim.slash(
            sim.owner, "panel add-entry", channel=sim.general, panel="Two", group="Sales", label="x" * 81
        )


async def test_out_of_hours_warns_or_blocks(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    sim.clock._now = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)  # a Saturday
    await sim.slash(
        sim.owner,
        "group edit",
        channel=sim.general,
        group="Support",
        schedule="mo-fr 09:00-17:00 UTC",
        out_of_hours="warn",
        user_limit=0,
    )
    alice = sim.member("alice")

    warned = await sim.click(alice, desk.panel, "Open a ticket")
    await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", out_of_hours="block")
    blocked = await sim.click(alice, desk.panel, "Open a ticket")
    await sim.advance(timedelta(days=2))  # Monday 12:00
    open_again = await sim.click(alice, desk.panel, "Open a ticket")

    monday_9 = int(datetime(2026, 11, 30, 9, 0, tzinfo=UTC).timestamp())
    assert "Your ticket is ready" in warned.text and f"<t:{monday_9}:F>" in warned.text
    [opening] = sim.messages(ticket_channel_id(warned))
    assert "outside support hours" in opening.text
    assert "support is closed right now" in blocked.text and f"<t:{monday_9}:F>" in blocked.text
    assert "Your ticket is ready" in open_again.text and "outside" not in open_again.text
