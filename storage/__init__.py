"""All SQL lives in this package, behind typed repository functions.

Every value reaches SQLite as a bound parameter (``?``); the only text ever interpolated into a
statement is a fixed column or table name written in this package.
"""

from storage.database import Database, DatabaseError, load_migrations

__all__ = ["Database", "DatabaseError", "load_migrations"]
