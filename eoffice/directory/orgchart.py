"""Importing an org chart from CSV: organisations, their units and their users.

The file is checked whole before anything is written: one bad row and nothing changes,
and the error lists every bad row (spreadsheet row numbers, the header being row 1), so
the admin fixes the file once. Importing the same file again creates nothing; it brings
names, positions, roles and e-mails up to date.

Columns: ``kind`` (organisation | unit | user), ``organ_id``, ``parent``, ``code``,
``name``, ``unit``, ``position``, ``roles``, ``email``. See ``resources/demo/orgchart.csv``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from eoffice.audit.chain import record
from eoffice.directory.admin import USERNAME, create_organisation, create_unit, create_user
from eoffice.directory.models import Organisation, Role, Unit, User, UserRole
from eoffice.documents.fields import ORGAN_ID
from eoffice.errors import ValidationError

COLUMNS = ("kind", "organ_id", "parent", "code", "name", "unit", "position", "roles", "email")
KINDS = ("organisation", "unit", "user")
#: Role names accepted in the ``roles`` column: the code's, and the Vietnamese words.
ROLE_NAMES: dict[str, Role] = {
    **{r.value: r for r in Role},
    "văn thư": Role.CLERK,
    "chuyên viên": Role.OFFICER,
    "lãnh đạo": Role.LEADER,
    "quản trị": Role.ADMIN,
}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
LIMITS = {"name": 300, "code": 30, "position": 200, "email": 200}
MAX_LISTED = 50


@dataclass(frozen=True)
class RowError:
    row: int  # spreadsheet row number; the header is row 1
    message: str  # Vietnamese

    def __str__(self) -> str:
        return f"Dòng {self.row}: {self.message}"


@dataclass
class ImportResult:
    """What an import did; ``errors`` is filled only on the error raised for a bad file."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    updated_by_kind: dict[str, int] = field(default_factory=lambda: {k: 0 for k in KINDS})
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        c, u = self.created_by_kind, self.updated_by_kind
        return (
            f"Đã tạo {c['organisation']} cơ quan, {c['unit']} đơn vị, {c['user']} người dùng; "
            f"cập nhật {self.updated}; không đổi {self.unchanged}."
            f" / Created {self.created}, updated {u['organisation'] + u['unit'] + u['user']},"
            f" unchanged {self.unchanged}."
        )


class OrgChartError(ValidationError):
    """The CSV has bad rows; ``errors`` lists them all. Nothing was written."""

    def __init__(self, errors: list[RowError]) -> None:
        shown = errors[:MAX_LISTED]
        more = len(errors) - len(shown)
        lines_vi = "\n".join(str(e) for e in shown) + (f"\n… và {more} lỗi khác." if more else "")
        rows = ", ".join(str(r) for r in sorted({e.row for e in errors}))
        super().__init__(
            f"Tệp sơ đồ tổ chức có {len(errors)} lỗi, chưa nhập gì (dòng {rows}):\n{lines_vi}",
            f"The org chart file has {len(errors)} error(s) on rows {rows}; nothing was imported.",
        )
        self.errors = errors


@dataclass
class _Row:
    number: int
    kind: str
    organ_id: str
    parent: str
    code: str
    name: str
    unit: str
    position: str
    roles: list[Role]
    email: str


def _read(csv_path: Path) -> list[dict[str, str]]:
    try:
        text = Path(csv_path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ValidationError(f"Không tìm thấy tệp {csv_path}.", f"File {csv_path} not found.") from None
    except UnicodeDecodeError:
        raise ValidationError(
            "Tệp CSV phải mã hóa UTF-8 (trong Excel: Lưu thành “CSV UTF-8”).",
            "The CSV file must be UTF-8 encoded.",
        ) from None
    reader = csv.DictReader(text.splitlines(), delimiter=",")
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("kind", "organ_id", "code", "name") if c not in header]
    if missing:
        raise ValidationError(
            f"Dòng tiêu đề của tệp CSV thiếu cột: {', '.join(missing)} (cần các cột {', '.join(COLUMNS)}).",
            f"The CSV header lacks columns: {', '.join(missing)}.",
        )
    reader.fieldnames = header
    rows = []
    for raw in reader:
        rows.append({k: (v or "").strip() for k, v in raw.items() if k is not None and isinstance(v, str)})
    return rows


