"""``python -m bot`` runs the bot; ``check`` validates the config and the database; ``health`` is a cheap
read-only probe for container health checks; ``backup PATH`` copies the live database.

Every problem an operator must fix ends in one line on stderr (``ticketdesk: ...``) and exit status 2;
the run command finds them before it connects to Discord.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn, TextIO

import aiohttp
import discord
from pydantic import ValidationError

from bot import messages
from bot.app import create_bot, required_intents
from bot.settings import ConfigFileInvalid, ConfigFileMissing, Settings, config_path
from storage import Database, DatabaseError, load_migrations
from storage.backup import BackupRefused, backup_database, read_schema_version

EXIT_CONFIG = 2
EXIT_FAILED = 1
PLAIN_FORMAT = "[{asctime}] [{levelname:<8}] {name}: {message}"  # discord.py's, without colour

log = logging.getLogger("bot.main")


class StartupError(Exception):
    """Something an operator must fix before the bot can start; the message is one line."""


class RedactSecrets(logging.Filter):
    """Replace the token wherever it would appear in a log line."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            message = record.getMessage()
            if any(secret in message for secret in self.secrets):
                for secret in self.secrets:
                    message = message.replace(secret, "[redacted]")
                record.msg, record.args = message, None
        return True


def setup_logging(settings: Settings, stream: TextIO | None = None) -> None:
    """Log to ``stream`` (stderr): in colour on an interactive terminal only, never into a file or a pipe
    (discord.py would colour any stream inside a container)."""
    stream = stream if stream is not None else sys.stderr
    handler = logging.StreamHandler(stream)
    level = getattr(logging, settings.log_level)
    if _is_terminal(stream):
        discord.utils.setup_logging(handler=handler, level=level, root=True)  # discord.py's colours
    else:
        plain = logging.Formatter(PLAIN_FORMAT, "%Y-%m-%d %H:%M:%S", style="{")
        discord.utils.setup_logging(handler=handler, formatter=plain, level=level, root=True)
    token = settings.token_value()
    redactor = RedactSecrets(token or "")
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no isatty, or a closed stream
        return False


def load_settings() -> Settings:
    """Settings, or a clear one-line complaint and exit status 2."""
    try:
        return Settings()
    except (ConfigFileMissing, ConfigFileInvalid) as exc:
        _fail(str(exc))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'config'}: {err['msg'].removeprefix('Value error, ')}"
            for err in exc.errors()
        )
        _fail(f"invalid configuration: {problems}")
    except Exception as exc:  # a broken config.toml, for example
        _fail(f"invalid configuration: {exc}")


def _fail(line: str) -> NoReturn:
    _complain(line)
    raise SystemExit(EXIT_CONFIG)


def _complain(line: str) -> None:
    print(f"ticketdesk: {line}", file=sys.stderr)


# -- start-up: the data directory, the secret, the database ---------------------------------------------


def prepare_data_dir(path: Path) -> None:
    """Create the data directory if needed and make sure this user can write into it."""
    where = path.absolute()
    if where.exists() and not where.is_dir():
        raise StartupError(messages.DATA_DIR_NOT_A_DIRECTORY.format(path=where))
    try:
        where.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StartupError(messages.DATA_DIR_CANNOT_CREATE.format(path=where, reason=_reason(exc))) from exc
    try:
        with tempfile.TemporaryFile(dir=where):
            pass
    except OSError as exc:
        raise StartupError(messages.DATA_DIR_NOT_WRITABLE.format(path=where, reason=_reason(exc))) from exc


def load_secret(settings: Settings) -> None:
    """Read the attachment secret, creating secret.key on first start."""
    try:
        settings.load_secret()
    except (OSError, ValueError) as exc:
        reason = _reason(exc) if isinstance(exc, OSError) else str(exc)
        raise StartupError(
            messages.SECRET_KEY_UNUSABLE.format(path=settings.secret_path.absolute(), reason=reason)
        ) from exc


