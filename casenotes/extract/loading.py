"""Reading an article from a .txt, .html or .md file (or pasted text) into plain text.

The text kept here is what every character span in a draft points into. Page furniture
after the article ("Would you recommend this article?", "Share this story", related
links) is cut off into ``trailer``: it is read only to recognise the publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from markdown_it import MarkdownIt

from casenotes.extract.errors import ExtractError
from casenotes.extract.html_text import html_to_text
from casenotes.extract.publishers import publisher_from_domain, recognise_publisher
from casenotes.store.dates import InvalidDate, normalise_partial_date

MAX_ARTICLE_BYTES = 5 * 1024 * 1024  # far above any article; stops a wrong file being read whole
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt", ".text", ""}

# Lines that start the page furniture after an article's last paragraph.
_END_MARKERS = re.compile(
    r"^\s*(would you recommend this article|think your friends would be interested|share this (story|article)"
    r"|related (articles|stories|news|tech news)|featured (articles|download)|read more\b|more from\b"
    r"|sign up for|subscribe to|you might also like|recommended for you|comments?\s*$)",
    re.IGNORECASE,
)
_URL_LINE = re.compile(r"^\s*\S*https?://\S+\s*$", re.IGNORECASE)
_URL = re.compile(r"https?://[^\s<>\"')]+", re.IGNORECASE)
_FILE_URL = re.compile(r"\.(jpe?g|png|gif|webp|svg|mp4|css|js)(\?|$)", re.IGNORECASE)
_MIN_BODY_BEFORE_END_MARKER = 200


@dataclass
class Article:
    """An article's text and what is known about it as a source."""

    text: str  # the article body; draft spans are offsets into this
    headline: str | None = None
    publisher: str | None = None
    publisher_evidence: str | None = None  # the address or name that gave the publisher away
    published: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    url: str | None = None
    trailer: str = ""
    name: str | None = None  # file name, when read from a file
    publisher_given: bool = False
    published_given: bool = False


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractError(f"{name} is not a text file (it holds binary data)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # old Windows-encoded pages; Latin-1 text decodes the same
    except UnicodeDecodeError:
        raise ExtractError(f"{name} is neither UTF-8 nor Windows-1252 text") from None


def load_article(path: Path | str, *, publisher: str | None = None, published: str | None = None) -> Article:
    """Read an article from a .txt, .html or .md file; raise :class:`ExtractError` if it cannot be used."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ExtractError(f"{path} is a folder, not an article file")
        if size > MAX_ARTICLE_BYTES:
            raise ExtractError(f"{path} is {size // (1024 * 1024)} MB; an article file is expected (at most 5 MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ExtractError(f"{path}: no such file") from None
    except PermissionError:
        raise ExtractError(f"{path}: permission denied") from None
    except OSError as error:
        raise ExtractError(f"{path}: cannot be read ({error.strerror or error})") from None
    text = _decode(data, str(path))
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    else:
        kind = "html" if _looks_like_html(text) else "text"
    return article_from_text(text, kind=kind, publisher=publisher, published=published, name=path.name)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(p|div|body|article)[\s>]", head))


def article_from_text(
    text: str, *, kind: str = "text", publisher: str | None = None, published: str | None = None,
    name: str | None = None,
) -> Article:
    """An :class:`Article` from text that is plain (``kind="text"``), ``"html"`` or ``"markdown"``.

    ``publisher`` and ``published`` are what the user knows; they win over anything found
    in the page. A ``published`` date that is not YYYY, YYYY-MM or YYYY-MM-DD is refused.
    """
    given_published = checked_publication_date(published)
    meta: dict[str, str] = {}
    headline = None
    if kind == "markdown":
        # Raw HTML inside Markdown stays text ("html": False): it can neither hide nor run anything.
        text = MarkdownIt("commonmark", {"html": False}).render(text)
        kind = "html"
    if kind == "html":
        document = html_to_text(text)
        text, headline, meta = document.text, document.title, document.meta
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    urls = [match.group(0) for line in lines if _URL_LINE.match(line) for match in _URL.finditer(line)]
    body_lines = [line for line in lines if not _URL_LINE.match(line)]
    body, trailer = _split_trailer("\n".join(body_lines).strip())
    if headline is None:
        headline = _plain_headline(body)
    article_url = meta.get("og:url") or next((u for u in urls if not _FILE_URL.search(u)), None)
    found = _publisher_from_meta(meta) or recognise_publisher("\n".join(urls) + "\n" + body, trailer)
    page_published = _published_from_meta(meta)
    return Article(
        text=body, headline=headline,
        publisher=publisher.strip() if publisher and publisher.strip() else (found[0] if found else None),
        publisher_evidence=None if publisher else (found[1] if found else None),
        published=given_published or page_published, url=article_url, trailer=trailer, name=name,
        publisher_given=bool(publisher and publisher.strip()), published_given=given_published is not None,
    )


def checked_publication_date(published: str | None) -> str | None:
    """A publication date the user gave, in ISO form; raise :class:`ExtractError` if it is not one."""
    try:
        return normalise_partial_date(published)
    except InvalidDate as error:
        raise ExtractError(f"publication date: {error}") from None


def _split_trailer(text: str) -> tuple[str, str]:
    offset = 0
    for line in text.split("\n"):
        if offset >= _MIN_BODY_BEFORE_END_MARKER and _END_MARKERS.match(line):
            return text[:offset].rstrip(), text[offset:]
        offset += len(line) + 1
    return text, ""


def _plain_headline(body: str) -> str | None:
    """The first line when it reads like a headline: short, several words, no closing full stop."""
    first = next((line.strip() for line in body.split("\n") if line.strip()), "")
    first = first.lstrip("#").strip()
    if 2 <= len(first.split()) <= 25 and len(first) <= 200 and not first.endswith((".", ":", ";", ",")):
        return first
    return None


def _publisher_from_meta(meta: dict[str, str]) -> tuple[str, str] | None:
    site = meta.get("og:site_name") or meta.get("application-name") or meta.get("publisher")
    if site:
        return site, site
    url = meta.get("og:url")
    if url:
        match = re.match(r"https?://([^/]+)", url, re.IGNORECASE)
        name = publisher_from_domain(match.group(1)) if match else None
        if name:
            return name, url
    return None


def _published_from_meta(meta: dict[str, str]) -> str | None:
    for key in ("article:published_time", "datepublished", "date", "dc.date", "pubdate", "og:published_time"):
        value = meta.get(key, "")
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value)
        if match:
            try:
                return normalise_partial_date(match.group(0))
            except InvalidDate:
                continue
    return None
