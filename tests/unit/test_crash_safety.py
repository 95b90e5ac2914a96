"""Killing the process during writes loses no committed row."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_script():
    spec = importlib.util.spec_from_file_location("crash_safety", ROOT / "benchmarks" / "crash_safety.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sigkill_during_writes_loses_no_committed_row(tmp_path: Path) -> None:
    result = load_script().run(rounds=4, path=tmp_path / "crash.sqlite3", seed=7)

    assert result["acknowledged"] > 0
    assert result["lost"] == 0
    assert result["integrity_failures"] == 0
