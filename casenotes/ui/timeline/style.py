"""Colours, pens and fonts of the timeline, derived from the widget's palette (light or dark)."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPalette

# One hue per kind, picked to stay apart from each other and readable on light and dark.
KIND_COLOURS = {
    "operation": "#2f6fde",
    "takedown": "#d1433b",
    "raid": "#dd8318",
    "arrest": "#7d4fd1",
    "prosecution": "#23935a",
    "other": "#4a8196",
}
FALLBACK_COLOUR = "#6b7280"
DIMMED_ALPHA = 46
PERIOD_FILL_ALPHA = 70


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def _mix(a: QColor, b: QColor, amount: float) -> QColor:
    """``a`` moved ``amount`` (0..1) of the way towards ``b``."""
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * amount,
        a.greenF() + (b.greenF() - a.greenF()) * amount,
        a.blueF() + (b.blueF() - a.blueF()) * amount,
    )


def _scaled(font: QFont, factor: float) -> QFont:
    """A smaller copy of ``font``, whether its size was given in points or in pixels."""
    smaller = QFont(font)
    if font.pointSizeF() > 0:
        smaller.setPointSizeF(max(6.5, font.pointSizeF() * factor))
    elif font.pixelSize() > 0:
        smaller.setPixelSize(max(9, round(font.pixelSize() * factor)))
    return smaller


class TimelineStyle:
    """Everything the painters need, rebuilt when the palette or font changes."""

    def __init__(self, palette: QPalette, font: QFont) -> None:
        self.dark = is_dark(palette)
        role = QPalette.ColorRole
        self.base = palette.color(role.Base)
        self.text = palette.color(role.Text)
        self.window = palette.color(role.Window)
        self.window_text = palette.color(role.WindowText)
        self.highlight = palette.color(role.Highlight)
        self.muted_text = _mix(self.text, self.base, 0.45)
        self.alternate = _mix(self.base, self.text, 0.035)
        self.header = _mix(self.window, self.base, 0.35)
        self.line = _mix(self.base, self.text, 0.18)
        self.grid_minor = _mix(self.base, self.text, 0.07)
        self.grid_major = _mix(self.base, self.text, 0.16)
        self.relation = _mix(self.text, self.base, 0.35)
        self._kind_colours = {kind: self._adapt(QColor(hex_colour)) for kind, hex_colour in KIND_COLOURS.items()}
        self._fallback = self._adapt(QColor(FALLBACK_COLOUR))
        self.neutral_bins = self._adapt(QColor("#5b6b8c"))

        self.font = QFont(font)
        self.label_font = _scaled(font, 0.92)
        self.small_font = _scaled(font, 0.84)
        self.bold_font = QFont(font)
        self.bold_font.setBold(True)
        self.label_metrics = QFontMetricsF(self.label_font)
        self.small_metrics = QFontMetricsF(self.small_font)
        self.bold_metrics = QFontMetricsF(self.bold_font)
        self.metrics = QFontMetricsF(self.font)

    def _adapt(self, colour: QColor) -> QColor:
        return colour.lighter(135) if self.dark else colour

    def kind_colour(self, kind: str) -> QColor:
        return self._kind_colours.get(kind, self._fallback)

    @staticmethod
    def with_alpha(colour: QColor, alpha: int) -> QColor:
        faded = QColor(colour)
        faded.setAlpha(alpha)
        return faded

    @staticmethod
    def text_on(colour: QColor) -> QColor:
        """Black or white, whichever reads better on ``colour``."""
        luminance = 0.2126 * colour.redF() + 0.7152 * colour.greenF() + 0.0722 * colour.blueF()
        return QColor("#111111") if luminance > 0.55 else QColor("#ffffff")
