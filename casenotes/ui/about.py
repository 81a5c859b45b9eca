"""The About dialog: version, license, where the data lives and where the seed came from."""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPlainTextEdit, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from casenotes import __version__
from casenotes.paths import resource_path
from casenotes.store.dates import display_date
from casenotes.store.interchange import Document
from casenotes.store.seed import bundled_seed
from casenotes.ui.icons import app_icon

log = logging.getLogger(__name__)

LICENSE_RESOURCE = "LICENSE"
LICENSE_NAME = "MIT License"
WEB_SCHEMES = ("http", "https")
HEADER_ICON_SIZE = 64


@dataclass(frozen=True)
class SeedSource:
    """One publication the seed dataset cites, however many records cite it."""

    title: str
    publisher: str | None
    published: str | None
    url: str | None


def seed_sources(document: Document) -> list[SeedSource]:
    """The distinct sources of a seed document, oldest first, in a stable order."""
    unique = {
        SeedSource(s.title, s.publisher, s.published, s.url)
        for record in document.records
        for s in record.sources
    }
    return sorted(unique, key=lambda s: (s.published or "", s.title, s.publisher or "", s.url or ""))


def is_openable_link(url: QUrl, data_dir: Path) -> bool:
    """Whether a click on ``url`` may open it: web pages, and the data folder or files in it."""
    scheme = url.scheme().lower()
    if scheme in WEB_SCHEMES:
        return url.isValid() and bool(url.host())
    if scheme == "file" and url.isLocalFile() and not url.host():
        target = Path(url.toLocalFile()).resolve()
        folder = data_dir.resolve()
        return target == folder or target.is_relative_to(folder)
    return False


class _LinksOnlyBrowser(QTextBrowser):
    """Rich text that opens nothing by itself and never loads images or other resources."""

    def __init__(self, object_name: str, accessible_name: str) -> None:
        super().__init__(objectName=object_name)
        self.setAccessibleName(accessible_name)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 (Qt naming)
        return None  # we put no images in; anything referenced from data is not fetched


class AboutDialog(QDialog):
    """Version, license, data location and the sources of the seed dataset."""

    def __init__(self, parent: QWidget | None, data_dir: Path, *, seed: Document | None = None) -> None:
        super().__init__(parent, objectName="aboutDialog")
        self.data_dir = Path(data_dir)
        self.setWindowTitle("About casenotes")
        self.resize(640, 520)

        header = QHBoxLayout()
        icon_label = QLabel()
        icon_label.setPixmap(app_icon().pixmap(HEADER_ICON_SIZE, HEADER_ICON_SIZE))
        title = QLabel(
            f"<b style='font-size:large'>casenotes</b><br>version {html.escape(__version__)}",
            objectName="aboutTitle",
        )
        header.addWidget(icon_label)
        header.addWidget(title, 1)

        self.about_text = _LinksOnlyBrowser("aboutText", "About casenotes")
        self.about_text.setHtml(self._about_html())
        self.sources_text = _LinksOnlyBrowser("seedSources", "Sources of the seed data")
        self.sources_text.setHtml(self._sources_html(seed))
        self.license_text = QPlainTextEdit(objectName="licenseText", readOnly=True)
        self.license_text.setAccessibleName("License")
        self.license_text.setPlainText(_license_text())
        for browser in (self.about_text, self.sources_text):
            browser.anchorClicked.connect(self.open_link)

        tabs = QTabWidget(objectName="aboutTabs")
        tabs.addTab(self.about_text, "About")
        tabs.addTab(self.sources_text, "Seed sources")
        tabs.addTab(self.license_text, "License")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)

    def open_link(self, url: QUrl) -> bool:
        """Open a clicked link if it is a web page or inside the data folder; report whether it was."""
        if not is_openable_link(url, self.data_dir):
            log.warning("not opening %s: only web links and the data folder open from here", url.toString())
            return False
        return QDesktopServices.openUrl(url)

    def _about_html(self) -> str:
        folder_url = QUrl.fromLocalFile(str(self.data_dir)).toString(QUrl.ComponentFormattingOption.FullyEncoded)
        return (
            "<p>A desktop case-notes viewer for law-enforcement operations against dark-web markets "
            "and cybercrime. Everything stays on this computer.</p>"
            f"<p><b>Version:</b> {html.escape(__version__)}</p>"
            f"<p><b>License:</b> {LICENSE_NAME} — see the License tab.</p>"
            f"<p><b>Your data:</b> <a href=\"{html.escape(folder_url)}\">{html.escape(str(self.data_dir))}</a>"
            "<br>(click to open the folder)</p>"
        )

    def _sources_html(self, seed: Document | None) -> str:
        try:
            document = seed if seed is not None else bundled_seed()
        except Exception as error:  # a damaged install must not stop the dialog opening
            return f"<p>The seed dataset could not be read: {html.escape(str(error))}</p>"
        sources = seed_sources(document)
        items = "".join(_source_item(source) for source in sources)
        return (
            f"<p>New stores start with {len(document.records)} records built from these "
            f"{len(sources)} public sources:</p><ol>{items}</ol>"
        )


def _source_item(source: SeedSource) -> str:
    title = html.escape(source.title)
    if source.url and QUrl(source.url).scheme().lower() in WEB_SCHEMES:
        href = html.escape(QUrl(source.url).toString(QUrl.ComponentFormattingOption.FullyEncoded))
        title = f'<a href="{href}">{title}</a>'
    details = [html.escape(part) for part in (source.publisher, display_date(source.published)) if part]
    if source.url:
        details.append(f"<span style='color:gray'>{html.escape(source.url)}</span>")
    else:
        details.append("no link known")
    return f"<li>{title}<br>{', '.join(details)}</li>"


def _license_text() -> str:
    try:
        return resource_path(LICENSE_RESOURCE).read_text(encoding="utf-8")
    except OSError as error:
        return f"{LICENSE_NAME}. (The license file could not be read: {error})"
