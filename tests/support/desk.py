"""TicketDesk in the simulated Discord: the scenario helpers the flow tests share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support.results import InteractionResult, Msg, Person
from tests.support.sim import Sim


async def make_sim(tmp_path: Path, **settings: object) -> Sim:
    """A started sim whose bot uses ``settings`` (TicketDesk's Settings fields)."""
    sim = Sim(tmp_path, **settings)
    await sim.start()
    return sim


@dataclass
class Desk:
    """A guild after /tickets setup: its support role, a staff member and the posted panel."""

    support_role: dict[str, Any]
    staff: Person
    panel: Msg


async def setup_desk(sim: Sim, *, mode: str = "channel") -> Desk:
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


async def open_case(sim: Sim, mode: str = "channel") -> Case:
    desk = await setup_desk(sim, mode=mode)
    owner = sim.member("olive")
    result = await sim.click(owner, desk.panel, "Open a ticket")
    return Case(desk, owner, ticket_channel_id(result), 1, mode)


async def row(sim: Sim, number: int = 1) -> dict[str, Any]:
    """Ticket ``number``'s row in the bot's database."""
    assert sim.bot is not None
    found = await sim.bot.db.fetchone("SELECT * FROM tickets WHERE number = ?", (number,))
    assert found is not None
    return dict(found)


def category_name(sim: Sim, channel_id: int) -> str | None:
    parent = sim.channel(channel_id).get("parent_id")
    return sim.channel(int(parent))["name"] if parent else None


async def staff_do(sim: Sim, case: Case, command: str, **options: Any) -> InteractionResult:
    """The desk's staff member runs ``/ticket <command>`` in the case's channel."""
    return await sim.slash(case.desk.staff, f"ticket {command}", channel=case.channel, **options)
