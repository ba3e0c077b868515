"""Quorum and vote rules as data (MEETINGS.md): a rule is a comparison of a count with a
fraction of a base, with the text of the law it comes from. Nothing here is a constant
of the law: the defaults below are copied into each meeting when it is made
(``Meeting.vote_rules``), and a province may ship others.

"More than half of N" is ``count > N/2``, i.e. count ≥ ⌊N/2⌋ + 1; "at least two thirds
of N" is ``count ≥ 2N/3``, i.e. count ≥ ⌈2N/3⌉. Both are computed in integers
(``needed``), never in floating point. Percentages are of N, two decimals, rounded half up.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum

from eoffice.meetings.models import MeetingKind


class Base(str, Enum):
    """What a rule divides by."""

    MEMBERS = "members"  # tổng số thành viên / đại biểu (in office), MEETINGS.md's denominator
    PRESENT = "present"  # those present
    CAST = "cast"  # ballots cast


class Comparator(str, Enum):
    MORE_THAN = ">"  # quá nửa
    AT_LEAST = ">="  # ít nhất, từ … trở lên


@dataclass(frozen=True)
class Rule:
    """``count comparator numerator/denominator × base``, and where the law says so."""

    key: str
    label: str
    comparator: Comparator
    numerator: int
    denominator: int
    base: Base = Base.MEMBERS
    citation: str = ""
    #: On a tie, the side the chair voted for wins (UBND; recalled, not checked).
    chair_breaks_tie: bool = False
    #: For a vote of confidence's outcome rules: what holding means ("may_resign",
    #: "dismissal"); empty for a vote rule.
    outcome: str = ""

    def needed(self, total: int) -> int:
        """The smallest count that satisfies the rule out of ``total`` (integers only)."""
        if self.comparator is Comparator.MORE_THAN:
            return total * self.numerator // self.denominator + 1
        return -(-total * self.numerator // self.denominator)

    def holds(self, count: int, total: int) -> bool:
        return count >= self.needed(total)


def percent(count: int, total: int) -> Decimal:
    """``count`` as a percentage of ``total``, two decimals, rounded half up (423/494 → 85.63)."""
    if total <= 0:
        return Decimal("0.00")
    return (Decimal(count) * 100 / Decimal(total)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def rule_from_dict(d: dict[str, object]) -> Rule:
    """A rule from its JSON (fields added later take their defaults)."""
    return Rule(
        key=str(d["key"]), label=str(d["label"]), comparator=Comparator(d["comparator"]),
        numerator=int(str(d["numerator"])), denominator=int(str(d["denominator"])),
        base=Base(d.get("base", Base.MEMBERS.value)), citation=str(d.get("citation", "")),
        chair_breaks_tie=bool(d.get("chair_breaks_tie", False)), outcome=str(d.get("outcome", "")),
    )


def rule_to_dict(rule: Rule) -> dict[str, object]:
    data = asdict(rule)
    data["comparator"], data["base"] = rule.comparator.value, rule.base.value
    return data


#: Lấy phiếu tín nhiệm (NQ 96/2023/QH15): "tín nhiệm thấp" from more than half → the person
#: may resign; from two thirds → dismissal must be proposed. Whether the base is the
#: delegates or the ballots is ambiguous in the sources: ``base`` says (members by default).
_NQ96 = "Nghị quyết 96/2023/QH15 (lấy phiếu tín nhiệm)"
CONFIDENCE_DEFAULTS: tuple[Rule, ...] = (
    Rule("dismissal", "Từ hai phần ba tổng số đại biểu trở lên đánh giá tín nhiệm thấp", Comparator.AT_LEAST,
         2, 3, citation=_NQ96, outcome="dismissal"),
    Rule("may_resign", "Quá nửa tổng số đại biểu đánh giá tín nhiệm thấp", Comparator.MORE_THAN, 1, 2,
         citation=_NQ96, outcome="may_resign"),
)


@dataclass(frozen=True)
class RuleSet:
    """A meeting's rules: its quorum and the vote rules its items may name."""

    quorum: Rule | None
    votes: tuple[Rule, ...]
    #: The options of an open vote, in order.
    options: tuple[str, ...] = ("yes", "no", "abstain")
    #: Whether a member's substitute (người dự thay) casts the member's ballot.
    substitutes_vote: bool = False
    #: A vote of confidence's outcomes on "tín nhiệm thấp", the gravest first.
    confidence: tuple[Rule, ...] = CONFIDENCE_DEFAULTS

    def vote(self, key: str) -> Rule | None:
        return next((r for r in self.votes if r.key == key), None)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> RuleSet:
        data = json.loads(text or "{}")
        if not data:
            return cls(None, ())

        def rule(d: dict[str, object] | None) -> Rule | None:
            return None if d is None else rule_from_dict(d)

        votes = tuple(r for r in (rule(v) for v in data.get("votes", [])) if r is not None)
        stored = data.get("confidence")
        confidence = CONFIDENCE_DEFAULTS if stored is None else tuple(rule_from_dict(d) for d in stored)
        return cls(
            rule(data.get("quorum")), votes, tuple(data.get("options", cls.options)),
            substitutes_vote=bool(data.get("substitutes_vote", False)), confidence=confidence,
        )


_HDND_QUORUM = Rule("quorum", "Ít nhất hai phần ba tổng số đại biểu có mặt", Comparator.AT_LEAST, 2, 3,
                    citation="Luật Tổ chức chính quyền địa phương (kỳ họp HĐND)")
_HDND_PASS = Rule("majority", "Quá nửa tổng số đại biểu tán thành", Comparator.MORE_THAN, 1, 2,
                  citation="Luật Tổ chức chính quyền địa phương 2015, Đ.91 k.3")
_HDND_DISMISS = Rule("two_thirds", "Ít nhất hai phần ba tổng số đại biểu tán thành", Comparator.AT_LEAST, 2, 3,
                     citation="Luật Tổ chức chính quyền địa phương 2015, Đ.91, Đ.102 (bãi nhiệm)")
_UBND_QUORUM = Rule("quorum", "Ít nhất hai phần ba tổng số thành viên có mặt", Comparator.AT_LEAST, 2, 3,
                    citation="Luật Tổ chức chính quyền địa phương 2015, Đ.114")
_UBND_PASS = Rule("majority", "Quá nửa tổng số thành viên tán thành", Comparator.MORE_THAN, 1, 2,
                  citation="Luật Tổ chức chính quyền địa phương 2015, Đ.117", chair_breaks_tie=True)
_SIMPLE = Rule("majority", "Quá nửa số người có mặt tán thành", Comparator.MORE_THAN, 1, 2, base=Base.PRESENT)

DEFAULTS: dict[str, RuleSet] = {
    MeetingKind.HDND_SESSION.value: RuleSet(_HDND_QUORUM, (_HDND_PASS, _HDND_DISMISS)),
    MeetingKind.UBND_REGULAR.value: RuleSet(_UBND_QUORUM, (_UBND_PASS,)),
    MeetingKind.UBND_TOPICAL.value: RuleSet(_UBND_QUORUM, (_UBND_PASS,)),
    MeetingKind.BRIEFING.value: RuleSet(None, (_SIMPLE,)),
    MeetingKind.AGENCY.value: RuleSet(None, (_SIMPLE,)),
    MeetingKind.CONFERENCE.value: RuleSet(None, ()),
}


def defaults_for(kind: str) -> RuleSet:
    """The rules a new meeting of ``kind`` starts with."""
    return DEFAULTS.get(kind, RuleSet(None, ()))
