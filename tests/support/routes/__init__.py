"""The simulated Discord's REST routes, one module per resource, gathered into one explicit table.

Each module lists its routes in ``ROUTES`` as ``(method, path template, handler)``, the template being
discord.py's ``Route.path``. A handler takes ``(fake, path values, JSON body, uploads, query)`` and
returns the JSON answer or raises :class:`~tests.support.fake_discord.DiscordError`.
"""

from __future__ import annotations

from collections.abc import Iterable

from tests.support.fake_discord import Handler, RouteTable
from tests.support.routes import (
    application,
    channels,
    guilds,
    interactions,
    messages,
    threads,
    users,
    webhooks,
)


def build_table(*route_lists: Iterable[tuple[str, str, Handler]]) -> RouteTable:
    """One table from several route lists; a route listed twice is a mistake."""
    table: RouteTable = {}
    for routes in route_lists:
        for method, path, handler in routes:
            if (method, path) in table:
                raise ValueError(f"route {method} {path} is listed twice")
            table[(method, path)] = handler
    return table


ROUTE_TABLE: RouteTable = build_table(
    application.ROUTES,
    users.ROUTES,
    guilds.ROUTES,
    channels.ROUTES,
    threads.ROUTES,
    messages.ROUTES,
    webhooks.ROUTES,
    interactions.ROUTES,
)
