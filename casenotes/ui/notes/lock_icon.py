"""A small padlock drawn in code: the mark of a private note (no emoji font or image file needed)."""

from __future__ import annotations

import functools

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap


@functools.lru_cache(maxsize=1)
def lock_icon() -> QIcon:
    """A padlock icon, drawn at 16 and 32 pixels."""
    icon = QIcon()
    for size in (16, 32):
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        unit = size / 16
        color = QColor("#6b4e16")
        painter.setPen(QPen(color, 1.8 * unit))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawArc(QRectF(4.5 * unit, 1.5 * unit, 7 * unit, 9 * unit), 0, 180 * 16)  # the shackle
        painter.drawLine(int(4.5 * unit), int(6 * unit), int(4.5 * unit), int(8 * unit))
        painter.drawLine(int(11.5 * unit), int(6 * unit), int(11.5 * unit), int(8 * unit))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#d9a520"))
        painter.drawRoundedRect(QRectF(2.5 * unit, 7.5 * unit, 11 * unit, 7.5 * unit), 1.5 * unit, 1.5 * unit)
        painter.setBrush(color)
        painter.drawEllipse(QRectF(7 * unit, 9.8 * unit, 2 * unit, 2 * unit))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