async def prepare(settings: Settings) -> None:
    """Everything the run command can check before it connects to Discord (the data directory, the
    secret, the database opened and migrated), then one line saying where the database is."""
    prepare_data_dir(settings.data_dir)
    load_secret(settings)
    db = Database(settings.database_path, busy_timeout_ms=settings.db_busy_timeout_ms, readers=1)
    try:
        await db.open()
        await db.migrate()
        version = await db.schema_version()
    except DatabaseError as exc:
        raise StartupError(str(exc)) from exc
    finally:
        await db.close()
    log.info(messages.LOG_DATABASE.format(path=settings.database_path.absolute(), version=version))


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


# -- commands ------------------------------------------------------------------------------------------


async def check(settings: Settings) -> int:
    """Validate, open and migrate the database, and print what was found."""
    path, named = config_path()
    print(f"config file: {path if path.is_file() else 'none'}{' (from TICKETDESK_CONFIG)' if named else ''}")
    print(f"data directory: {settings.data_dir.resolve()}")
    print(f"database: {settings.database_path.resolve()}")
    if settings.secret_key is not None:
        print(messages.CHECK_SECRET_CONFIGURED)
    elif settings.secret_path.exists():
        print(messages.CHECK_SECRET_FILE.format(path=settings.secret_path.absolute()))
    else:
        print(messages.CHECK_SECRET_NEW.format(path=settings.secret_path.absolute()))
    print(f"token: {'set' if settings.token else 'not set (needed to run the bot)'}")
    print(
        f"command sync: {'dev guilds ' + ', '.join(map(str, settings.dev_guild_ids)) if settings.dev_guild_ids else 'global'}"
    )
    intents = required_intents()
    print(
        "privileged intents to enable in the developer portal: "
        + ", ".join(name for name in ("members", "message_content", "presences") if getattr(intents, name))
    )
    db = Database(settings.database_path, busy_timeout_ms=settings.db_busy_timeout_ms, readers=1)
    try:
        prepare_data_dir(settings.data_dir)
        if settings.secret_key is None and settings.secret_path.exists():
            load_secret(settings)  # readable? (check creates no key: the first start does)
        await db.open()
        before = await db.schema_version()
        applied = await db.migrate()
        after = await db.schema_version()
        newest = load_migrations()[-1].version
        print(f"schema version: {after} (was {before}; newest {newest}; applied {len(applied)})")
        print(f"integrity: {'ok' if await db.integrity_ok() else 'FAILED'}")
        for table in ("guilds", "ticket_groups", "panels", "tickets", "archived_messages", "events"):
            row = await db.fetchone(f"SELECT COUNT(*) FROM {table}")  # table names are fixed above
            print(f"{table}: {row[0] if row else 0}")
    except (StartupError, DatabaseError) as exc:
        _complain(str(exc))
        return EXIT_CONFIG
    finally:
        await db.close()
    return 0


def health(settings: Settings) -> int:
    """Exit 0 when the database is there, readable and migrated; cheap, and it never writes to it.

    It does not tell whether the bot is connected to Discord (a separate process cannot see that)."""
    path = settings.database_path.absolute()
    if not path.is_file():
        _complain(messages.HEALTH_NO_DATABASE.format(path=path))
        return EXIT_FAILED
    try:
        version = read_schema_version(path, busy_timeout_ms=settings.db_busy_timeout_ms)
    except DatabaseError as exc:
        _complain(messages.HEALTH_FAILED.format(reason=exc))
        return EXIT_FAILED
    newest = load_migrations()[-1].version
    if version < newest:
        _complain(messages.HEALTH_OLD_SCHEMA.format(path=path, version=version, newest=newest))
        return EXIT_FAILED
    print(messages.HEALTH_OK.format(path=path, version=version))
    return 0


