"""The icon: an SVG and the PNG sizes rendered from it by packaging/render_icons.py."""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtGui import QImage

from casenotes.ui.icons import ICON_SIZES, icon_resource
from tests.packaging.conftest import RESOURCES, ROOT

pytestmark = pytest.mark.packaging

SVG = RESOURCES / icon_resource(None)
# Rendering may differ by a shade between Qt versions; a changed drawing differs by far more.
MAX_MEAN_CHANNEL_DIFFERENCE = 0.25  # recolouring one of the three dots gives ~1.6


def load_render_icons():
    spec = importlib.util.spec_from_file_location("render_icons", ROOT / "packaging" / "render_icons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def mean_channel_difference(first: QImage, second: QImage) -> float:
    a = first.convertToFormat(QImage.Format.Format_RGBA8888)
    b = second.convertToFormat(QImage.Format.Format_RGBA8888)
    assert a.size() == b.size()
    bytes_a, bytes_b = bytes(a.constBits()), bytes(b.constBits())
    return sum(abs(x - y) for x, y in zip(bytes_a, bytes_b)) / len(bytes_a)


def test_the_svg_icon_is_a_square_svg():
    root = ET.parse(SVG).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 128 128"


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_has_its_size_and_a_transparent_corner(qapp, size):
    image = QImage(str(RESOURCES / icon_resource(size)))
    assert not image.isNull()
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel() and image.pixelColor(0, size - 1).alpha() == 0


@pytest.mark.parametrize("size", ICON_SIZES)
def test_each_png_is_rendered_from_the_current_svg(qapp, size):
    render_icons = load_render_icons()
    fresh = render_icons.render_icon(SVG, size)
    committed = QImage(str(RESOURCES / icon_resource(size)))
    assert mean_channel_difference(fresh, committed) <= MAX_MEAN_CHANNEL_DIFFERENCE, (
        f"{size}px PNG is out of date: run .venv/bin/python packaging/render_icons.py"
    )


def test_render_icons_writes_every_size(qapp, tmp_path):
    assert load_render_icons().main(["--out", str(tmp_path)]) == 0
    for size in ICON_SIZES:
        assert QImage(str(tmp_path / icon_resource(size))).width() == size
