"""A text browser that shows untrusted text: it loads nothing and opens only web links, on click."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QTextDocument
from PySide6.QtWidgets import QTextBrowser

INTERNAL_SCHEME = "casenotes"
WEB_SCHEMES = ("http", "https")


class SafeTextDocument(QTextDocument):
    """A document that never loads a resource: QTextDocument's own fallback reads local files."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.refused_resources: list[QUrl] = []

    def loadResource(self, resource_type: int, url: QUrl):  # noqa: N802 (Qt naming)
        self.refused_resources.append(QUrl(url))
        return None


class SafeTextBrowser(QTextBrowser):
    """Renders record and note text without ever reading files or the network.

    Its document's ``loadResource`` returns nothing, so ``<img src="file:///etc/passwd">`` or remote
    images show as nothing. Links are never followed by the browser itself: ``http(s)``
    links open in the system browser when clicked, ``casenotes:`` links are reported
    through ``internalLinkActivated``, every other scheme (``javascript:``, ``file:``) is
    ignored.
    """

    internalLinkActivated = Signal(QUrl)
    webLinkRequested = Signal(QUrl)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setDocument(SafeTextDocument(self))
        self.anchorClicked.connect(self._follow)
        self.webLinkRequested.connect(lambda url: QDesktopServices.openUrl(url))

    @property
    def refused_resources(self) -> list[QUrl]:
        """Every resource the text asked for (and did not get), for tests and diagnostics."""
        document = self.document()
        return document.refused_resources if isinstance(document, SafeTextDocument) else []

    def loadResource(self, resource_type: int, url: QUrl):  # noqa: N802 (Qt naming)
        return None

    def _follow(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        elif scheme == INTERNAL_SCHEME:
            self.internalLinkActivated.emit(url)
        elif scheme in WEB_SCHEMES and url.isValid() and url.host():
            self.webLinkRequested.emit(url)
