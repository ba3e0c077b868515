"""Who reviews whose diary, on the demo province's real org chart."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eoffice.directory.models import User
from eoffice.directory.orgchart import import_orgchart
from eoffice.demo.seed import ORGCHART
from eoffice.worklog import review


@pytest.fixture
def province_people(store):
    with store.write() as s:
        import_orgchart(s, ORGCHART)
    return store


def _led(store, username):
    with store.read() as s:
        leader = s.scalar(select(User).where(User.username == username))
        by_orm = {u.username for u in review.led_people(s, leader)}
        by_sql = set(s.scalars(select(User.username).where(review.led_user_ids(leader))))
        assert by_orm == by_sql  # the domain's rule and the server's SQL agree
        return by_orm


def test_heads_of_the_organisation_lead_everyone_but_each_other(province_people):
    led = _led(province_people, "ubnd.chutich")
    assert "ubnd.cv.kt" in led and "ubnd.tp.th" in led and "ubnd.cvp" in led and "ubnd.vanthu" in led
    assert not led & {"ubnd.chutich", "ubnd.pct1", "ubnd.pct2"}
    assert not any(name.startswith("snv.") for name in led)  # another organisation
    assert _led(province_people, "ubnd.pct1") == led  # a deputy leads the same people


def test_a_head_of_unit_leads_their_unit_and_the_units_below(province_people):
    # Chánh Văn phòng: VP and its Phòng Tổng hợp, Kinh tế, Khoa giáo - Văn xã
    assert _led(province_people, "ubnd.cvp") == {
        "ubnd.vanthu", "ubnd.tp.th", "ubnd.cv.th", "ubnd.cv.kt", "ubnd.cv.kgvx", "quantri",
    }
    # Trưởng phòng Tổng hợp: their own room only
    assert _led(province_people, "ubnd.tp.th") == {"ubnd.cv.th"}
    assert _led(province_people, "snv.tp.cchc") == {"snv.cv.cchc"}


def test_officers_and_clerks_lead_nobody(province_people):
    assert _led(province_people, "ubnd.cv.th") == set()
    assert _led(province_people, "ubnd.vanthu") == set()


def test_may_read_is_owner_or_leader(province_people):
    with province_people.read() as s:
        users = {u.username: u for u in s.scalars(select(User))}
        assert review.may_read(s, users["ubnd.cv.th"], users["ubnd.cv.th"])
        assert review.may_read(s, users["ubnd.tp.th"], users["ubnd.cv.th"])
        assert not review.may_read(s, users["ubnd.tp.th"], users["ubnd.cv.kt"])  # another unit's diary
        assert not review.may_read(s, users["ubnd.cv.kt"], users["ubnd.cv.th"])
        assert not review.may_read(s, users["quantri"], users["ubnd.cv.th"])  # an admin is no reader
        assert not review.may_read(s, users["snv.giamdoc"], users["ubnd.cv.th"])
        assert not review.leads(s, users["ubnd.cvp"], users["ubnd.cvp"])  # nobody reviews themselves