def _parse(raw: list[dict[str, str]], errors: list[RowError]) -> list[_Row]:
    rows: list[_Row] = []
    for index, values in enumerate(raw, start=2):
        if not any(values.values()):
            continue  # blank line
        problems: list[str] = []
        kind = values.get("kind", "").lower()
        organ_id = values.get("organ_id", "").upper()
        code = values.get("code", "")
        if kind not in KINDS:
            problems.append(f"loại dòng “{values.get('kind', '')}” không hợp lệ (organisation, unit hoặc user)")
        if not ORGAN_ID.match(organ_id):
            problems.append(f"mã định danh “{organ_id}” không đúng dạng (ví dụ 000.00.01.H41)")
        if not code:
            problems.append("thiếu cột code (tên viết tắt, mã đơn vị hoặc tên đăng nhập)")
        if not values.get("name"):
            problems.append("thiếu tên")
        for column, limit in LIMITS.items():
            if len(values.get(column, "")) > limit:
                problems.append(f"cột {column} dài quá {limit} ký tự")
        roles: list[Role] = []
        if kind == "user":
            code = code.lower()
            if code and not USERNAME.match(code):
                problems.append(f"tên đăng nhập “{code}” chỉ gồm chữ không dấu, số, dấu chấm, gạch (2–80 ký tự)")
            for name in filter(None, (r.strip().lower() for r in values.get("roles", "").split(";"))):
                if name in ROLE_NAMES:
                    roles.append(ROLE_NAMES[name])
                else:
                    problems.append(f"vai trò “{name}” không có (clerk, officer, leader, admin)")
            if not values.get("roles", "").strip(";").strip():
                problems.append("người dùng cần ít nhất một vai trò")
            email = values.get("email", "")
            if email and not EMAIL.match(email):
                problems.append(f"địa chỉ thư “{email}” không hợp lệ")
        elif kind in ("organisation", "unit") and code and re.search(r"\s", code):
            problems.append(f"mã “{code}” không được có khoảng trắng")
        if kind == "organisation" and values.get("parent") and not ORGAN_ID.match(values["parent"].upper()):
            problems.append(f"mã định danh cơ quan cấp trên “{values['parent']}” không đúng dạng")
        errors.extend(RowError(index, p) for p in problems)
        if problems:
            continue
        rows.append(
            _Row(
                number=index,
                kind=kind,
                organ_id=organ_id,
                parent=values.get("parent", "").upper() if kind == "organisation" else values.get("parent", ""),
                code=code,
                name=re.sub(r"\s+", " ", values.get("name", "")),
                unit=values.get("unit", ""),
                position=values.get("position", ""),
                roles=sorted(set(roles), key=lambda r: r.value),
                email=values.get("email", ""),
            )
        )
    return rows


