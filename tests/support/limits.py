"""Discord's payload limits, checked by the simulated Discord the way Discord answers them (400, 50035)."""

from __future__ import annotations

from typing import Any

import regex

MESSAGE_CONTENT = 2000
EMBEDS_PER_MESSAGE = 10
EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
EMBED_FIELDS = 25
EMBED_FIELD_NAME = 256
EMBED_FIELD_VALUE = 1024
EMBED_FOOTER = 2048
EMBED_AUTHOR = 256
CUSTOM_ID = 100
BUTTON_LABEL = 80
SELECT_OPTIONS = 25
SELECT_OPTION_TEXT = 100
SELECT_PLACEHOLDER = 150
ACTION_ROWS = 5
ROW_BUTTONS = 5
MODAL_TITLE = 45
MODAL_COMPONENTS = 5
LABEL_TEXT = 45
LABEL_DESCRIPTION = 100
TEXT_INPUT_VALUE = 4000
TEXT_INPUT_PLACEHOLDER = 100
CHANNEL_NAME = 100
CHANNEL_TOPIC = 1024
FILES_PER_MESSAGE = 10


class PayloadError(ValueError):
    """A payload Discord would refuse with 400 Invalid Form Body."""


def _check(condition: bool, where: str, message: str) -> None:
    if not condition:
        raise PayloadError(f"{where}: {message}")


def _len(value: Any) -> int:
    return len(value) if isinstance(value, str) else 0


def check_embed(embed: dict[str, Any], where: str) -> int:
    """Validate one embed; return its character count toward the 6,000 total."""
    total = 0
    title = embed.get("title")
    _check(_len(title) <= EMBED_TITLE, f"{where}.title", f"must be {EMBED_TITLE} or fewer in length")
    total += _len(title)
    description = embed.get("description")
    _check(
        _len(description) <= EMBED_DESCRIPTION,
        f"{where}.description",
        f"must be {EMBED_DESCRIPTION} or fewer in length",
    )
    total += _len(description)
    fields = embed.get("fields") or []
    _check(len(fields) <= EMBED_FIELDS, f"{where}.fields", f"must be {EMBED_FIELDS} or fewer in length")
    for i, field in enumerate(fields):
        name, value = field.get("name"), field.get("value")
        _check(
            isinstance(name, str) and 0 < len(name) <= EMBED_FIELD_NAME, f"{where}.fields.{i}.name", "invalid"
        )
        _check(
            isinstance(value, str) and 0 < len(value) <= EMBED_FIELD_VALUE,
            f"{where}.fields.{i}.value",
            "invalid",
        )
        total += len(name) + len(value)
    footer = (embed.get("footer") or {}).get("text")
    _check(_len(footer) <= EMBED_FOOTER, f"{where}.footer.text", "too long")
    total += _len(footer)
    author = (embed.get("author") or {}).get("name")
    _check(_len(author) <= EMBED_AUTHOR, f"{where}.author.name", "too long")
    total += _len(author)
    return total


def _check_select(component: dict[str, Any], where: str) -> None:
    _check(_len(component.get("placeholder")) <= SELECT_PLACEHOLDER, f"{where}.placeholder", "too long")
    if component.get("type") == 3:
        options = component.get("options") or []
        _check(
            0 < len(options) <= SELECT_OPTIONS, f"{where}.options", f"must have 1 to {SELECT_OPTIONS} options"
        )
        values = set()
        for j, option in enumerate(options):
            for key in ("label", "value", "description"):
                text = option.get(key)
                _check(_len(text) <= SELECT_OPTION_TEXT, f"{where}.options.{j}.{key}", "too long")
            _check(bool(option.get("label")), f"{where}.options.{j}.label", "required")
            _check(option.get("value") not in values, f"{where}.options.{j}.value", "duplicate value")
            values.add(option.get("value"))


def _check_interactive(component: dict[str, Any], where: str, custom_ids: set[str]) -> None:
    ctype = component.get("type")
    if ctype == 2:  # button
        style = component.get("style")
        _check(_len(component.get("label")) <= BUTTON_LABEL, f"{where}.label", "too long")
        if style == 5:
            _check(bool(component.get("url")), f"{where}.url", "link buttons need a url")
            return
    custom_id = component.get("custom_id")
    _check(
        isinstance(custom_id, str) and 0 < len(custom_id) <= CUSTOM_ID,
        f"{where}.custom_id",
        f"must be 1 to {CUSTOM_ID} characters",
    )
    _check(custom_id not in custom_ids, f"{where}.custom_id", "component custom id cannot be duplicated")
    custom_ids.add(custom_id)
    if ctype in (3, 5, 6, 7, 8):
        _check_select(component, where)


