"""Running it for real: the container, compose and systemd files, the health command, where data lives.

Docker cannot run where the tests run, so the files are checked as text: the right base, a non-root
user, the /data volume, a health check that exists, ``python -m bot`` as the command.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import Settings
from tests.unit.cli_run import one_line, run_bot

ROOT = Path(__file__).resolve().parents[2]


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per line, continuation lines joined."""
    joined = re.sub(r"\\\n", " ", dockerfile)
    found = []
    for line in joined.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            found.append((word.upper(), rest.strip()))
    return found


def test_the_dockerfile_runs_the_bot_as_a_user_with_data_on_a_volume() -> None:
    steps = instructions((ROOT / "Dockerfile").read_text())
    get = lambda name: [rest for word, rest in steps if word == name]  # noqa: E731

    assert get("FROM") == ["python:3.11-slim"]
    assert get("USER") and get("USER")[-1] not in ("root", "0")
    assert any("/data" in rest for rest in get("VOLUME"))
    assert any("TICKETDESK_DATA_DIR=/data" in rest for rest in get("ENV"))
    assert get("CMD") == ['["python", "-m", "bot"]']
    (health,) = get("HEALTHCHECK")
    assert '"python", "-m", "bot", "health"' in health
    assert [word for word, _ in steps].index("USER") < [word for word, _ in steps].index("CMD")


def test_compose_keeps_data_in_a_named_volume_and_the_token_in_an_env_file() -> None:
    compose = (ROOT / "compose.yaml").read_text()

    assert re.search(r"^\s+restart:\s*unless-stopped", compose, re.M)
    assert re.search(r"^\s+- ticketdesk-data:/data\s*$", compose, re.M)
    assert re.search(r"^volumes:\s*\n\s+ticketdesk-data:", compose, re.M)
    assert re.search(r"^\s+env_file:", compose, re.M)
    assert not re.search(r"^\s*-?\s*TICKETDESK_TOKEN\s*[:=]", compose, re.M)  # not written in the file
    assert (ROOT / "deploy" / "ticketdesk.env.example").read_text().startswith("TICKETDESK_TOKEN=")
    assert "ticketdesk.env" in (ROOT / ".gitignore").read_text()


def test_the_systemd_unit_runs_the_bot_hardened() -> None:
    unit = (ROOT / "deploy" / "ticketdesk.service").read_text()
    keys: dict[str, list[str]] = {}
    for line in unit.splitlines():
        key, sep, value = line.partition("=")
        if sep and not line.startswith("#"):
            keys.setdefault(key.strip(), []).append(value.strip())

    assert keys["User"] == ["ticketdesk"]
    assert keys["ExecStart"][0].endswith(" -m bot")
    assert keys["WorkingDirectory"] and keys["EnvironmentFile"]
    assert keys["Restart"] == ["on-failure"]
    assert keys["NoNewPrivileges"] == ["yes"] and keys["ProtectSystem"] == ["strict"]
    assert "TICKETDESK_DATA_DIR=/var/lib/ticketdesk" in keys["Environment"]
    assert "/var/lib/ticketdesk" in keys["ReadWritePaths"]


def test_the_readme_explains_running_it_for_real() -> None:
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Running it for real", 1)[1].split("\n## ", 1)[0]

    for needle in (
        "compose",
        "systemd",
        "python -m bot backup",
        "secret.key",
        "attachments/",
        "transcripts/",
    ):
        assert needle in section, needle
    assert "restore" in section.lower()


def test_health_is_unhealthy_without_a_database_and_healthy_after_check(tmp_path: Path) -> None:
    sick = run_bot("health", cwd=tmp_path)
    one_line(sick, 1, str(tmp_path / "data" / "ticketdesk.sqlite3"))
    assert not (tmp_path / "data").exists()  # a health check creates no data directory

    assert run_bot("check", cwd=tmp_path).returncode == 0
    well = run_bot("health", cwd=tmp_path)

    assert well.returncode == 0, well.stderr
    assert well.stderr == "" and len(well.stdout.strip().splitlines()) == 1


# -- where data lives ------------------------------------------------------------------------------------


def test_a_data_dir_in_a_config_file_is_relative_to_that_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    etc = tmp_path / "etc" / "ticketdesk"
    etc.mkdir(parents=True)
    (etc / "config.toml").write_text('data_dir = "data"\n')
    monkeypatch.setenv("TICKETDESK_CONFIG", str(etc / "config.toml"))

    settings = Settings()

    assert settings.data_dir == etc / "data"
    assert settings.database_path == etc / "data" / "ticketdesk.sqlite3"
    assert settings.secret_path == etc / "data" / "secret.key"


def test_a_relative_database_url_in_a_config_file_is_relative_to_that_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "config.toml").write_text('database_url = "sqlite:///db/desk.sqlite3"\n')
    monkeypatch.setenv("TICKETDESK_CONFIG", str(etc / "config.toml"))

    assert Settings().database_path == etc / "db" / "desk.sqlite3"


def test_data_dirs_from_elsewhere_keep_their_meaning(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    etc = tmp_path / "etc"
    etc.mkdir()
    (etc / "config.toml").write_text(f'data_dir = "{tmp_path / "absolute"}"\n')
    monkeypatch.setenv("TICKETDESK_CONFIG", str(etc / "config.toml"))
    assert Settings().data_dir == tmp_path / "absolute"  # absolute stays as it is

    monkeypatch.setenv("TICKETDESK_DATA_DIR", "fromenv")
    assert Settings().data_dir == Path("fromenv")  # the environment: relative to the working directory
    monkeypatch.delenv("TICKETDESK_DATA_DIR")
    assert Settings(data_dir="fromkw").data_dir == Path("fromkw")  # keywords too

    (etc / "config.toml").write_text('log_level = "INFO"\n')
    assert Settings().data_dir == Path("data")  # not given in the file: the default, relative to the cwd
    monkeypatch.delenv("TICKETDESK_CONFIG")
    assert Settings().data_dir == Path("data")  # no config file at all
