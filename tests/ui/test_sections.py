"""The window is a shell of sections: each refreshes by what changed, a hidden one when shown."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from eoffice.ops.changes import Changes


def _count_refreshes(qtbot, section):  # type: ignore[no-untyped-def]
    seen: list[Changes] = []
    original = section.refresh

    def refresh(changes: Changes) -> None:
        seen.append(changes)
        original(changes)

    section.refresh = refresh
    return seen


def test_the_shell_lists_its_sections_and_names_none_itself(window):
    assert [s.name for s in window.sections] == ["documents", "signing", "diary", "meetings"]
    assert window.section("documents").widget is window.stack.currentWidget()
    assert [window.menu(key).title() for key in ("file", "view")] == ["&Văn bản", "X&em"]


def test_a_hidden_section_waits_and_a_shown_one_refreshes_only_what_it_shows(qtbot, window):
    docs, diary = window.section("documents"), window.section("diary")
    docs_seen, diary_seen = _count_refreshes(qtbot, docs), _count_refreshes(qtbot, diary)

    window.apply_changes(Changes.of("worklog_entries"))  # the diary's table: documents untouched
    assert docs_seen == [] and diary_seen == []  # the diary is hidden: it only remembers
    assert diary.missed.touches("worklog_entries")

    QTest.keySequence(window, QKeySequence("Ctrl+J"))
    assert diary.visible and not docs.visible
    assert len(diary_seen) == 1 and diary_seen[0].touches("worklog_entries")
    qtbot.waitUntil(lambda: not diary.panel.busy)

    with qtbot.waitSignal(docs.counts_loaded):  # the boxes' counts are in sight: they follow
        window.apply_changes(Changes.of("documents"))
    assert docs_seen == [] and docs.missed.touches("documents")
    assert len(diary_seen) == 2  # the diary shows handled documents too

    QTest.keySequence(window, QKeySequence("Ctrl+1"))
    assert docs.visible and not diary.visible
    assert len(docs_seen) == 1 and docs_seen[0].touches("documents")
    window.apply_changes(Changes.of("live_events"))  # nobody shows it
    assert len(docs_seen) == 1 and len(diary_seen) == 2