def check_components(components: list[dict[str, Any]], where: str = "components") -> None:
    _check(len(components) <= ACTION_ROWS, where, f"must be {ACTION_ROWS} or fewer in length")
    custom_ids: set[str] = set()
    for i, row in enumerate(components):
        _check(row.get("type") == 1, f"{where}.{i}", "top-level components must be action rows")
        children = row.get("components") or []
        _check(0 < len(children) <= ROW_BUTTONS, f"{where}.{i}.components", "must hold 1 to 5 components")
        if any(child.get("type") != 2 for child in children):
            _check(len(children) == 1, f"{where}.{i}.components", "a select fills its row alone")
        for j, child in enumerate(children):
            _check_interactive(child, f"{where}.{i}.components.{j}", custom_ids)


def check_message(payload: dict[str, Any], *, files: int = 0) -> None:
    """Validate a message create or edit payload as Discord does."""
    content = payload.get("content")
    _check(_len(content) <= MESSAGE_CONTENT, "content", f"must be {MESSAGE_CONTENT} or fewer in length")
    embeds = payload.get("embeds") or []
    _check(len(embeds) <= EMBEDS_PER_MESSAGE, "embeds", f"must be {EMBEDS_PER_MESSAGE} or fewer in length")
    total = sum(check_embed(embed, f"embeds.{i}") for i, embed in enumerate(embeds))
    _check(total <= EMBED_TOTAL, "embeds", f"embed size exceeds maximum size of {EMBED_TOTAL}")
    check_components(payload.get("components") or [])
    _check(files <= FILES_PER_MESSAGE, "files", f"must be {FILES_PER_MESSAGE} or fewer")


def check_modal(data: dict[str, Any]) -> None:
    """Validate a modal (interaction response type 9)."""
    title = data.get("title")
    _check(
        isinstance(title, str) and 0 < len(title) <= MODAL_TITLE, "data.title", f"must be 1 to {MODAL_TITLE}"
    )
    custom_id = data.get("custom_id")
    _check(isinstance(custom_id, str) and 0 < len(custom_id) <= CUSTOM_ID, "data.custom_id", "invalid")
    components = data.get("components") or []
    _check(0 < len(components) <= MODAL_COMPONENTS, "data.components", "must hold 1 to 5 components")
    custom_ids: set[str] = set()
    for i, top in enumerate(components):
        where = f"data.components.{i}"
        if top.get("type") == 18:  # label
            _check(0 < _len(top.get("label")) <= LABEL_TEXT, f"{where}.label", f"must be 1 to {LABEL_TEXT}")
            _check(_len(top.get("description")) <= LABEL_DESCRIPTION, f"{where}.description", "too long")
            inner = [top.get("component") or {}]
        elif top.get("type") == 1:
            inner = top.get("components") or []
            _check(len(inner) == 1, f"{where}.components", "a modal row holds one input")
        elif top.get("type") == 10:  # text display
            continue
        else:
            raise PayloadError(f"{where}: unsupported modal component type {top.get('type')}")
        for child in inner:
            cid = child.get("custom_id")
            _check(isinstance(cid, str) and 0 < len(cid) <= CUSTOM_ID, f"{where}.custom_id", "invalid")
            _check(cid not in custom_ids, f"{where}.custom_id", "duplicate")
            custom_ids.add(cid)
            if child.get("type") == 4:
                if top.get("type") == 1:
                    _check(0 < _len(child.get("label")) <= LABEL_TEXT, f"{where}.label", "must be 1 to 45")
                low, high = child.get("min_length"), child.get("max_length")
                _check(low is None or 0 <= low <= TEXT_INPUT_VALUE, f"{where}.min_length", "out of range")
                _check(high is None or 1 <= high <= TEXT_INPUT_VALUE, f"{where}.max_length", "out of range")
                _check(low is None or high is None or low <= high, f"{where}.min_length", "above max_length")
                _check(
                    _len(child.get("placeholder")) <= TEXT_INPUT_PLACEHOLDER,
                    f"{where}.placeholder",
                    "too long",
                )
                _check(_len(child.get("value")) <= TEXT_INPUT_VALUE, f"{where}.value", "too long")
            else:
                _check_select(child, where)


def check_channel_name(name: Any) -> None:
    _check(
        isinstance(name, str) and 0 < len(name) <= CHANNEL_NAME,
        "name",
        f"must be 1 to {CHANNEL_NAME} in length",
    )


