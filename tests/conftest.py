"""Shared fixtures: an isolated environment and a running bot in a simulated Discord."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.sim import Sim


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No TICKETDESK_* variable or config.toml from the developer's machine leaks into a test."""
    for key in list(os.environ):
        if key.startswith("TICKETDESK_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


async def make_sim(tmp_path: Path, **settings: object) -> Sim:
    sim = Sim(tmp_path, **settings)
    await sim.start()
    return sim


async def finish(sim: Sim) -> None:
    """Close the sim, then fail on anything the bot logged as an error or any Discord rule it broke."""
    await sim.close()
    errors = sim.unexpected_errors()
    assert not errors, "the bot logged errors:\n" + "\n".join(
        f"{r.name}: {r.getMessage()}" + (f"\n{r.exc_text or ''}" if r.exc_info else "") for r in errors
    )
    assert not sim.violations, f"the bot broke Discord's rules: {sim.violations}"


@pytest.fixture
async def sim(tmp_path: Path) -> AsyncIterator[Sim]:
    s = await make_sim(tmp_path)
    try:
        yield s
    finally:
        await finish(s)
