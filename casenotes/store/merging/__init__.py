"""Merging another store's export: find the last common state of every record and note, take
what only one side changed, and list real conflicts (see docs/merge.md)."""
