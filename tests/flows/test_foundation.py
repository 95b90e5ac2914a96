"""The foundation, end to end: the bot starts, answers, and keeps its components across a restart."""

from __future__ import annotations

import re

import discord

from tests.support.desk import TicketDeskSim


async def test_status_is_answered_ephemerally_to_an_admin(sim: TicketDeskSim) -> None:
    result = await sim.slash(sim.owner, "tickets status", channel=sim.general)

    assert result.acknowledged
    assert result.ephemeral
    assert "TicketDesk status" in result.text
    assert "0 open" in result.text
    assert "None: I have every permission I need." in result.text


async def test_status_is_refused_to_a_member_without_changing_anything(sim: TicketDeskSim) -> None:
    bob = sim.member("bob")

    result = await sim.slash(bob, "tickets status", channel=sim.general)

    assert result.ephemeral
    assert "Only this server's ticket admins" in result.text
    assert sim.messages(sim.general) == []


class Knock(discord.ui.DynamicItem[discord.ui.Button], template=r"td:v1:test:knock:(?P<n>[0-9]+)"):
    """A test-only persistent button: it answers with the number its custom_id carries."""

    def __init__(self, n: int) -> None:
        super().__init__(discord.ui.Button(label="Knock", custom_id=f"td:v1:test:knock:{n}"))
        self.n = n

    @classmethod
    async def from_custom_id(cls, interaction, item, match: re.Match[str]):  # type: ignore[override]
        return cls(int(match["n"]))

    async def callback(self, interaction: discord.Interaction) -> None:  # type: ignore[override]
        await interaction.response.send_message(f"who's there? #{self.n}", ephemeral=True)


async def test_a_persistent_button_still_works_after_a_restart(sim: TicketDeskSim) -> None:
    assert sim.bot is not None
    sim.bot.add_dynamic_items(Knock)
    view = discord.ui.View(timeout=None)
    view.add_item(Knock(7))
    channel = sim.bot.get_channel(sim.general)
    assert isinstance(channel, discord.TextChannel)
    await channel.send("door", view=view)
    await sim.settle()
    [door] = sim.messages(sim.general)

    first = await sim.click(sim.owner, door, "Knock")
    bot = await sim.restart()
    bot.add_dynamic_items(Knock)  # registered at start-up, as setup_hook does for the bot's own items
    second = await sim.click(sim.owner, door, "Knock")

    assert first.text == second.text == "who's there? #7"
    assert second.ephemeral


async def test_commands_are_synced_once_and_again_only_when_they_change(sim: TicketDeskSim) -> None:
    assert sim.fake.sync_calls == ["global"]

    bot = await sim.restart()
    assert sim.fake.sync_calls == ["global"]

    bot.tree.add_command(discord.app_commands.Command(name="extra", description="x", callback=_noop))
    assert await bot.sync_commands_if_changed() == ["global"]
    assert sim.fake.sync_calls == ["global", "global"]


async def _noop(interaction: discord.Interaction) -> None:
    await interaction.response.send_message("noop")
