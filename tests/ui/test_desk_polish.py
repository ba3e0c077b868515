"""The documents desk as a clerk and a leader use it all day (issue 15's smaller points),
through the real widgets: a window laid out for 1366×768, empty boxes that say what they
hold, a register dialog that shows every problem at once, one lead per document, secret
documents marked, outgoing lists without incoming fields, actions that say what they did,
the document's whole history, and search results that say why they matched."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QPixmap

from eoffice.documents.boxes import Box
from eoffice.documents.types import LineRole
from eoffice.ui.documents.forms import ERROR_STYLE
from eoffice.ui.documents.list_model import HINT_ROLE
from tests.documents.workflow_helpers import register
from tests.signing.conftest import decree  # noqa: F401  (a signed and sealed PDF)
from tests.ui.helpers import click_row, drop_files, switch_user, type_text


def _docs(window):  # type: ignore[no-untyped-def]
    return window.section("documents")


def _reload(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """F5, as a user does after something changed outside the window."""
    docs = _docs(window)
    window.act_refresh.trigger()
    qtbot.waitUntil(lambda: not docs.model.loading, timeout=10_000)


def _visible_columns(docs) -> list[str]:  # type: ignore[no-untyped-def]
    return [c.name for i, c in enumerate(docs.model.columns) if not docs.table.isColumnHidden(i)]


def test_the_desk_is_laid_out_for_1366x768_first(qtbot, window, ui_world, blobs, pdf_factory):
    register(ui_world, blobs, pdf_factory, subject="Về việc tổ chức hội nghị sơ kết công tác cải cách hành chính")
    _reload(qtbot, window)
    docs = _docs(window)
    # The window may be made narrower than a small laptop's screen.
    assert window.minimumSizeHint().width() <= 1000
    window.resize(1366, 740)
    qtbot.waitUntil(lambda: window.width() == 1366)
    qtbot.waitUntil(lambda: docs.table.columnWidth(docs.model.column_of("subject")) >= 260)
    table = docs.table
    shown = _visible_columns(docs)
    assert {"number", "date", "subject", "state"} <= set(shown)
    # Nothing runs off the right edge: the columns that do not fit give way instead.
    assert sum(table.columnWidth(i) for i in range(docs.model.columnCount()) if not table.isColumnHidden(i)) <= (
        table.viewport().width() + 2
    )
    # A finished document's state, the commonest of a year, is read whole ("Đã hoàn thành").
    done = table.fontMetrics().horizontalAdvance("Đã hoàn thành")
    assert table.columnWidth(docs.model.column_of("state")) >= done + 16
    # What a column cuts, its tooltip says: the header's and the subject's (with the organ).
    header = docs.model.headerData(0, Qt.Horizontal, Qt.ToolTipRole)
    assert header == "Số đến, số ký hiệu"
    tip = docs.model.data(docs.model.index(0, docs.model.column_of("subject")), Qt.ToolTipRole)
    assert "cải cách hành chính" in tip and "Sở Nội vụ" in tip
    # The sidebar shows every box with its count, no scrollbar hiding it.
    bar = window.sidebar
    for i in range(bar.count()):
        assert bar.fontMetrics().horizontalAdvance(bar.item(i).text()) < bar.viewport().width()
    # The detail's tabs are all in sight.
    tabs = docs.detail_pane.tabs.tabBar()
    assert tabs.count() > 1 and all(tabs.tabRect(i).right() <= tabs.width() for i in range(tabs.count()))
    # The document keeps a readable share of the width (its page is not a thumbnail).
    assert docs.detail_pane.width() >= 420

    window.resize(1920, 1050)
    qtbot.waitUntil(lambda: "organ" in _visible_columns(docs))
    assert table.columnWidth(docs.model.column_of("subject")) >= 320


def test_an_empty_box_says_what_it_holds(qtbot, window, ui_world, blobs, pdf_factory):
    docs = _docs(window)
    docs.show_box(Box.MY_DRAFTS)
    qtbot.waitUntil(lambda: docs.placeholder.isVisible() and "Dự thảo của tôi" in docs.placeholder.text())
    text = docs.placeholder.text()
    assert "Dự thảo của tôi" in text and "Dự thảo văn bản đi do bạn soạn" in text
    assert "Hiện chưa có văn bản nào" in text
    # A search that finds nothing says so, with the words typed.
    type_text(docs.search_bar.edit, "xyzqq")
    qtbot.waitUntil(lambda: docs.model.searching and not docs.model.loading and docs.placeholder.isVisible())
    assert "Không có văn bản nào khớp với “xyzqq”" in docs.placeholder.text()
    # A box with documents shows them, and no placeholder.
    register(ui_world, blobs, pdf_factory)
    docs.show_box(Box.INCOMING)
    qtbot.waitUntil(lambda: docs.model.rowCount() == 1 and not docs.model.loading)
    assert not docs.placeholder.isVisible()


def test_registering_shows_every_problem_at_once_and_selects_the_new_document(
    qtbot, window, ui_world, blobs, pdf_factory
):
    register(ui_world, blobs, pdf_factory)  # "Sở Nội vụ", 000.00.12.H41 is known here now
    _reload(qtbot, window)
    docs = _docs(window)
    docs.act_register.trigger()
    dialog = docs.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    # Every problem at once, each field outlined.
    banner = dialog.banner.text()
    assert dialog.banner.isVisible()
    assert "tệp PDF" in banner and "Trích yếu" in banner and "cơ quan ban hành" in banner
    assert dialog.files.list.styleSheet() == ERROR_STYLE and dialog.organ_name.styleSheet() == ERROR_STYLE
    # Each goes as it is fixed.
    drop_files(dialog, [pdf_factory(subject="Về việc chuyển đổi số năm 2026")])
    assert "tệp PDF" not in dialog.banner.text() and dialog.files.list.styleSheet() == ""
    type_text(dialog.subject.edit, "Về việc chuyển đổi số năm 2026")
    assert "Trích yếu" not in dialog.banner.text() and dialog.banner.isVisible()

    # The issuing organ completes from those already entered, and brings its identifier.
    qtbot.waitUntil(lambda: dialog.organ_name.completer() is not None)
    completer = dialog.organ_name.completer()
    type_text(dialog.organ_name, "nội")
    assert completer.completionCount() == 1 and completer.currentCompletion() == "Sở Nội vụ"
    popup = completer.popup()
    popup.setCurrentIndex(completer.completionModel().index(0, 0))
    qtbot.keyClick(popup, Qt.Key_Return)
    assert dialog.organ_name.text() == "Sở Nội vụ"
    assert dialog.organ_id.text() == "000.00.12.H41"
    assert not dialog.banner.isVisible()  # nothing left to fix

    type_text(dialog.code_number, "15")
    type_text(dialog.code_notation, "SNV-VP")
    dialog.issued_date.setDate(QDate.currentDate().addDays(-2))
    with qtbot.waitSignal(dialog.succeeded):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    document_id = dialog.document_id
    assert "số đến 02" in window.statusBar().currentMessage()
    # The new document is selected in the list and open on the right.
    qtbot.waitUntil(lambda: docs.current is not None and docs.current.id == document_id)
    selected = docs.table.selectionModel().selectedRows()
    assert selected and docs.model.row_at(selected[0]).id == document_id


def _pick(qtbot, lines, kind: str, ident: str) -> None:  # type: ignore[no-untyped-def]
    """Pick a unit or a person in the editor's list with the keyboard, as a user does."""
    combo = lines.assignee
    combo.setCurrentIndex(combo.findData(f"{kind}:{ident}") - 1)
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key_Down)


