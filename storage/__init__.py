"""All SQL lives in this package, behind typed repository functions.

Every value reaches SQLite as a bound parameter (``?``); the only text ever interpolated into a
statement is a fixed column or table name written in this package.
"""

from storage.database import Connection, Database, DatabaseError, load_migrations

__all__ = ["Connection", "Database", "DatabaseError", "load_migrations"]
