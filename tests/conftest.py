"""Shared fixtures: an isolated environment and a running bot in a simulated Discord."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.support.desk import TicketDeskSim, make_sim
from tests.support.sim import finish


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No TICKETDESK_* variable or config.toml from the developer's machine leaks into a test."""
    for key in list(os.environ):
        if key.startswith("TICKETDESK_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
async def sim(tmp_path: Path) -> AsyncIterator[TicketDeskSim]:
    s = await make_sim(tmp_path)
    try:
        yield s
    finally:
        await finish(s)
