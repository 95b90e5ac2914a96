"""``{variable}`` templates for messages: only known names are filled, everything else is left as typed.

The one template engine of saved messages and tags: a draft is checked by :func:`validated_draft`, and
filled by :func:`fill_message` with the values ``CustomMessageService.values`` computes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from bot import messages
from bot.domain import message_limits
from bot.domain.message_limits import MessageDraft, MessageError
from bot.domain.models import Ticket, TicketGroup
from bot.domain.text import one_line, strip_invisible
from bot.errors import InvalidInput

_VARIABLE = re.compile(r"\{([a-z_]{1,32})\}")
MESSAGE_VARIABLES = ("user", "user_name", "ticket", "number", "group", "server", "channel", "staff")


def render(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` for the names in ``values``; unknown names and other braces stay as they are."""
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def unknown_variables(template: str, allowed: tuple[str, ...] = MESSAGE_VARIABLES) -> list[str]:
    return [name for name in _VARIABLE.findall(template) if name not in allowed]


def ticket_variables(ticket: Ticket, group: TicketGroup, *, owner_name: str, server: str) -> dict[str, str]:
    """The values a message about ``ticket`` can use (mentions are text; sending decides who is pinged)."""
    return {
        "user": f"<@{ticket.owner_id}>",
        "user_name": one_line(strip_invisible(owner_name)),
        "ticket": f"#{ticket.number}",
        "number": str(ticket.number),
        "group": group.name,
        "server": server,
        "channel": f"<#{ticket.channel_id}>" if ticket.channel_id else "",
        "staff": " ".join(f"<@&{r}>" for r in group.support_role_ids),
    }


def unknown_in_message(content: str | None, embeds: list[dict[str, Any]]) -> list[str]:
    """Unknown ``{variables}`` anywhere in a saved message's content or embeds."""
    return unknown_variables((content or "") + json.dumps(embeds, ensure_ascii=False))


def fill_message(
    content: str | None, embeds: list[dict[str, Any]], values: Mapping[str, str]
) -> tuple[str | None, list[dict[str, Any]]]:
    """Fill the variables into the content and every text of the embeds, then fit Discord's limits."""

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return render(value, values)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return message_limits.fit(render(content, values) if content else content, walk(embeds))


def _colour(text: str) -> int:
    try:
        return int(text.strip().lstrip("#"), 16)
    except ValueError:
        raise InvalidInput(messages.COLOUR_INVALID) from None


def validated_draft(draft: MessageDraft) -> tuple[str | None, list[dict[str, Any]]]:
    """What an admin typed for a saved message or a tag, as (content, embeds) Discord accepts and whose
    variables are all known; refuses with a sentence naming the first problem."""
    try:
        embeds = message_limits.parse_embeds(draft.embeds_json)
        if draft.title or draft.description:
            simple: dict[str, Any] = {}
            if draft.title:
                simple["title"] = draft.title
            if draft.description:
                simple["description"] = draft.description
            if draft.color:
                simple["color"] = _colour(draft.color)
            embeds.insert(0, simple)
        content = draft.content.strip() if draft.content and draft.content.strip() else None
        message_limits.check(content, embeds)
    except MessageError as exc:
        raise InvalidInput(messages.MESSAGE_INVALID.format(detail=exc)) from None
    unknown = unknown_in_message(content, embeds)
    if unknown:
        raise InvalidInput(
            messages.MESSAGE_UNKNOWN_VARIABLE.format(
                name=unknown[0], known=", ".join("{" + v + "}" for v in MESSAGE_VARIABLES)
            )
        )
    return content, embeds
