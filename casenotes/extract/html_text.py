"""Plain text from HTML, safely: nothing is fetched, no script runs, hidden parts are dropped.

Built on the standard library's tolerant ``html.parser``: it only tokenises, so a page
cannot make us load anything. Block elements become line breaks so sentences and
headings stay apart; ``<script>``, ``<style>`` and similar are skipped with their content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

# Elements whose content is never article text.
_SKIPPED = frozenset({
    "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "math",
    "head", "nav", "footer", "aside", "form", "button", "select", "textarea", "canvas",
})
_BLOCKS = frozenset({
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6",
    "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "tr", "figure",
    "figcaption", "address", "hr", "br", "title",
})
_VOID = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area", "base", "col", "param", "track"})


@dataclass
class HtmlDocument:
    """What an HTML page says about itself, besides its text."""

    text: str
    title: str | None = None  # the first <h1>, else <title>
    meta: dict[str, str] = field(default_factory=dict)  # og:/article: properties and named meta tags


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.stack: list[str] = []
        self.meta: dict[str, str] = {}
        self.page_title: list[str] = []
        self.first_h1: list[str] | None = None
        self.in_h1 = False
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta":
            values = {name: value or "" for name, value in attrs}
            key = values.get("property") or values.get("name") or values.get("itemprop")
            if key and "content" in values:
                self.meta.setdefault(key.lower(), values["content"].strip())
            return
        if tag == "title":
            self.in_title = True
            return
        if tag in _VOID:
            if tag in _BLOCKS and not self.skip_depth:
                self.parts.append("\n")
            return
        self.stack.append(tag)
        if tag in _SKIPPED:
            self.skip_depth += 1
        elif tag in _BLOCKS and not self.skip_depth:
            self.parts.append("\n\n")
        if tag == "h1" and self.first_h1 is None and not self.skip_depth:
            self.first_h1 = []
            self.in_h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag not in self.stack:
            return  # a stray end tag: ignore it rather than unbalance the skipping
        while self.stack:
            open_tag = self.stack.pop()
            if open_tag in _SKIPPED:
                self.skip_depth -= 1
            if open_tag == "h1":
                self.in_h1 = False
            if open_tag == tag:
                break
        if tag in _BLOCKS and not self.skip_depth:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.page_title.append(data)
            return
        if self.skip_depth:
            return
        self.parts.append(data)
        if self.in_h1 and self.first_h1 is not None:
            self.first_h1.append(data)


def _tidy(text: str) -> str:
    lines = [re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() for line in text.split("\n")]
    tidy = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", tidy).strip()


def html_to_text(markup: str) -> HtmlDocument:
    """The readable text of an HTML page, one paragraph per block, plus its title and meta tags."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    heading = _tidy("".join(collector.first_h1 or [])) or _tidy("".join(collector.page_title)) or None
    return HtmlDocument(text=_tidy("".join(collector.parts)), title=heading, meta=collector.meta)
