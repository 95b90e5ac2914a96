"""``{variable}`` templates for messages: only known names are filled, everything else is left as typed."""

from __future__ import annotations

import re
from collections.abc import Mapping

_VARIABLE = re.compile(r"\{([a-z_]{1,32})\}")
MESSAGE_VARIABLES = ("user", "user_name", "ticket", "number", "group", "server", "channel", "staff")


def render(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{name}`` for the names in ``values``; unknown names and other braces stay as they are."""
    return _VARIABLE.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def unknown_variables(template: str, allowed: tuple[str, ...] = MESSAGE_VARIABLES) -> list[str]:
    return [name for name in _VARIABLE.findall(template) if name not in allowed]
