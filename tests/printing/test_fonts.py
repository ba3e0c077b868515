"""Choosing a font that can print Vietnamese, and refusing clearly when there is none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eoffice.printing.fonts import FONT_DIRS, FontMissingError, covers_vietnamese, find_font
from tests.conftest import need


def _system_fonts(name: str) -> list[Path]:
    found: list[Path] = []
    for root in FONT_DIRS:
        if root.is_dir():
            found.extend(root.rglob(name))
    return sorted(found)


def _old_liberation(folder: Path) -> Path:
    """A Liberation Serif 1.x (no Vietnamese glyphs): the machine's, or one made from the
    good font by keeping only Latin-1, as 1.x had (so the test never needs it installed)."""
    for path in _system_fonts("LiberationSerif-Regular.ttf"):
        if not covers_vietnamese(path):
            return path
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.notdef_outline = True
    with TTFont(_good_font()) as font:
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=range(0x20, 0x100))
        subsetter.subset(font)
        folder.mkdir(parents=True, exist_ok=True)
        font.save(folder / "LiberationSerif-Regular.ttf")
    return folder / "LiberationSerif-Regular.ttf"


def _good_font() -> Path:
    try:
        choice = find_font()
    except FontMissingError:
        need(False, "no font with Vietnamese glyphs installed (fonts-liberation2)")
        raise
    return choice.regular


def test_find_font_covers_vietnamese():
    _good_font()
    choice = find_font()
    assert covers_vietnamese(choice.regular)
    assert choice.bold is None or covers_vietnamese(choice.bold)
    assert choice.family in {"Times New Roman", "Liberation Serif", "Noto Serif", "DejaVu Serif"}


def test_no_usable_font_is_a_clear_vietnamese_error(tmp_path):
    (tmp_path / "readme.txt").write_text("không có phông chữ")
    with pytest.raises(FontMissingError) as caught:
        find_font(dirs=[tmp_path])
    assert "Không tìm thấy phông chữ có dấu tiếng Việt" in caught.value.message_vi
    assert "fonts-liberation2" in caught.value.message_vi
    assert "Vietnamese" in caught.value.message("en")


def test_a_broken_font_file_is_not_chosen(tmp_path):
    (tmp_path / "LiberationSerif-Regular.ttf").write_bytes(b"not a font at all")
    assert covers_vietnamese(tmp_path / "LiberationSerif-Regular.ttf") is False
    with pytest.raises(FontMissingError):
        find_font(dirs=[tmp_path])


def test_liberation_1x_without_vietnamese_is_skipped(tmp_path):
    old = _old_liberation(tmp_path / "made")
    assert covers_vietnamese(old) is False
    only_old = tmp_path / "old"
    only_old.mkdir()
    shutil.copy(old, only_old / old.name)
    with pytest.raises(FontMissingError):
        find_font(dirs=[only_old])

    # Liberation 1.x and 2.x side by side, as Debian installs them: the old one is met
    # first and passed over for the one with Vietnamese glyphs.
    good = _good_font()
    both = tmp_path / "both"
    (both / "z_liberation").mkdir(parents=True)
    (both / "a_newer").mkdir()
    shutil.copy(old, both / "z_liberation" / old.name)
    shutil.copy(good, both / "a_newer" / good.name)
    choice = find_font(dirs=[both])
    assert choice.regular == both / "a_newer" / good.name
    assert covers_vietnamese(choice.regular)


def test_eoffice_font_override(monkeypatch, tmp_path):
    good = _good_font()
    monkeypatch.setenv("EOFFICE_FONT", str(good))
    assert find_font().regular == good
    monkeypatch.setenv("EOFFICE_FONT", str(tmp_path / "missing.ttf"))
    with pytest.raises(FontMissingError, match="EOFFICE_FONT"):
        find_font()
