"""Every failure is answered ephemerally; the unexpected ones carry an incident id that is logged."""

from __future__ import annotations

import re

import discord
from discord import app_commands

from bot.errors import LimitReached
from bot.render.replies import ANSWERS_ITSELF  # these commands answer by themselves
from tests.support.desk import TicketDeskSim


async def add(sim: TicketDeskSim, name: str, callback) -> None:  # type: ignore[no-untyped-def]
    assert sim.bot is not None
    sim.bot.tree.add_command(
        app_commands.Command(name=name, description="test", callback=callback, extras=ANSWERS_ITSELF)
    )
    await sim.bot.sync_commands_if_changed()


async def test_a_user_error_is_its_sentence_ephemerally(sim: TicketDeskSim) -> None:
    async def limited(interaction: discord.Interaction) -> None:
        raise LimitReached("You already have an open ticket.")

    await add(sim, "limited", limited)
    result = await sim.slash(sim.owner, "limited", channel=sim.general)

    assert result.ephemeral
    assert result.text == "You already have an open ticket."


async def test_an_unexpected_error_shows_an_incident_id_that_is_in_the_log(  # type: ignore[no-untyped-def]
    sim: TicketDeskSim, caplog
) -> None:
    async def broken(interaction: discord.Interaction) -> None:
        raise RuntimeError("database on fire")

    await add(sim, "broken", broken)
    with sim.expect_errors(1):
        result = await sim.slash(sim.owner, "broken", channel=sim.general)

    assert result.ephemeral
    match = re.search(r"incident id: `([0-9a-f]{8})`", result.text)
    assert match is not None
    assert "database on fire" not in result.text
    assert any(match.group(1) in record.getMessage() for record in caplog.records)


async def test_an_error_after_deferring_is_sent_as_a_follow_up(sim: TicketDeskSim) -> None:
    async def deferred(interaction: discord.Interaction) -> None:
        await interaction.response.defer(ephemeral=True)
        raise LimitReached("Too many tickets.")

    await add(sim, "deferred", deferred)
    result = await sim.slash(sim.owner, "deferred", channel=sim.general)

    assert result.ephemeral
    assert result.text == "Too many tickets."


async def test_discord_refusing_the_bot_is_explained(sim: TicketDeskSim) -> None:
    async def hide(interaction: discord.Interaction) -> None:
        assert interaction.guild is not None
        await interaction.guild.create_text_channel(
            "x", overwrites={interaction.guild.default_role: discord.PermissionOverwrite(administrator=True)}
        )

    await add(sim, "hide", hide)
    result = await sim.slash(sim.owner, "hide", channel=sim.general)

    assert result.ephemeral
    assert "Discord refused me" in result.text
