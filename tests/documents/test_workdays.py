"""Time limits in working days: weekends and configured holidays are skipped."""

from datetime import date, timedelta

from eoffice.directory.models import Holiday
from eoffice.documents.workdays import add_working_days, holidays, working_days_between

NONE: set[date] = set()
#: Tết Bính Ngọ 2026: Monday 16 to Friday 20 February off.
TET_2026 = {date(2026, 2, 16) + timedelta(days=i) for i in range(5)}


def test_friday_plus_one_working_day_is_monday():
    assert add_working_days(date(2026, 3, 6), 1, NONE) == date(2026, 3, 9)


def test_five_working_days_make_a_week():
    assert add_working_days(date(2026, 3, 2), 5, NONE) == date(2026, 3, 9)
    assert add_working_days(date(2026, 3, 2), 10, NONE) == date(2026, 3, 16)


def test_zero_days_is_the_day_itself_or_the_next_working_day():
    assert add_working_days(date(2026, 3, 4), 0, NONE) == date(2026, 3, 4)
    assert add_working_days(date(2026, 3, 7), 0, NONE) == date(2026, 3, 9)  # Saturday
    assert add_working_days(date(2026, 2, 16), 0, TET_2026) == date(2026, 2, 23)


def test_a_deadline_given_before_tet_runs_after_it():
    # Friday before Tết, 3 working days: Mon 23, Tue 24, Wed 25 February.
    assert add_working_days(date(2026, 2, 13), 3, TET_2026) == date(2026, 2, 25)
    assert add_working_days(date(2026, 2, 13), 3, NONE) == date(2026, 2, 18)


def test_a_single_holiday_on_a_weekday_is_skipped():
    national_day = {date(2026, 9, 2)}
    assert add_working_days(date(2026, 9, 1), 1, national_day) == date(2026, 9, 3)


def test_negative_days_count_backwards():
    assert add_working_days(date(2026, 3, 9), -1, NONE) == date(2026, 3, 6)


def test_between_counts_working_days_after_start_up_to_end():
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 9), NONE) == 1
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 2), NONE) == 0
    assert working_days_between(date(2026, 2, 13), date(2026, 2, 25), TET_2026) == 3
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 6), NONE) == -1


def test_between_is_the_inverse_of_add():
    start = date(2026, 1, 1)
    for offset in range(0, 40):
        day = start + timedelta(days=offset)
        for n in range(1, 30):
            end = add_working_days(day, n, TET_2026)
            assert working_days_between(day, end, TET_2026) == n, (day, n)


def test_holidays_come_from_the_database(store):
    with store.write() as s:
        s.add_all(Holiday(day=d, name="Tết Nguyên đán") for d in TET_2026)
    with store.read() as s:
        assert holidays(s) == TET_2026
