"""Keyword auto-replies: a group's rules, each a list of words or a pattern that, found in a member's
message in a ticket, makes the bot answer with a tag.

Pure rules: what a rule is, how an admin's words and patterns are checked, and which rules a message
matches. Patterns are untrusted (an admin types them, a member types the text they run on), so they run
with the ``regex`` package's time limit, on at most ``TEXT_MAX`` characters, and a pattern that is slow
on hostile text is refused when it is added. A pattern that runs out of time on a real message counts
as not matching.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import Any

import regex

from bot import messages
from bot.domain.text import one_line, strip_invisible

RULES_MAX = 20  # per group
WORDS_MAX = 20  # per rule
WORD_MAX = 50  # characters in one word or phrase
PATTERN_MAX = 200  # characters in a pattern
TEXT_MAX = 2000  # characters of a message that are looked at
REGEX_TIMEOUT = 0.1  # seconds one pattern may run on one message (in a worker thread)
# seconds a new pattern may run on each probe below: nested repetition takes far longer on them, a
# pattern that is merely slow on long text (``[a-z]+\d`` scans 2,000 letters in some milliseconds) far less
PROBE_TIMEOUT = 0.25
# ``regex`` compiles a counted repeat ``x{n}`` (and the minimum of ``x{n,m}``) as n copies, nested ones
# multiplied: ``((a{1000}){1000}){1000}`` would take gigabytes before any time limit applies. The counts
# of a pattern, multiplied together, may not exceed this.
REPEATS_MAX = 1000
COOLDOWN = timedelta(minutes=5)  # at most one auto-reply per ticket in this long

# Text a slow pattern (nested or overlapping repetition) takes ages on; a pattern that runs out of time
# on any of them is refused when it is added.
PROBES = (
    "a" * TEXT_MAX + "!",
    "a " * (TEXT_MAX // 2 - 1) + "!",
    "1" * TEXT_MAX + "x",
    "ab" * (TEXT_MAX // 2 - 1) + "!",
    "a." * (TEXT_MAX // 2 - 1) + "!",
)


class Scope(StrEnum):
    FIRST = "first"  # only the owner's first message in the ticket
    EVERY = "every"  # any message of the owner or an added member


class RuleError(ValueError):
    """An auto-reply rule an admin asked for cannot be used; the text says why."""


@dataclass(frozen=True, slots=True)
class Rule:
    """Reply with tag ``tag_id`` when a message contains one of ``words`` (whole words, any case) or
    matches ``pattern`` (any case); exactly one of the two is set."""

    tag_id: int
    scope: Scope = Scope.FIRST
    words: tuple[str, ...] = ()
    pattern: str | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"tag_id": self.tag_id, "scope": str(self.scope)}
        if self.pattern is not None:
            data["regex"] = self.pattern
        else:
            data["words"] = list(self.words)
        return data


def parse_words(text: str) -> tuple[str, ...]:
    """Comma-separated words or phrases: invisible characters and repeats dropped, each 1 to WORD_MAX
    characters, at most WORDS_MAX."""
    found: list[str] = []
    for part in text.split(","):
        word = one_line(strip_invisible(part))
        if not word:
            continue
        if len(word) > WORD_MAX:
            raise RuleError(messages.AUTO_WORD_TOO_LONG.format(word=word[:WORD_MAX], max=WORD_MAX))
        if word.casefold() not in (w.casefold() for w in found):
            found.append(word)
    if not found:
        raise RuleError(messages.AUTO_NO_WORDS)
    if len(found) > WORDS_MAX:
        raise RuleError(messages.AUTO_TOO_MANY_WORDS.format(count=len(found), max=WORDS_MAX))
    return tuple(found)


_COUNTED = re.compile(r"\{\s*(\d+)\s*(?:,\s*\d*\s*)?\}")


def repeats(pattern: str) -> int:
    """The minimum counts of every counted repeat in ``pattern`` multiplied together (nested or not: an
    upper bound of what compiling it copies), stopping once past REPEATS_MAX."""
    total = 1
    for count in _COUNTED.findall(pattern):
        total *= max(1, int(count))
        if total > REPEATS_MAX:
            break
    return total


@lru_cache(maxsize=1024)
def _compiled_pattern(pattern: str) -> regex.Pattern[str]:
    if len(pattern) > PATTERN_MAX or repeats(pattern) > REPEATS_MAX:
        raise RuleError(messages.AUTO_PATTERN_REPEATS.format(max=REPEATS_MAX))
    return regex.compile(pattern, regex.IGNORECASE)


@lru_cache(maxsize=1024)
def _compiled_words(words: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words or phrases (any spaces between a phrase's words): not preceded or followed by a
    letter, digit or underscore. Escaped literals: nothing to backtrack over."""
    alternatives = "|".join(
        r"\s+".join(re.escape(part) for part in w.split()) for w in sorted(words, key=len, reverse=True)
    )
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def check_pattern(pattern: str, *, timeout: float = PROBE_TIMEOUT) -> str:
    """A pattern an admin typed, if it is usable: short enough, valid, not matching every message, and
    not slow on hostile text. Takes up to ``len(PROBES) * timeout`` seconds: run it off the event loop."""
    pattern = strip_invisible(pattern).strip()
    if not pattern:
        raise RuleError(messages.AUTO_WORDS_OR_PATTERN)
    if len(pattern) > PATTERN_MAX:
        raise RuleError(messages.AUTO_PATTERN_TOO_LONG.format(length=len(pattern), max=PATTERN_MAX))
    if repeats(pattern) > REPEATS_MAX:
        raise RuleError(messages.AUTO_PATTERN_REPEATS.format(max=REPEATS_MAX))
    try:
        compiled = _compiled_pattern(pattern)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise RuleError(messages.AUTO_PATTERN_INVALID.format(detail=exc)) from None
    try:
        if compiled.search("", timeout=timeout) is not None:
            raise RuleError(messages.AUTO_PATTERN_MATCHES_ALL)
        for probe in PROBES:
            compiled.search(probe, timeout=timeout, concurrent=True)
    except TimeoutError:
        raise RuleError(messages.AUTO_PATTERN_SLOW) from None
    return pattern


