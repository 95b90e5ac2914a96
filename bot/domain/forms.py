"""Ticket forms: up to five inputs, their definitions checked and their answers validated."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot import messages
from bot.domain.text import clip, strip_invisible

MAX_FIELDS = 5
LABEL_MAX = 45
DESCRIPTION_MAX = 100
PLACEHOLDER_MAX = 100
TEXT_MAX = 4000
SHORT_MAX = 4000
TITLE_MAX = 45
OPTIONS_MAX = 25
OPTION_TEXT_MAX = 100


class FieldKind(StrEnum):
    SHORT = "short"
    PARAGRAPH = "paragraph"
    SELECT = "select"
    USER = "user"
    ROLE = "role"


class FormError(ValueError):
    """A form definition or an answer is not acceptable; the message says why."""


@dataclass(slots=True)
class FormField:
    key: str
    label: str
    kind: FieldKind = FieldKind.SHORT
    required: bool = True
    placeholder: str | None = None
    description: str | None = None
    min_length: int | None = None
    max_length: int | None = None
    options: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["kind"] = str(self.kind)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FormField:
        return cls(
            key=str(data["key"]),
            label=str(data["label"]),
            kind=FieldKind(data.get("kind", "short")),
            required=bool(data.get("required", True)),
            placeholder=data.get("placeholder"),
            description=data.get("description"),
            min_length=data.get("min_length"),
            max_length=data.get("max_length"),
            options=list(data.get("options") or []),
        )

    @property
    def is_text(self) -> bool:
        return self.kind in (FieldKind.SHORT, FieldKind.PARAGRAPH)


@dataclass(slots=True)
class Answer:
    """One answered question, in the Ticketeer form shape (title, value, type)."""

    title: str
    value: str
    type: str

    def to_json(self) -> dict[str, Any]:
        return {"title": self.title, "value": self.value, "type": self.type}


def validate_field(spec: FormField) -> FormField:
    """Check one field definition; returns it with text trimmed."""
    label = strip_invisible(spec.label).strip()
    if not 1 <= len(label) <= LABEL_MAX:
        raise FormError(messages.FORM_LABEL_LENGTH.format(max=LABEL_MAX))
    spec.label = label
    if spec.placeholder is not None and len(spec.placeholder) > PLACEHOLDER_MAX:
        raise FormError(messages.FORM_PLACEHOLDER_LENGTH.format(max=PLACEHOLDER_MAX))
    if spec.description is not None and len(spec.description) > DESCRIPTION_MAX:
        raise FormError(messages.FORM_DESCRIPTION_LENGTH.format(max=DESCRIPTION_MAX))
    if spec.is_text:
        low = spec.min_length if spec.min_length is not None else 0
        high = spec.max_length if spec.max_length is not None else TEXT_MAX
        if not 0 <= low <= TEXT_MAX or not 1 <= high <= TEXT_MAX:
            raise FormError(messages.FORM_LENGTHS_RANGE.format(max=TEXT_MAX))
        if low > high:
            raise FormError(messages.FORM_MIN_ABOVE_MAX)
        if spec.required and high < 1:
            raise FormError(messages.FORM_REQUIRED_EMPTY)
    else:
        spec.min_length = spec.max_length = None
    if spec.kind is FieldKind.SELECT:
        options = [clip(strip_invisible(o).strip(), OPTION_TEXT_MAX) for o in spec.options]
        options = [o for o in options if o]
        if not 1 <= len(options) <= OPTIONS_MAX:
            raise FormError(messages.FORM_SELECT_OPTIONS.format(max=OPTIONS_MAX))
        if len(set(options)) != len(options):
            raise FormError(messages.FORM_SELECT_DUPLICATES)
        spec.options = options
    else:
        spec.options = []
    return spec


def validate_form(fields: list[FormField], title: str | None) -> None:
    if len(fields) > MAX_FIELDS:
        raise FormError(messages.FORM_TOO_MANY_FIELDS.format(max=MAX_FIELDS))
    if title is not None and not 1 <= len(title) <= TITLE_MAX:
        raise FormError(messages.FORM_TITLE_LENGTH.format(max=TITLE_MAX))
    keys = [f.key for f in fields]
    if len(set(keys)) != len(keys):
        raise FormError(messages.FORM_SAME_KEY)
    labels = [f.label.lower() for f in fields]
    if len(set(labels)) != len(labels):
        raise FormError(messages.FORM_SAME_LABEL)
    for spec in fields:
        validate_field(spec)


def check_answers(fields: list[FormField], raw: dict[str, list[str] | str]) -> list[Answer]:
    """Validate submitted values (by field key) against the form; returns the answers in form order.

    Discord's client enforces lengths and required fields, but a modified client does not: check again.
    """
    answers: list[Answer] = []
    for spec in fields:
        value = raw.get(spec.key)
        values = [value] if isinstance(value, str) else list(value or [])
        if spec.is_text:
            text = (values[0] if values else "").strip()
            if spec.required and not text:
                raise FormError(messages.ANSWER_REQUIRED.format(label=spec.label))
            high = spec.max_length if spec.max_length is not None else TEXT_MAX
            if len(text) > high:
                raise FormError(messages.ANSWER_TOO_LONG.format(label=spec.label, max=high))
            if text and spec.min_length and len(text) < spec.min_length:
                raise FormError(messages.ANSWER_TOO_SHORT.format(label=spec.label, min=spec.min_length))
            answers.append(Answer(spec.label, text, str(spec.kind)))
            continue
        chosen = [v for v in values if v]
        if spec.required and not chosen:
            raise FormError(messages.ANSWER_REQUIRED.format(label=spec.label))
        if spec.kind is FieldKind.SELECT and any(v not in spec.options for v in chosen):
            raise FormError(messages.ANSWER_NOT_AN_OPTION.format(label=spec.label))
        if spec.kind in (FieldKind.USER, FieldKind.ROLE) and any(not v.isdigit() for v in chosen):
            raise FormError(
                messages.ANSWER_WRONG_KIND.format(label=spec.label, kind=messages.FIELD_KIND_WORDS[spec.kind])
            )
        answers.append(Answer(spec.label, ", ".join(chosen), str(spec.kind)))
    return answers


def display_value(answer: Answer) -> str:
    """How an answer reads in a message: user and role picks become mentions (which never ping)."""
    if not answer.value:
        return "—"
    if answer.type == FieldKind.USER:
        return ", ".join(f"<@{v.strip()}>" for v in answer.value.split(","))
    if answer.type == FieldKind.ROLE:
        return ", ".join(f"<@&{v.strip()}>" for v in answer.value.split(","))
    return answer.value


def next_key(fields: list[FormField]) -> str:
    used = {f.key for f in fields}
    n = 1
    while f"f{n}" in used:
        n += 1
    return f"f{n}"
