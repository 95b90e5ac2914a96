"""TicketDesk in the simulated Discord: its wiring (the only support module that imports the bot)
and the scenario helpers the flow tests share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import discord

from bot import Settings, create_bot
from bot.app import TicketDeskBot
from bot.services.permissions import REQUIRED_PERMISSIONS
from tests.support.clock import FakeClock
from tests.support.results import InteractionResult, Msg, Person
from tests.support.sim import Sim

# What TicketDesk's role grants in a new guild: the permissions it needs, every text permission,
# and Manage Messages.
DESK_PERMISSIONS = (
    REQUIRED_PERMISSIONS.value
    | discord.Permissions.text().value
    | discord.Permissions(view_channel=True, manage_messages=True).value
)
# TicketDesk names the tasks that wait on its clock td-bg:* (the scheduler, renames).
BACKGROUND_PREFIX = "td-bg:"


class TicketDeskSim(Sim[TicketDeskBot]):
    """The simulated Discord with TicketDesk's bot, built by ``create_bot`` from ``Settings(**settings)``.

    The data directory defaults to ``tmp_path / "data"`` and the token to a fake one.
    """

    def __init__(self, tmp_path: Path, **settings: Any) -> None:
        self.tmp_path = tmp_path
        settings.setdefault("data_dir", tmp_path / "data")
        settings.setdefault("token", "sim-token-not-real")
        self.settings = Settings(**settings)
        # called with every statement the bot's database runs (from its threads), when set
        self.on_statement: Callable[[str], None] | None = None
        super().__init__(
            self._make_bot,
            bot_permissions=DESK_PERMISSIONS,
            bot_name="TicketDesk",
            token=self.settings.token_value() or "",
            background_prefix=BACKGROUND_PREFIX,
        )

    def _make_bot(self, clock: FakeClock) -> TicketDeskBot:
        bot = create_bot(self.settings, clock=clock)
        bot.db.trace = self._statement  # runs on the database's threads
        return bot

    def _statement(self, sql: str) -> None:
        if self.on_statement is not None:
            self.on_statement(sql)

    async def on_crash(self, bot: TicketDeskBot) -> None:
        await bot.db.close()


async def make_sim(tmp_path: Path, **settings: object) -> TicketDeskSim:
    """A started TicketDesk sim whose bot uses ``settings`` (fields of TicketDesk's Settings)."""
    sim = TicketDeskSim(tmp_path, **settings)
    await sim.start()
    return sim


@dataclass
class Desk:
    """A guild after /tickets setup: its support role, a staff member and the posted panel."""

    support_role: dict[str, Any]
    staff: Person
    panel: Msg


async def setup_desk(sim: TicketDeskSim, *, mode: str = "channel") -> Desk:
    role = sim.role("Support")
    staff = sim.member("stella", roles=[role])
    result = await sim.slash(
        sim.owner, "tickets setup", channel=sim.general, support_role=role["id"], mode=mode
    )
    assert result.ephemeral and "Setup is ready" in result.text, result.text
    [panel] = [m for m in sim.messages(sim.general) if m.buttons()]
    return Desk(role, staff, panel)


def ticket_channel_id(result: InteractionResult) -> int:
    """The channel the ephemeral "your ticket is ready" answer links to."""
    match = re.search(r"<#(\d+)>", result.text)
    assert match is not None, f"no ticket link in: {result.text!r}"
    return int(match.group(1))


@dataclass
class Case:
    """An open ticket: the desk it came from, its owner, its channel (or thread) and number."""

    desk: Desk
    owner: Person
    channel: int
    number: int
    mode: str


async def open_case(sim: TicketDeskSim, mode: str = "channel") -> Case:
    desk = await setup_desk(sim, mode=mode)
    owner = sim.member("olive")
    result = await sim.click(owner, desk.panel, "Open a ticket")
    return Case(desk, owner, ticket_channel_id(result), 1, mode)


async def row(sim: TicketDeskSim, number: int = 1) -> dict[str, Any]:
    """Ticket ``number``'s row in the bot's database."""
    assert sim.bot is not None
    found = await sim.bot.db.fetchone("SELECT * FROM tickets WHERE number = ?", (number,))
    assert found is not None
    return dict(found)


def category_name(sim: TicketDeskSim, channel_id: int) -> str | None:
    parent = sim.channel(channel_id).get("parent_id")
    return sim.channel(int(parent))["name"] if parent else None


async def staff_do(sim: TicketDeskSim, case: Case, command: str, **options: Any) -> InteractionResult:
    """The desk's staff member runs ``/ticket <command>`` in the case's channel."""
    return await sim.slash(case.desk.staff, f"ticket {command}", channel=case.channel, **options)