def test_picking_a_person_adds_the_line_and_a_document_keeps_one_lead(qtbot, window, ui_world, blobs, pdf_factory):
    w = ui_world
    document_id = register(w, blobs, pdf_factory)
    switch_user(qtbot, window, w.leader_id)
    docs = _docs(window)
    click_row(qtbot, window, document_id)
    docs.act_direct.trigger()
    dialog = docs.dialog
    assert not dialog.replace_lead.isVisible()
    dialog.lines.select_role(LineRole.LEAD)
    _pick(qtbot, dialog.lines, "user", w.officer_id)
    assert dialog.lines.list.count() == 1 and "Lê Minh Anh" in dialog.lines.list.item(0).text()
    assert dialog.lines.assignee.currentIndex() == -1  # ready for the next pick
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    # Said, and the row follows at once.
    assert "Đã bút phê" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: docs.model.find_row(document_id) < 0 or docs.current.state == "directed")

    # A second direction: a second lead is refused unless the leader replaces the first.
    docs.box_actions[0].trigger()
    click_row(qtbot, window, document_id)
    docs.act_direct.trigger()
    dialog = docs.dialog
    assert dialog.replace_lead.isVisibleTo(dialog)
    assert dialog.form.labelForField(dialog.replace_lead).text() == "Đang chủ trì: Lê Minh Anh (Văn phòng)" or (
        "Lê Minh Anh" in dialog.form.labelForField(dialog.replace_lead).text()
    )
    assert dialog.lines.role.currentData() == LineRole.COORDINATE.value  # a later direction usually adds help
    dialog.lines.select_role(LineRole.LEAD)
    _pick(qtbot, dialog.lines, "user", w.officer2_id)
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.banner.isVisible())
    assert "đã có chủ trì" in dialog.banner.text() and "Thay người chủ trì" in dialog.banner.text()
    dialog.replace_lead.setChecked(True)
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(docs.current.lines) == 2)
    states = {line.assignee: line.state for line in docs.current.lines}
    assert states == {"Lê Minh Anh": "returned", "Phạm Quốc Huy": "waiting"}
    # The history tells it, with who did it.
    history = docs.detail_pane.history_model.items
    assert any("Vào sổ văn bản đến" in item and "Trần Thị Thu" in item for item in history)
    assert sum("Bút phê" in item and "Nguyễn Văn Đức" in item for item in history) == 2
    assert any("Thay người chủ trì" in item for item in history)


