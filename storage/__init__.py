"""All SQL lives in this package, behind typed repository functions."""

from storage.database import Database, DatabaseError, load_migrations

__all__ = ["Database", "DatabaseError", "load_migrations"]
