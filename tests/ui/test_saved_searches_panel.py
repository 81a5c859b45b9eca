import time

from PySide6.QtCore import Qt

from casenotes.store.interchange import import_document
from casenotes.store.saved_searches import get_saved_search
from casenotes.ui.record_model import RECORD_ID_ROLE
from tests.conftest import document, minimal_record
from tests.ui.conftest import listed_ids, search_for


def panel_texts(window):
    return [window.saved_panel.list.item(i).text() for i in range(window.saved_panel.list.count())]


def reload_and_wait(qtbot, window):
    with qtbot.waitSignal(window.listLoaded):
        window.reload()
    qtbot.waitUntil(lambda: "darknet watch" in " ".join(panel_texts(window)))


def test_a_saved_search_reports_new_records_and_highlights_them_when_opened(qtbot, window):
    search_for(qtbot, window, "darknet")
    window.save_current_search("darknet watch")
    qtbot.waitUntil(lambda: panel_texts(window) and panel_texts(window)[0].startswith("darknet watch  ("))
    hits_before = int(panel_texts(window)[0].split("(")[1].split(")")[0])
    assert "new" not in panel_texts(window)[0]

    time.sleep(0.002)
    import_document(window.store, document(minimal_record("darknet-sweep", title="Darknet sweep", kind="raid")))
    with qtbot.waitSignal(window.listLoaded):
        window.clear_filters()
    reload_and_wait(qtbot, window)
    qtbot.waitUntil(lambda: "1 new" in panel_texts(window)[0])
    assert f"({hits_before + 1})" in panel_texts(window)[0]
    assert window.saved_panel.list.item(0).font().bold()

    with qtbot.waitSignal(window.listLoaded):
        window.saved_panel.list.itemClicked.emit(window.saved_panel.list.item(0))
    assert window.search_field.text() == "darknet"
    assert "darknet-sweep" in listed_ids(window)
    model = window.record_list.model
    bold = [model.index(r, 0).data(RECORD_ID_ROLE) for r in range(model.rowCount())
            if model.index(r, 0).data(Qt.ItemDataRole.FontRole) is not None]
    assert bold == ["darknet-sweep"]
    qtbot.waitUntil(lambda: "new" not in panel_texts(window)[0])
    assert get_saved_search(window.store, "darknet watch").last_opened


def test_saving_needs_a_search_or_filter(qtbot, window):
    window.save_current_search("everything")
    assert "nothing to save" in window.statusBar().currentMessage()


def test_a_saved_search_brings_back_its_facets(qtbot, window):
    with qtbot.waitSignal(window.listLoaded):
        window.facet_bar.kinds.set_checked({"prosecution"})
        window.facet_bar.kinds.changed.emit()
    window.save_current_search("pleas")
    with qtbot.waitSignal(window.listLoaded):
        window.clear_filters()
    with qtbot.waitSignal(window.listLoaded):
        window.open_saved_search("pleas")
    assert window.facet_bar.kinds.checked() == ("prosecution",)
    assert set(listed_ids(window)) == {"silk-road-2-right-hand-man-plea", "uk-stresser-guilty-plea"}