def normalise_text_channel_name(name: str) -> str:
    """What Discord does to a text channel's name: lower case, whitespace runs become one dash."""
    return "-".join(name.lower().split()) or name.lower()


# -- application commands ----------------------------------------------------------------------------
COMMAND_NAME = regex.compile(r"^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$")
COMMAND_DESCRIPTION = 100
COMMAND_OPTIONS = 25
COMMAND_CHOICES = 25
COMMAND_TOTAL = 4000  # name, description and values of a command with its options and choices, per locale
LOCALES = frozenset(
    "id da de en-GB en-US es-ES es-419 fr hr it lt hu nl no pl pt-BR ro fi sv-SE vi tr cs el bg ru uk hi th "
    "zh-CN ja zh-TW ko".split()
)
SUB = (1, 2)  # a subcommand, a subcommand group


def _texts(node: dict[str, Any], key: str, where: str) -> dict[str | None, str]:
    """The text under ``key`` in the default language (None) and each localization."""
    found: dict[str | None, str] = {None: node.get(key) or ""}
    for locale, text in (node.get(f"{key}_localizations") or {}).items():
        _check(locale in LOCALES, f"{where}.{key}_localizations", f"{locale!r} is not a locale")
        found[locale] = text
    return found


def _check_slash_name(names: dict[str | None, str], where: str) -> None:
    for locale, name in names.items():
        _check(bool(COMMAND_NAME.match(name)), where, f"name {name!r} ({locale or 'default'}) is not valid")
        _check(name == name.lower(), where, f"name {name!r} ({locale or 'default'}) must be lowercase")


def _check_length(texts: dict[str | None, str], where: str, low: int, high: int) -> None:
    for locale, text in texts.items():
        _check(low <= len(text) <= high, where, f"{locale or 'default'}: must be {low}-{high} long")


def _unique(siblings: list[dict[str | None, str]], where: str) -> None:
    locales = {locale for names in siblings for locale in names}
    for locale in locales:
        seen = [names.get(locale, names[None]) for names in siblings]
        _check(len(seen) == len(set(seen)), where, f"names repeat in {locale or 'default'}: {sorted(seen)}")


def _count(node: dict[str, Any], locale: str | None) -> int:
    total = 0
    for key in ("name", "description"):
        texts = _texts(node, key, "")
        total += len(texts.get(locale, texts[None]))
    for choice in node.get("choices") or []:
        names = _texts(choice, "name", "")
        total += len(names.get(locale, names[None])) + len(str(choice.get("value", "")))
    return total + sum(_count(option, locale) for option in node.get("options") or [])


def _check_options(options: list[dict[str, Any]], where: str) -> None:
    _check(len(options) <= COMMAND_OPTIONS, where, f"at most {COMMAND_OPTIONS} options")
    names = []
    required_done = False
    for index, option in enumerate(options):
        at = f"{where}.{index}"
        option_names = _texts(option, "name", at)
        _check_slash_name(option_names, at)
        _check_length(_texts(option, "description", at), f"{at}.description", 1, COMMAND_DESCRIPTION)
        names.append(option_names)
        choices = option.get("choices") or []
        _check(len(choices) <= COMMAND_CHOICES, f"{at}.choices", f"at most {COMMAND_CHOICES} choices")
        for number, choice in enumerate(choices):
            _check_length(_texts(choice, "name", f"{at}.choices.{number}"), f"{at}.choices.{number}", 1, 100)
        if option.get("type") in SUB:
            _check_options(option.get("options") or [], f"{at}.options")
        elif option.get("required"):
            _check(not required_done, at, "required options must come before optional ones")
        else:
            required_done = True
    _unique(names, where)


def check_commands(commands: list[dict[str, Any]]) -> None:
    """A bulk overwrite of application commands, checked as Discord checks one."""
    by_type: dict[int, list[dict[str | None, str]]] = {}
    for index, command in enumerate(commands):
        where = f"{index}"
        kind = command.get("type", 1)
        names = _texts(command, "name", where)
        if kind == 1:
            _check_slash_name(names, where)
            _check_length(
                _texts(command, "description", where), f"{where}.description", 1, COMMAND_DESCRIPTION
            )
            _check_options(command.get("options") or [], f"{where}.options")
        else:
            _check_length(names, f"{where}.name", 1, 32)
            _check(not command.get("description"), f"{where}.description", "menus have no description")
        for locale in {None, *names}:
            total = _count(command, locale)
            _check(total <= COMMAND_TOTAL, where, f"{total} characters in {locale or 'default'}: over 4000")
        by_type.setdefault(kind, []).append(names)
    for kind, siblings in by_type.items():
        _unique(siblings, f"type {kind}")