def make_rule(tag_id: int, *, words: str | None, pattern: str | None, every_message: bool) -> Rule:
    """A new rule from the admin's options: words or a pattern, not both, not neither."""
    if bool(words and words.strip()) == bool(pattern and pattern.strip()):
        raise RuleError(messages.AUTO_WORDS_OR_PATTERN)
    scope = Scope.EVERY if every_message else Scope.FIRST
    if pattern and pattern.strip():
        return Rule(tag_id, scope, pattern=check_pattern(pattern))
    return Rule(tag_id, scope, words=parse_words(words or ""))


def rule_from_json(data: Any) -> Rule | None:
    """A stored rule, or None when it cannot be read (kept in its place, so numbers stay right)."""
    if not isinstance(data, dict):
        return None
    tag_id, scope = data.get("tag_id"), data.get("scope", Scope.FIRST)
    if not isinstance(tag_id, int) or isinstance(tag_id, bool) or scope not in set(Scope):
        return None
    pattern, words = data.get("regex"), data.get("words")
    if (
        isinstance(pattern, str)
        and pattern
        and len(pattern) <= PATTERN_MAX
        and repeats(pattern) <= REPEATS_MAX
        and words is None
    ):
        return Rule(tag_id, Scope(scope), pattern=pattern)
    if (
        isinstance(words, list)
        and 0 < len(words) <= WORDS_MAX
        and all(isinstance(w, str) and 0 < len(w) <= WORD_MAX for w in words)
        and pattern is None
    ):
        return Rule(tag_id, Scope(scope), words=tuple(words))
    return None


def load_rules(raw: Iterable[Any]) -> list[Rule | None]:
    """A group's stored rules, in order (None where one cannot be read)."""
    return [rule_from_json(item) for item in raw]


def examined(text: str) -> str:
    """The part of a message the rules look at: invisible characters removed (so they cannot hide a
    word), then at most TEXT_MAX characters (Discord's messages have at most 4,000)."""
    return strip_invisible(text)[:TEXT_MAX]


@dataclass(frozen=True, slots=True)
class Matches:
    """Which rules (their indexes, in order) matched a message, and whose pattern ran out of time."""

    matched: tuple[int, ...] = ()
    timed_out: tuple[int, ...] = ()


def matches(rule: Rule, text: str, *, timeout: float = REGEX_TIMEOUT) -> bool:
    """Whether ``text`` (already :func:`examined`) triggers ``rule``; raises TimeoutError when its pattern
    runs out of time."""
    if rule.pattern is not None:
        try:
            compiled = _compiled_pattern(rule.pattern)
        except (RuleError, regex.error, OverflowError, RecursionError):
            return False
        return compiled.search(text, timeout=timeout, concurrent=True) is not None
    return _compiled_words(rule.words).search(text) is not None


def find_matches(
    rules: Sequence[Rule | None], text: str, among: Iterable[int], *, timeout: float = REGEX_TIMEOUT
) -> Matches:
    """The rules among ``among`` (indexes into ``rules``) that ``text`` triggers. Patterns release the
    interpreter while they run (call this in a worker thread when a pattern is involved)."""
    text = examined(text)
    matched: list[int] = []
    timed_out: list[int] = []
    if not text.strip():
        return Matches()
    for index in among:
        rule = rules[index]
        if rule is None:
            continue
        try:
            if matches(rule, text, timeout=timeout):
                matched.append(index)
        except TimeoutError:
            timed_out.append(index)
    return Matches(tuple(matched), tuple(timed_out))


def cooling_down(last_reply: datetime | None, now: datetime, cooldown: timedelta = COOLDOWN) -> bool:
    """Whether a ticket answered automatically at ``last_reply`` must stay quiet at ``now``."""
    return last_reply is not None and now - last_reply < cooldown
