"""The one error the extractor raises for input it cannot use."""

from __future__ import annotations

from casenotes.store.errors import StoreError


class ExtractError(StoreError):
    """An article that cannot be read (missing, too large, not text); the message is one line."""
