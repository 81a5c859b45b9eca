"""Every keyboard shortcut of the window, in one place, so they never collide."""

from PySide6.QtGui import QKeySequence

StandardKey = QKeySequence.StandardKey

FIND = [QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")]
CLEAR_SEARCH = QKeySequence("Escape")
FOCUS_LIST = QKeySequence("Ctrl+1")
FOCUS_DETAIL = QKeySequence("Ctrl+2")
FOCUS_TIMELINE = QKeySequence("Ctrl+3")
CLEAR_FILTERS = QKeySequence("Ctrl+Shift+L")
SAVE_SEARCH = QKeySequence("Ctrl+Shift+S")
FIT_ALL = QKeySequence("Ctrl+0")
ZOOM_TO_SELECTION = QKeySequence("Ctrl+E")
ZOOM_IN = QKeySequence("Ctrl+=")
ZOOM_OUT = QKeySequence("Ctrl+-")
LANES_BY_KIND = QKeySequence("Ctrl+Alt+1")
LANES_BY_COUNTRY = QKeySequence("Ctrl+Alt+2")
LANES_BY_AGENCY = QKeySequence("Ctrl+Alt+3")
REFRESH = QKeySequence("F5")
UNDO = QKeySequence("Ctrl+Z")
REDO = QKeySequence("Ctrl+Shift+Z")
NEW_NOTE = QKeySequence("Ctrl+Shift+N")
NEW_RECORD = QKeySequence("Ctrl+N")
EDIT_RECORD = QKeySequence("Ctrl+Shift+E")
NEW_FROM_ARTICLE = QKeySequence("Ctrl+Shift+R")
IMPORT = QKeySequence("Ctrl+I")
EXPORT = QKeySequence("Ctrl+Shift+X")
QUOTE_IN_NOTE = QKeySequence("Ctrl+Alt+Q")
NOTE_HISTORY = QKeySequence("Ctrl+Shift+H")
ALL_NOTES = QKeySequence("Ctrl+Shift+A")
SHORTCUTS_HELP = QKeySequence("F1")
QUIT = QKeySequence("Ctrl+Q")