def test_secret_documents_are_marked_in_the_list_and_the_detail(qtbot, window, ui_world, blobs, pdf_factory):
    secret = register(ui_world, blobs, pdf_factory, secrecy="confidential")
    ordinary = register(ui_world, blobs, pdf_factory)
    _reload(qtbot, window)
    docs = _docs(window)
    model = docs.model
    number = model.column_of("number")
    badge = model.data(model.index(model.find_row(secret), number), Qt.DecorationRole)
    assert isinstance(badge, QPixmap) and not badge.isNull()
    assert "sổ văn bản mật" in model.data(model.index(model.find_row(secret), number), Qt.ToolTipRole)
    assert model.data(model.index(model.find_row(ordinary), number), Qt.DecorationRole) is None
    click_row(qtbot, window, secret)
    assert docs.detail_pane.secret_badge.isVisible() and docs.detail_pane.secret_badge.text() == "MẬT"
    click_row(qtbot, window, ordinary)
    assert not docs.detail_pane.secret_badge.isVisible()


def test_outgoing_lists_and_drafts_show_no_incoming_fields_and_saving_is_said(qtbot, window, pdf_factory):
    docs = _docs(window)
    docs.act_new_draft.trigger()
    dialog = docs.dialog
    qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "tệp PDF" in dialog.banner.text() and "Trích yếu" in dialog.banner.text()  # both at once
    drop_files(dialog, [pdf_factory(subject="Về việc báo cáo chuyển đổi số")])
    assert "tệp PDF" not in dialog.banner.text() and dialog.banner.isVisible()
    type_text(dialog.subject.edit, "Về việc báo cáo chuyển đổi số")
    assert not dialog.banner.isVisible()
    type_text(dialog.to_places, "Sở Thông tin và Truyền thông")
    with qtbot.waitSignal(dialog.succeeded):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    draft_id = dialog.result_value
    assert "Đã lưu dự thảo" in window.statusBar().currentMessage()
    # Shown in "Dự thảo của tôi", selected and open.
    assert docs.model.box is Box.MY_DRAFTS
    qtbot.waitUntil(lambda: docs.current is not None and docs.current.id == draft_id)
    qtbot.waitUntil(lambda: bool(docs.table.selectionModel().selectedRows()))
    model = docs.model
    assert model.headerData(model.column_of("number"), Qt.Horizontal) == "Số, ký hiệu"
    assert model.headerData(model.column_of("date"), Qt.Horizontal) == "Ngày ban hành"
    assert "organ" not in _visible_columns(docs)
    pane = docs.detail_pane
    for field in ("arrival_number", "arrival_date", "organ_name", "organ_id"):
        assert not pane.form.isRowVisible(pane.field_labels[field]), field
    assert pane.form.isRowVisible(pane.field_labels["to_places"])
    # The incoming box is headed as the incoming register is.
    docs.box_actions[0].trigger()
    assert model.headerData(model.column_of("number"), Qt.Horizontal) == "Số đến, số ký hiệu"
    assert model.headerData(model.column_of("date"), Qt.Horizontal) == "Ngày đến"


