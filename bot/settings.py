"""Typed settings: keyword arguments, then ``TICKETDESK_*`` environment variables, then ``config.toml``.

This is the only module that reads the environment.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import (
    BaseSettings,
    NoDecode,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from bot import messages

ENV_PREFIX = "TICKETDESK_"
CONFIG_ENV = "TICKETDESK_CONFIG"
DEFAULT_CONFIG = Path("config.toml")
DB_FILENAME = "ticketdesk.sqlite3"
SQLITE_PREFIX = "sqlite:///"
MAX_SNOWFLAKE = 2**63 - 1  # Discord ids are positive; SQLite's INTEGER is signed 64-bit


class ConfigFileMissing(RuntimeError):
    """The config file named by TICKETDESK_CONFIG does not exist."""


class ConfigFileInvalid(RuntimeError):
    """The config file cannot be read, or is not TOML; the message names the file."""


def config_path() -> tuple[Path, bool]:
    """Return the config file path and whether it was named explicitly."""
    named = os.environ.get(CONFIG_ENV)
    if named:
        return Path(named), True
    return DEFAULT_CONFIG, False


def _split_ids(value: Any) -> Any:
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            text = text[1:-1]
        return [part for part in (p.strip() for p in text.split(",")) if part]
    return value


class ConfigFile(TomlConfigSettingsSource):
    """``config.toml``. Relative paths written in it (``data_dir``, a ``sqlite:///`` database URL) are
    relative to the file's folder, so ``data_dir = "data"`` in /etc/ticketdesk/config.toml means
    /etc/ticketdesk/data whatever the working directory."""

    def _read_file(self, file_path: Any) -> dict[str, Any]:
        path = Path(file_path)
        try:
            data = super()._read_file(file_path)
        except OSError as exc:
            detail = exc.strerror or str(exc)
            raise ConfigFileInvalid(
                messages.CONFIG_FILE_UNREADABLE.format(path=path.absolute(), detail=detail)
            ) from exc
        except ValueError as exc:  # tomllib.TOMLDecodeError, or bytes that are not UTF-8
            raise ConfigFileInvalid(
                messages.CONFIG_FILE_NOT_TOML.format(path=path.absolute(), detail=exc)
            ) from exc
        return _relative_to(path.parent, data)


def _relative_to(folder: Path, data: dict[str, Any]) -> dict[str, Any]:
    data_dir = data.get("data_dir")
    if isinstance(data_dir, str) and not Path(data_dir).is_absolute():
        data["data_dir"] = str(folder / data_dir)
    url = data.get("database_url")
    if isinstance(url, str) and url.startswith(SQLITE_PREFIX):
        file = url.removeprefix(SQLITE_PREFIX)
        if file and not Path(file).is_absolute():
            data["database_url"] = SQLITE_PREFIX + str(folder / file)
    return data


class Settings(BaseSettings):
    """Everything an admin can configure. Every field is documented in config.example.toml."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        extra="forbid",
        validate_default=True,
    )

    token: SecretStr | None = Field(
        default=None, description="The bot token from the Discord developer portal."
    )
    data_dir: Path = Field(default=Path("data"), description="Where the database and stored files live.")
    database_url: str | None = Field(
        default=None, description="sqlite:///path/to/file.sqlite3; default: <data_dir>/ticketdesk.sqlite3"
    )
    dev_guild_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Guilds to sync commands to instantly during development."
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    sync_commands: bool = Field(
        default=True, description="Sync slash commands when the command tree changed."
    )
    db_busy_timeout_ms: int = Field(default=5000, ge=0, le=600_000)
    db_readers: int = Field(default=2, ge=1, le=16, description="Read connections kept open.")
    secret_key: SecretStr | None = Field(
        default=None,
        description="Encrypts stored attachments; default: generated once into <data_dir>/secret.key.",
    )
    attachment_max_bytes: int = Field(
        default=25 * 1024 * 1024, ge=0, description="Attachments larger than this are not stored (0: none)."
    )
    ticket_attachments_max_bytes: int = Field(
        default=250 * 1024 * 1024, ge=0, description="Stored attachments per ticket, in all."
    )
    transcript_inline_max_bytes: int = Field(
        default=2 * 1024 * 1024, ge=0, description="Images up to this size are shown inside HTML transcripts."
    )
    feedback_window_days: int = Field(
        default=7, ge=1, le=365, description="How long after close a ticket can be rated."
    )
    purge_grace_days: int = Field(
        default=30,
        ge=0,
        le=3650,
        description="Days after the bot leaves a server before its data is deleted.",
    )
    scheduler_interval_seconds: int = Field(
        default=30, ge=1, le=3600, description="How often expiry and inactivity auto-close are checked."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        path, named = config_path()
        sources: list[PydanticBaseSettingsSource] = [init_settings, env_settings]
        if path.is_file():
            sources.append(ConfigFile(settings_cls, toml_file=path))
        elif named and path.exists():
            raise ConfigFileInvalid(messages.CONFIG_FILE_NOT_A_FILE.format(path=path.absolute()))
        elif named:
            raise ConfigFileMissing(f"{CONFIG_ENV} names {path}, which does not exist")
        return tuple(sources)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_level(cls, value: Any) -> Any:
        return value.upper() if isinstance(value, str) else value

    @field_validator("dev_guild_ids", mode="before")
    @classmethod
    def _parse_ids(cls, value: Any) -> Any:
        return _split_ids(value)

    @field_validator("dev_guild_ids")
    @classmethod
    def _check_ids(cls, value: list[int]) -> list[int]:
        wrong = [str(gid) for gid in value if not 0 < gid <= MAX_SNOWFLAKE]
        if wrong:
            raise ValueError(messages.GUILD_IDS_INVALID.format(ids=", ".join(wrong), count=len(wrong)))
        return value

    @field_validator("token", mode="before")
    @classmethod
    def _blank_token_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("database_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if not value.startswith(SQLITE_PREFIX):
            raise ValueError("only sqlite:///<path> database URLs are supported")
        if value == SQLITE_PREFIX:
            raise ValueError(
                "the sqlite URL needs a file path, for example sqlite:///data/ticketdesk.sqlite3"
            )
        return value

    @model_validator(mode="after")
    def _default_database(self) -> Settings:
        if self.database_url is None:
            self.database_url = f"{SQLITE_PREFIX}{self.data_dir / DB_FILENAME}"
        return self

    @property
    def database_path(self) -> Path:
        """The SQLite file the database URL points at."""
        assert self.database_url is not None
        return Path(self.database_url.removeprefix(SQLITE_PREFIX))

    @property
    def secret_path(self) -> Path:
        return self.data_dir / "secret.key"

    def load_secret(self) -> bytes:
        """The attachment secret: configured, or read from (and created once in) the data directory."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.secret_path
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_hex(32))
        return path.read_text().strip().encode()

    def token_value(self) -> str | None:
        """The raw token, for logging in only."""
        return self.token.get_secret_value() if self.token else None
