"""``custom_id``s: short, versioned, parseable (``td:v1:<kind>:<action>:<id>...``), built and parsed here only."""

from __future__ import annotations

from collections.abc import Iterable

from bot.domain.text import MAX_ID

PREFIX = "td:v1"
MAX_LENGTH = 100
FORM_PREFIX = f"{PREFIX}:form:"


def build(kind: str, action: str, *ids: int | str) -> str:
    """``td:v1:kind:action:id...``; raises ValueError past Discord's 100 characters or on a stray colon."""
    parts = [kind, action, *(str(i) for i in ids)]
    if any(":" in part or not part for part in parts):
        raise ValueError(f"custom_id parts must be non-empty and colon-free: {parts!r}")
    custom_id = ":".join([PREFIX, *parts])
    if len(custom_id) > MAX_LENGTH:
        raise ValueError(f"custom_id longer than {MAX_LENGTH} characters: {custom_id!r}")
    return custom_id


def _ids(names: Iterable[str]) -> str:
    return "".join(f":(?P<{name}>[0-9]{{1,20}})" for name in names)


def template(kind: str, action: str, *names: str) -> str:
    """The regex matching ``build(kind, action, <int>...)``, with one named group per id."""
    return rf"{PREFIX}:{kind}:{action}{_ids(names)}"


def choice_template(kind: str, actions: Iterable[str], *names: str) -> str:
    """Like :func:`template`, for one item class serving several actions (named group ``action``)."""
    return rf"{PREFIX}:{kind}:(?P<action>{'|'.join(actions)}){_ids(names)}"


def in_range(*ids: int) -> bool:
    """Whether every id can be one of ours (a forged custom_id may carry any number of digits)."""
    return all(0 < i <= MAX_ID for i in ids)


def is_form(custom_id: str) -> bool:
    """A ticket form's modal (``build("form", "open", ...)``)."""
    return custom_id.startswith(FORM_PREFIX)
