"""The application icon: loaded from the shipped PNGs and set on the application."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from casenotes import APP_ID
from casenotes.app import _application, create_main_window
from casenotes.ui import icons
from casenotes.ui.icons import ICON_SIZES, app_icon


def test_app_icon_has_every_shipped_size(qapp):
    icon = app_icon()
    assert not icon.isNull()
    assert sorted(size.width() for size in icon.availableSizes()) == sorted(ICON_SIZES)
    assert icon.pixmap(QSize(16, 16)).size() == QSize(16, 16)


def test_the_application_uses_the_icon_and_the_desktop_file_id(qapp):
    app = _application()
    assert app.desktopFileName() == APP_ID
    assert sorted(size.width() for size in app.windowIcon().availableSizes()) == sorted(ICON_SIZES)


def test_the_main_window_shows_the_app_icon(qtbot, data_dir):
    window = create_main_window(data_dir)
    qtbot.addWidget(window)
    assert not window.windowIcon().isNull()
    assert window.windowIcon().cacheKey() == QApplication.windowIcon().cacheKey()


def test_a_missing_icon_file_is_logged_and_skipped(qapp, monkeypatch, caplog):
    real = icons.resource_path

    def without_the_16px_icon(name: str):
        if "16x16" in name:
            raise FileNotFoundError(f"casenotes resource not found: {name}")
        return real(name)

    monkeypatch.setattr(icons, "resource_path", without_the_16px_icon)
    with caplog.at_level(logging.WARNING, logger="casenotes.ui.icons"):
        icon = app_icon()
    assert 16 not in [size.width() for size in icon.availableSizes()]
    assert 512 in [size.width() for size in icon.availableSizes()]
    assert "16x16" in caplog.text
