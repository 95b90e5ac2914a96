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
from functools import cache
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = Path(__file__).parent / "locales"
DOMAIN = "messages"
SOURCE = "en"

# Discord's locale codes -> the catalogue that speaks for them
DISCORD: dict[str, str] = {
    "en-US": "en",
    "en-GB": "en",
    "de": "de",
    "fr": "fr",
    "es-ES": "es",
    "es-419": "es",
    "pt-BR": "pt_BR",
    "pl": "pl",
    "ru": "ru",
    "tr": "tr",
    "nl": "nl",
}

_speaking: ContextVar[str] = ContextVar("ticketdesk_language", default=SOURCE)


def shipped() -> list[str]:
    """The languages with a catalogue, and English."""
    found = sorted(p.name for p in LOCALES.iterdir() if (p / "LC_MESSAGES" / f"{DOMAIN}.po").exists())
    return [SOURCE, *found]


def language_for(locale: object) -> str | None:
    """The shipped language for a Discord locale (``discord.Locale`` or its code), None if we have none."""
    code = str(getattr(locale, "value", locale) or "")
    language = DISCORD.get(code)
    return language if language in set(shipped()) else None


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
