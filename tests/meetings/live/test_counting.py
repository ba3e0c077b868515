"""Counting and verdicts on plain numbers, with the examples of MEETINGS.md."""

from __future__ import annotations

from eoffice.meetings.live import counting
from eoffice.meetings.live.counting import Frozen
from eoffice.meetings.rules import CONFIDENCE_DEFAULTS, Base, Comparator, Rule, RuleSet, defaults_for, percent

MAJORITY = Rule("majority", "Quá nửa", Comparator.MORE_THAN, 1, 2)
TWO_THIRDS = Rule("two_thirds", "Hai phần ba", Comparator.AT_LEAST, 2, 3)
UBND = Rule("majority", "Quá nửa", Comparator.MORE_THAN, 1, 2, chair_breaks_tie=True)


def test_percentages_are_of_the_members_in_office_two_decimals_half_up():
    assert str(percent(423, 494)) == "85.63"
    assert counting.percents({"yes": 423, "no": 0}, 494) == {"yes": "85.63", "no": "0.00"}
    assert str(percent(1, 8)) == "12.50" and str(percent(1, 3)) == "33.33" and str(percent(2, 3)) == "66.67"
    assert str(percent(1, 0)) == "0.00"


def test_integer_thresholds():
    assert (MAJORITY.needed(58), TWO_THIRDS.needed(58)) == (30, 39)
    assert (MAJORITY.needed(95), TWO_THIRDS.needed(95)) == (48, 64)


def test_a_resolution_passes_with_more_than_half_of_the_members_in_office():
    frozen = Frozen(members=95, present=90, issued=90, returned=88)
    assert counting.yes_no_verdict(MAJORITY, {"yes": 48, "no": 40}, frozen).passed
    verdict = counting.yes_no_verdict(MAJORITY, {"yes": 47, "no": 10}, frozen)
    assert (verdict.passed, verdict.needed, verdict.base, verdict.base_kind, verdict.text) == (
        False, 48, 95, "members", "Không thông qua")
    assert counting.yes_no_verdict(TWO_THIRDS, {"yes": 64}, frozen).passed
    assert not counting.yes_no_verdict(TWO_THIRDS, {"yes": 63}, frozen).passed


def test_bases_present_and_cast():
    frozen = Frozen(members=20, present=12, issued=12, returned=9)
    present = Rule("p", "Quá nửa số có mặt", Comparator.MORE_THAN, 1, 2, base=Base.PRESENT)
    cast = Rule("c", "Quá nửa số phiếu", Comparator.MORE_THAN, 1, 2, base=Base.CAST)
    assert counting.yes_no_verdict(present, {"yes": 7}, frozen).passed
    assert not counting.yes_no_verdict(present, {"yes": 6}, frozen).passed
    verdict = counting.yes_no_verdict(cast, {"yes": 5}, frozen)
    assert verdict.passed and (verdict.base, verdict.needed, verdict.base_kind) == (9, 5, "cast")


def test_a_tie_goes_to_the_side_the_chair_voted_for_where_the_rule_says_so():
    frozen = Frozen(members=10, present=10, issued=10, returned=10)
    won = counting.yes_no_verdict(UBND, {"yes": 5, "no": 5}, frozen, chair_side="yes")
    lost = counting.yes_no_verdict(UBND, {"yes": 5, "no": 5}, frozen, chair_side="no")
    assert (won.passed, won.tie_broken_by_chair, won.text) == (True, True, "Thông qua")
    assert (lost.passed, lost.tie_broken_by_chair) == (False, True)
    # Unknown side (a secret vote), or a rule without it, or not a tie: no tie-break.
    assert not counting.yes_no_verdict(UBND, {"yes": 5, "no": 5}, frozen, chair_side=None).tie_broken_by_chair
    assert not counting.yes_no_verdict(MAJORITY, {"yes": 5, "no": 5}, frozen, chair_side="yes").passed
    assert not counting.yes_no_verdict(UBND, {"yes": 4, "no": 4}, frozen, chair_side="yes").passed


def test_choices_elect_the_candidates_meeting_the_rule_most_votes_first():
    frozen = Frozen(members=58, present=55, issued=55, returned=55)
    counts = {"a": 40, "b": 31, "c": 45, "d": 29}
    assert counting.elected(MAJORITY, counts, ["a", "b", "c", "d"], frozen, 2) == ["c", "a"]
    assert counting.elected(MAJORITY, counts, ["a", "b", "c", "d"], frozen, 5) == ["c", "a", "b"]
    # Tied across the last seat: neither is elected (voted again).
    assert counting.elected(MAJORITY, {"a": 40, "b": 35, "c": 35}, ["a", "b", "c"], frozen, 2) == ["a"]


def test_confidence_outcomes_per_person_assessed():
    frozen = Frozen(members=95, present=90, issued=90, returned=90)
    counts = {"p1:high": 50, "p1:trust": 30, "p1:low": 10,
              "p2:high": 10, "p2:trust": 32, "p2:low": 48,
              "p3:high": 5, "p3:trust": 21, "p3:low": 64}
    results = counting.confidence_results([("p1", "A"), ("p2", "B"), ("p3", "C")], counts, frozen, CONFIDENCE_DEFAULTS)
    assert [r.outcome for r in results] == ["", "may_resign", "dismissal"]
    assert results[1].counts == {"high": 10, "trust": 32, "low": 48}
    assert results[1].percents["low"] == "50.53"
    # 47 of 95 is not more than half; 63 is not two thirds.
    edge = counting.confidence_results([("x", "X"), ("y", "Y")], {"x:low": 47, "y:low": 63}, frozen,
                                       CONFIDENCE_DEFAULTS)
    assert [r.outcome for r in edge] == ["", "may_resign"]
    assert all(r.citation == "Nghị quyết 96/2023/QH15 (lấy phiếu tín nhiệm)" for r in CONFIDENCE_DEFAULTS)


def test_the_counting_committees_record():
    record = counting.counting_record(Frozen(members=58, present=54, issued=54, returned=53), {"yes": 40, "no": 13})
    assert (record.electors, record.took_part, record.issued, record.returned, record.valid, record.invalid) == (
        58, 54, 54, 53, 53, 0)
    assert record.per_option == {"yes": 40, "no": 13}


def test_rule_sets_stored_before_substitutes_and_confidence_still_read():
    old = '{"options": ["yes", "no", "abstain"], "quorum": null, "votes": [{"key": "majority", "label": "Q", ' \
          '"comparator": ">", "numerator": 1, "denominator": 2, "base": "members", "citation": "", ' \
          '"chair_breaks_tie": false}]}'
    rules = RuleSet.from_json(old)
    assert rules.substitutes_vote is False and rules.confidence == CONFIDENCE_DEFAULTS
    assert rules.vote("majority") == Rule("majority", "Q", Comparator.MORE_THAN, 1, 2)
    changed = RuleSet(None, (MAJORITY,), substitutes_vote=True,
                      confidence=(Rule("d", "D", Comparator.AT_LEAST, 2, 3, base=Base.CAST, outcome="dismissal"),))
    assert RuleSet.from_json(changed.to_json()) == changed
    assert RuleSet.from_json(defaults_for("hdnd_session").to_json()) == defaults_for("hdnd_session")
