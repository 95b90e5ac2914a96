"""Discord's limits for a message's content and embeds, checked with sentences an admin understands."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bot import messages
from bot.domain.text import clip

CONTENT = 2000
EMBEDS = 10
TOTAL = 6000
TITLE = 256
DESCRIPTION = 4096
FIELDS = 25
FIELD_NAME = 256
FIELD_VALUE = 1024
FOOTER = 2048
AUTHOR = 256
ALLOWED_KEYS = {
    "title",
    "description",
    "url",
    "color",
    "colour",
    "fields",
    "footer",
    "author",
    "image",
    "thumbnail",
    "timestamp",
    "type",
}


@dataclass(slots=True)
class MessageDraft:
    """What an admin typed for a saved message: content, and one simple embed or embeds as JSON."""

    content: str | None = None
    embeds_json: str | None = None
    title: str | None = None
    description: str | None = None
    color: str | None = None


class MessageError(ValueError):
    """The message would be refused by Discord; the text says which limit and where."""


def parse_embeds(text: str | None) -> list[dict[str, Any]]:
    """Embeds as JSON: one object or a list of them (Discord's embed object)."""
    if text is None or not text.strip():
        return []
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise MessageError(messages.EMBEDS_NOT_JSON.format(detail=exc.msg, position=exc.pos)) from None
    embeds = data if isinstance(data, list) else [data]
    if not all(isinstance(e, dict) for e in embeds):
        raise MessageError(messages.EMBEDS_NOT_OBJECTS)
    for index, embed in enumerate(embeds, start=1):
        unknown = set(embed) - ALLOWED_KEYS
        if unknown:
            raise MessageError(
                messages.EMBED_UNKNOWN_KEYS.format(index=index, keys=", ".join(sorted(unknown)))
            )
        if "colour" in embed:
            embed["color"] = embed.pop("colour")
        _check_shape(embed, index)
    return embeds


def _check_shape(embed: dict[str, Any], index: int) -> None:
    for key in ("footer", "author", "image", "thumbnail"):
        if key in embed and embed[key] is not None and not isinstance(embed[key], dict):
            raise MessageError(messages.EMBED_KEY_NOT_OBJECT.format(index=index, key=key))
    if embed.get("fields") is not None and not isinstance(embed["fields"], list):
        raise MessageError(messages.EMBED_KEY_NOT_OBJECT.format(index=index, key="fields"))


def _length(embed: dict[str, Any]) -> int:
    total = len(str(embed.get("title") or "")) + len(str(embed.get("description") or ""))
    total += sum(
        len(str(f.get("name") or "")) + len(str(f.get("value") or "")) for f in embed.get("fields") or []
    )
    total += len(str((embed.get("footer") or {}).get("text") or "")) + len(
        str((embed.get("author") or {}).get("name") or "")
    )
    return total


def check(content: str | None, embeds: list[dict[str, Any]]) -> None:
    """Raise MessageError naming the first limit the message breaks."""
    if not (content or "").strip() and not embeds:
        raise MessageError(messages.MESSAGE_EMPTY)
    if content is not None and len(content) > CONTENT:
        raise MessageError(messages.CONTENT_TOO_LONG.format(length=len(content), max=CONTENT))
    if len(embeds) > EMBEDS:
        raise MessageError(messages.TOO_MANY_EMBEDS.format(count=len(embeds), max=EMBEDS))
    for index, embed in enumerate(embeds, start=1):
        _check_shape(embed, index)
        for key, limit in (("title", TITLE), ("description", DESCRIPTION)):
            value = str(embed.get(key) or "")
            if len(value) > limit:
                raise MessageError(
                    messages.EMBED_TEXT_TOO_LONG.format(index=index, key=key, length=len(value), max=limit)
                )
        fields = embed.get("fields") or []
        if not isinstance(fields, list) or len(fields) > FIELDS:
            raise MessageError(messages.EMBED_TOO_MANY_FIELDS.format(index=index, max=FIELDS))
        for number, fld in enumerate(fields, start=1):
            if (
                not isinstance(fld, dict)
                or not str(fld.get("name") or "").strip()
                or not str(fld.get("value") or "").strip()
            ):
                raise MessageError(messages.EMBED_FIELD_EMPTY.format(index=index, number=number))
            if len(str(fld["name"])) > FIELD_NAME or len(str(fld["value"])) > FIELD_VALUE:
                raise MessageError(
                    messages.EMBED_FIELD_TOO_LONG.format(
                        index=index, number=number, name=FIELD_NAME, value=FIELD_VALUE
                    )
                )
        if len(str((embed.get("footer") or {}).get("text") or "")) > FOOTER:
            raise MessageError(messages.EMBED_FOOTER_TOO_LONG.format(index=index, max=FOOTER))
        if len(str((embed.get("author") or {}).get("name") or "")) > AUTHOR:
            raise MessageError(messages.EMBED_AUTHOR_TOO_LONG.format(index=index, max=AUTHOR))
        color = embed.get("color")
        if color is not None and not (isinstance(color, int) and 0 <= color <= 0xFFFFFF):
            raise MessageError(messages.EMBED_COLOUR.format(index=index))
    total = sum(_length(e) for e in embeds)
    if total > TOTAL:
        raise MessageError(messages.EMBEDS_TOO_LONG.format(total=total, max=TOTAL))


def fit(content: str | None, embeds: list[dict[str, Any]]) -> tuple[str | None, list[dict[str, Any]]]:
    """After variables were filled in: cut whatever now exceeds a limit instead of failing to send."""
    content = clip(content, CONTENT) if content else content
    fitted = []
    for embed in embeds[:EMBEDS]:
        embed = dict(embed)
        for key, limit in (("title", TITLE), ("description", DESCRIPTION)):
            if embed.get(key):
                embed[key] = clip(str(embed[key]), limit)
        embed["fields"] = [
            {**f, "name": clip(str(f["name"]), FIELD_NAME), "value": clip(str(f["value"]), FIELD_VALUE)}
            for f in (embed.get("fields") or [])[:FIELDS]
        ]
        fitted.append(embed)
    while fitted and sum(_length(e) for e in fitted) > TOTAL:
        longest = max(fitted, key=lambda e: len(str(e.get("description") or "")))
        text = str(longest.get("description") or "")
        if not text:
            fitted.pop()
            continue
        longest["description"] = clip(text, max(1, len(text) - (sum(_length(e) for e in fitted) - TOTAL)))
    return content, fitted
