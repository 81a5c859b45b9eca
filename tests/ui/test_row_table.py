"""The form tables: Qt model contract, blank rows, per-cell problems and figures citing sources."""

from PySide6.QtCore import Qt

from casenotes.ui.safe_text import plain_tooltip
from casenotes.store.models import Figure, Source
from casenotes.ui.record_tables import NO_SOURCE, FigureTableModel, SourceTableModel
from casenotes.ui.relation_editor import RelationTableModel


def figure_model(sources: SourceTableModel) -> FigureTableModel:
    return FigureTableModel(sources, lambda: ["arrests"], lambda: ["people"], lambda: ["Germany (DE)"])


def test_the_tables_keep_the_qt_model_contract(qtmodeltester):
    sources = SourceTableModel()
    sources.set_sources([Source("A", "Europol", "https://example.org", "2020", "p. 2"), Source("B")])
    figures = figure_model(sources)
    figures.set_figures([Figure("arrests", 3, "people", "DE", 1, "note"), Figure("seized_eur", 2.5)])
    relations = RelationTableModel()
    relations.append_row({"relation": "follows", "title": "Other", "id": "other"})
    for model in (sources, figures, relations):
        qtmodeltester.check(model)


def test_cells_show_their_problems_and_blank_rows_are_left_out():
    sources = SourceTableModel()
    figures = figure_model(sources)
    figures.append_row()
    assert figures.problems() == []  # an untouched row is no problem: it is simply not saved
    figures.setData(figures.index(0, figures.column_number("value")), "lots")
    problems = {key: message for _row, key, message in figures.problems()}
    assert problems == {"label": "label is needed", "value": "'lots' is not a number"}
    value_cell = figures.index(0, figures.column_number("value"))
    assert value_cell.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert value_cell.data(Qt.ItemDataRole.ToolTipRole) == plain_tooltip("'lots' is not a number")


def test_a_figure_cites_a_source_by_its_row_and_follows_it_when_rows_go():
    sources = SourceTableModel()
    sources.set_sources([Source("First"), Source("Second"), Source("Third")])
    figures = figure_model(sources)
    figures.set_figures([Figure("arrests", 1, source=0), Figure("arrests", 2, source=2), Figure("arrests", 3)])
    source_column = figures.column_number("source")
    assert figures.index(1, source_column).data() == "3. Third"
    assert figures.index(2, source_column).data() == NO_SOURCE

    sources.remove_row(0)
    kept, positions = sources.sources()
    assert [s.title for s in kept] == ["Second", "Third"]
    assert [f.source for f in figures.figures(positions)] == [None, 1, None]
    assert figures.index(1, source_column).data() == "2. Third"


def test_a_blank_source_row_between_others_does_not_shift_the_citations():
    sources = SourceTableModel()
    sources.set_sources([Source("First"), Source("Second")])
    sources.setData(sources.index(0, 0), "")  # emptied: not saved
    figures = figure_model(sources)
    figures.set_figures([Figure("arrests", 1, source=1)])
    kept, positions = sources.sources()
    assert [s.title for s in kept] == ["Second"]
    assert figures.figures(positions)[0].source == 0
