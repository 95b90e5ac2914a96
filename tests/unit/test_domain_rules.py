"""The pure rules: names, forms, schedules, levels, durations, placement and templates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.domain import naming
from bot.domain.durations import DurationError, describe, parse_duration, parse_moment
from bot.domain.forms import (
    Answer,
    FieldKind,
    FormError,
    FormField,
    check_answers,
    display_value,
    validate_form,
)
from bot.domain.levels import LevelError, parse_levels
from bot.domain.placement import choose_category
from bot.domain.schedule import ScheduleError, parse_schedule
from bot.domain.templates import render, unknown_variables
from bot.domain.text import clip, strip_invisible

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)  # a Monday


# -- names ---------------------------------------------------------------------------------------------


def test_channel_names_are_slugged_and_threads_keep_their_case() -> None:
    values = {"number": "7", "user": "Ann Lee", "user_id": "1", "group": "Billing & Co", "date": "2026-01-01"}
    assert naming.render_name("ticket-{number}", values) == "ticket-7"
    assert naming.render_name("{group} {user} {number}", values) == "billing-co-ann-lee-7"
    assert naming.render_name("{user} #{number}", values, thread=True) == "Ann Lee #7"


def test_an_empty_rendering_falls_back_to_the_number() -> None:
    values = {"number": "12", "user": "\u200b\u202e", "user_id": "1", "group": "g", "date": "d"}
    assert naming.render_name("{user}", values) == "ticket-12"


@pytest.mark.parametrize("template", ["{nope}", "{number:03}", "{", "!!!", "", "x" * 101])
def test_bad_templates_are_refused(template: str) -> None:
    with pytest.raises(naming.TemplateError):
        naming.validate_template(template)


@given(st.text(max_size=300), st.integers(min_value=1, max_value=10**6))
def test_any_user_text_makes_a_valid_channel_name(user: str, number: int) -> None:
    values = {"number": str(number), "user": user, "user_id": "1", "group": user, "date": "2026-01-01"}
    for template in ("{user}-{number}", "{group}", "ticket-{number}"):
        name = naming.render_name(template, values)
        assert 1 <= len(name) <= 100
        assert name == name.lower() and " " not in name and "@" not in name
        assert strip_invisible(name) == name
        thread = naming.render_name(template, values, thread=True)
        assert 1 <= len(thread) <= 100 and "\n" not in thread and "@" not in thread


# -- forms ---------------------------------------------------------------------------------------------


def form() -> list[FormField]:
    return [
        FormField("f1", "Order", FieldKind.SHORT, max_length=10),
        FormField("f2", "Details", FieldKind.PARAGRAPH, required=False),
        FormField("f3", "Product", FieldKind.SELECT, options=["A", "B"]),
        FormField("f4", "Helper", FieldKind.USER, required=False),
    ]


def test_answers_are_checked_against_the_form() -> None:
    answers = check_answers(form(), {"f1": " 42 ", "f2": "", "f3": ["B"], "f4": ["123"]})
    assert [a.value for a in answers] == ["42", "", "B", "123"]
    assert display_value(answers[3]) == "<@123>"
    with pytest.raises(FormError, match="required"):
        check_answers(form(), {"f1": "", "f3": ["A"]})
    with pytest.raises(FormError, match="at most 10"):
        check_answers(form(), {"f1": "x" * 11, "f3": ["A"]})
    with pytest.raises(FormError, match="not on the list"):
        check_answers(form(), {"f1": "1", "f3": ["Z"]})
    with pytest.raises(FormError, match="not a member"):
        check_answers(form(), {"f1": "1", "f3": ["A"], "f4": ["@everyone"]})


def test_form_definitions_are_checked() -> None:
    validate_form(form(), "Title")
    with pytest.raises(FormError, match="at most 5"):
        validate_form([FormField(f"f{i}", f"Q{i}") for i in range(6)], None)
    with pytest.raises(FormError, match="1 to 45"):
        validate_form([FormField("f1", "x" * 46)], None)
    with pytest.raises(FormError, match="share a label"):
        validate_form([FormField("f1", "Q"), FormField("f2", "q")], None)
    with pytest.raises(FormError, match="options"):
        validate_form([FormField("f1", "Q", FieldKind.SELECT, options=[])], None)


# -- schedules ------------------------------------------------------------------------------------------


def test_a_schedule_knows_when_it_is_open_and_when_it_opens() -> None:
    schedule = parse_schedule("mo-fr 09:00-17:00; sa 10:00-12:00 Europe/Berlin")
    assert schedule.timezone == "Europe/Berlin"
    assert schedule.is_open(NOW)  # 13:00 in Berlin on a Monday
    friday_evening = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)
    assert not schedule.is_open(friday_evening)
    assert schedule.next_opening(friday_evening) == datetime(
        2026, 11, 28, 9, 0, tzinfo=UTC
    )  # Sat 10:00 Berlin
    assert parse_schedule("su 22:00-24:00").is_open(datetime(2026, 11, 29, 23, 59, tzinfo=UTC))


def test_a_schedule_across_a_daylight_saving_change() -> None:
    schedule = parse_schedule("daily 09:00-10:00 Europe/Berlin")
    before = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)
    assert schedule.next_opening(before) == datetime(2026, 3, 29, 7, 0, tzinfo=UTC)  # CEST begins on the 29th


@pytest.mark.parametrize(
    "text",
    [
        "",
        "09:00-17:00",
        "xx 09:00-10:00",
        "mo 9-5",
        "mo 10:00-09:00",
        "mo 09:00-12:00 11:00-13:00",
        "mo 09:00-10:00 Not/AZone",
        "mo 25:00-26:00",
    ],
)
def test_bad_schedules_are_refused(text: str) -> None:
    with pytest.raises(ScheduleError):
        parse_schedule(text)


# -- levels ------------------------------------------------------------------------------------------------


def test_levels_parse_emoji_colour_default_and_description() -> None:
    levels = parse_levels("🟢 Low: can wait | Normal* | 🔴 Urgent #FF0000: today")
    assert [lv.label for lv in levels] == ["Low", "Normal", "Urgent"]
    assert levels[0].emoji == "🟢" and levels[0].description == "can wait"
    assert levels[1].default and levels[2].color == "#ff0000"
    assert [lv.label for lv in parse_levels("1, 2, 3")] == ["1", "2", "3"]
    assert parse_levels("<:blob:123456789012345678> Blob")[0].emoji == "<:blob:123456789012345678>"


@pytest.mark.parametrize("text", ["x" * 81, "A* | B*", "A | a", "A: " + "d" * 101, " * "])
def test_bad_levels_are_refused(text: str) -> None:
    with pytest.raises(LevelError):
        parse_levels(text)


# -- durations --------------------------------------------------------------------------------------------


def test_durations_and_moments() -> None:
    assert parse_duration("2d 4h") == timedelta(days=2, hours=4)
    assert parse_duration("1h30m") == timedelta(minutes=90)
    assert describe(timedelta(days=2, hours=4)) == "2 days and 4 hours"
    assert describe(timedelta(minutes=1)) == "1 minute"
    assert parse_moment("1w", NOW) == NOW + timedelta(weeks=1)
    assert parse_moment("2026-12-01T00:00:00Z", NOW) == datetime(2026, 12, 1, tzinfo=UTC)
    for bad in ("", "soon", "0m", "-5m", "5 apples", "99999w"):
        with pytest.raises(DurationError):
            parse_duration(bad)
    with pytest.raises(DurationError, match="past"):
        parse_moment("2020-01-01T00:00:00Z", NOW)


# -- placement -----------------------------------------------------------------------------------------------


def test_a_category_with_49_channels_is_full() -> None:
    assert choose_category([(1, 48)], 100).category_id == 1
    overflow = choose_category([(1, 49), (2, 3)], 100)
    assert overflow.category_id == 2 and overflow.overflowed
    assert choose_category([(1, 49), (2, 49)], 100).full
    assert choose_category([(1, 0)], 499).full
    assert choose_category([(1, 10), (2, 0)], 10, skip=[1]).category_id == 2
    assert choose_category([], 10).category_id is None and not choose_category([], 10).full


# -- text and templates ------------------------------------------------------------------------------------


def test_invisible_characters_are_removed_and_text_clipped() -> None:
    assert strip_invisible("a\u200bb\u202ec\ufeffd\x00") == "abcd"
    assert clip("abcdef", 4) == "abc…" and clip("abc", 4) == "abc"


def test_templates_fill_known_variables_only() -> None:
    assert (
        render("Hi {user}, {ticket} {unknown} {0}", {"user": "<@1>", "ticket": "#2"})
        == "Hi <@1>, #2 {unknown} {0}"
    )
    assert unknown_variables("{user} {nope}") == ["nope"]
    assert display_value(Answer("Q", "", "short")) == "—"


# -- warnings before an automatic close ---------------------------------------------------------------

T0 = datetime(2026, 3, 1, 12, tzinfo=UTC)
H = timedelta(hours=1)


def test_without_a_warning_length_a_ticket_closes_at_its_due_time() -> None:
    from bot.domain.lifecycle import auto_close_step

    assert auto_close_step(T0, None, None, None, T0 - H) == ("wait", T0)
    assert auto_close_step(T0, None, None, None, T0) == ("close", None)


def test_a_period_is_warned_once_then_closed_no_sooner_than_the_warning_length() -> None:
    from bot.domain.lifecycle import auto_close_step

    warn = 12 * H
    assert auto_close_step(T0, warn, None, None, T0 - 13 * H) == ("wait", T0 - warn)
    assert auto_close_step(T0, warn, None, None, T0 - warn) == ("warn", T0)
    warned_at = T0 - warn
    assert auto_close_step(T0, warn, T0, warned_at, T0 - H) == ("wait", T0)  # warned: no second warning
    assert auto_close_step(T0, warn, T0, warned_at, T0) == ("close", None)
    # a reply moved the due time: a new period, warned again when its time comes
    later = T0 + 30 * H
    assert auto_close_step(later, warn, T0, warned_at, T0) == ("wait", later - warn)


def test_a_bot_that_was_away_warns_first_and_closes_later() -> None:
    from bot.domain.lifecycle import auto_close_step

    warn, now = 12 * H, T0 + 3 * H  # the due time passed while the bot was down
    step, closes = auto_close_step(T0, warn, None, None, now)
    assert step == "warn" and closes == now + warn
    assert auto_close_step(T0, warn, T0, now, now + 11 * H) == ("wait", now + warn)
    assert auto_close_step(T0, warn, T0, now, now + warn) == ("close", None)


@given(
    due=st.integers(-(10**6), 10**6),
    warn=st.integers(0, 10**5),
    now=st.integers(-(10**6), 10**6),
)
def test_the_close_never_comes_before_its_due_time_or_without_a_warning(
    due: int, warn: int, now: int
) -> None:
    from bot.domain.lifecycle import auto_close_step

    at = T0 + timedelta(seconds=due)
    length = timedelta(seconds=warn) if warn else None
    moment = T0 + timedelta(seconds=now)
    step, _ = auto_close_step(at, length, None, None, moment)
    assert step != "close" or (length is None and moment >= at)


@pytest.mark.parametrize(
    "text", ['{"footer": "x"}', '{"author": 5}', '{"image": []}', '{"fields": {"a": 1}}']
)
def test_an_embed_part_of_the_wrong_shape_is_refused_with_a_sentence(text: str) -> None:
    from bot.domain.message_limits import MessageError, check, parse_embeds

    with pytest.raises(MessageError):
        check(None, parse_embeds(text))
