"""Importing an org chart from CSV: what it creates, idempotence, and all-or-nothing errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from eoffice.audit.chain import verify_chain
from eoffice.audit.models import AuditEvent
from eoffice.directory.models import Organisation, Role, Unit, User
from eoffice.directory.orgchart import ImportResult, OrgChartError, import_orgchart
from eoffice.documents.models import Register
from eoffice.errors import ValidationError

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "orgchart.csv"
HEADER = "kind,organ_id,parent,code,name,unit,position,roles,email\n"


def write(tmp_path: Path, body: str, name: str = "org.csv", *, bom: bool = False) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + body, encoding="utf-8-sig" if bom else "utf-8")
    return path


def counts(store) -> dict[str, int]:
    with store.read() as s:
        return {
            "organisations": s.scalar(select(func.count()).select_from(Organisation)),
            "units": s.scalar(select(func.count()).select_from(Unit)),
            "users": s.scalar(select(func.count()).select_from(User)),
            "registers": s.scalar(select(func.count()).select_from(Register)),
            "events": s.scalar(select(func.count()).select_from(AuditEvent)),
        }


def test_demo_orgchart_imports_a_province(store):
    with store.write() as s:
        result = import_orgchart(s, DEMO)
    assert isinstance(result, ImportResult)
    assert result.created_by_kind == {"organisation": 4, "unit": 13, "user": 29}
    assert (result.created, result.updated, result.unchanged) == (46, 0, 0)
    assert "Đã tạo 4 cơ quan, 13 đơn vị, 29 người dùng" in str(result)

    with store.read() as s:
        orgs = {o.organ_id: o for o in s.scalars(select(Organisation))}
        assert orgs["000.00.00.H41"].name == "Ủy ban nhân dân tỉnh Nghệ An"
        assert orgs["000.00.00.H41"].parent_id is None
        for organ_id, abbreviation in [("000.00.12.H41", "SNV"), ("000.00.13.H41", "STC"), ("000.00.14.H41", "STTTT")]:
            assert orgs[organ_id].abbreviation == abbreviation
            assert orgs[organ_id].parent_id == orgs["000.00.00.H41"].id
        # Every organisation got its four registers.
        assert s.scalar(select(func.count()).select_from(Register)) == 16

        vp = s.scalars(select(Unit).where(Unit.organisation_id == orgs["000.00.00.H41"].id, Unit.code == "VP")).one()
        th = s.scalars(select(Unit).where(Unit.organisation_id == orgs["000.00.00.H41"].id, Unit.code == "TH")).one()
        assert th.parent_id == vp.id and th.name == "Phòng Tổng hợp"

        users = list(s.scalars(select(User)))
        assert len(users) >= 20
        for org in orgs.values():
            mine = [u for u in users if u.organisation_id == org.id]
            for role in (Role.CLERK, Role.LEADER, Role.OFFICER):
                assert any(u.has_role(role) for u in mine), (org.abbreviation, role)
        assert [u.username for u in users if u.has_role(Role.ADMIN)] == ["quantri"]
        director = next(u for u in users if u.username == "snv.giamdoc")
        assert (director.full_name, director.position, director.roles) == ("Lê Thị Hồng", "Giám đốc", {Role.LEADER})
        head = next(u for u in users if u.username == "ubnd.tp.th")
        assert head.roles == {Role.OFFICER, Role.LEADER} and head.unit_id == th.id
        assert head.email == "ubnd.tp.th@nghean.gov.vn"
        assert verify_chain(s) == []


def test_reimport_creates_nothing_new(store):
    with store.write() as s:
        import_orgchart(s, DEMO)
    before = counts(store)
    with store.write() as s:
        again = import_orgchart(s, DEMO)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 46)
    assert counts(store) == before  # not even an audit event


def test_reimport_updates_names_positions_and_roles(store, tmp_path):
    with store.write() as s:
        import_orgchart(s, DEMO)
    text = DEMO.read_text(encoding="utf-8")
    text = text.replace("Phòng Kinh tế,", "Phòng Kinh tế - Ngành,")
    text = text.replace(
        "snv.cv.vp,Trịnh Thị Ngọc,VP,Chuyên viên,officer,",
        "snv.cv.vp,Trịnh Thị Bích Ngọc,VP,Chuyên viên chính,officer;clerk,",
    )
    text = text.replace(
        "ubnd.cvp,Phạm Văn Tám,VP,Chánh Văn phòng,leader;officer,", "ubnd.cvp,Phạm Văn Tám,TH,Chánh Văn phòng,leader,"
    )
    changed = tmp_path / "changed.csv"
    changed.write_text(text, encoding="utf-8")
    before = counts(store)
    with store.write() as s:
        result = import_orgchart(s, changed, actor_id=None)
    assert (result.created, result.updated) == (0, 3)
    assert result.updated_by_kind == {"organisation": 0, "unit": 1, "user": 2}
    after = counts(store)
    assert after["users"] == before["users"] and after["units"] == before["units"]
    assert after["events"] == before["events"] + 3
    with store.read() as s:
        ngoc = s.scalars(select(User).where(User.username == "snv.cv.vp")).one()
        assert (ngoc.full_name, ngoc.position, ngoc.roles) == (
            "Trịnh Thị Bích Ngọc", "Chuyên viên chính", {Role.OFFICER, Role.CLERK}
        )
        tam = s.scalars(select(User).where(User.username == "ubnd.cvp")).one()
        assert tam.roles == {Role.LEADER}
        assert s.get(Unit, tam.unit_id).code == "TH"
        assert s.scalars(select(Unit).where(Unit.code == "KT")).one().name == "Phòng Kinh tế - Ngành"
        events = list(s.scalars(select(AuditEvent).where(AuditEvent.action == "user.update")))
        assert {e.target_id for e in events} == {ngoc.id, tam.id}
        assert any('"roles":["leader"]' in e.after_json for e in events)
        assert verify_chain(s) == []


def test_bom_any_row_order_and_vietnamese_role_names(store, tmp_path):
    path = write(
        tmp_path,
        "user,000.00.20.H41,,ct.vanthu,Nguyễn Thị Hoa,VT,Văn thư,văn thư,\n"
        "unit,000.00.20.H41,HC,VT,Tổ Văn thư,,,,\n"
        "unit,000.00.20.H41,,HC,Phòng Hành chính,,,,\n"
        "organisation,000.00.20.h41,000.00.19.H41,CT,Cục Thuế tỉnh,,,,\n"
        "organisation,000.00.19.H41,,TCT,Tổng cục Thuế,,,,\n"
        "user,000.00.20.H41,,ct.lanhdao,Trần Văn Bình,,Cục trưởng,LEADER ; officer,binh@example.vn\n",
        bom=True,
    )
    with store.write() as s:
        result = import_orgchart(s, path)
    assert result.created_by_kind == {"organisation": 2, "unit": 2, "user": 2}
    with store.read() as s:
        cuc = s.scalars(select(Organisation).where(Organisation.organ_id == "000.00.20.H41")).one()
        assert s.get(Organisation, cuc.parent_id).abbreviation == "TCT"
        vt = s.scalars(select(Unit).where(Unit.code == "VT")).one()
        assert s.get(Unit, vt.parent_id).code == "HC"
        hoa = s.scalars(select(User).where(User.username == "ct.vanthu")).one()
        assert hoa.roles == {Role.CLERK} and hoa.unit_id == vt.id
        binh = s.scalars(select(User).where(User.username == "ct.lanhdao")).one()
        assert binh.roles == {Role.LEADER, Role.OFFICER} and binh.unit_id is None


def test_rows_may_refer_to_what_is_already_in_the_database(world, tmp_path):
    path = write(tmp_path, "user,000.00.01.H41,,chuyenvien3,Vương Thị Yến,TC,Chuyên viên,officer,\n")
    with world.store.write() as s:
        result = import_orgchart(s, path)
    assert result.created_by_kind["user"] == 1
    with world.store.read() as s:
        yen = s.scalars(select(User).where(User.username == "chuyenvien3")).one()
        assert (yen.organisation_id, yen.unit_id) == (world.org_id, world.finance_unit_id)


def test_bad_rows_are_all_listed_and_nothing_is_written(store, tmp_path):
    path = write(
        tmp_path,
        "organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\n"  # row 2: fine
        "unit,000.00.30.H41,,VP,Văn phòng Sở,,,,\n"  # row 3: fine
        "organisation,00.00.31.H41,,SGD,Sở Giáo dục và Đào tạo,,,,\n"  # row 4: bad organ_id
        "user,000.00.30.H41,,syt.a,Nguyễn Văn A,VP,Chuyên viên,officer;boss,\n"  # row 5: unknown role
        "user,000.00.30.H41,,syt.b,Nguyễn Văn B,KHTC,Chuyên viên,officer,\n"  # row 6: unknown unit
        "user,000.00.30.H41,,syt.c,Nguyễn Văn C,VP,Văn thư,clerk,\n"  # row 7: fine
        "user,000.00.30.H41,,SYT.C,Nguyễn Văn C,VP,Văn thư,clerk,\n",  # row 8: duplicate username
    )
    before = counts(store)
    with store.write() as s:
        with pytest.raises(ValidationError) as caught:
            import_orgchart(s, path)
    err = caught.value
    assert isinstance(err, OrgChartError)
    assert [e.row for e in err.errors] == [4, 5, 6, 8]
    message = err.message_vi
    assert "Tệp sơ đồ tổ chức có 4 lỗi, chưa nhập gì (dòng 4, 5, 6, 8)" in message
    assert "Dòng 4: mã định danh “00.00.31.H41” không đúng dạng" in message
    assert "Dòng 5: vai trò “boss” không có" in message
    assert "Dòng 6: không có đơn vị KHTC trong 000.00.30.H41" in message
    assert "Dòng 8: tên đăng nhập “syt.c” trùng với dòng 7" in message
    assert "rows 4, 5, 6, 8" in err.message("en")
    assert counts(store) == before


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("team,000.00.30.H41,,X,Tổ X,,,,\n", "loại dòng “team” không hợp lệ"),
        ("unit,000.00.30.H41,,VP,Văn phòng,,,,\n", "không có cơ quan 000.00.30.H41"),
        ("organisation,000.00.30.H41,000.00.99.H41,SYT,Sở Y tế,,,,\n", "không có cơ quan cấp trên 000.00.99.H41"),
        ("organisation,000.00.30.H41,,SYT,,,,,\n", "thiếu tên"),
        ("organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\nuser,000.00.30.H41,,a.b,An,,,,\n", "ít nhất một vai trò"),
        ("organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\nuser,000.00.30.H41,,Nguyễn An,An,,,officer,\n", "tên đăng nhập"),
        ("organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\nuser,000.00.30.H41,,an,An,,,officer,an@\n", "địa chỉ thư"),
        (
            "organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\norganisation,000.00.30.H41,,SYT,Sở Y tế,,,,\n",
            "đã có ở dòng 2",
        ),
        (
            "organisation,000.00.30.H41,,SYT,Sở Y tế,,,,\n"
            "unit,000.00.30.H41,B,A,Phòng A,,,,\nunit,000.00.30.H41,A,B,Phòng B,,,,\n",
            "vòng lặp",
        ),
    ],
)
def test_each_kind_of_bad_row_is_explained(sqlite_store, tmp_path, body, expected):
    path = write(tmp_path, body)
    before = counts(sqlite_store)
    with sqlite_store.write() as s:
        with pytest.raises(OrgChartError) as caught:
            import_orgchart(s, path)
    assert expected in caught.value.message_vi
    assert counts(sqlite_store) == before


def test_unreadable_files_are_clear_errors(sqlite_store, tmp_path):
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(HEADER.encode() + b"organisation,000.00.30.H41,,SYT,S\xf6 Y t\xe9,,,,\n")  # Latin-1
    no_header = tmp_path / "noheader.csv"
    no_header.write_text("organisation,000.00.30.H41,,SYT,Sở Y tế\n", encoding="utf-8")
    with sqlite_store.write() as s:
        with pytest.raises(ValidationError, match="UTF-8"):
            import_orgchart(s, latin)
        with pytest.raises(ValidationError, match="thiếu cột"):
            import_orgchart(s, no_header)
        with pytest.raises(ValidationError, match="Không tìm thấy tệp"):
            import_orgchart(s, tmp_path / "missing.csv")