def _check(session: Session, rows: list[_Row], errors: list[RowError]) -> None:
    """Cross-row checks against the file and the database: duplicates and references."""
    orgs_in_file: dict[str, _Row] = {}
    units_in_file: dict[tuple[str, str], _Row] = {}
    users_in_file: dict[str, _Row] = {}
    for row in rows:
        if row.kind == "organisation":
            if row.organ_id in orgs_in_file:
                errors.append(
                    RowError(row.number, f"cơ quan {row.organ_id} đã có ở dòng {orgs_in_file[row.organ_id].number}")
                )
            else:
                orgs_in_file[row.organ_id] = row
        elif row.kind == "unit":
            key = (row.organ_id, row.code)
            if key in units_in_file:
                errors.append(
                    RowError(
                        row.number, f"đơn vị {row.code} của {row.organ_id} đã có ở dòng {units_in_file[key].number}"
                    )
                )
            else:
                units_in_file[key] = row
        else:
            if row.code in users_in_file:
                errors.append(
                    RowError(row.number, f"tên đăng nhập “{row.code}” trùng với dòng {users_in_file[row.code].number}")
                )
            else:
                users_in_file[row.code] = row

    organ_ids = set(orgs_in_file) | {r.organ_id for r in rows} | {r.parent for r in orgs_in_file.values() if r.parent}
    orgs_in_db = {
        o.organ_id: o for o in session.scalars(select(Organisation).where(Organisation.organ_id.in_(organ_ids)))
    }
    known_orgs = set(orgs_in_file) | set(orgs_in_db)
    unit_codes_in_db: set[tuple[str, str]] = set()
    if orgs_in_db:
        by_id = {o.id: o.organ_id for o in orgs_in_db.values()}
        for org_id, code in session.execute(
            select(Unit.organisation_id, Unit.code).where(Unit.organisation_id.in_(by_id), Unit.deleted.is_(False))
        ):
            unit_codes_in_db.add((by_id[org_id], code))
    known_units = set(units_in_file) | unit_codes_in_db

    for row in rows:
        if row.kind == "organisation":
            if row.parent and row.parent not in known_orgs:
                errors.append(RowError(row.number, f"không có cơ quan cấp trên {row.parent}"))
            if row.parent == row.organ_id:
                errors.append(RowError(row.number, "cơ quan không thể là cấp trên của chính nó"))
        elif row.organ_id not in known_orgs:
            errors.append(RowError(row.number, f"không có cơ quan {row.organ_id} (thêm dòng organisation trước)"))
        elif row.kind == "unit":
            if row.parent and (row.organ_id, row.parent) not in known_units:
                errors.append(RowError(row.number, f"không có đơn vị cấp trên {row.parent} trong {row.organ_id}"))
        elif row.unit and (row.organ_id, row.unit) not in known_units:
            errors.append(RowError(row.number, f"không có đơn vị {row.unit} trong {row.organ_id}"))

    errors.extend(_cycles(orgs_in_file.values(), lambda r: r.organ_id, lambda r: r.parent, "cơ quan"))
    for organ_id in {r.organ_id for r in units_in_file.values()}:
        group = [r for r in units_in_file.values() if r.organ_id == organ_id]
        errors.extend(_cycles(group, lambda r: r.code, lambda r: r.parent, "đơn vị"))


def _cycles(rows: Iterable[_Row], key: Any, parent: Any, what: str) -> list[RowError]:
    by_key = {key(r): r for r in rows}
    out = []
    for row in by_key.values():
        seen = {key(row)}
        current = parent(row)
        while current in by_key:
            if current in seen:
                out.append(RowError(row.number, f"{what} {key(row)} nằm trong vòng lặp cấp trên"))
                break
            seen.add(current)
            current = parent(by_key[current])
    return out


def _ordered(rows: list[_Row], key: Any, parent: Any) -> list[_Row]:
    """Parents before their children (the file may list them in any order)."""
    by_key = {key(r): r for r in rows}
    done: set[str] = set()
    out: list[_Row] = []

    def visit(row: _Row) -> None:
        if key(row) in done:
            return
        done.add(key(row))
        up = parent(row)
        if up in by_key:
            visit(by_key[up])
        out.append(row)

    for row in rows:
        visit(row)
    return out


def _update(
    session: Session,
    obj: Any,
    changes: dict[str, Any],
    *,
    kind: str,
    actor_id: str | None,
    extra_before: dict[str, Any] | None = None,
    extra_after: dict[str, Any] | None = None,
) -> bool:
    """Apply changed fields and log them; False when nothing differs."""
    before = {k: getattr(obj, k) for k in changes if getattr(obj, k) != changes[k]}
    after = {k: changes[k] for k in before}
    if extra_before is not None and extra_before != extra_after:
        before.update(extra_before)
        after.update(extra_after or {})
    if not after:
        return False
    for name, value in changes.items():
        if name in before:
            setattr(obj, name, value)
    session.flush()
    record(
        session,
        actor_id=actor_id,
        action=f"{kind}.update",
        target_type=kind,
        target_id=obj.id,
        before=before,
        after=after,
    )
    return True


