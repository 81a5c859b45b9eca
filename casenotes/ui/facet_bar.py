"""Facet filters — kind, agency, country, tag and year range — that combine with the search."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QMenu, QSpinBox, QToolButton, QVBoxLayout,
    QWidget, QWidgetAction,
)

from casenotes.store.countries import country_name
from casenotes.store.listing import Facets

FIRST_YEAR, LAST_YEAR = 1990, 2100
ANY_YEAR = FIRST_YEAR - 1  # a year box at its minimum shows "any"


class ChecklistButton(QToolButton):
    """A toolbar button whose popup is a filterable list of checkable values with counts."""

    changed = Signal()

    def __init__(self, title: str, describe: Callable[[str], str] = str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._title = title
        self._describe = describe
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName(f"Filter by {title.lower()}")
        self.setToolTip(f"Show only records with the chosen {title.lower()} values")
        menu = QMenu(self)
        panel = QWidget(menu)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(6, 6, 6, 6)
        self.filter_edit = QLineEdit(panel, placeholderText=f"Filter {title.lower()}…")
        self.filter_edit.setClearButtonEnabled(True)
        self.list = QListWidget(panel)
        self.list.setAccessibleName(f"{title} values")
        self.list.setMinimumSize(260, 280)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list)
        action = QWidgetAction(menu)
        action.setDefaultWidget(panel)
        menu.addAction(action)
        menu.aboutToShow.connect(self.filter_edit.setFocus)
        self.setMenu(menu)
        self.filter_edit.textChanged.connect(self._filter)
        self.list.itemChanged.connect(self._item_changed)
        self._update_text()

    def set_values(self, values: list[tuple[str, int]]) -> None:
        """Offer these values (with record counts), keeping what was checked."""
        checked = set(self.checked())
        offered = {value for value, _count in values}
        # A chosen value stays (with no records) rather than silently stop filtering.
        values = list(values) + [(value, 0) for value in sorted(checked - offered)]
        self.list.blockSignals(True)
        self.list.clear()
        for value, count in values:
            item = QListWidgetItem(f"{self._describe(value)}  ({count:,})")
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.filter_edit.text())
        self._update_text()

    def checked(self) -> tuple[str, ...]:
        return tuple(
            self.list.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.list.count())
            if self.list.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_checked(self, values: set[str]) -> None:
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            state = Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in values else Qt.CheckState.Unchecked
            item.setCheckState(state)
        self.list.blockSignals(False)
        self._update_text()

    def _filter(self, text: str) -> None:
        needle = text.casefold()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(needle) and needle not in item.text().casefold())

    def _item_changed(self, _item: QListWidgetItem) -> None:
        self._update_text()
        self.changed.emit()

    def _update_text(self) -> None:
        count = len(self.checked())
        self.setText(f"{self._title}: {count}" if count else self._title)


class FacetBar(QWidget):
    """The filter controls under the search field; ``changed`` fires on any change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("facetBar")
        self.kinds = ChecklistButton("Kind", parent=self)
        self.agencies = ChecklistButton("Agency", parent=self)
        self.countries = ChecklistButton("Country", lambda code: f"{country_name(code)} ({code})", self)
        self.tags = ChecklistButton("Tag", parent=self)
        self.year_from = self._year_box("From year")
        self.year_to = self._year_box("To year")
        self.clear_button = QToolButton(self)
        self.clear_button.setText("Clear filters")
        self.clear_button.setToolTip("Show all records again (Ctrl+Shift+L)")
        self.clear_button.clicked.connect(self.clear)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for button in (self.kinds, self.agencies, self.countries, self.tags):
            layout.addWidget(button)
            button.changed.connect(self._emit_changed)
        layout.addSpacing(8)
        layout.addWidget(QLabel("Years", self))
        layout.addWidget(self.year_from)
        layout.addWidget(QLabel("–", self))
        layout.addWidget(self.year_to)
        layout.addStretch(1)
        layout.addWidget(self.clear_button)
        self._update_clear_button()

    def _year_box(self, name: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setRange(ANY_YEAR, LAST_YEAR)
        box.setSpecialValueText("any")
        box.setValue(ANY_YEAR)
        box.setAccessibleName(name)
        box.setToolTip(f"{name} (empty: any)")
        box.setKeyboardTracking(False)
        box.valueChanged.connect(self._emit_changed)
        return box

    def set_facets(self, facets: Facets) -> None:
        self.kinds.set_values(facets.kinds)
        self.agencies.set_values(facets.agencies)
        self.countries.set_values(facets.countries)
        self.tags.set_values(facets.tags)
        first = facets.first_year or FIRST_YEAR
        last = max(facets.last_year or LAST_YEAR, first)
        for box in (self.year_from, self.year_to):
            box.blockSignals(True)
            chosen = self._year(box)  # None: "any", which must stay "any" as the range moves
            low = min(first, chosen) if chosen is not None else first
            high = max(last, chosen) if chosen is not None else last
            box.setRange(low - 1, high)  # a chosen year stays chosen even if no record has it any more
            box.setValue(chosen if chosen is not None else low - 1)
            box.blockSignals(False)

    def is_active(self) -> bool:
        return bool(
            self.kinds.checked() or self.agencies.checked() or self.countries.checked() or self.tags.checked()
            or self._year(self.year_from) is not None or self._year(self.year_to) is not None
        )

    def selection(self) -> dict:
        """The chosen filters, as keyword arguments for ``RecordFilter``."""
        return {
            "kinds": self.kinds.checked(),
            "agencies": self.agencies.checked(),
            "countries": self.countries.checked(),
            "tags": self.tags.checked(),
            "year_from": self._year(self.year_from),
            "year_to": self._year(self.year_to),
        }

    @staticmethod
    def _year(box: QSpinBox) -> int | None:
        return None if box.value() == box.minimum() else box.value()

    def set_selection(self, kinds=(), agencies=(), countries=(), tags=(), year_from=None, year_to=None) -> None:
        """Choose these filters (as from a saved search) without emitting ``changed``."""
        for button, values in ((self.kinds, kinds), (self.agencies, agencies), (self.countries, countries),
                               (self.tags, tags)):
            button.set_checked(set(values))
        for box, year in ((self.year_from, year_from), (self.year_to, year_to)):
            box.blockSignals(True)
            if year is not None and year > box.maximum():
                box.setMaximum(year)
            if year is not None and year <= box.minimum():
                box.setMinimum(year - 1)
            box.setValue(year if year is not None else box.minimum())
            box.blockSignals(False)
        self._update_clear_button()

    def clear(self) -> None:
        if not self.is_active():
            return
        for button in (self.kinds, self.agencies, self.countries, self.tags):
            button.set_checked(set())
        for box in (self.year_from, self.year_to):
            box.blockSignals(True)
            box.setValue(box.minimum())
            box.blockSignals(False)
        self._emit_changed()

    def _emit_changed(self) -> None:
        self._update_clear_button()
        self.changed.emit()

    def _update_clear_button(self) -> None:
        self.clear_button.setEnabled(self.is_active())
