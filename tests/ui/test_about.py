"""The About dialog: version, license, data location and the seed's sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl

from casenotes import __version__
from casenotes.paths import resource_path
from casenotes.store.seed import SEED_RESOURCE, bundled_seed
from casenotes.ui import about
from casenotes.ui.about import AboutDialog, is_openable_link, seed_sources
from tests.conftest import document, minimal_record


@pytest.fixture
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the dialog asks the desktop to open (nothing really opens)."""
    opened: list[str] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(url.toString())
        return True

    monkeypatch.setattr(about.QDesktopServices, "openUrl", staticmethod(fake_open))
    return opened


@pytest.fixture
def dialog(qtbot, tmp_path: Path) -> AboutDialog:
    data_dir = tmp_path / "my data"
    data_dir.mkdir()
    opened = AboutDialog(None, data_dir)
    qtbot.addWidget(opened)
    return opened


def test_about_shows_version_license_and_data_location(dialog: AboutDialog):
    text = dialog.about_text.toPlainText()
    assert f"Version: {__version__}" in text
    assert "MIT License" in text
    assert str(dialog.data_dir) in text
    assert dialog.license_text.toPlainText() == resource_path("LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in dialog.license_text.toPlainText()


def test_data_location_is_a_link_to_the_data_folder(dialog: AboutDialog, opened_urls: list[str]):
    html = dialog.about_text.toHtml()
    folder_url = QUrl.fromLocalFile(str(dialog.data_dir))
    assert folder_url.toString(QUrl.ComponentFormattingOption.FullyEncoded) in html
    dialog.about_text.anchorClicked.emit(folder_url)
    assert opened_urls == [folder_url.toString()]


def test_about_lists_every_source_of_the_seed_with_publisher_and_date(dialog: AboutDialog):
    raw = json.loads(resource_path(SEED_RESOURCE).read_text(encoding="utf-8"))
    expected = {
        (s["title"], s.get("publisher"), s.get("url"))
        for record in raw["records"] for s in record["sources"]
    }
    text = dialog.sources_text.toPlainText()
    for title, publisher, url in expected:
        assert title in text
        if publisher:
            assert publisher in text
        if url:
            assert url in text
    assert f"these {len(expected)} public sources" in text
    assert text.count("no link known") == sum(1 for _t, _p, url in expected if not url)
    assert "22 September 2020" in text  # dates shown as people read them


def test_each_seed_source_with_a_web_address_is_a_link(dialog: AboutDialog):
    html = dialog.sources_text.toHtml()
    with_urls = {s.url for s in seed_sources(bundled_seed()) if s.url}
    assert with_urls
    for url in with_urls:
        assert f'href="{QUrl(url).toString(QUrl.ComponentFormattingOption.FullyEncoded)}"' in html


def test_a_source_cited_by_several_records_is_listed_once():
    shared = {"title": "Shared report", "publisher": "Europol", "url": "https://example.org/r", "published": "2019-05-03"}
    seed = document(minimal_record("a", sources=[shared]), minimal_record("b", sources=[shared]))
    assert len(seed_sources(seed)) == 1


def test_clicking_a_web_link_opens_it(dialog: AboutDialog, opened_urls: list[str]):
    url = QUrl("https://www.europol.europa.eu/media-press/newsroom")
    dialog.sources_text.anchorClicked.emit(url)
    assert opened_urls == [url.toString()]


@pytest.mark.parametrize("link", [
    "file:///etc/passwd",
    "javascript:alert(1)",
    "ftp://example.org/file",
    "data:text/html,<b>hi</b>",
    "mailto:someone@example.org",
    "smb://server/share",
    "http://",
])
def test_links_that_are_neither_web_pages_nor_the_data_folder_are_refused(dialog, opened_urls, link):
    assert dialog.open_link(QUrl(link)) is False
    dialog.sources_text.anchorClicked.emit(QUrl(link))
    assert opened_urls == []


def test_file_links_open_only_inside_the_data_folder(tmp_path: Path):
    data_dir = tmp_path / "data"
    (data_dir / "exports").mkdir(parents=True)
    (tmp_path / "data-other").mkdir()
    assert is_openable_link(QUrl.fromLocalFile(str(data_dir)), data_dir)
    assert is_openable_link(QUrl.fromLocalFile(str(data_dir / "exports")), data_dir)
    assert not is_openable_link(QUrl.fromLocalFile(str(data_dir / ".." / "data-other")), data_dir)
    assert not is_openable_link(QUrl.fromLocalFile(str(tmp_path / "data-other")), data_dir)
    assert not is_openable_link(QUrl("file://otherhost" + str(data_dir)), data_dir)


def test_a_symlink_in_the_data_folder_pointing_outside_is_refused(tmp_path: Path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "escape").symlink_to("/etc")
    assert not is_openable_link(QUrl.fromLocalFile(str(data_dir / "escape")), data_dir)


def test_markup_in_seed_text_is_shown_as_text_and_loads_nothing(qtbot, tmp_path: Path):
    hostile = {
        "title": '<img src="file:///etc/hosts"><a href="file:///etc/passwd">click</a> & "quotes"',
        "publisher": "<script>alert(1)</script>",
        "url": 'https://example.org/a"onclick="alert(1)',
    }
    dialog = AboutDialog(None, tmp_path, seed=document(minimal_record("x", sources=[hostile])))
    qtbot.addWidget(dialog)
    text = dialog.sources_text.toPlainText()
    assert hostile["title"] in text
    assert hostile["publisher"] in text
    html = dialog.sources_text.toHtml()
    assert 'href="file:///etc/passwd"' not in html
    assert 'onclick="' not in html
    assert dialog.sources_text.loadResource(2, QUrl("file:///etc/hosts")) is None


def test_a_missing_seed_file_is_reported_in_the_dialog(qtbot, tmp_path: Path, monkeypatch):
    def broken_seed():
        raise FileNotFoundError("casenotes resource not found: seed/casenotes-seed.json")

    monkeypatch.setattr(about, "bundled_seed", broken_seed)
    dialog = AboutDialog(None, tmp_path)
    qtbot.addWidget(dialog)
    assert "could not be read" in dialog.sources_text.toPlainText()


@pytest.mark.qt_log_ignore("propagateSizeHints")  # said by the offscreen platform on show
def test_about_dialog_opens_with_the_app_icon(dialog: AboutDialog, qtbot):
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "About casenotes"
    assert dialog.findChild(about.QTabWidget, "aboutTabs").count() == 3
