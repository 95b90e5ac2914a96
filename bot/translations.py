"""``python -m bot translations``: keep the catalogues in step with the code.

- ``extract`` writes ``bot/locales/messages.pot``: every sentence of ``bot.messages`` (its name as the
  translators' note, ``P_`` sentences with their plural) and every string of the command surface, exactly as
  discord.py asks the translator for them when the commands sync (command and option names and
  descriptions, choices, context menu names), each under its gettext context.
- ``update`` extracts, then merges the template into every ``bot/locales/<lang>/LC_MESSAGES/messages.po``:
  new strings arrive empty, changed ones are marked fuzzy, strings the code no longer has are dropped.
- ``add LANG`` starts the catalogue of a new language from the template.
- ``check`` compiles every catalogue and counts what is missing (the test suite checks the rest).
"""

from __future__ import annotations

import ast
import asyncio
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import discord
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from discord import app_commands

from bot import i18n, messages
from bot.app import create_bot
from bot.messages import Plural
from bot.render.translator import MENU, context_of
from bot.settings import Settings

TEMPLATE = i18n.LOCALES / f"{i18n.DOMAIN}.pot"
MESSAGES_FILE = Path(messages.__file__)
PROJECT = "TicketDesk"
FLAGS = ("python-brace-format",)

NOTES = {  # what a translator must know about each kind of command-surface string
    "command name": "A slash command's name: 1-32 characters, lowercase, no spaces (use - or _).",
    "option name": "A slash command option's name: 1-32 characters, lowercase, no spaces (use - or _).",
    "command description": "A slash command's description: at most 100 characters.",
    "option description": "An option's description: at most 100 characters.",
    "choice": "One choice of an option: at most 100 characters.",
    MENU: "A right-click menu entry: at most 32 characters; spaces and capitals are fine.",
}


def _sentences() -> Iterator[tuple[str, str | tuple[str, str]]]:
    """(name, English text or (singular, plural)) for every sentence, in the order of the module."""
    for name in messages.names():
        value = messages._Sentences.__dict__[name]
        items = value.items() if isinstance(value, dict) else [(None, value)]
        for key, item in items:
            label = name if key is None else f"{name}[{key}]"
            if isinstance(item, Plural):
                yield label, (item.one, item.other)
            elif isinstance(item, str):
                yield label, item


def _lines() -> dict[str, int]:
    """Where each sentence is written in bot/messages.py."""
    tree = ast.parse(MESSAGES_FILE.read_text(encoding="utf-8"))
    found: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            found.setdefault(node.targets[0].id, node.lineno)
    return found


class _Recorder(app_commands.Translator):
    """Writes down what discord.py asks to translate, by context, and answers nothing."""

    def __init__(self) -> None:
        self.asked: dict[tuple[str, str], str] = {}

    async def translate(
        self,
        string: app_commands.locale_str,
        locale: discord.Locale,
        context: app_commands.TranslationContext,
    ) -> str | None:
        kind = context_of(context.location, context.data)
        if kind is not None and string.extras.get("translate") is not False:
            self.asked.setdefault((kind, string.message), _where(context.data))
        return None


def _where(data: Any) -> str:
    if isinstance(data, app_commands.Parameter):
        return f"/{data.command.qualified_name} {data.name}"
    if isinstance(data, app_commands.Command | app_commands.Group | app_commands.ContextMenu):
        return (
            data.qualified_name if isinstance(data, app_commands.ContextMenu) else f"/{data.qualified_name}"
        )
    return "a choice"


async def command_strings() -> dict[tuple[str, str], str]:
    """(context, English) -> where on the command surface, for every string the translator is asked for."""
    with tempfile.TemporaryDirectory() as folder:
        bot = create_bot(Settings(token=None, data_dir=Path(folder), sync_commands=False))
        try:
            await bot.setup_hook()
            recorder = _Recorder()
            for command in bot.tree.get_commands():
                await command.get_translated_payload(bot.tree, recorder)
        finally:
            await bot.db.close()
    return recorder.asked


def template(commands: dict[tuple[str, str], str]) -> Catalog:
    catalog = Catalog(
        project=PROJECT,
        domain=i18n.DOMAIN,
        creation_date=datetime(2026, 1, 1, tzinfo=UTC),  # fixed, so the template changes only with the code
        fuzzy=False,
    )
    lines = _lines()
    source = MESSAGES_FILE.relative_to(MESSAGES_FILE.parents[1]).as_posix()
    for label, text in _sentences():
        line = lines.get(label.split("[")[0], 0)
        catalog.add(text, locations=[(source, line)], flags=FLAGS, auto_comments=[label])
    for (kind, text), where in sorted(commands.items()):
        catalog.add(text, context=kind, auto_comments=[where, NOTES[kind]])
    return catalog


def catalogue_path(language: str) -> Path:
    return i18n.LOCALES / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _write(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as out:
        write_po(out, catalog, width=110, ignore_obsolete=True, sort_output=False, include_previous=True)


def _read(path: Path, language: str) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=language, domain=i18n.DOMAIN)


def extract() -> Catalog:
    catalog = template(asyncio.run(command_strings()))
    _write(TEMPLATE, catalog)
    return catalog


def update() -> list[str]:
    catalog = extract()
    done = []
    for language in i18n.shipped()[1:]:
        path = catalogue_path(language)
        found = _read(path, language)
        found.update(catalog, update_header_comment=False)
        _write(path, found)
        done.append(language)
    return done


def add(language: str) -> Path:
    try:
        Locale.parse(language)  # its plural rules come from Babel
    except (UnknownLocaleError, ValueError, TypeError):
        raise ValueError(messages.CLI_TRANSLATIONS_UNKNOWN.format(language=language)) from None
    path = catalogue_path(language)
    if path.exists():
        raise FileExistsError(f"{path} exists; run update")
    catalog = _read(TEMPLATE, language) if TEMPLATE.exists() else extract()
    fresh = Catalog(locale=language, domain=i18n.DOMAIN, project=PROJECT, fuzzy=False)
    fresh.update(catalog)
    _write(path, fresh)
    return path


def missing(language: str) -> int:
    """Strings of the template without a (non-fuzzy) translation in ``language``."""
    found = _read(catalogue_path(language), language)
    ids = {(m.id, m.context) for m in _read(TEMPLATE, language) if m.id}
    done = {
        (m.id, m.context)
        for m in found
        if m.id and m.string and not m.fuzzy and all(m.string if isinstance(m.string, tuple) else [m.string])
    }
    return len(ids - done)


def check() -> dict[str, int]:
    """Compile every catalogue (an error stops here); how many strings each lacks."""
    report = {}
    for language in i18n.shipped()[1:]:
        write_mo(_NullOut(), _read(catalogue_path(language), language))
        report[language] = missing(language)
    return report


class _NullOut:
    def write(self, data: bytes) -> int:
        return len(data)
