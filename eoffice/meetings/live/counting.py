"""Counting a closed vote: pure functions from the frozen numbers and the tallies to the
result (counts, percentages, verdict, elected, confidence outcomes, the counting
committee's record). No database here: ``votes`` reads the numbers in a constant number of
statements and hands them over, so every rule of MEETINGS.md is tested on plain numbers.

Percentages are of the members in office (tổng số đại biểu), two decimals, half up
(``rules.percent``); a rule's base (members, present, or ballots cast) is the rule's own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eoffice.meetings.rules import Base, Rule, percent

if TYPE_CHECKING:
    # pydantic models: imported where a result is made, not by every process that loads
    # the capabilities (a desktop syncing documents: 12 MB and 40 ms for nothing).
    from eoffice.meetings.live.schemas import CountingRecord, SubjectResult, Verdict

YES, NO, ABSTAIN = "yes", "no", "abstain"
#: A vote of confidence's levels (tín nhiệm cao / tín nhiệm / tín nhiệm thấp), in order.
LEVELS = ("high", "trust", "low")
LOW = "low"
PASSED, NOT_PASSED = "Thông qua", "Không thông qua"
OUTCOME_TEXT = {"": "Không thuộc trường hợp phải xem xét", "may_resign": "Có thể xin từ chức",
                "dismissal": "Phải trình bãi nhiệm, miễn nhiệm"}


@dataclass(frozen=True)
class Frozen:
    """The numbers frozen at close."""

    members: int  # in office, with a vote
    present: int  # of them, present at close
    issued: int
    returned: int

    def base(self, kind: Base) -> int:
        """What a rule divides: the members in office, those present, or the ballots cast."""
        if kind is Base.PRESENT:
            return self.present
        if kind is Base.CAST:
            return self.returned
        return self.members


def percents(counts: Mapping[str, int], members: int) -> dict[str, str]:
    """Each count as a percentage of the members in office ("85.63")."""
    return {key: str(percent(count, members)) for key, count in counts.items()}


def yes_no_verdict(rule: Rule, counts: Mapping[str, int], frozen: Frozen, chair_side: str | None = None) -> Verdict:
    """Whether the motion passed: ``yes`` against ``rule`` applied to its base.

    A tie is ``yes == no`` at exactly half of the base (where "more than half" decides
    nothing); where ``rule.chair_breaks_tie``, the side the chair voted for decides it.
    ``chair_side`` is known for a named vote only (None for a secret one: no tie-break).
    """
    base = frozen.base(rule.base)
    needed = rule.needed(base)
    yes, no = counts.get(YES, 0), counts.get(NO, 0)
    passed = yes >= needed
    broken = False
    if not passed and rule.chair_breaks_tie and yes == no and yes * 2 == base and chair_side in (YES, NO):
        passed, broken = chair_side == YES, True
    from eoffice.meetings.live.schemas import Verdict

    return Verdict(passed=passed, needed=needed, base=base, base_kind=rule.base.value,
                   text=PASSED if passed else NOT_PASSED, tie_broken_by_chair=broken)


def elected(rule: Rule, counts: Mapping[str, int], order: Sequence[str], frozen: Frozen, max_choices: int) -> list[str]:
    """The candidates elected: those meeting ``rule``, most votes first, at most
    ``max_choices``. Candidates tied across the last seat are none of them elected (the
    seat is voted again), so the result never depends on the order of the list."""
    needed = rule.needed(frozen.base(rule.base))
    qualified = sorted((key for key in order if counts.get(key, 0) >= needed),
                       key=lambda key: (-counts.get(key, 0), order.index(key)))
    if len(qualified) <= max_choices:
        return qualified
    cut = counts.get(qualified[max_choices], 0)
    return [key for key in qualified[:max_choices] if counts.get(key, 0) > cut]


def confidence_results(
    subjects: Sequence[tuple[str, str]], counts: Mapping[str, int], frozen: Frozen, outcomes: Sequence[Rule]
) -> list[SubjectResult]:
    """Per person assessed: each level's count and percentage of the members in office,
    and the first (gravest) outcome rule that "tín nhiệm thấp" meets."""
    from eoffice.meetings.live.schemas import SubjectResult

    results = []
    for subject_id, name in subjects:
        mine = {level: counts.get(f"{subject_id}:{level}", 0) for level in LEVELS}
        outcome = next((r.outcome for r in outcomes if r.holds(mine[LOW], frozen.base(r.base))), "")
        results.append(SubjectResult(subject_id=subject_id, name=name, counts=mine,
                                     percents=percents(mine, frozen.members), outcome=outcome))
    return results


def counting_record(frozen: Frozen, counts: Mapping[str, int], invalid: int = 0) -> CountingRecord:
    """The counting committee's record (biên bản kiểm phiếu). An electronic ballot is
    checked when cast (a malformed one is refused), so every returned ballot is valid
    unless ``invalid`` says otherwise."""
    from eoffice.meetings.live.schemas import CountingRecord

    return CountingRecord(
        electors=frozen.members, took_part=frozen.present, issued=frozen.issued, returned=frozen.returned,
        valid=frozen.returned - invalid, invalid=invalid, per_option=dict(counts),
    )
