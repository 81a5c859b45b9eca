"""Note Markdown as the preview shows it: ``[[record-id]]`` becomes a link named by the record's title."""

from __future__ import annotations

import re

from casenotes.store.note_links import RECORD_LINK
from casenotes.ui.record_html import record_link

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>])")


def escape_markdown(text: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def with_record_links(body: str, titles: dict[str, str]) -> str:
    """Replace each ``[[id]]`` of a known record with a Markdown link to it."""

    def link(match: re.Match) -> str:
        record_id = match.group(1)
        title = titles.get(record_id)
        if title is None:
            return match.group(0)
        return f"[{escape_markdown(title)}]({record_link(record_id)})"

    return RECORD_LINK.sub(link, body)
