"""What a test holds: people, messages as Discord keeps them, and what a person's interaction got back.

:class:`SimRefused` is raised when the Discord client itself would not let the person act.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.support.fake_discord import EPHEMERAL, InteractionRecord

if TYPE_CHECKING:
    from tests.support.sim import Sim


class SimRefused(AssertionError):
    """The Discord client itself would not let the person do this (a disabled button, a missing option)."""


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    guild_id: int

    @property
    def mention(self) -> str:
        return f"<@{self.id}>"


@dataclass
class Msg:
    """A message as Discord holds it (JSON), with helpers to read it like a user would."""

    data: dict[str, Any]

    @property
    def id(self) -> int:
        return int(self.data["id"])

    @property
    def channel_id(self) -> int:
        return int(self.data["channel_id"])

    @property
    def content(self) -> str:
        return self.data.get("content") or ""

    @property
    def embeds(self) -> list[dict[str, Any]]:
        return self.data.get("embeds") or []

    @property
    def author_id(self) -> int:
        return int(self.data["author"]["id"])

    @property
    def ephemeral(self) -> bool:
        return bool(int(self.data.get("flags") or 0) & EPHEMERAL)

    @property
    def text(self) -> str:
        """Content and every embed's visible text, joined."""
        parts = [self.content]
        for embed in self.embeds:
            parts += [embed.get("title") or "", embed.get("description") or ""]
            for fld in embed.get("fields") or []:
                parts += [fld.get("name", ""), fld.get("value", "")]
            parts.append((embed.get("footer") or {}).get("text") or "")
            parts.append((embed.get("author") or {}).get("name") or "")
        return "\n".join(p for p in parts if p)

    def components(self) -> Iterator[dict[str, Any]]:
        def walk(items: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
            for item in items:
                yield item
                yield from walk(item.get("components") or [])
                if item.get("component"):
                    yield from walk([item["component"]])
                if item.get("accessory"):
                    yield from walk([item["accessory"]])

        return walk(self.data.get("components") or [])

    def buttons(self) -> list[dict[str, Any]]:
        return [c for c in self.components() if c.get("type") == 2]

    def button_labels(self) -> list[str]:
        return [b.get("label") or "" for b in self.buttons()]

    def selects(self) -> list[dict[str, Any]]:
        return [c for c in self.components() if c.get("type") in (3, 5, 6, 7, 8)]

    @property
    def pinged_users(self) -> set[int]:
        return {int(u["id"]) for u in self.data.get("mentions") or []}

    @property
    def pinged_roles(self) -> set[int]:
        return {int(r) for r in self.data.get("mention_roles") or []}

    @property
    def pinged_everyone(self) -> bool:
        return bool(self.data.get("mention_everyone"))

    @property
    def pings_anyone(self) -> bool:
        return bool(self.pinged_users or self.pinged_roles or self.pinged_everyone)


@dataclass
class InteractionResult:
    """What the person saw after acting: the bot's responses, modal, choices, follow-ups."""

    sim: Sim
    record: InteractionRecord
    person: Person

    @property
    def acknowledged(self) -> bool:
        return self.record.acked_type is not None

    @property
    def ack_type(self) -> int | None:
        return self.record.acked_type

    @property
    def ack_latency(self) -> float | None:
        return self.record.ack_latency

    @property
    def modal(self) -> dict[str, Any] | None:
        return self.record.modal

    @property
    def choices(self) -> list[dict[str, Any]]:
        return self.record.choices or []

    def _message(self, message_id: int) -> dict[str, Any] | None:
        return (
            self.record.ephemeral_messages.get(message_id)
            or self.sim.fake.message_index.get(message_id)
            or self.sim.fake.deleted_messages.get(message_id)
        )

    @property
    def messages(self) -> list[Msg]:
        """The original response (unless it only updated another message) and the follow-ups, in order."""
        ids: list[int] = []
        if self.record.original_message_id is not None and self.record.acked_type in (4, 5):
            ids.append(self.record.original_message_id)
        ids += [i for i in self.record.followup_ids if i not in ids]
        found = [self._message(i) for i in ids]
        return [Msg(m) for m in found if m is not None]

    @property
    def text(self) -> str:
        return "\n".join(m.text for m in self.messages)

    @property
    def ephemeral(self) -> bool:
        """True when everything the bot answered was visible to this person only."""
        msgs = self.messages
        return bool(msgs) and all(m.ephemeral for m in msgs)

    @property
    def last(self) -> Msg:
        msgs = self.messages
        if not msgs:
            raise AssertionError(f"the interaction got no message; responses: {self.record.responses}")
        return msgs[-1]

    @property
    def updated_message(self) -> Msg | None:
        """The component's message after an UPDATE_MESSAGE (type 7) answer."""
        if self.record.source_message_id is None:
            return None
        found = self._message(self.record.source_message_id)
        return None if found is None else Msg(found)
