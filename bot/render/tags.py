"""How tags and auto-reply rules look: the list, a preview, a group's rules, and the tag picker of the
"Reply with a tag" message menu."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import discord

from bot import messages
from bot.domain.autoreply import COOLDOWN, Rule
from bot.domain.durations import describe
from bot.domain.text import clip
from bot.render.base import OwnedView
from storage.tags import Tag

SELECT_MAX = 25


def to_embeds(embeds: list[dict[str, Any]]) -> list[discord.Embed]:
    return [discord.Embed.from_dict(e) for e in embeds]


def tags_embed(tags: Sequence[Tag]) -> discord.Embed:
    lines = [
        messages.TAG_LINE.format(name=clip(t.name, 60), chars=len(t.content or ""), embeds=len(t.embeds))
        for t in tags
    ]
    embed = discord.Embed(
        title=messages.TAGS_TITLE, description=clip("\n".join(lines) or messages.TAG_NONE, 4096)
    )
    embed.set_footer(text=messages.TAGS_FOOTER)
    return embed


def tag_preview(tag: Tag) -> tuple[str, list[discord.Embed]]:
    """The tag as saved, variables as typed, for the person who asked only."""
    head = messages.TAG_PREVIEW.format(name=tag.name)
    content = f"{head}\n{tag.content}" if tag.content else head
    return clip(content, 2000), to_embeds(tag.embeds)


def _code(text: str) -> str:
    """Text shown as inline code, whatever backticks it holds."""
    return "``" + text.replace("`", "ˋ") + "``"


def describe_rule(rule: Rule, tag: Tag | None) -> str:
    if rule.pattern is not None:
        trigger = messages.AUTO_BY_PATTERN.format(pattern=_code(rule.pattern))
    else:
        trigger = messages.AUTO_BY_WORDS.format(words=", ".join(_code(w) for w in rule.words))
    text = messages.AUTO_RULE.format(
        trigger=trigger,
        tag=tag.name if tag is not None else f"#{rule.tag_id}",
        scope=messages.AUTO_SCOPES[str(rule.scope)],
    )
    return text if tag is not None else f"{text} {messages.AUTO_TAG_GONE}"


def rules_embed(group_name: str, rules: Sequence[tuple[Rule | None, Tag | None]]) -> discord.Embed:
    lines = [
        messages.AUTO_LINE.format(
            number=number,
            rule=describe_rule(rule, tag) if rule is not None else messages.AUTO_UNREADABLE,
        )
        for number, (rule, tag) in enumerate(rules, start=1)
    ]
    embed = discord.Embed(
        title=clip(messages.AUTO_TITLE.format(group=group_name), 256),
        description=clip("\n".join(lines) or messages.AUTO_EMPTY, 4096),
    )
    embed.set_footer(text=messages.AUTO_FOOTER.format(cooldown=describe(COOLDOWN)))
    return embed


Picked = Callable[[discord.Interaction, int], Awaitable[None]]


class TagPicker(OwnedView):
    """An ephemeral select of the first 25 tags by name, for the person who opened the message menu."""

    def __init__(self, owner_id: int, tags: Sequence[Tag], picked: Picked, *, timeout: float = 300) -> None:
        super().__init__(owner_id, timeout=timeout)
        self.picked = picked
        select: discord.ui.Select[TagPicker] = discord.ui.Select(
            placeholder=messages.TAG_PICK_PLACEHOLDER,
            options=[
                discord.SelectOption(label=clip(t.name, 100), value=str(t.id)) for t in tags[:SELECT_MAX]
            ],
        )
        select.callback = self._chosen  # type: ignore[method-assign]
        self.select = select
        self.add_item(select)

    async def _chosen(self, interaction: discord.Interaction) -> None:
        self.stop()
        value = self.select.values[0] if self.select.values else ""
        await self.picked(interaction, int(value) if value.isdigit() else 0)


def picker_text(count: int) -> str:
    if count > SELECT_MAX:
        return f"{messages.TAG_PICK}\n{messages.TAG_PICK_MORE.format(shown=SELECT_MAX, count=count)}"
    return messages.TAG_PICK
