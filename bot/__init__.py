"""TicketDesk: a self-hosted Discord ticket bot.

``from bot import Settings, create_bot`` works; both are imported on first use, so importing any part
of the package (``bot.domain.models``, say) never drags the whole application in with it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.app import TicketDeskBot, create_bot
    from bot.settings import Settings

__all__ = ["Settings", "TicketDeskBot", "create_bot"]


def __getattr__(name: str) -> Any:
    if name == "Settings":
        from bot.settings import Settings  # lazy: see the module docstring

        return Settings
    if name in ("TicketDeskBot", "create_bot"):
        import bot.app as app  # lazy: see the module docstring

        return getattr(app, name)
    raise AttributeError(name)
