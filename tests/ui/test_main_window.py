from PySide6.QtCore import QModelIndex, QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from casenotes.store.records import record_count
from casenotes.ui.record_model import RECORD_ID_ROLE, COLUMNS
from tests.ui.conftest import listed_ids, search_for

GUI_NAMES = ["searchField", "recordList", "detailPane", "timelineView"]


def test_main_window_has_the_named_panes_with_accessible_names(window):
    for name in GUI_NAMES:
        widget = window.findChild(QWidget, name)
        assert widget is not None, name
        assert widget.accessibleName(), name


def test_the_list_shows_every_seeded_record_newest_first(window):
    ids = listed_ids(window)
    assert len(ids) == record_count(window.store) >= 9
    assert ids[0] == "operation-disruptor"
    assert window.hit_count.text() == f"{len(ids)} records"


def test_typing_blackshades_narrows_the_list_and_counts_the_hits(qtbot, window):
    assert search_for(qtbot, window, "blackshades") == 1
    assert listed_ids(window) == ["blackshades-arrests-2014"]
    assert window.hit_count.text().startswith("1 of ")


def test_selecting_a_record_shows_its_figures_and_sources(qtbot, window):
    search_for(qtbot, window, "blackshades")
    window.record_list.table.setFocus()
    qtbot.keyClick(window.record_list.table, Qt.Key.Key_Down)
    assert window.detail.current_record_id() == "blackshades-arrests-2014"
    text = window.detail.record_view.toPlainText()
    assert "BlackShades malware arrests" in text and "19 May 2014" in text
    assert "Figures" in text and "Sources" in text and "sources disagree" in text


def test_search_field_enter_moves_to_the_first_hit(qtbot, window):
    search_for(qtbot, window, "hyperion")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)
    assert window.detail.current_record_id() == "operation-hyperion"
    assert QApplication.focusWidget() is window.record_list.table


def test_a_search_without_hits_explains_why_and_offers_to_clear(qtbot, window):
    assert search_for(qtbot, window, "zzzqqq") == 0
    label = window.record_list.empty_label
    assert label.isVisible() and "No records match" in label.text() and "zzzqqq" in label.text()
    with qtbot.waitSignal(window.listLoaded):
        label.linkActivated.emit("clear")
    assert window.search_field.text() == "" and not label.isVisible()
    assert len(listed_ids(window)) >= 9


def test_kind_facet_combines_with_the_search(qtbot, window):
    with qtbot.waitSignal(window.listLoaded):
        window.facet_bar.kinds.set_checked({"prosecution"})
        window.facet_bar.kinds.changed.emit()
    assert set(listed_ids(window)) == {"silk-road-2-right-hand-man-plea", "uk-stresser-guilty-plea"}
    assert search_for(qtbot, window, "silk") == 1


def test_year_range_facet_keeps_records_of_those_years(qtbot, window):
    with qtbot.waitSignal(window.listLoaded):
        window.facet_bar.year_from.setValue(2016)
    with qtbot.waitSignal(window.listLoaded):
        window.facet_bar.year_to.setValue(2016)
    ids = listed_ids(window)
    assert ids and all(window.store.db.execute(
        "SELECT substr(date, 1, 4) FROM records WHERE id = ?", [i]).fetchone()[0] == "2016" for i in ids)


def test_clicking_a_column_header_sorts_by_it(qtbot, window):
    header = window.record_list.table.horizontalHeader()
    title_section = [c.sort_key for c in COLUMNS].index("title")
    with qtbot.waitSignal(window.listLoaded):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                         pos=QPoint(header.sectionViewportPosition(title_section) + 10, header.height() // 2))
    titles = [window.record_list.model.index(r, 0).data() for r in range(window.record_list.model.rowCount())]
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles, key=str.casefold, reverse=True)


def test_a_related_record_link_selects_that_record_everywhere(qtbot, window):
    window.select_record("operation-disruptor")
    window.detail.record_view.internalLinkActivated.emit(QUrl("casenotes:record/wall-street-market-takedown"))
    assert window.detail.current_record_id() == "wall-street-market-takedown"
    assert window.record_list.current_record_id() == "wall-street-market-takedown"


def test_picking_a_record_on_the_timeline_selects_it_in_the_list(qtbot, window):
    window.timeline.recordSelected.emit("operation-onymous")
    assert window.record_list.current_record_id() == "operation-onymous"
    assert window.detail.current_record_id() == "operation-onymous"


def test_keyboard_shortcuts_reach_every_pane(qtbot, window):
    window.activateWindow()
    for key, widget in ((Qt.Key.Key_1, window.record_list.table), (Qt.Key.Key_2, window.detail.record_view),
                        (Qt.Key.Key_3, window.timeline)):
        window.actions[{Qt.Key.Key_1: "focus_list", Qt.Key.Key_2: "focus_detail",
                        Qt.Key.Key_3: "focus_timeline"}[key]].trigger()
        assert QApplication.focusWidget() is widget
    window.actions["find"].trigger()
    assert QApplication.focusWidget() is window.search_field


