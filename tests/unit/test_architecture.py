"""The house rules, checked: imports run one way (down the floors), and every module imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "cogs", "storage")

# Lowest floor first. A module may import its own floor and the floors below it, never above.
FLOORS: list[tuple[str, ...]] = [
    (
        "bot.domain",
        "bot.errors",
        "bot.messages",
        "bot.i18n",
        "bot.clock",
        "bot.settings",
    ),  # pure rules and facts
    ("storage",),  # all SQL
    ("bot.render", "bot.transcripts"),  # builders: embeds, views, modals as data, transcript renderers
    ("bot.services",),  # the operations
    ("bot.flows",),  # what happens after a click
    ("bot.app",),  # the wiring
    ("cogs",),  # Discord's front door
    ("bot.__main__", "bot"),  # the command line, and the package's lazy exports
]


def floor_of(module: str) -> int:
    best, found = -1, -1
    for index, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > best:
                best, found = len(prefix), index
    assert found >= 0, f"{module} is on no floor: add it to FLOORS in this test"
    return found


def modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found.append((".".join(parts), path))
    return found


def imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every first-party import of ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    for node in tree.body:  # `if TYPE_CHECKING:` blocks count as module level
        if isinstance(node, ast.If):
            top_level |= {id(child) for child in node.body}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            if name.split(".")[0] in PACKAGES:
                found.append((name, node.lineno, id(node) in top_level))
    return found


def _known(name: str, known: set[str]) -> str | None:
    """``name`` if it is a module, else its package (``from x import Class``)."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


def test_imports_only_run_down_the_floors() -> None:
    everything = dict(modules())
    known = set(everything)
    upward = []
    for module, path in everything.items():
        for name, line, _ in imports(module, path):
            target = _known(name, known)
            if target is not None and floor_of(target) > floor_of(module):
                upward.append(f"{path.relative_to(ROOT)}:{line} imports {target} (a floor above)")
    assert not upward, "\n".join(upward)


def test_services_never_import_flows_or_reach_through_the_bot() -> None:
    offenders = []
    for path in (ROOT / "bot" / "services").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if "self.bot" in line or "bot.flows" in line or "bot.app" in line or "bot.services." in line:
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "\n".join(offenders)


def test_no_function_level_import_without_a_reason() -> None:
    hidden = []
    for module, path in modules():
        lines = path.read_text(encoding="utf-8").splitlines()
        for name, line, at_top in imports(module, path):
            if not at_top and "#" not in lines[line - 1]:
                hidden.append(
                    f"{path.relative_to(ROOT)}:{line} imports {name} inside a function, without a comment"
                )
    assert not hidden, "\n".join(hidden)


def test_every_module_imports_on_its_own() -> None:
    """Each module in a fresh state (our packages unloaded first), so no import order hides a cycle."""
    script = (
        "import importlib, sys, traceback\n"
        f"names = {[name for name, _ in modules()]!r}\n"
        "failed = []\n"
        "for name in names:\n"
        "    for loaded in [m for m in sys.modules if m.split('.')[0] in ('bot', 'cogs', 'storage')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception:\n"
        "        failed.append(name + ': ' + traceback.format_exc().splitlines()[-1])\n"
        "print('\\n'.join(failed))\n"
        "sys.exit(1 if failed else 0)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
