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


def _import_time_reads(tree: ast.Module) -> list[ast.Attribute]:
    """``messages.NAME`` evaluated when the module is imported: at module or class level, in a default
    argument or a decorator (everything but function bodies)."""
    found: list[ast.Attribute] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for part in [*node.decorator_list, *node.args.defaults, *node.args.kw_defaults]:
                if part is not None:
                    visit(part)
            return  # the body runs later, in the language speaking then
        if isinstance(node, ast.Lambda):
            for part in [*node.args.defaults, *node.args.kw_defaults]:
                if part is not None:
                    visit(part)
            return
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "messages"
            and node.attr.isupper()
        ):
            found.append(node)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def test_no_sentence_is_read_at_import_time() -> None:
    """A sentence read when a module is imported would be English forever (and in every member's
    language the same): read it where it is shown, in the language speaking then."""
    early = [
        f"{path.relative_to(ROOT)}:{node.lineno}: messages.{node.attr}"
        for path in SOURCES
        if path != ROOT / "bot" / "messages.py"
        for node in _import_time_reads(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert early == []
