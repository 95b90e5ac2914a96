"""``custom_id``s: short, versioned, parseable (``td:v1:<kind>:<action>:<id>...``), built and parsed here only."""

from __future__ import annotations

PREFIX = "td:v1"
MAX_LENGTH = 100


def build(kind: str, action: str, *ids: int | str) -> str:
    """``td:v1:kind:action:id...``; raises ValueError past Discord's 100 characters or on a stray colon."""
    parts = [kind, action, *(str(i) for i in ids)]
    if any(":" in part or not part for part in parts):
        raise ValueError(f"custom_id parts must be non-empty and colon-free: {parts!r}")
    custom_id = ":".join([PREFIX, *parts])
    if len(custom_id) > MAX_LENGTH:
        raise ValueError(f"custom_id longer than {MAX_LENGTH} characters: {custom_id!r}")
    return custom_id


def template(kind: str, action: str, *names: str) -> str:
    """The DynamicItem regex matching ``build(kind, action, <int>...)``, with one named group per id."""
    groups = "".join(f":(?P<{name}>[0-9]{{1,20}})" for name in names)
    return rf"{PREFIX}:{kind}:{action}{groups}"
