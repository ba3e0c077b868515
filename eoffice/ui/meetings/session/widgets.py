"""Pieces every session screen shows: the quorum banner, the notice line, a countdown
that turns amber then red, and a published vote's result."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTreeView, QWidget

from eoffice.meetings.live.schemas import AttendanceView, VoteView
from eoffice.meetings.live.state import AMBER, RED, SessionState, clock_text
from eoffice.ui.i18n import current_language
from eoffice.ui.meetings.models import AgendaModel
from eoffice.ui.meetings.session.labels import outcome_label, quorum_text, result_lines, verdict_text

GREEN, GREEN_TEXT = "#e6f4ea", "#0d652d"
RED_BG, RED_TEXT = "#fce8e6", "#a50e0e"
AMBER_TEXT = "#b06000"


class QuorumBanner(QLabel):
    """Green when the quorum holds, red when not: "Có mặt 40/58 — cần 39"."""

    def __init__(self, parent: QWidget | None = None, point_size: float = 0) -> None:
        super().__init__(parent)
        self.setObjectName("quorumBanner")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.holds = True
        if point_size:
            font = self.font()
            font.setPointSizeF(point_size)
            font.setBold(True)
            self.setFont(font)

    def show_attendance(self, attendance: AttendanceView) -> None:
        quorum = attendance.quorum
        self.holds = quorum.holds
        text = quorum_text(quorum)
        if quorum.needed > 0:
            text += "  ·  " + (self.tr("Quorum holds") if quorum.holds else self.tr("No quorum"))
        self.setText(text)
        self.setToolTip(f"{quorum.label}\n{quorum.citation}".strip())
        background, colour = (GREEN, GREEN_TEXT) if quorum.holds else (RED_BG, RED_TEXT)
        self.setStyleSheet(
            f"QLabel#quorumBanner {{ background: {background}; color: {colour}; padding: 6px; font-weight: bold; }}"
        )


class Notice(QLabel):
    """The last thing the screen has to say (a refusal, the network gone, a ballot counted)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sessionNotice")
        self.setWordWrap(True)
        self.warning = False
        self.hide()

    def say(self, text: str, warning: bool = False) -> None:
        self.warning = warning
        background, colour = ("#fdecea", "#8a1c1c") if warning else ("#e8f0fe", "#174ea6")
        self.setStyleSheet(f"QLabel#sessionNotice {{ background: {background}; color: {colour}; padding: 6px; }}")
        self.setText(text)
        self.setVisible(bool(text))


#: The countdown's colours on the big screen's dark background.
ON_DARK = {AMBER: "#ffb300", RED: "#ff5252"}


def paint_countdown(
    label: QLabel, remaining: float | None, level: str, elapsed: float | None = None,
    colours: dict[str, str] | None = None,
) -> None:
    """``m:ss`` left, amber then red; the time spoken when there is no limit."""
    if remaining is None:
        label.setText(clock_text(elapsed) if elapsed is not None else "")
        label.setStyleSheet("")
        label.setProperty("level", "normal")
        return
    label.setText(clock_text(remaining))
    colour = (colours or {AMBER: AMBER_TEXT, RED: RED_TEXT}).get(level, "")
    label.setStyleSheet(f"color: {colour};" if colour else "")
    label.setProperty("level", level)


def paint_speech_clock(label: QLabel, state: SessionState, colours: dict[str, str] | None = None) -> None:
    """The current speech's countdown (or time spoken) on ``label``."""
    paint_countdown(label, state.speech_remaining(), state.speech_level(), state.speech_elapsed(), colours)


def paint_vote_clock(label: QLabel, state: SessionState, colours: dict[str, str] | None = None) -> None:
    """The open vote's countdown on ``label``; empty without an open vote with a time limit."""
    vote = state.open_vote()
    if vote is not None and vote.time_limit_seconds:
        paint_countdown(label, state.vote_remaining(vote.id), state.vote_level(vote.id), colours=colours)
    else:
        label.setText("")


def result_html(vote: VoteView, big: bool = False) -> str:
    """A counted vote: each option's count and percentage of the members, the verdict."""
    result = vote.result
    if result is None:
        return ""
    size = "200%" if big else "100%"
    comma = current_language() == "vi"  # 85,63 % in Vietnamese

    def line(label: str, count: int, percent: str) -> str:
        shown = percent.replace(".", ",") if comma else percent
        return (f"<tr><td>{_html(label)}</td><td align='right'>&nbsp;&nbsp;<b>{count}</b></td>"
                f"<td align='right'>&nbsp;&nbsp;{shown}%</td></tr>")

    if result.subjects:  # a vote of confidence: each person assessed, each level
        labels = {o.key: o.label for o in vote.options}
        rows = "".join(
            f"<tr><td colspan='3'><b>{_html(subject.name)}</b>"
            + (f" — {_html(outcome_label(subject.outcome))}" if subject.outcome else "") + "</td></tr>"
            + "".join(line(labels.get(level, level), count, subject.percents.get(level, "0.00"))
                      for level, count in subject.counts.items())
            for subject in result.subjects
        )
    else:
        rows = "".join(line(label, count, percent) for label, count, percent in result_lines(vote))
    if result.elected:
        names = {o.key: o.label for o in vote.options}
        rows += "<tr><td colspan='3'><b>" + _html(
            QCoreApplication.translate("SessionLabels", "Elected: %1").replace(
                "%1", ", ".join(names.get(k, k) for k in result.elected))
        ) + "</b></td></tr>"
    base = QCoreApplication.translate("SessionLabels", "Percentages of the %1 members in office").replace(
        "%1", str(result.members)
    )
    verdict = verdict_text(vote)
    align = " align='center'" if big else ""
    passed = result.verdict is not None and result.verdict.passed
    colour = ("#81c995" if passed else "#ff8a80") if big else (GREEN_TEXT if passed else RED_TEXT)
    return (
        f"<div style='font-size:{size}'><b>{_html(vote.title)}</b><table{align}>{rows}</table>"
        f"<p style='font-size:80%'>{_html(base)}</p>"
        + (f"<p style='color:{colour}'><b>{_html(verdict)}</b></p>" if verdict else "")
        + "</div>"
    )


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def agenda_tree(parent: QWidget, meeting: Any, name: str) -> tuple[AgendaModel, QTreeView]:
    """The meeting's agenda, every sitting's, as a read-only tree of titles (the console's
    and the delegate's: the numbers and titles only, the planning columns hidden)."""
    model = AgendaModel(parent)
    model.set_agenda([item for sitting in meeting.sittings for item in meeting.agenda.get(sitting.id, [])])
    tree = QTreeView(parent)
    tree.setObjectName(name)
    tree.setModel(model)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    for column in (2, 3, 4):
        tree.setColumnHidden(column, True)
    tree.expandAll()
    return model, tree
