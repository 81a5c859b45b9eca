"""From article to record: propose a draft record from the text of a press article.

No Qt in here. Every proposed value carries the sentence it came from, so a person can
check it before anything is saved; nothing in this package writes to the store.
"""

from __future__ import annotations

from casenotes.extract.assemble import extract_draft
from casenotes.extract.draft import Draft, Evidence, Flag, Proposal
from casenotes.extract.errors import ExtractError
from casenotes.extract.loading import Article, article_from_text, load_article

__all__ = [
    "Article", "Draft", "Evidence", "ExtractError", "Flag", "Proposal",
    "article_from_text", "extract_draft", "load_article",
]
