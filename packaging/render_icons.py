"""Render the casenotes SVG icon to the PNG sizes desktops and the window use.

Run it after changing the SVG and commit the PNGs it writes:

    .venv/bin/python packaging/render_icons.py

The PNGs go into the hicolor icon-theme layout under ``resources/icons`` (the names
come from ``casenotes.ui.icons``), so ``make install-desktop`` can copy the tree as it is.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402  (after the Qt platform is chosen)
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

from casenotes.ui.icons import ICON_SIZES, icon_resource  # noqa: E402

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
SVG_PATH = RESOURCES_DIR / icon_resource(None)


def png_path(size: int, resources_dir: Path = RESOURCES_DIR) -> Path:
    """Where the PNG of ``size`` pixels lives (the hicolor icon-theme layout)."""
    return resources_dir / icon_resource(size)


def render_icon(svg_path: Path, size: int) -> QImage:
    """The SVG drawn on a transparent square of ``size`` pixels."""
    renderer = QSvgRenderer(str(svg_path))
    if not renderer.isValid():
        raise ValueError(f"{svg_path} is not a valid SVG image")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SVG_PATH, help="the icon to render")
    parser.add_argument("--out", type=Path, default=RESOURCES_DIR, help="resources folder to write the PNGs into")
    args = parser.parse_args(argv)
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for size in ICON_SIZES:
        target = png_path(size, args.out)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not render_icon(args.svg, size).save(str(target), "PNG"):
            print(f"render_icons: cannot write {target}", file=sys.stderr)
            return 1
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
