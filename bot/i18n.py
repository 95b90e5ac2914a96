"""Languages: which one speaks now, and the gettext catalogues it speaks from.

Every sentence in ``bot.messages`` is English text that translates itself when it is turned into a
string (``bot.messages``' module lookup), in the language of the current context. That language is a
context variable: an interaction's handler speaks the member's client language (their answers are only
theirs), and whatever is posted for everyone to read (a ticket's lines, panels, the log channel,
transcripts) is built inside ``speaking(server language)``.

The catalogues are ``bot/locales/<language>/LC_MESSAGES/messages.po``, compiled with Babel when first
used (plural rules come from each catalogue's header, as gettext defines them). English is the source:
it has no catalogue.
"""

from __future__ import annotations

import gettext as _gettext
import io
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar, Token
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import (
    DateTimePattern,
    format_skeleton,
    get_date_format,
    get_datetime_format,
    get_time_format,
    parse_pattern,
)
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE = "en"

# Every locale a Discord client can have (Discord's list; a test compares it with discord.py's)
DISCORD_LOCALES = (
    "id", "da", "de", "en-GB", "en-US", "es-ES", "es-419", "fr", "hr", "it", "lt", "hu", "nl", "no", "pl",
    "pt-BR", "ro", "fi", "sv-SE", "vi", "tr", "cs", "el", "bg", "ru", "uk", "hi", "th", "zh-CN", "ja",
    "zh-TW", "ko",
)  # fmt: skip
# A Discord locale speaks the catalogue of the same name ("pt-BR": pt_BR), else of its language ("es-419":
# es, "sv-SE": sv); only a locale whose language has another name in gettext needs a line here.
DISCORD_NAMES: dict[str, str] = {"no": "nb"}

_speaking: ContextVar[str] = ContextVar("ticketdesk_language", default=SOURCE)


@cache
def shipped() -> tuple[str, ...]:
    """English and the languages with a catalogue."""
    found = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())
    return (SOURCE, *found)


def language_for(locale: object) -> str | None:
    """The shipped language for a Discord locale (``discord.Locale`` or its code), None if we have none."""
    code = str(getattr(locale, "value", locale) or "")
    languages = set(shipped())
    for candidate in (DISCORD_NAMES.get(code), code.replace("-", "_"), code.split("-")[0]):
        if candidate and candidate in languages:
            return candidate
    return None


def locales_of(language: str) -> list[str]:
    """The Discord locales that ``language`` speaks for."""
    return [code for code in DISCORD_LOCALES if language_for(code) == language]


def resolve(*candidates: object) -> str:
    """The first of ``candidates`` (languages or Discord locales) that is shipped, else English."""
    languages = set(shipped())
    for candidate in candidates:
        if candidate is None:
            continue
        text = str(getattr(candidate, "value", candidate))
        if text in languages:
            return text
        found = language_for(text)
        if found is not None:
            return found
    return SOURCE


@cache
def catalogue(language: str) -> _gettext.NullTranslations:
    """The compiled catalogue of ``language`` (English: the identity)."""
    path = LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if language == SOURCE or not path.exists():
        return _gettext.NullTranslations()
    with path.open("rb") as source:
        catalog = read_po(source, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def preload() -> None:
    """Compile every catalogue now (about 20 ms each), so no member's first answer waits for one."""
    for language in shipped():
        catalogue(language)


def current() -> str:
    return _speaking.get()


def gettext(message: str) -> str:
    language = _speaking.get()
    return message if language == SOURCE else catalogue(language).gettext(message)


def ngettext(one: str, other: str, count: int) -> str:
    language = _speaking.get()
    if language == SOURCE:
        return one if count == 1 else other
    return catalogue(language).ngettext(one, other, count)


def pgettext(context: str, message: str) -> str:
    language = _speaking.get()
    return message if language == SOURCE else catalogue(language).pgettext(context, message)


def lookup(language: str, context: str | None, message: str) -> str | None:
    """The catalogue's translation of ``message`` (under ``context``), None when it has none: unlike
    ``gettext``, a translation that happens to read as the English is told apart from a missing one."""
    if language == SOURCE:
        return None
    key = message if context is None else f"{context}\x04{message}"
    found = getattr(catalogue(language), "_catalog", {}).get(key)
    return found if isinstance(found, str) and found else None


def speak(language: str) -> Token[str]:
    """Speak ``language`` from now on in this context (an interaction's own task)."""
    return _speaking.set(language)


@contextmanager
def speaking(language: str) -> Iterator[None]:
    """Speak ``language`` inside the block (for what everyone in a channel reads)."""
    token = _speaking.set(language)
    try:
        yield
    finally:
        _speaking.reset(token)


def babel_locale(language: str | None = None) -> Locale:
    """Babel's locale of ``language`` (default: the one speaking now), for dates and numbers."""
    return Locale.parse(language or _speaking.get())


@cache
def _moment_pattern(language: str, seconds: bool) -> DateTimePattern:
    locale = Locale.parse(language)
    time = get_time_format("medium" if seconds else "short", locale).pattern
    joined = str(get_datetime_format("medium", locale)).replace(
        "{1}", get_date_format("medium", locale).pattern
    )
    return parse_pattern(joined.replace("{0}", time))


def moment(value: datetime | str | None, *, seconds: bool = False) -> str:
    """A time in UTC as the language speaking now writes it ("Dec 2, 2026, 5:30 PM", "02.12.2026, 17:30");
    an ISO 8601 text is read first. Empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    language = _speaking.get()
    return str(_moment_pattern(language, seconds).apply(value.astimezone(UTC), Locale.parse(language)))


def decimal(value: float, pattern: str = "0.0") -> str:
    """A number as the language speaking now writes it (``pattern``: digits to show, as Babel's)."""
    return format_decimal(value, format=pattern, locale=babel_locale())


def native_name(language: str) -> str:
    """A language's name in itself ("Deutsch", "Português (Brasil)"), for menus that list languages."""
    name = Locale.parse(language).get_display_name(language) or language
    return name[:1].upper() + name[1:]


def day_month(day: str) -> str:
    """A day (``YYYY-MM-DD``) as day and month, the way the language speaking now writes them ("12/2", "2.12.")."""
    return format_skeleton("Md", datetime.fromisoformat(day), locale=babel_locale())