def test_completing_a_task_is_said_and_its_row_follows(qtbot, window, ui_world, blobs, pdf_factory):
    from eoffice.documents import directions as dirs
    from eoffice.documents.directions import LineSpec

    w = ui_world
    document_id = register(w, blobs, pdf_factory)
    with w.store.write() as s:
        dirs.direct(s, w.leader_id, document_id, "Giao đồng chí Anh.", [LineSpec(LineRole.LEAD, user_id=w.officer_id)])
    switch_user(qtbot, window, w.officer_id)
    docs = _docs(window)
    click_row(qtbot, window, document_id)
    docs.act_complete_line.trigger()
    dialog = docs.dialog
    type_text(dialog.text, "Đã tham mưu.")
    with qtbot.waitSignal(window.changed):
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
    assert "Đã hoàn thành" in window.statusBar().currentMessage()
    # The task leaves "Chờ tôi xử lý" (the list follows the change).
    qtbot.waitUntil(lambda: docs.model.find_row(document_id) < 0)
    qtbot.waitUntil(
        lambda: any("Hoàn thành" in item and "Lê Minh Anh" in item for item in docs.detail_pane.history_model.items)
    )


def test_the_signatures_tab_forgets_the_previous_document(qtbot, window, ui_world, blobs, pdf_factory, decree):  # noqa: F811
    from eoffice.documents.incoming import prepare_files, register_incoming
    from tests.documents.workflow_helpers import incoming_fields

    w = ui_world
    with w.store.write() as s:
        signed = register_incoming(
            s, w.clerk_id, incoming_fields(), prepare_files([decree.sealed["plain"]], blobs),
            arrival_date=date(2026, 3, 3),
        ).id
    unsigned = register(w, blobs, pdf_factory)
    _reload(qtbot, window)
    docs = _docs(window)
    panel = docs.detail_pane.signatures
    click_row(qtbot, window, signed)
    qtbot.waitUntil(lambda: panel.report is not None and len(panel.report.signatures) == 2)
    assert panel.model.rowCount() == 2
    click_row(qtbot, window, unsigned)
    # At once nothing of the signed file stays; then the check says there is no signature.
    assert panel.model.rowCount() == 0 and panel.details.text() == ""
    qtbot.waitUntil(lambda: panel.report is not None and not panel.report.signatures)
    assert panel.details.text() == "" and "Chữ ký số" == docs.detail_pane.tabs.tabText(2)


def test_search_results_say_why_they_matched(qtbot, window, ui_world, blobs, pdf_factory):
    from eoffice.documents.incoming import prepare_files, register_incoming
    from tests.documents.workflow_helpers import incoming_fields

    w = ui_world
    by_subject = register(w, blobs, pdf_factory, subject="Về việc phát triển hạ tầng viễn thông")
    pdf = pdf_factory(subject="Về việc chuyển đổi số", body="Đầu tư hạ tầng viễn thông băng rộng cho các xã.")
    with w.store.write() as s:
        by_text = register_incoming(
            s, w.clerk_id, incoming_fields(subject="Về việc chuyển đổi số"), prepare_files([pdf], blobs),
            arrival_date=date(2026, 3, 3),
        ).id
    _reload(qtbot, window)
    docs = _docs(window)
    type_text(docs.search_bar.edit, "vien thong")
    qtbot.waitUntil(lambda: docs.model.searching and not docs.model.loading and docs.model.rowCount() == 2)
    model, subject = docs.model, docs.model.column_of("subject")
    hint = model.data(model.index(model.find_row(by_subject), subject), HINT_ROLE)
    text = "Về việc phát triển hạ tầng viễn thông"
    assert [text[a:b] for a, b in hint.subject_spans] == ["viễn", "thông"] and hint.snippet == ""
    hint = model.data(model.index(model.find_row(by_text), subject), HINT_ROLE)
    assert hint.subject_spans == () and "\x02vien\x03 \x02thong\x03" in hint.snippet
    tip = model.data(model.index(model.find_row(by_text), subject), Qt.ToolTipRole)
    assert "Tìm thấy trong tệp" in tip and "vien thong" in tip
    # The matched words are marked on screen (a window wide enough to show the whole subject).
    window.resize(1500, 900)
    qtbot.waitUntil(lambda: docs.table.columnWidth(subject) > 320)
    docs.table.clearSelection()
    image = docs.table.viewport().grab().toImage()
    marked = QColor("#fff176").rgb()
    assert any(
        image.pixel(x, y) == marked for x in range(0, image.width(), 2) for y in range(0, min(image.height(), 60), 2)
    )
