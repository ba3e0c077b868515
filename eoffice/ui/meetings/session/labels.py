"""The session's words on screen (presence, speeches, votes), in the UI's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from eoffice.meetings.live.schemas import Quorum, VoteView


def presence_label(presence: str) -> str:
    return {
        "not_arrived": QCoreApplication.translate("SessionLabels", "Not arrived"),
        "hall": QCoreApplication.translate("SessionLabels", "In the hall"),
        "online": QCoreApplication.translate("SessionLabels", "Online"),
        "absent": QCoreApplication.translate("SessionLabels", "Absent"),
        "substitute": QCoreApplication.translate("SessionLabels", "Substitute present"),
        "left": QCoreApplication.translate("SessionLabels", "Left"),
    }.get(presence, presence)


def session_state_label(state: str) -> str:
    return {
        "waiting": QCoreApplication.translate("SessionLabels", "Not opened yet"),
        "running": QCoreApplication.translate("SessionLabels", "In session"),
        "paused": QCoreApplication.translate("SessionLabels", "Paused"),
        "closed": QCoreApplication.translate("SessionLabels", "Closed"),
    }.get(state, state)


def speech_kind_label(kind: str) -> str:
    if kind == "order":
        return QCoreApplication.translate("SessionLabels", "Point of order")
    return QCoreApplication.translate("SessionLabels", "Speech")


def speech_state_label(state: str) -> str:
    return {
        "waiting": QCoreApplication.translate("SessionLabels", "Waiting for the chair"),
        "accepted": QCoreApplication.translate("SessionLabels", "In the queue"),
        "speaking": QCoreApplication.translate("SessionLabels", "Speaking"),
        "done": QCoreApplication.translate("SessionLabels", "Done"),
        "refused": QCoreApplication.translate("SessionLabels", "Refused"),
        "withdrawn": QCoreApplication.translate("SessionLabels", "Withdrawn"),
    }.get(state, state)


def vote_state_label(state: str) -> str:
    return {
        "prepared": QCoreApplication.translate("SessionLabels", "Prepared"),
        "open": QCoreApplication.translate("SessionLabels", "Voting"),
        "closed": QCoreApplication.translate("SessionLabels", "Voting ended"),
        "published": QCoreApplication.translate("SessionLabels", "Published"),
    }.get(state, state)


def method_label(method: str) -> str:
    return {
        "yes_no": QCoreApplication.translate("SessionLabels", "For / against / abstain"),
        "choices": QCoreApplication.translate("SessionLabels", "Election (choose among candidates)"),
        "confidence": QCoreApplication.translate("SessionLabels", "Vote of confidence"),
    }.get(method, method)


def quorum_text(quorum: Quorum) -> str:
    """"Có mặt 40/58 — cần 39" (no quorum rule: only who is present)."""
    if quorum.needed <= 0:
        text = QCoreApplication.translate("SessionLabels", "Present %1/%2")
    else:
        text = QCoreApplication.translate("SessionLabels", "Present %1/%2 — %3 needed")
    return text.replace("%1", str(quorum.present)).replace("%2", str(quorum.members)).replace(
        "%3", str(quorum.needed)
    )


def progress_text(returned: int, issued: int) -> str:
    """"Đã biểu quyết 312/500"."""
    text = QCoreApplication.translate("SessionLabels", "Voted %1/%2")
    return text.replace("%1", str(returned)).replace("%2", str(issued))


def result_lines(vote: VoteView) -> list[tuple[str, int, str]]:
    """Each option's label, count and percentage (of the members in office) once counted."""
    result = vote.result
    if result is None:
        return []
    return [
        (option.label, result.counts.get(option.key, 0), result.percents.get(option.key, "0.00"))
        for option in vote.options
    ]


def verdict_text(vote: VoteView) -> str:
    result = vote.result
    if result is None or result.verdict is None:
        return ""
    if vote.method == "confidence":
        return result.verdict.text  # the outcome's own words
    if result.verdict.passed:
        return QCoreApplication.translate("SessionLabels", "Passed")
    return QCoreApplication.translate("SessionLabels", "Not passed")


def outcome_label(outcome: str) -> str:
    """What a vote of confidence's "tín nhiệm thấp" count leads to (NQ 96/2023/QH15)."""
    return {
        "may_resign": QCoreApplication.translate("SessionLabels", "may resign, or a vote of confidence follows"),
        "dismissal": QCoreApplication.translate("SessionLabels", "dismissal to be proposed"),
    }.get(outcome, outcome)
