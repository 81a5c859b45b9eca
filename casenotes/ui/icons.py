"""The casenotes application icon, loaded from the PNGs shipped in ``resources/icons``."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from casenotes import APP_ID
from casenotes.paths import resource_path

log = logging.getLogger(__name__)

ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
"""Pixel sizes rendered from the SVG (packaging/render_icons.py) and shipped as PNG."""


def icon_resource(size: int | None) -> str:
    """Resource name of the icon: the PNG of ``size`` pixels, or the SVG for ``None``."""
    if size is None:
        return f"icons/hicolor/scalable/apps/{APP_ID}.svg"
    return f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"


def app_icon() -> QIcon:
    """The application icon at every shipped size.

    PNGs rather than the SVG, so the window needs no SVG plugin (the frozen app leaves
    QtSvg out). A missing file is logged and skipped: a lost icon must never keep anyone
    from opening their notes.
    """
    icon = QIcon()
    for size in ICON_SIZES:
        try:
            path: Path = resource_path(icon_resource(size))
        except FileNotFoundError as missing:
            log.warning("%s", missing)
            continue
        icon.addFile(str(path), QSize(size, size))
    return icon
