"""The command surface in every client language: discord.py asks this translator for each command's name
and description, each option's name and description and each choice, in every Discord locale, when the
commands are synced; Discord shows each member the ones of their client's language.

Those strings live in the same catalogues as the sentences, told apart by a gettext context (``KINDS``).
A translation Discord would refuse (a slash command or option name that is not 1-32 lowercase letters,
digits, ``-`` or ``_``; a description over 100 characters) is not sent: that string stays English, and
the catalogue test fails on it first.
"""

from __future__ import annotations

import logging
from typing import Any

import discord
import regex
from discord import app_commands
from discord.app_commands import TranslationContextLocation as Where

from bot import i18n

log = logging.getLogger(__name__)

# where a string sits on the command surface -> its gettext context in the catalogues
KINDS: dict[Where, str] = {
    Where.command_name: "command name",
    Where.group_name: "command name",
    Where.command_description: "command description",
    Where.group_description: "command description",
    Where.parameter_name: "option name",
    Where.parameter_description: "option description",
    Where.choice_name: "choice",
}
MENU = "menu name"  # a context menu's name (shown as written: spaces and capitals allowed)

# Discord's rule for slash command and option names (lowercase where the script has case)
SLASH_NAME = regex.compile(r"^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$")
LIMITS = {"command name": 32, MENU: 32, "option name": 32, "command description": 100}
LIMITS.update({"option description": 100, "choice": 100})


def context_of(location: Where, data: object) -> str | None:
    """The gettext context of a string at ``location`` (None: nothing we translate)."""
    if location is Where.command_name and isinstance(data, app_commands.ContextMenu):
        return MENU
    return KINDS.get(location)


def refusal(kind: str, text: str) -> str | None:
    """Why Discord would refuse ``text`` as a ``kind`` (None: it fits)."""
    if not 1 <= len(text) <= LIMITS[kind]:
        return f"{kind} must be 1-{LIMITS[kind]} characters"
    if kind in ("command name", "option name") and (not SLASH_NAME.match(text) or text != text.lower()):
        return f"{kind} must be lowercase letters, digits, - or _ without spaces"
    return None


def translate(language: str, kind: str, text: str) -> str | None:
    """``text`` (a ``kind`` of the command surface) in ``language``; None when untranslated or unfit."""
    translated = i18n.lookup(language, kind, text)
    if translated is None:
        return None
    problem = refusal(kind, translated)
    if problem is not None:
        log.warning("not sending the %s translation of %s %r: %s", language, kind, text, problem)
        return None
    return translated


class Translator(app_commands.Translator):
    """discord.py's hook, answering from the catalogues."""

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext,
    ) -> str | None:
        if string.extras.get("translate") is False:
            return None
        language = i18n.language_for(locale)
        kind = context_of(context.location, context.data)
        if language is None or kind is None:
            return None
        return translate(language, kind, string.message)


def _localized(node: dict[str, Any], key: str) -> dict[str, str]:
    return node.get(f"{key}_localizations") or {}


def _drop_clashes(siblings: list[dict[str, Any]]) -> None:
    """Where two siblings (commands of one type, options of one command) would share a name in some locale,
    that locale keeps their English names: Discord refuses the whole sync over one clash."""
    locales = {locale for node in siblings for locale in _localized(node, "name")}
    for locale in locales:
        shown: dict[str, list[dict[str, Any]]] = {}
        for node in siblings:
            shown.setdefault(_localized(node, "name").get(locale, node["name"]), []).append(node)
        for name, nodes in shown.items():
            if len(nodes) > 1:
                log.warning(
                    "the %s names of %s clash as %r; they stay English",
                    locale,
                    [n["name"] for n in nodes],
                    name,
                )
                for node in nodes:
                    _localized(node, "name").pop(locale, None)


def settle(payload: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The commands as synced: translated names that would clash among siblings are dropped."""
    for kind in {command.get("type", 1) for command in payload}:
        _drop_clashes([c for c in payload if c.get("type", 1) == kind])

    def options(node: dict[str, Any]) -> None:
        children = node.get("options") or []
        _drop_clashes(children)
        for child in children:
            options(child)

    for command in payload:
        options(command)
    return payload
