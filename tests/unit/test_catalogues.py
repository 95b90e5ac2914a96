"""Every shipped catalogue is complete and safe to show: each string of the template translated (every plural
form the language has), the same placeholders, Discord markdown and mentions intact, and the command surface
within what Discord accepts."""

from __future__ import annotations

import asyncio
import re
import string
from collections import defaultdict
from functools import cache

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from bot import i18n, messages
from bot.render.translator import MENU, refusal
from bot.translations import TEMPLATE, catalogue_path, command_strings, template

LANGUAGES = [language for language in i18n.shipped() if language != i18n.SOURCE]
FORMATTER = string.Formatter()
# what must appear as often in a translation as in the English: bold, code, spoilers, strikethrough, and
# Discord's mentions and timestamps (a lost one shows raw syntax or pings nobody)
MARKUP = ["**", "`", "||", "~~", "<@", "<#", "<t:", "](", "\n"]


@cache
def read(language: str) -> Catalog:
    path = TEMPLATE if language == "template" else catalogue_path(language)
    with path.open("rb") as source:
        return read_po(source, locale=None if language == "template" else language, domain=i18n.DOMAIN)


def entries(catalog: Catalog) -> dict[tuple[str, str | None], Message]:
    return {(m.id if isinstance(m.id, str) else m.id[0], m.context): m for m in catalog if m.id}


def placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in FORMATTER.parse(text) if name is not None)


def forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple | list) else [message.string]


def sources(message: Message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple | list) else [message.id]


def test_the_template_is_what_the_code_says() -> None:
    """``python -m bot translations update`` was run after the last change to a sentence."""
    wanted = {key for key in entries(template(asyncio.run(command_strings())))}
    assert set(entries(read("template"))) == wanted, "run: python -m bot translations update"


def test_every_sentence_is_in_the_template() -> None:
    ids = {key[0] for key in entries(read("template")) if key[1] is None}
    for name in messages.names():
        value = messages.source(name)
        for item in value.values() if isinstance(value, dict) else [value]:
            first = item.one if isinstance(item, messages.Plural) else item
            assert first in ids, name


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated_once_with_every_plural_form(language: str) -> None:
    catalog = read(language)
    wanted = entries(read("template"))
    found = entries(catalog)
    assert not (set(wanted) - set(found)), f"{language}: missing {sorted(set(wanted) - set(found))[:5]}"
    assert not (set(found) - set(wanted)), (
        f"{language}: not in the template {sorted(set(found) - set(wanted))[:5]}"
    )
    plurals = catalog.num_plurals
    untranslated, fuzzy, short = [], [], []
    for key, message in found.items():
        if message.fuzzy:
            fuzzy.append(key)
        texts = forms(message)
        if not all(texts):
            untranslated.append(key)
        if isinstance(message.id, tuple | list) and len(texts) != plurals:
            short.append(key)
    assert not untranslated, f"{language}: {len(untranslated)} untranslated, first {untranslated[:5]}"
    assert not fuzzy, f"{language}: {len(fuzzy)} fuzzy (check and clear the flag), first {fuzzy[:5]}"
    assert not short, f"{language}: plural forms missing (it has {plurals}): {short[:5]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_and_markdown_survive_translation(language: str) -> None:
    problems = []
    for key, message in entries(read(language)).items():
        english = sources(message)
        wanted = placeholders(english[-1])
        marks = {mark: english[-1].count(mark) for mark in MARKUP}
        for text in forms(message):
            if not text:
                continue
            if placeholders(text) != wanted:
                problems.append(f"{key}: placeholders {placeholders(text)} instead of {wanted}")
            for mark, count in marks.items():
                if text.count(mark) != count:
                    problems.append(f"{key}: {mark!r} appears {text.count(mark)} times, not {count}")
            try:
                text.format(**{name: "x" for name in wanted})
            except (ValueError, IndexError, KeyError) as exc:
                problems.append(f"{key}: does not format ({exc})")
    assert not problems, f"{language}: " + "\n".join(problems[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_command_surface_fits_discord(language: str) -> None:
    problems = []
    for (text, context), message in entries(read(language)).items():
        if context is None or not message.string:
            continue
        why = refusal(context, str(message.string))
        if why is not None:
            problems.append(f"{context} {text!r} -> {message.string!r}: {why}")
    assert not problems, f"{language}: " + "\n".join(problems[:20])


def test_the_rules_for_names_are_discords() -> None:
    assert refusal("command name", "ticket") is None
    assert refusal("command name", "schließen") is None
    assert refusal("command name", "закрыть") is None
    assert refusal("command name", "Close") is not None
    assert refusal("option name", "a b") is not None
    assert refusal("option name", "x" * 33) is not None
    assert refusal(MENU, "Open a ticket for them") is None
    assert refusal("command description", "d" * 101) is not None


def test_choices_and_names_are_told_apart_by_context() -> None:
    """The same English word as a sentence and as an option name are two entries."""
    contexts: dict[str, set[str | None]] = defaultdict(set)
    for text, context in entries(read("template")):
        contexts[text].add(context)
    assert any(len(found) > 1 for found in contexts.values())
    assert re.search(r'msgctxt "command name"', TEMPLATE.read_text(encoding="utf-8"))
