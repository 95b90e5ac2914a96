"""Ticket names from templates, made valid for Discord channels and threads."""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Mapping
from datetime import datetime

from bot import messages
from bot.domain.text import strip_invisible

NAME_MAX = 100
TEMPLATE_MAX = 100
VARIABLES = ("number", "user", "user_id", "group", "date")
_SAMPLE = {
    "number": "12345",
    "user": "a",
    "user_id": "123456789012345678",
    "group": "g",
    "date": "2026-01-31",
}
_CHANNEL_UNSAFE = re.compile(r"[^\w\-]+", re.UNICODE)
_DASHES = re.compile(r"-{2,}")


class TemplateError(ValueError):
    """The template cannot be used (unknown variable, bad syntax, or it renders no usable name)."""


def template_variables(template: str) -> list[str]:
    """The ``{variables}`` a template uses; raises TemplateError on bad syntax."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise TemplateError(messages.TEMPLATE_SYNTAX.format(detail=exc)) from None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            raise TemplateError(messages.TEMPLATE_FORMAT_SPEC)
        names.append(name)
    return names


def validate_template(template: str, *, thread: bool = False) -> None:
    """Refuse a template with unknown variables or one that renders an empty or invalid name."""
    if not template or len(template) > TEMPLATE_MAX:
        raise TemplateError(messages.TEMPLATE_LENGTH.format(max=TEMPLATE_MAX))
    unknown = [v for v in template_variables(template) if v not in VARIABLES]
    if unknown:
        raise TemplateError(
            messages.TEMPLATE_UNKNOWN.format(
                name=unknown[0], known=", ".join("{" + v + "}" for v in VARIABLES)
            )
        )
    rendered = render_name(template, _SAMPLE, thread=thread, fallback="")
    if not rendered:
        raise TemplateError(messages.TEMPLATE_EMPTY)


def _fill(template: str, values: Mapping[str, str]) -> str:
    out = []
    for literal, name, _, _ in string.Formatter().parse(template):
        out.append(literal)
        if name is not None:
            out.append(values.get(name, ""))
    return "".join(out)


def channel_slug(text: str) -> str:
    """What a text channel name may hold: lower case letters, digits, dashes and underscores."""
    text = unicodedata.normalize("NFKC", strip_invisible(text)).lower()
    text = "-".join(text.split())
    text = _CHANNEL_UNSAFE.sub("-", text)
    text = _DASHES.sub("-", text).strip("-_")
    return text


def thread_name(text: str) -> str:
    """Thread names keep case and spaces but lose invisible characters and line breaks."""
    text = unicodedata.normalize("NFKC", strip_invisible(text))
    return " ".join(text.split()).replace("@", "")


def render_name(
    template: str, values: Mapping[str, str], *, thread: bool = False, fallback: str = "ticket-{number}"
) -> str:
    """Render and sanitise a ticket name; the fallback template is used if the result is empty."""
    try:
        used = set(template_variables(template))  # sanitise only what the template shows
    except TemplateError:
        used = set(values)
    clean = {key: (thread_name(v) if thread else channel_slug(v)) for key, v in values.items() if key in used}
    raw = _fill(template, clean)
    name = thread_name(raw) if thread else channel_slug(raw)
    name = name[:NAME_MAX].rstrip("-_ ") if not thread else name[:NAME_MAX].strip()
    if not name and fallback:
        return render_name(fallback, values, thread=thread, fallback="")
    return name


def ticket_name(
    template: str,
    *,
    number: int,
    owner_name: str,
    owner_id: int,
    group: str,
    created: datetime,
    thread: bool,
) -> str:
    """A ticket's name from its group's template: the one place the template's values are gathered."""
    values = {
        "number": str(number),
        "user": owner_name,
        "user_id": str(owner_id),
        "group": group,
        "date": created.strftime("%Y-%m-%d"),
    }
    return render_name(template, values, thread=thread)