def import_orgchart(session: Session, csv_path: Path, *, actor_id: str | None = None) -> ImportResult:
    """Create or update the organisations, units and users the CSV describes.

    All or nothing: any bad row raises ``OrgChartError`` (a ``ValidationError``) listing
    every problem, and nothing is written.
    """
    errors: list[RowError] = []
    rows = _parse(_read(csv_path), errors)
    _check(session, rows, errors)
    if errors:
        errors.sort(key=lambda e: e.row)
        raise OrgChartError(errors)

    result = ImportResult()

    def count(kind: str, created: bool | None) -> None:
        if created is None:
            result.unchanged += 1
        elif created:
            result.created += 1
            result.created_by_kind[kind] += 1
        else:
            result.updated += 1
            result.updated_by_kind[kind] += 1

    # A savepoint: a failure half-way leaves the caller's transaction as it was.
    with session.begin_nested():
        orgs: dict[str, Organisation] = {}
        org_rows = [r for r in rows if r.kind == "organisation"]
        for row in _ordered(org_rows, lambda r: r.organ_id, lambda r: r.parent):
            parent_id = _org(session, orgs, row.parent).id if row.parent else None
            existing = session.scalars(select(Organisation).where(Organisation.organ_id == row.organ_id)).first()
            if existing is None:
                orgs[row.organ_id] = create_organisation(session, row.organ_id, row.name, row.code, parent_id, actor_id)
                count("organisation", True)
            else:
                orgs[row.organ_id] = existing
                changed = _update(
                    session, existing, {"name": row.name, "abbreviation": row.code, "parent_id": parent_id},
                    kind="organisation", actor_id=actor_id,
                )
                count("organisation", False if changed else None)

        units: dict[tuple[str, str], Unit] = {}
        unit_rows = [r for r in rows if r.kind == "unit"]
        for row in _ordered(unit_rows, lambda r: (r.organ_id, r.code), lambda r: (r.organ_id, r.parent)):
            org = _org(session, orgs, row.organ_id)
            parent_id = _unit(session, units, org, row.parent).id if row.parent else None
            existing_unit = session.scalars(
                select(Unit).where(Unit.organisation_id == org.id, Unit.code == row.code, Unit.deleted.is_(False))
            ).first()
            if existing_unit is None:
                units[(row.organ_id, row.code)] = create_unit(session, org.id, row.code, row.name, parent_id, actor_id)
                count("unit", True)
            else:
                units[(row.organ_id, row.code)] = existing_unit
                changed = _update(
                    session, existing_unit, {"name": row.name, "parent_id": parent_id}, kind="unit", actor_id=actor_id
                )
                count("unit", False if changed else None)

        for row in (r for r in rows if r.kind == "user"):
            org = _org(session, orgs, row.organ_id)
            unit_id = _unit(session, units, org, row.unit).id if row.unit else None
            user = session.scalars(select(User).where(User.username == row.code)).first()
            if user is None:
                create_user(
                    session, row.code, row.name, org.id, row.roles, unit_id, row.position, row.email, actor_id
                )
                count("user", True)
                continue
            old_roles = sorted(r.value for r in user.roles)
            new_roles = sorted(r.value for r in row.roles)
            if old_roles != new_roles:
                for role_row in [rr for rr in user.role_rows if rr.role not in new_roles]:
                    user.role_rows.remove(role_row)
                user.role_rows.extend(UserRole(role=r) for r in new_roles if r not in old_roles)
            changed = _update(
                session, user,
                {"full_name": row.name, "organisation_id": org.id, "unit_id": unit_id, "position": row.position,
                 "email": row.email, "deleted": False},
                kind="user", actor_id=actor_id,
                extra_before={"roles": old_roles}, extra_after={"roles": new_roles},
            )
            count("user", False if changed else None)
    return result


def _org(session: Session, cache: dict[str, Organisation], organ_id: str) -> Organisation:
    org = cache.get(organ_id)
    if org is None:
        org = session.scalars(select(Organisation).where(Organisation.organ_id == organ_id)).one()
        cache[organ_id] = org
    return org


def _unit(session: Session, cache: dict[tuple[str, str], Unit], org: Organisation, code: str) -> Unit:
    unit = cache.get((org.organ_id, code))
    if unit is None:
        unit = session.scalars(
            select(Unit).where(Unit.organisation_id == org.id, Unit.code == code, Unit.deleted.is_(False))
        ).one()
        cache[(org.organ_id, code)] = unit
    return unit
