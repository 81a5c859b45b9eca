"""Printing results for people (plain text) and programs (JSON)."""

from __future__ import annotations

import json
import sys
from typing import Any


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def bold(text: str) -> str:
    """Bold on a terminal, plain when piped."""
    return f"\x1b[1m{text}\x1b[0m" if sys.stdout.isatty() else text
