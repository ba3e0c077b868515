"""The direction dialog keeps one lead (chủ trì): a second lead picked takes over, the first coordinates."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from eoffice.documents.directions import lines_of
from eoffice.documents.types import LineRole
from tests.documents.workflow_helpers import register
from tests.ui.helpers import click_row, switch_user


def _pick(qtbot, lines, user_id: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a person in the combo as a user does: choosing the entry is enough."""
    index = lines.assignee.findData(f"user:{user_id}")
    assert index >= 0
    lines.assignee.setCurrentIndex(index)
    lines.assignee.activated.emit(index)


def test_a_second_lead_picked_takes_the_lead_and_the_first_coordinates(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    doc = register(w, blobs, pdf_factory, arrival_date=date.today(), issued_date=date.today())
    switch_user(qtbot, window, w.leader_id)
    click_row(qtbot, window, doc)
    window.section("documents").act_direct.trigger()
    direct = window.section("documents").dialog
    lines = direct.lines

    lines.select_role(LineRole.LEAD)
    _pick(qtbot, lines, w.officer_id)
    assert [spec.role for spec in lines.specs] == [LineRole.LEAD]
    assert lines.list.item(0).text().startswith("Chủ trì: ")
    # Once there is a lead, the next pick is proposed as phối hợp.
    assert lines.role.currentData() == LineRole.COORDINATE.value
    assert lines.note.isHidden()

    # The leader changes his mind: the second person leads; the first now coordinates, and is told so.
    lines.select_role(LineRole.LEAD)
    _pick(qtbot, lines, w.officer2_id)
    assert [(s.user_id, LineRole(s.role)) for s in lines.specs] == [
        (w.officer_id, LineRole.COORDINATE), (w.officer2_id, LineRole.LEAD),
    ]
    assert lines.list.item(0).text().startswith("Phối hợp: ")
    assert lines.list.item(1).text().startswith("Chủ trì: ")
    assert not lines.note.isHidden()
    assert "phối hợp" in lines.note.text() and "một chủ trì" in lines.note.text()

    with qtbot.waitSignal(window.changed, timeout=30_000):
        qtbot.mouseClick(direct.ok_button, Qt.LeftButton)
    with w.store.read() as s:
        saved = {(ln.user_id, ln.role) for ln in lines_of(s, doc)}
    assert saved == {(w.officer_id, "coordinate"), (w.officer2_id, "lead")}
