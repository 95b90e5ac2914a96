"""Every user-facing sentence lives in bot/messages.py (ready for translation), and every one used exists."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from bot import messages

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [p for package in ("bot", "cogs") for p in sorted((ROOT / package).rglob("*.py"))]
ERRORS = {
    "TicketDeskError",
    "NotFound",
    "NotAllowed",
    "InvalidInput",
    "Conflict",
    "LimitReached",
    "ModuleDisabled",
    "MissingDiscordPermission",
    "DiscordUnavailable",
    "FormError",
    "DurationError",
    "LevelError",
    "ScheduleError",
    "MessageError",
    "TemplateError",
}
SHOWN = {
    "reply",
    "send_message",
    "add_field",
    "Embed",
    "Button",
    "set_footer",
    "set_author",
    "Label",
    "edit_message",
}
SHOWN_KEYWORDS = {"name", "value", "title", "description", "label", "placeholder", "content", "text"}


def _sentence(node: ast.AST) -> bool:
    """A literal with words in it (an f-string with literal words counts too)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2,}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_sentence(part) for part in node.values)
    return False


def test_no_sentence_is_written_outside_the_messages_module() -> None:
    inline = []
    for path in SOURCES:
        if path == ROOT / "bot" / "messages.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in ERRORS:
                shown = list(node.args[:1])
            elif name in SHOWN:
                shown = [*node.args[1:2], *(k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS)]
                if name in ("Embed", "add_field", "Button", "Label", "set_footer", "set_author"):
                    shown = [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
            else:
                continue
            inline += [
                f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(a)[:80]}"
                for a in shown
                if _sentence(a)
            ]
    assert not inline, "sentences written in place; move them to bot/messages.py:\n" + "\n".join(inline)


def test_every_message_used_exists() -> None:
    used = set()
    for path in SOURCES:
        used |= set(re.findall(r"(?<![\w./])messages\.([A-Za-z_]+)", path.read_text(encoding="utf-8")))
    assert not sorted(name for name in used if not hasattr(messages, name))
