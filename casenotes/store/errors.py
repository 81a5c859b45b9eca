"""Errors the store reports to people, each with a message fit to show as is."""


class StoreError(Exception):
    """Something the user must be told about; ``str(error)`` is the message."""


class NewerDatabaseError(StoreError):
    """The database was written by a newer casenotes than this one."""


class DamagedDatabaseError(StoreError):
    """The database file is not a readable SQLite database."""


class NotFound(StoreError):
    """No record or note has the id asked for."""


class InvalidInput(StoreError):
    """Data that does not fit the data model (bad kind, date, country, …)."""
