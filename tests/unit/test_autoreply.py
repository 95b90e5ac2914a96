"""Keyword auto-reply rules: what an admin may write, what a message matches, and that no pattern or
text can make matching run away."""

from __future__ import annotations

import string
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain import autoreply
from bot.domain.autoreply import (
    COOLDOWN,
    PATTERN_MAX,
    TEXT_MAX,
    WORD_MAX,
    WORDS_MAX,
    Rule,
    RuleError,
    Scope,
    cooling_down,
    examined,
    find_matches,
    load_rules,
    make_rule,
    matches,
    parse_words,
    rule_from_json,
)


def words_rule(*words: str, scope: Scope = Scope.EVERY) -> Rule:
    return Rule(1, scope, words=tuple(words))


# -- what an admin may write -------------------------------------------------------------------------


def test_words_are_split_on_commas_cleaned_and_deduplicated() -> None:
    assert parse_words(" refund, Money\n back ,, REFUND, re\u200bturn ") == ("refund", "Money back", "return")


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (" , ,", "at least one word"),
        ("\u200b", "at least one word"),
        ("x" * (WORD_MAX + 1), "at most 50 characters"),
        (",".join(f"w{i}" for i in range(WORDS_MAX + 1)), "a rule has at most 20"),
    ],
)
def test_words_that_cannot_be_used_are_refused_with_a_reason(text: str, says: str) -> None:
    with pytest.raises(RuleError, match=says):
        parse_words(text)


def test_a_rule_has_words_or_a_pattern_never_both_or_neither() -> None:
    assert make_rule(3, words="refund", pattern=None, every_message=False) == Rule(
        3, Scope.FIRST, words=("refund",)
    )
    assert make_rule(3, words=None, pattern=r" \bhelp\b ", every_message=True) == Rule(
        3, Scope.EVERY, pattern=r"\bhelp\b"
    )
    for words, pattern in [("a", "b"), (None, None), ("  ", ""), (None, "\u200b")]:
        with pytest.raises(RuleError, match="either words"):
            make_rule(3, words=words, pattern=pattern, every_message=False)


@pytest.mark.parametrize(
    ("pattern", "says"),
    [
        ("(unclosed", "not a valid regular expression"),
        ("a" * (PATTERN_MAX + 1), "at most 200"),
        ("x*", "matches an empty message"),
        ("|", "matches an empty message"),
        (r"(a+)+$", "takes too long"),
        (r"(a|aa)+$", "takes too long"),
        (r"(\w+\s?)+$", "takes too long"),
        (r"^(([a-z])+.)+[A-Z]([a-z])+$", "takes too long"),
        # compiled as copies: this one would take gigabytes before the time limit could apply
        (r"(?:(?:a{1000}){1000}){1000}b", "exceed 1000"),
        (r"(?:a{100,}){11}", "exceed 1000"),
        (r"x{99999999999999999999}", "exceed 1000"),
    ],
)
def test_patterns_that_cannot_be_used_are_refused_with_a_reason(pattern: str, says: str) -> None:
    started = time.perf_counter()
    with pytest.raises(RuleError, match=says):
        autoreply.check_pattern(pattern)
    assert time.perf_counter() - started < 2


def test_counted_repeats_are_multiplied_nested_or_not() -> None:
    assert autoreply.repeats(r"\d{4}-\d{4}-\d{3,}-x{0,9}\{ab\}") == 4 * 4 * 3
    assert autoreply.check_pattern(r"(?:\d{4}[- ]?){3}\d{4}") == r"(?:\d{4}[- ]?){3}\d{4}"
    assert autoreply.repeats("(?:(?:a{1000}){1000}){1000}") > autoreply.REPEATS_MAX
    # one stored by hand is unreadable (so skipped), and never compiled
    assert rule_from_json({"tag_id": 1, "regex": "(?:(?:a{1000}){1000}){1000}"}) is None
    assert not matches(Rule(1, Scope.EVERY, pattern="(?:(?:a{1000}){1000}){1000}"), "a" * 2000)


def test_stored_rules_round_trip_and_unreadable_ones_keep_their_place() -> None:
    rules = [Rule(1, Scope.FIRST, words=("a", "b c")), Rule(2, Scope.EVERY, pattern="x+y")]
    stored = [r.to_json() for r in rules]
    assert stored == [
        {"tag_id": 1, "scope": "first", "words": ["a", "b c"]},
        {"tag_id": 2, "scope": "every", "regex": "x+y"},
    ]
    junk = [
        "text",
        {"scope": "first", "words": ["a"]},
        {"tag_id": True, "words": ["a"]},
        {"tag_id": 1, "scope": "sometimes", "words": ["a"]},
        {"tag_id": 1, "words": []},
        {"tag_id": 1, "words": ["a"], "regex": "a"},
        {"tag_id": 1, "regex": "a" * (PATTERN_MAX + 1)},
    ]
    assert load_rules([stored[0], *junk, stored[1]]) == [rules[0], *[None] * len(junk), rules[1]]
    assert rule_from_json({"tag_id": 4, "words": ["hi"]}) == Rule(4, Scope.FIRST, words=("hi",))


