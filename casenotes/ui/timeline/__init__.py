# LOCAL DEV STUB - not committed; replaced by the timeline branch
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGraphicsView


class TimelineView(QGraphicsView):
    recordSelected = Signal(str)
    recordActivated = Signal(str)
    laneModeChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.setAccessibleName("Timeline")
        self._mode = "kind"
        self.selected = None
        self.matching = None

    def set_data(self, data): self.data = data
    def set_matching(self, ids): self.matching = ids
    def select_record(self, rid): self.selected = rid
    def set_lane_mode(self, mode): self._mode = mode; self.laneModeChanged.emit(mode)
    def lane_mode(self): return self._mode
    def fit_all(self): pass
    def zoom_to_selection(self): pass
    def zoom_in(self): pass
    def zoom_out(self): pass
