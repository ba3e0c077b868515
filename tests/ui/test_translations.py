"""Every visible string has a finished Vietnamese translation, and the app loads it."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from eoffice.ui import i18n
from eoffice.ui.i18n.build import sources
from tests.conftest import need


def messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(ts).getroot()
    return {
        (context.findtext("name"), message.findtext("source")): message.find("translation")
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_source_string_has_a_finished_vietnamese_translation(tmp_path):
    lupdate = i18n.qt_tool("pyside6-lupdate")
    need(lupdate is not None, "pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    subprocess.run(
        [lupdate, "-locations", "none", *map(str, sources()), "-ts", str(fresh)], check=True, capture_output=True
    )
    in_code = messages(fresh)
    assert len(in_code) > 150
    shipped = messages(i18n.ts_path("vi"))
    missing = [key for key in in_code if key not in shipped]
    assert not missing, f"run `python -m eoffice.ui.i18n.build` and translate: {missing}"
    unfinished = [
        key
        for key in in_code
        if shipped[key].get("type") in ("unfinished", "vanished", "obsolete") or not (shipped[key].text or "").strip()
    ]
    assert not unfinished


def test_key_terms_read_as_the_decree_writes_them(qapp):
    from eoffice.ui import labels

    assert labels.box_label("incoming") == "Văn bản đến"
    assert labels.box_label("outgoing") == "Văn bản đi"
    assert labels.box_label("waiting") == "Chờ tôi xử lý"
    assert labels.box_label("due_soon") == "Sắp đến hạn"
    assert labels.box_label("overdue") == "Quá hạn"
    assert labels.box_label("to_approve") == "Dự thảo chờ duyệt"
    assert labels.priority_label("flash") == "Hỏa tốc"
    assert labels.line_role_label("lead") == "Chủ trì"


def test_english_is_the_second_language(qapp):
    from eoffice.ui import labels

    try:
        assert i18n.install_translator(qapp, "en") == "en"
        assert i18n.current_language() == "en"
        assert labels.box_label("incoming") == "Incoming documents"
    finally:
        i18n.install_translator(qapp, "vi")
    assert labels.box_label("incoming") == "Văn bản đến"


def test_a_missing_qm_is_built_from_the_ts(qapp, tmp_path, monkeypatch):
    need(i18n.qt_tool("pyside6-lrelease") is not None, "pyside6-lrelease is not installed")
    monkeypatch.setattr(i18n, "qm_path", lambda language: tmp_path / "absent" / f"eoffice_{language}.qm")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert i18n.install_translator(qapp, "vi") == "vi"
    assert list((tmp_path / "cache").rglob("eoffice_vi.qm"))


def test_without_any_translation_the_ui_falls_back_to_english(qapp, tmp_path, monkeypatch, caplog):
    monkeypatch.setattr(i18n, "qm_path", lambda language: tmp_path / f"eoffice_{language}.qm")
    monkeypatch.setattr(i18n, "ts_path", lambda language: tmp_path / f"eoffice_{language}.ts")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    try:
        assert i18n.install_translator(qapp, "vi") == "en"
        assert "stays in English" in caplog.text
    finally:
        monkeypatch.undo()
        i18n.install_translator(qapp, "vi")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_shipped_ts_files_parse(language):
    assert messages(i18n.ts_path(language))


def test_a_cached_translation_is_never_one_of_another_version(qapp, tmp_path, monkeypatch):
    """Two checkouts (or an upgrade) share one cache: each loads the .qm of its own .ts."""
    need(i18n.qt_tool("pyside6-lrelease") is not None, "pyside6-lrelease is not installed")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ts = tmp_path / "eoffice_vi.ts"
    absent = tmp_path / "absent" / "eoffice_vi.qm"
    ts.write_bytes(i18n.ts_path("vi").read_bytes())
    first = i18n._compiled(ts, absent)
    ts.write_text(ts.read_text(encoding="utf-8").replace("Văn bản đến", "Văn bản đến (mới)"), encoding="utf-8")
    second = i18n._compiled(ts, absent)
    assert first is not None and second is not None and first != second
    assert first.read_bytes() != second.read_bytes()
    assert i18n._compiled(ts, absent) == second  # the same .ts: compiled once
