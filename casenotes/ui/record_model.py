"""The record list's model: holds only record keys and loads rows in small pages on demand."""

from __future__ import annotations

from array import array
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from casenotes.store import Store
from casenotes.store.dates import display_date
from casenotes.store.listing import key_for_id, rows_for_keys
from casenotes.store.models import RecordRow
from casenotes.ui.safe_text import plain_tooltip

PAGE_SIZE = 128
CACHED_PAGES = 64  # ~8k rows: a few screens in each direction

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str
    tooltip: str
    default_width: int
    align_right: bool = False


COLUMNS = (
    Column("Title", "title", "The record's title", 300),
    Column("Kind", "kind", "Operation, takedown, raid, arrest, prosecution or other", 90),
    Column("Date", "date", "When it happened, as precisely as the source says", 130),
    Column("Countries", "countries", "Countries involved (ISO codes)", 100),
    Column("Arrests", "arrests", "Arrests: the stated total, else the sum per country", 62, True),
    Column("Notes", "notes", "How many of your notes the record has", 50, True),
)
RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_KEY_ROLE = Qt.ItemDataRole.UserRole + 2


class RecordTableModel(QAbstractTableModel):
    """Rows are record keys from a query; row data is read from the store a page at a time.

    Sorting is asked of the owner through ``sortRequested`` (the query runs elsewhere,
    off the GUI thread) and arrives back through :meth:`set_keys`.
    """

    sortRequested = Signal(str, bool)  # sort key, descending

    def __init__(self, store: Store, parent=None) -> None:
        super().__init__(parent)
        self._store: Store | None = store
        self._keys = array("q")
        self._pages: OrderedDict[int, dict[int, RecordRow]] = OrderedDict()
        self._highlighted: frozenset[str] = frozenset()

    # -- contents ---------------------------------------------------------------------

    def set_keys(self, keys: Sequence[int]) -> None:
        self.beginResetModel()
        self._keys = keys if isinstance(keys, array) else array("q", keys)
        self._pages.clear()
        self.endResetModel()

    def set_highlighted(self, record_ids: set[str] | frozenset[str]) -> None:
        """Show these records in bold (new or changed since a saved search was last opened)."""
        self._highlighted = frozenset(record_ids)
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.FontRole])

    def highlighted(self) -> frozenset[str]:
        return self._highlighted

    def detach(self) -> None:
        """Empty the model and stop reading the store (which is about to close)."""
        self.set_keys([])
        self._store = None

    def keys(self) -> array:
        return self._keys

    def refresh_rows(self) -> None:
        """Forget cached rows (after an edit) and repaint what is visible."""
        self._pages.clear()
        if self._keys:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._keys) - 1, len(COLUMNS) - 1))

    def row_for_key(self, key: int) -> int | None:
        # A linear scan of the key array runs in C and takes milliseconds even for a
        # million rows, where a key-to-row dict would cost far more memory to keep.
        try:
            return self._keys.index(key)
        except ValueError:
            return None

    def row_for_record_id(self, record_id: str) -> int | None:
        if self._store is None:
            return None
        key = key_for_id(self._store, record_id)
        return None if key is None else self.row_for_key(key)

    def record_row(self, row: int) -> RecordRow | None:
        if self._store is None or not 0 <= row < len(self._keys):
            return None
        page_number = row // PAGE_SIZE
        page = self._pages.get(page_number)
        if page is None:
            page = self._load_page(page_number)
        else:
            self._pages.move_to_end(page_number)
        return page.get(self._keys[row])

    def _load_page(self, page_number: int) -> dict[int, RecordRow]:
        start = page_number * PAGE_SIZE
        page = rows_for_keys(self._store, self._keys[start:start + PAGE_SIZE])
        self._pages[page_number] = page
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    # -- Qt model interface -----------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._keys)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.record_row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return _display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(row.title) if column == 0 else None
        if role == Qt.ItemDataRole.FontRole and row.id in self._highlighted:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and COLUMNS[column].align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RECORD_ID_ROLE:
            return row.id
        if role == RECORD_KEY_ROLE:
            return row.key
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        if role == Qt.ItemDataRole.ToolTipRole:
            return COLUMNS[section].tooltip
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(COLUMNS):
            self.sortRequested.emit(COLUMNS[column].sort_key, order == Qt.SortOrder.DescendingOrder)


def _display(row: RecordRow, column: int) -> str | None:
    if column == 0:
        return row.title
    if column == 1:
        return row.kind
    if column == 2:
        return display_date(row.date) if row.date else "undated"
    if column == 3:
        return row.countries.replace(",", ", ")
    if column == 4:
        return f"{row.arrests:,}" if row.arrests is not None else ""
    if column == 5:
        return str(row.note_count) if row.note_count else ""
    return None
