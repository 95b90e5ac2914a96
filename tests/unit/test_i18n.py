"""Which language speaks, and how it writes times, numbers and the command surface."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import discord

from bot import i18n, messages
from bot.render.translator import settle
from bot.services.cache import ConfigCache
from bot.services.events import EventBus, TicketClosed
from tests.support.limits import LOCALES


def test_every_discord_locale_is_known_and_each_shipped_language_speaks_for_some() -> None:
    assert {locale.value for locale in discord.Locale} == LOCALES == set(i18n.DISCORD_LOCALES)
    assert i18n.locales_of("en") == ["en-GB", "en-US"]
    assert i18n.locales_of("es") == ["es-ES", "es-419"]
    assert i18n.locales_of("pt_BR") == ["pt-BR"]
    assert all(i18n.locales_of(language) for language in i18n.shipped())


def test_a_member_language_is_the_first_one_we_speak() -> None:
    assert i18n.resolve(discord.Locale.german) == "de"
    assert i18n.resolve("es-419") == i18n.resolve("es-ES") == "es"
    assert i18n.resolve(discord.Locale.brazil_portuguese) == "pt_BR"
    assert i18n.resolve(discord.Locale.japanese, "fr") == "fr"  # not shipped: the next candidate
    assert i18n.resolve(None, discord.Locale.japanese) == "en"  # nothing shipped: English
    assert i18n.resolve("klingon") == "en"


def test_speaking_is_scoped_and_sentences_follow_it() -> None:
    english = messages.NOT_STAFF
    with i18n.speaking("de"):
        german = messages.NOT_STAFF
        with i18n.speaking("fr"):
            french = messages.NOT_STAFF
        assert messages.NOT_STAFF == german
    assert messages.NOT_STAFF == english
    assert len({english, german, french}) == 3


def test_plurals_follow_each_language_rules() -> None:
    with i18n.speaking("ru"):
        one, few, many = (messages.ENTRIES.format(count=n) for n in (1, 3, 5))
    with i18n.speaking("pl"):
        polish = {messages.ENTRIES.format(count=n).split()[-1] for n in (1, 2, 5, 22, 25)}
    assert len({one.split()[-1], few.split()[-1], many.split()[-1]}) == 3
    assert len(polish) == 3


def test_times_and_numbers_are_written_the_local_way() -> None:
    moment = datetime(2026, 12, 2, 17, 30, tzinfo=UTC)
    assert i18n.moment(moment) == "Dec 2, 2026, 5:30\u202fPM"
    with i18n.speaking("de"):
        assert i18n.moment("2026-12-02T17:30:00+00:00") == "02.12.2026, 17:30"
        assert i18n.decimal(1234.5, "#,##0.0") == "1.234,5"
        assert i18n.day_month("2026-12-02") == "2.12."
    assert i18n.moment(None) == ""
    assert i18n.native_name("pt_BR").startswith("Português")


def test_a_translation_equal_to_the_english_is_not_a_missing_one() -> None:
    assert i18n.lookup("de", "command name", "ticket") == "ticket"  # German says "ticket" too
    assert i18n.lookup("de", "command name", "no such command") is None
    assert i18n.lookup("en", None, "anything") is None


def _command(
    name: str, localized: dict[str, str], options: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return {"type": 1, "name": name, "name_localizations": dict(localized), "options": options or []}


def test_translated_names_that_would_clash_stay_english() -> None:
    options = [
        {"type": 3, "name": "delete", "name_localizations": {"de": "löschen", "fr": "supprimer"}},
        {"type": 3, "name": "remove", "name_localizations": {"de": "löschen", "fr": "retirer"}},
    ]
    payload = settle([_command("ticket", {"de": "ticket"}, options), _command("tickets", {"de": "ticket"})])
    first, second = payload
    assert first["options"][0]["name_localizations"] == {"fr": "supprimer"}
    assert first["options"][1]["name_localizations"] == {"fr": "retirer"}
    assert first["name_localizations"] == second["name_localizations"] == {}


@dataclass
class _Guild:
    id: int
    preferred_locale: discord.Locale


def test_the_server_language_is_its_setting_else_its_discord_language_else_english() -> None:
    cache = ConfigCache(db=None)  # type: ignore[arg-type]
    assert cache.language(_Guild(1, discord.Locale.german)) == "de"  # type: ignore[arg-type]
    assert cache.language(_Guild(1, discord.Locale.japanese)) == "en"  # type: ignore[arg-type]
    cache._guilds[1] = cache.guild(1)
    cache._guilds[1].language = "tr"
    assert cache.language(_Guild(1, discord.Locale.german)) == "tr"  # type: ignore[arg-type]
    assert cache.language(2) == "en"


def test_what_follows_an_operation_speaks_the_servers_language() -> None:
    heard: list[str] = []

    async def subscriber(event: TicketClosed) -> None:
        heard.append(messages.NOT_STAFF)

    bus = EventBus(lambda guild_id: "nl" if guild_id == 7 else "en")
    bus.subscribe(TicketClosed, subscriber)
    ticket: Any = type("T", (), {"guild_id": 7})()
    with i18n.speaking("de"):  # the member who closed it reads German; the ticket's server, Dutch
        asyncio.run(bus.emit(TicketClosed(ticket)))
    with i18n.speaking("nl"):
        assert heard == [messages.NOT_STAFF]