# -- what a message matches ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I want a refund", True),
        ("REFUND!!!", True),
        ("(refund)", True),
        ("re\u200bfund please", True),  # invisible characters do not hide a word
        ("refunded", False),
        ("prerefund", False),
        ("refund_me", False),
        ("my money   back please", True),  # a phrase, any spaces between its words
        ("moneyback", False),
        ("", False),
    ],
)
def test_words_match_whole_words_and_phrases_in_any_case(text: str, expected: bool) -> None:
    rule = words_rule("refund", "money back")
    assert bool(find_matches([rule], text, [0]).matched) is expected


def test_patterns_match_in_any_case() -> None:
    rule = Rule(1, Scope.EVERY, pattern=r"order\s+#?\d{4,}")
    assert matches(rule, "Where is ORDER #12345?")
    assert not matches(rule, "where is my order")


def test_only_the_first_2000_characters_are_examined() -> None:
    rule = words_rule("refund")
    assert find_matches([rule], "x " * 990 + "refund", [0]).matched == (0,)
    assert find_matches([rule], "x " * 1000 + "refund", [0]).matched == ()
    assert examined("\u200b" * 2000 + "a" * 2000) == "a" * TEXT_MAX  # padding hides nothing


def test_matches_are_the_asked_rules_in_order_and_a_slow_pattern_counts_as_no_match() -> None:
    slow = Rule(9, Scope.EVERY, pattern=r"(a+)+$")  # stored before patterns were checked
    rules: list[Rule | None] = [words_rule("help"), None, slow, words_rule("a"), words_rule("help")]
    text = "a" * 1990 + "! help a"
    started = time.perf_counter()
    found = find_matches(rules, text, [4, 1, 2, 3, 0], timeout=0.02)
    assert time.perf_counter() - started < 2
    assert found.matched == (4, 3, 0) and found.timed_out == (2,)
    assert find_matches(rules, text, [3]).matched == (3,)


def test_an_unusable_stored_pattern_never_matches() -> None:
    assert not matches(Rule(1, Scope.EVERY, pattern="(unclosed"), "(unclosed")


def test_the_cooldown_is_five_minutes_per_ticket() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert COOLDOWN == timedelta(minutes=5)
    assert not cooling_down(None, now)
    assert cooling_down(now - timedelta(minutes=4, seconds=59), now)
    assert not cooling_down(now - timedelta(minutes=5), now)


# -- properties --------------------------------------------------------------------------------------

WORD = st.text(string.ascii_letters + string.digits, min_size=1, max_size=20)
SEPARATORS = st.sampled_from([" ", ", ", "!", "\n", "? ", "(", ")", " \u200b"])


@given(word=WORD, before=SEPARATORS, after=SEPARATORS, prefix=st.text(max_size=50))
def test_a_word_between_separators_is_always_found_in_any_case(
    word: str, before: str, after: str, prefix: str
) -> None:
    text = f"{prefix} {before}{word.swapcase()}{after}"
    assert find_matches([words_rule(word)], text, [0]).matched == (0,)


@given(word=WORD, text=st.text(string.ascii_letters + string.digits + " ,.!?", max_size=300))
def test_a_word_is_never_found_where_it_is_not(word: str, text: str) -> None:
    if word.lower() not in text.lower():
        assert find_matches([words_rule(word)], text, [0]).matched == ()


@given(
    words=st.lists(st.text(min_size=1, max_size=WORD_MAX), min_size=1, max_size=WORDS_MAX),
    scope=st.sampled_from(list(Scope)),
    tag_id=st.integers(min_value=1, max_value=2**63 - 1),
)
def test_every_rule_an_admin_can_make_survives_storage(words: list[str], scope: Scope, tag_id: int) -> None:
    try:
        rule = make_rule(tag_id, words=",".join(words), pattern=None, every_message=scope is Scope.EVERY)
    except RuleError:
        return
    assert rule_from_json(rule.to_json()) == rule


@settings(deadline=None, max_examples=60)
@given(pattern=st.text(max_size=40), text=st.text(max_size=TEXT_MAX + 100))
def test_no_pattern_and_text_make_matching_fail_or_run_away(pattern: str, text: str) -> None:
    try:
        checked = autoreply.check_pattern(pattern, timeout=0.02)
    except RuleError:
        return
    started = time.perf_counter()
    find_matches([Rule(1, Scope.EVERY, pattern=checked)], text, [0], timeout=0.02)
    assert time.perf_counter() - started < 1
