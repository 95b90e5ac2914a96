"""The simulated Discord could serve any discord.py bot: no support module imports TicketDesk's code.

Only ``tests/support/desk.py`` (TicketDesk's wiring and scenario helpers) may import ``bot``, ``cogs``
or ``storage``, and no other support module may import it.
"""

from __future__ import annotations

import ast
from pathlib import Path

SUPPORT = Path(__file__).resolve().parents[1] / "support"
WIRING = "desk.py"
FORBIDDEN = ("bot", "cogs", "storage", "tests.support.desk")


def imported(source: str, package: str) -> set[str]:
    """Every module ``source`` imports (at any depth), relative imports resolved against ``package``."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def forbidden(module: str) -> bool:
    return any(module == name or module.startswith(name + ".") for name in FORBIDDEN)


def test_the_import_walk_sees_every_form_of_import() -> None:
    source = "import bot.app\nfrom tests.support import desk\ndef f():\n    from ..x import y\n"
    assert imported(source, "tests.support.routes") >= {"bot.app", "tests.support.desk", "tests.support.x.y"}
    assert forbidden("bot.app") and forbidden("tests.support.desk") and not forbidden("botocore")


def test_the_simulated_discord_imports_nothing_of_ticketdesk() -> None:
    modules = sorted(p for p in SUPPORT.rglob("*.py") if p.relative_to(SUPPORT).as_posix() != WIRING)
    assert SUPPORT / "fake_discord.py" in modules and SUPPORT / "routes" / "messages.py" in modules
    offences = []
    for path in modules:
        package = ".".join(path.relative_to(SUPPORT.parent.parent).parts[:-1])  # e.g. tests.support.routes
        for module in sorted(imported(path.read_text(), package)):
            if forbidden(module):
                offences.append(f"{path.relative_to(SUPPORT)} imports {module}")
    assert not offences, "\n".join(offences)
