"""The admin's directory operations: organisations with their registers, units, users."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from eoffice.audit.chain import history, verify_chain
from eoffice.directory.access import load_actor, require_role
from eoffice.directory.admin import create_organisation, create_unit, create_user
from eoffice.directory.models import Organisation, Role, User
from eoffice.documents.models import Register
from eoffice.errors import NotFound, PermissionDenied, ValidationError


def test_organisation_gets_its_four_registers(store):
    with store.write() as s:
        org = create_organisation(s, " 000.00.12.h41 ", "  Sở Nội vụ tỉnh Nghệ An ", "SNV")
        org_id = org.id
    with store.read() as s:
        org = s.get(Organisation, org_id)
        assert (org.organ_id, org.name, org.abbreviation) == ("000.00.12.H41", "Sở Nội vụ tỉnh Nghệ An", "SNV")
        registers = {
            (r.kind, r.secret): r.name for r in s.scalars(select(Register).where(Register.organisation_id == org_id))
        }
        assert registers == {
            ("incoming", False): "Sổ đăng ký văn bản đến",
            ("incoming", True): "Sổ đăng ký văn bản đến mật",
            ("outgoing", False): "Sổ đăng ký văn bản đi",
            ("outgoing", True): "Sổ đăng ký văn bản đi mật",
        }
        assert [e.action for e in history(s, "organisation", org_id)] == ["organisation.create"]


@pytest.mark.parametrize("organ_id", ["000.00.12", "000.00.12.H4", "0000.00.12.H41", "000-00-12-H41", ""])
def test_malformed_organ_id_is_refused(sqlite_store, organ_id):
    with sqlite_store.write() as s:
        with pytest.raises(ValidationError, match="không đúng dạng") as caught:
            create_organisation(s, organ_id, "Sở Nội vụ", "SNV")
        assert caught.value.field == "organ_id"
    with sqlite_store.read() as s:
        assert s.scalars(select(Organisation)).first() is None


def test_duplicate_organ_id_is_refused(store):
    with store.write() as s:
        create_organisation(s, "000.00.12.H41", "Sở Nội vụ", "SNV")
    with store.write() as s:
        with pytest.raises(ValidationError, match="đã có"):
            create_organisation(s, "000.00.12.h41", "Sở Nội vụ (trùng)", "SNV")


def test_units_form_a_tree_and_codes_are_one_word(world):
    with world.store.write() as s:
        child = create_unit(s, world.org_id, "TH", "Phòng Tổng hợp", parent_id=world.office_unit_id)
        assert child.parent_id == world.office_unit_id
        with pytest.raises(ValidationError, match="Mã đơn vị"):
            create_unit(s, world.org_id, "T H", "Phòng có dấu cách")
        with pytest.raises(ValidationError, match="Mã đơn vị"):
            create_unit(s, world.org_id, "  ", "Phòng không mã")


def test_users_have_roles_and_unique_usernames(world):
    with world.store.write() as s:
        user = create_user(
            s, "  PhoGiamDoc ", "Hoàng Văn Phúc", world.org_id, [Role.LEADER, Role.OFFICER], world.office_unit_id,
            "Phó Giám đốc", "phuc@nghean.gov.vn", actor_id=world.admin_id,
        )
        user_id = user.id
    with world.store.read() as s:
        user = load_actor(s, user_id)
        assert user.username == "phogiamdoc"
        assert user.roles == {Role.LEADER, Role.OFFICER}
        assert user.has_role(Role.LEADER) and not user.has_role(Role.CLERK)
        require_role(user, Role.CLERK, Role.LEADER)
        with pytest.raises(PermissionDenied, match="Chỉ văn thư mới được làm việc này"):
            require_role(user, Role.CLERK)
        event = history(s, "user", user_id)[0]
        assert event.actor_id == world.admin_id and '"roles":["leader","officer"]' in event.after_json
        assert verify_chain(s) == []
    with world.store.write() as s:
        with pytest.raises(ValidationError, match="đã có"):
            create_user(s, "phogiamdoc", "Người khác", world.org_id, [Role.OFFICER])
        with pytest.raises(ValidationError, match="không được trống"):
            create_user(s, "   ", "Không tên", world.org_id, [Role.OFFICER])
        with pytest.raises(ValidationError, match="chỉ gồm chữ không dấu"):
            create_user(s, "nguyễn văn", "Nguyễn Văn", world.org_id, [Role.OFFICER])


def test_unknown_or_deleted_actor_is_not_found(world):
    with world.store.write() as s:
        s.get(User, world.officer2_id).deleted = True
    with world.store.read() as s:
        with pytest.raises(NotFound, match="Không tìm thấy người dùng"):
            load_actor(s, world.officer2_id)
        with pytest.raises(NotFound):
            load_actor(s, "00000000-0000-0000-0000-000000000000")
