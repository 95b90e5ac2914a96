"""Inputs that overflow or mislead: every number is bounded with a clear sentence, and every sentence is right."""

from __future__ import annotations

import io

import discord
import pytest
from PIL import Image

from bot.domain.stats import axis_ticks
from tests.support.desk import TicketDeskSim, open_case, setup_desk, staff_do
from tests.support.files import files_of
from tests.support.results import Msg

HUGE = "99999999999999999999d"
FAR_FUTURE = "9999-12-31T23:59:59-12:00"


@pytest.mark.parametrize("when", [HUGE, FAR_FUTURE, "9" * 99 + "s"])
async def test_an_expiry_too_far_away_gets_a_sentence(sim: TicketDeskSim, when: str) -> None:
    case = await open_case(sim)
    answer = await staff_do(sim, case, "expire", when=when)
    assert answer.ephemeral and "ten years" in answer.text and "incident" not in answer.text


async def test_a_stats_period_too_long_gets_a_sentence(sim: TicketDeskSim) -> None:
    await open_case(sim)
    answer = await sim.slash(sim.owner, "tickets stats", channel=sim.general, period=HUGE[1:])
    assert "ten years" in answer.text and "incident" not in answer.text


@pytest.mark.parametrize("option", ["cooldown", "inactivity_close"])
async def test_a_group_duration_too_long_gets_a_sentence(sim: TicketDeskSim, option: str) -> None:
    await setup_desk(sim)
    answer = await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", **{option: HUGE})
    assert "ten years" in answer.text and "incident" not in answer.text


def forge(sim: TicketDeskSim, message: Msg, label: str, custom_id: str) -> None:
    """A modified client: the button labelled ``label`` now sends ``custom_id``."""
    stored = sim.fake.message_index[message.id]
    for row in stored["components"]:
        for component in row.get("components", []):
            if component.get("label") == label:
                component["custom_id"] = custom_id


@pytest.mark.parametrize(
    "custom_id",
    [
        "td:v1:ticket:close:99999999999999999999",
        "td:v1:ticket:close:9999999999999999999",
        "td:v1:panel:open:9999999999999999999:1",
    ],
)
async def test_an_id_too_large_for_the_database_in_a_button_is_refused_cleanly(
    sim: TicketDeskSim, custom_id: str
) -> None:
    case = await open_case(sim)
    [opening] = sim.messages(case.channel)
    forge(sim, opening, "Claim", custom_id)

    answer = await sim.click(case.owner, opening, custom_id)

    assert answer.ephemeral and "incident" not in answer.text


async def test_names_that_are_ids_too_large_are_refused_cleanly(sim: TicketDeskSim) -> None:
    await setup_desk(sim)
    panel = await sim.slash(sim.owner, "panel post", channel=sim.general, panel="99999999999999999999")
    message = await sim.slash(
        sim.owner,
        "message send",
        channel=sim.general,
        message="99999999999999999999",
        opts={"channel": sim.general},
    )
    assert "no panel called" in panel.text and "no saved message called" in message.text


# -- 13. sentences that read right -------------------------------------------------------------------


async def test_eternal_twice_reads_right(sim: TicketDeskSim) -> None:
    case = await open_case(sim)
    await staff_do(sim, case, "eternal", enabled=True)
    again = await staff_do(sim, case, "eternal", enabled=True)
    await staff_do(sim, case, "eternal", enabled=False)
    not_again = await staff_do(sim, case, "eternal", enabled=False)

    assert "Ticket #1 is already eternal." in again.text
    assert "Ticket #1 is not eternal." in not_again.text


async def test_counts_of_one_read_in_the_singular(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    alice = sim.member("alice")
    await sim.click(alice, desk.panel, "Open a ticket")
    refused = await sim.click(alice, desk.panel, "Open a ticket")
    status = await sim.slash(sim.owner, "tickets status", channel=sim.general)

    assert "You already have 1 open ticket in Support" in refused.text
    assert "(s)" not in refused.text and "(s)" not in status.text


@pytest.mark.parametrize("schedule", ["monkey 09:00-17:00", "mo-fr 09:00-17:00 Mars/Olympus"])
async def test_a_schedule_with_a_word_that_is_not_a_day_is_refused(sim: TicketDeskSim, schedule: str) -> None:
    await setup_desk(sim)
    answer = await sim.slash(sim.owner, "group edit", channel=sim.general, group="Support", schedule=schedule)
    assert answer.text.startswith("Schedule:")


@pytest.mark.parametrize("zone", ["CET", "EST", "Europe/Berlin", "UTC"])
async def test_a_schedule_in_any_iana_zone_is_accepted(sim: TicketDeskSim, zone: str) -> None:
    await setup_desk(sim)
    answer = await sim.slash(
        sim.owner, "group edit", channel=sim.general, group="Support", schedule=f"mo-fr 09:00-17:00 {zone}"
    )
    assert answer.text.startswith("Saved"), answer.text
    assert zone in answer.text


async def test_the_stats_chart_axis_counts_in_whole_distinct_steps(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    for name in ("a", "b", "c"):
        await sim.click(sim.member(name), desk.panel, "Open a ticket")

    answer = await sim.slash(desk.staff, "tickets stats", channel=sim.general)
    [chart] = files_of(sim, answer).values()

    assert Image.open(io.BytesIO(chart)).size == (900, 360)
    for peak in (1, 2, 3, 4, 5, 7, 10, 13, 99, 1000):
        ticks = axis_ticks(peak)
        assert (
            ticks[0] == 0 and ticks[-1] >= peak and len(set(ticks)) == len(ticks) and ticks == sorted(ticks)
        )


async def test_a_bad_request_from_discord_is_not_called_a_missing_permission(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    sim.fake.fail_next("POST", "/guilds/{guild_id}/channels", 400, code=50035, message="Invalid Form Body")

    answer = await sim.click(sim.member("alice"), desk.panel, "Open a ticket")

    assert answer.ephemeral and "permission" not in answer.text.lower() and "Invalid Form Body" in answer.text


async def test_a_missing_permission_is_named_with_its_place(sim: TicketDeskSim) -> None:
    desk = await setup_desk(sim)
    [category] = sim.channels_named("Tickets")
    embed = discord.Permissions(embed_links=True).value
    for overwrite in category["permission_overwrites"]:
        if overwrite["id"] == sim.fake.bot_user["id"]:  # an admin took Embed Links from the bot there
            overwrite["allow"], overwrite["deny"] = str(int(overwrite["allow"]) & ~embed), str(embed)
    sim.fake.emit("CHANNEL_UPDATE", category)
    await sim.settle()

    answer = await sim.click(sim.member("alice"), desk.panel, "Open a ticket")

    assert "Embed Links" in answer.text and f"<#{category['id']}>" in answer.text