def test_every_action_has_a_tooltip_and_shortcuts_are_unique(window):
    seen = {}
    for name, action in window.actions.items():
        assert action.toolTip(), name
        for key in action.shortcuts():
            assert key.toString() not in seen, (name, seen.get(key.toString()))
            seen[key.toString()] = name


def test_window_layout_and_sort_come_back_on_the_next_launch(qtbot, open_window, data_dir):
    first = open_window(data_dir)
    first.resize(720, 530)
    with qtbot.waitSignal(first.listLoaded):
        first.record_list.model.sort([c.sort_key for c in COLUMNS].index("arrests"), Qt.SortOrder.DescendingOrder)
    first.timeline.set_lane_mode("country")
    first.close()
    second = open_window(data_dir)
    assert (second.width(), second.height()) == (720, 530)
    assert second._sort == ("arrests", True)
    assert second.timeline.lane_mode() == "country"
    header = second.record_list.table.horizontalHeader()
    assert header.sortIndicatorSection() == [c.sort_key for c in COLUMNS].index("arrests")


def test_the_record_model_passes_the_model_tester(qtmodeltester, window):
    qtmodeltester.check(window.record_list.model)


def test_rows_are_loaded_lazily_a_page_at_a_time(window):
    model = window.record_list.model
    model.refresh_rows()
    assert not model._pages
    model.index(0, 0).data()
    assert len(model._pages) == 1
    assert model.index(0, 0).data(RECORD_ID_ROLE) == listed_ids(window)[0]
    assert model.data(QModelIndex()) is None


def test_a_record_saved_by_a_dialog_is_shown_and_selected_everywhere(qtbot, window):
    from casenotes.store.models import Record
    from casenotes.store.records import save_record

    save_record(window.store, Record(id="operation-new", title="Operation New", kind="operation", date="2021-03"))
    with qtbot.waitSignal(window.listLoaded):
        window._record_added("operation-new")
    assert window.record_list.current_record_id() == "operation-new"
    assert window.detail.current_record_id() == "operation-new"
    assert "operation-new" in listed_ids(window)


def test_new_record_from_article_opens_the_extract_dialog(qtbot, window):
    from casenotes.ui.extract_dialog import ExtractDialog

    window.actions["new_from_article"].trigger()
    dialog = window.findChild(ExtractDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_file_import_runs_in_the_background_then_every_pane_shows_the_records(qtbot, window):
    from casenotes.store.backup import list_backups
    from tests.conftest import GWERN

    with qtbot.waitSignal(window.importer.finished, timeout=30_000):
        window.import_file(GWERN / "gwern_dnm_survival.casenotes.json")
    qtbot.waitUntil(lambda: window.record_list.model.rowCount() == 9 + 88, timeout=10_000)
    assert any(b.reason == "before-import" for b in list_backups(window.data_dir))
    if window.importer.message_box is not None:
        window.importer.message_box.close()


def test_export_offers_the_current_search_and_the_selection(qtbot, window):
    search_for(qtbot, window, "silk")
    window.record_list.table.selectRow(0)
    window.export_records()
    dialog = window.export_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.scope_search.isEnabled() and dialog.scope_selection.isEnabled()
    dialog.reject()


def test_delete_record_from_the_menu_and_undo_it(qtbot, window):
    window.select_record("uk-stresser-guilty-plea")
    with qtbot.waitSignal(window.listLoaded):
        window.actions["delete_record"].trigger()
    assert "uk-stresser-guilty-plea" not in listed_ids(window)
    assert window.detail.current_record_id() is None
    window.record_list.table.setFocus()
    with qtbot.waitSignal(window.listLoaded):
        window.actions["undo"].trigger()
    assert "uk-stresser-guilty-plea" in listed_ids(window)


def test_edit_record_opens_the_dialog_for_the_selected_record(qtbot, window):
    from casenotes.ui.record_dialog import RecordDialog

    window.select_record("operation-hyperion")
    window.actions["edit_record"].trigger()
    dialog = window.findChild(RecordDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.title_edit.text() == "Operation Hyperion"
    assert dialog.id_edit.text() == "operation-hyperion" and dialog.id_edit.isReadOnly()
    dialog.reject()


def test_the_list_follows_the_store_when_the_only_record_of_a_chosen_year_goes(qtbot, window):
    from casenotes.store.records import delete_record

    with qtbot.waitSignal(window.listLoaded):
        window.facet_bar.year_from.setValue(2020)
    assert listed_ids(window) == ["operation-disruptor"]
    delete_record(window.store, "operation-disruptor")
    with qtbot.waitSignal(window.listLoaded):
        window.reload()
    assert listed_ids(window) == []
    assert window.facet_bar.selection()["year_from"] == 2020


def test_the_window_state_file_is_private(qtbot, window, data_dir):
    import stat

    window.save_state()
    state_file = data_dir / "window-state.ini"
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
