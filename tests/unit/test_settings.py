"""Settings come from keywords, then TICKETDESK_* variables, then config.toml."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.settings import ConfigFileMissing, Settings


def test_defaults_put_the_database_under_the_data_directory() -> None:
    settings = Settings()
    assert settings.token is None
    assert settings.database_path == Path("data") / "ticketdesk.sqlite3"
    assert settings.dev_guild_ids == []
    assert settings.log_level == "INFO"


def test_keywords_beat_environment_which_beats_the_config_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "config.toml").write_text('token = "from-file"\nlog_level = "debug"\ndata_dir = "filedata"\n')
    monkeypatch.setenv("TICKETDESK_TOKEN", "from-env")

    from_env = Settings()
    from_keyword = Settings(token="from-keyword")

    assert from_env.token is not None and from_env.token.get_secret_value() == "from-env"
    assert from_env.log_level == "DEBUG"
    assert from_env.database_path == Path("filedata") / "ticketdesk.sqlite3"
    assert from_keyword.token is not None and from_keyword.token.get_secret_value() == "from-keyword"


def test_the_config_file_can_be_named_by_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "elsewhere.toml"
    config.write_text("dev_guild_ids = [1, 2]\n")
    monkeypatch.setenv("TICKETDESK_CONFIG", str(config))
    assert Settings().dev_guild_ids == [1, 2]

    monkeypatch.setenv("TICKETDESK_CONFIG", str(tmp_path / "missing.toml"))
    with pytest.raises(ConfigFileMissing):
        Settings()


@pytest.mark.parametrize("raw", ["1,2", "[1, 2]", " 1 , 2 "])
def test_guild_ids_from_the_environment(monkeypatch: pytest.MonkeyPatch, raw: str) -> None:
    monkeypatch.setenv("TICKETDESK_DEV_GUILD_IDS", raw)
    assert Settings().dev_guild_ids == [1, 2]


def test_the_token_is_secret() -> None:
    settings = Settings(token="abc.def.ghi")
    assert "abc.def.ghi" not in repr(settings) and "abc.def.ghi" not in str(settings)
    assert settings.token_value() == "abc.def.ghi"
    assert Settings(token="   ").token is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"database_url": "postgres://x"},
        {"database_url": "sqlite:///"},
        {"log_level": "LOUD"},
        {"db_busy_timeout_ms": -1},
        {"unknown_setting": 1},
    ],
)
def test_bad_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(ValidationError):
        Settings(**kwargs)  # type: ignore[arg-type]


def test_a_typo_in_the_config_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text('tokne = "x"\n')
    with pytest.raises(ValidationError):
        Settings()


def test_config_example_documents_every_setting() -> None:
    root = Path(__file__).resolve().parents[2]
    example = (root / "config.example.toml").read_text()
    readme = (root / "README.md").read_text()
    for name in Settings.model_fields:
        assert f"{name} =" in example or f"# {name} =" in example, (
            f"{name} is missing from config.example.toml"
        )
        assert f"`{name}`" in readme, f"{name} is missing from the README's settings table"