def backup(settings: Settings, path: str, *, force: bool = False) -> int:
    """Copy the database to ``path`` (a file, or a folder to put a dated file in) and say what else to keep."""
    target = Path(path)
    if target.is_dir() or path.endswith(("/", os.sep)):  # a folder (a missing one is refused)
        target = target / f"ticketdesk-{datetime.now(UTC):%Y%m%d-%H%M%S}.sqlite3"
    try:
        done = backup_database(
            settings.database_path, target, force=force, busy_timeout_ms=settings.db_busy_timeout_ms
        )
    except BackupRefused as exc:
        _complain(str(exc))
        return EXIT_CONFIG
    except DatabaseError as exc:
        _complain(str(exc))
        return EXIT_FAILED
    print(messages.BACKUP_WROTE.format(path=done.path, size=done.size, version=done.schema_version))
    data = settings.data_dir.absolute()
    files = [f"{data / 'attachments'}/", f"{data / 'transcripts'}/"]
    if settings.secret_key is None:
        files.insert(0, str(settings.secret_path.absolute()))
    print(messages.BACKUP_ALONGSIDE.format(files=", ".join(files)))
    if settings.secret_key is not None:
        print(messages.BACKUP_SECRET_CONFIGURED)
    return 0


def parse_arguments(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bot", description="TicketDesk, a self-hosted ticket bot."
    )
    commands = parser.add_subparsers(dest="command", metavar="{run,check,health,backup,translations}")
    commands.add_parser("run", help=messages.CLI_HELP_RUN)
    commands.add_parser("check", help=messages.CLI_HELP_CHECK)
    commands.add_parser("health", help=messages.CLI_HELP_HEALTH)
    backup_parser = commands.add_parser("backup", help=messages.CLI_HELP_BACKUP)
    backup_parser.add_argument("path", help=messages.CLI_HELP_BACKUP_PATH)
    backup_parser.add_argument("--force", action="store_true", help=messages.CLI_HELP_BACKUP_FORCE)
    translations = commands.add_parser("translations", help=messages.CLI_HELP_TRANSLATIONS)
    translations.add_argument("action", choices=["extract", "update", "add", "check"])
    translations.add_argument("language", nargs="?", help=messages.CLI_HELP_TRANSLATIONS_LANGUAGE)
    args = parser.parse_args(argv)
    args.command = args.command or "run"
    return args


def translations(action: str, language: str | None) -> int:
    """The catalogues: extract the template, update every language from it, add one, or check them."""
    from bot import translations as tool  # builds the whole bot offline to read its commands

    if action == "add":
        if not language:
            _complain(messages.CLI_TRANSLATIONS_NEED_LANGUAGE)
            return EXIT_CONFIG
        try:
            print(messages.CLI_TRANSLATIONS_ADDED.format(path=tool.add(language)))
        except (ValueError, FileExistsError) as exc:
            _complain(str(exc))
            return EXIT_CONFIG
        return 0
    if action == "extract":
        catalog = tool.extract()
        print(messages.CLI_TRANSLATIONS_EXTRACTED.format(path=tool.TEMPLATE, count=len(catalog)))
        return 0
    if action == "update":
        print(messages.CLI_TRANSLATIONS_UPDATED.format(languages=", ".join(tool.update()) or messages.NONE))
    report = tool.check()
    for lang, count in report.items():
        print(messages.CLI_TRANSLATIONS_MISSING.format(language=lang, count=count))
    return 1 if any(report.values()) else 0


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_arguments(argv)
    if args.command == "translations":
        return translations(args.action, args.language)
    settings = load_settings()
    if args.command == "check":
        return asyncio.run(check(settings))
    if args.command == "health":
        return health(settings)
    if args.command == "backup":
        return backup(settings, args.path, force=args.force)
    token = settings.token_value()
    if not token:
        _fail(messages.TOKEN_MISSING)
    setup_logging(settings)
    try:
        asyncio.run(prepare(settings))  # before Discord: a bad data directory or database is one line
    except StartupError as exc:
        _fail(str(exc))
    bot = create_bot(settings)
    try:
        bot.run(token, log_handler=None)
    except discord.LoginFailure:
        _fail("Discord rejected the token: check TICKETDESK_TOKEN or token in config.toml.")
    except discord.PrivilegedIntentsRequired:
        _fail(
            "enable the Server Members and Message Content intents for this bot in the Discord developer portal."
        )
    except DatabaseError as exc:
        _fail(str(exc))
    except (aiohttp.ClientError, OSError) as exc:
        print(
            f"ticketdesk: cannot reach Discord ({exc}); check the network and start again.", file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
