"""Every value an operation carries fits the column it lands in, or the operation is
refused alone, with its reason, and its neighbours in the batch still apply.

The neighbours of each bound are tried for every field of every kind: one character past
a ``String(n)``, one past an ``Integer``'s or ``BigInteger``'s range (and below zero where
that makes no sense), a lone surrogate or a NUL in any string however deep, the wrong
JSON type, an unknown field, a date that does not parse or that lies past the calendar's
end. Through the real server on SQLite and PostgreSQL, a batch of goods with such an
operation between each two: the goods are applied, each bad one rejected in Vietnamese
and English, and the server logs no error. And what the database refuses although the
codec passed it is rejected on its own too, never failing the batch.
"""

from __future__ import annotations

import copy
import dataclasses
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, get_args, get_origin, get_type_hints

import httpx
import pytest
from sqlalchemy import select, text

from eoffice.documents import operations as ops
from eoffice.documents.models import Document, DocumentFile
from eoffice.errors import ValidationError
from eoffice.ops import FileRef, Operation, from_json, registry, to_json
from eoffice.ops.limits import Fits, storable
from eoffice.server.protocol import HEADER, PROTOCOL_VERSION
from eoffice.signing import operations as sops
from eoffice.store.base import new_id
from eoffice.sync.client_state import record_local
from eoffice.sync.models import OutboxEntry
from eoffice.worklog.models import WorklogEntry
from tests.sync.conftest import doc_fields, file_ref
from tests.sync.http_support import Device, Province
from tests.sync.test_http_sync import _register
from tests.sync.test_operations import ONE_OF_EACH as DOCUMENT_OPS
from tests.worklog.helpers import MONDAY
from tests.worklog.test_operations import ONE_OF_EACH as DIARY_OPS

SIGNING_OPS: list[Operation] = [
    sops.SetSignatureImage(new_id(), file_ref(), "b" * 64),
    sops.SetSealImage(new_id(), new_id(), file_ref(), None),
    sops.AddTrustedRoot(new_id(), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"),
    sops.RemoveTrustedRoot(new_id(), new_id()),
]
#: The meetings' kinds (every module of theirs that registers some), as their registrations give them.
MEETING_OPS = [
    entry.example() for entry in registry.kinds().values() if entry.cls.__module__.startswith("eoffice.meetings")
]
EVERY_KIND = [*DOCUMENT_OPS, *DIARY_OPS, *SIGNING_OPS, *MEETING_OPS]

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


# --------------------------------------------------------------------------- the neighbours


def _declared(cls: type[Any]) -> dict[str, Fits | None]:
    """Each field's declared bound (its column's), None where it declares none."""
    return {
        name: next((m for m in getattr(hint, "__metadata__", ()) if isinstance(m, Fits)), None)
        for name, hint in get_type_hints(cls, include_extras=True).items()
    }


def _bounds(op_cls: type[Any], path: tuple[Any, ...]) -> Fits | None:
    """The bound declared for the value at ``path`` of an operation's JSON."""
    if len(path) == 2 and path[0] == "fields":
        return Fits(getattr(Document, path[1]))  # a document's field lands in its namesake column
    if len(path) == 3 and path[0] in ("files", "lines"):
        return _declared(FileRef if path[0] == "files" else ops.LineRef).get(path[2])
    if len(path) == 2 and path[0] == "file":
        return _declared(FileRef).get(path[1])
    if len(path) == 1 and path[0] != "kind":
        return _declared(op_cls).get(path[0])
    return None


@dataclass(frozen=True)
class Mutation:
    """One value of an operation's JSON replaced at ``path``, or (``add_key``) an unknown
    key ``value`` added to the object at ``path``."""

    what: str
    path: tuple[Any, ...]
    value: Any
    add_key: bool = False


def _leaf_neighbours(value: Any, bound: Fits | None) -> Iterator[tuple[str, Any]]:
    if isinstance(value, bool):
        yield "int for a boolean", 1
        yield "text for a boolean", "true"
    elif isinstance(value, int):
        yield "boolean for an integer", True
        yield "text for an integer", str(value)
        yield "fraction for an integer", 1.5
        high = bound.le if bound is not None and bound.le is not None else 2**63 - 1
        yield "one past the integer's column", high + 1
        if bound is not None and bound.ge is not None:
            yield "one below the integer's floor", bound.ge - 1
    elif isinstance(value, str):
        yield "lone surrogate", value + "\ud800"
        yield "NUL", value[:1] + "\x00" + value[1:]
        yield "list for a string", [value]
        yield "number for a string", 7
        yield "object for a string", {"x": value}
        if bound is not None and bound.max_length is not None:
            yield "one past the column's length", "a" * (bound.max_length + 1)
        if DATE.match(value) and bound is None:  # an ISODate
            yield "a day that does not exist", "2026-02-30"
            yield "a date in another format", "03/03/2026"
            yield "a date without hyphens", "20260303"
            yield "a date past the calendar's end", "9999-12-31"
        if UUID.match(value) and bound is None:  # an Id
            yield "a UUID as a URN", f"urn:uuid:{value}"
            yield "a UUID without hyphens", value.replace("-", "")
    elif isinstance(value, list):
        yield "text for a list", "x"
        yield "object for a list", {}
    elif isinstance(value, dict):
        yield "list for an object", []


def neighbours(op_cls: type[Any], data: dict[str, Any]) -> list[Mutation]:
    """Every way to step past a bound of ``data``, one value at a time."""
    out: list[Mutation] = []

    def walk(node: Any, path: tuple[Any, ...]) -> None:
        where = ".".join(map(str, path)) or "top"
        if isinstance(node, dict):
            for key, value in list(node.items()):
                walk(value, (*path, key))
            for key in ("surprise", "x\ud800", "x\x00"):
                out.append(Mutation(f"{where}: unknown field {key!r}", path, key, add_key=True))
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, (*path, i))
        if path:
            for what, value in _leaf_neighbours(node, _bounds(op_cls, path)):
                out.append(Mutation(f"{where}: {what}", path, value))

    walk(data, ())
    return out


def mutated(data: dict[str, Any], mutation: Mutation) -> dict[str, Any]:
    """A copy of ``data`` with ``mutation`` made."""
    out = copy.deepcopy(data)
    if mutation.add_key:
        node: Any = out
        for step in mutation.path:
            node = node[step]
        node[mutation.value] = "x"
        return out
    node = out
    for step in mutation.path[:-1]:
        node = node[step]
    node[mutation.path[-1]] = mutation.value
    return out


# --------------------------------------------------------------------------- the codec


def test_every_string_and_integer_an_operation_carries_declares_its_column_or_bound():
    """A field added later cannot slip past the codec unbounded."""
    undeclared = []
    for cls in {*(entry.cls for entry in registry.kinds().values()), FileRef, ops.LineRef}:
        hints = get_type_hints(cls, include_extras=True)
        for name in (f.name for f in dataclasses.fields(cls)):
            hint = hints[name]
            base = get_args(hint)[0] if hasattr(hint, "__metadata__") else hint
            if get_origin(base) is dict:
                continue  # a document's fields: each checked against its column (FIELD_COLUMNS)
            if get_origin(base) is tuple:
                base = get_args(base)[0]
            plain = set(get_args(base)) if get_origin(base) is not None else {base}
            if plain & {str, int} and _declared(cls)[name] is None:
                undeclared.append(f"{cls.__name__}.{name}")
    assert undeclared == []
    assert ops.FIELD_COLUMNS["subject"].type.length == 500  # the document's fields: their own columns


def test_every_kind_is_tried():
    assert sorted(op.kind for op in EVERY_KIND) == sorted(registry.kinds())


@pytest.mark.parametrize("op", EVERY_KIND, ids=lambda op: op.kind)
def test_the_codec_refuses_every_neighbour_of_every_bound_with_a_storable_reason(op):
    data = to_json(op)
    tried = neighbours(type(op), data)
    assert len(tried) > 10
    passed = []
    for mutation in tried:
        try:
            from_json(mutated(data, mutation))
        except ValidationError as error:
            assert error.message_vi and error.message_en and error.message_vi != error.message_en
            assert storable(error.message_vi) and storable(error.message_en) and len(error.message_vi) < 400
        else:
            passed.append(mutation.what)
    assert passed == []


def test_values_at_the_bounds_pass():
    at_limit = to_json(DIARY_OPS[0]) | {"source_key": "k" * 160, "minutes": 2**31 - 1, "start_minute": None,
                                            "end_minute": None}
    assert from_json(at_limit).source_key == "k" * 160  # type: ignore[attr-defined]
    reg = to_json(DOCUMENT_OPS[0])
    reg["files"][0] |= {"size": 2**63 - 1, "filename": "a" * 251 + ".pdf"}
    reg["fields"] |= {"subject": "s" * 500, "organ_id": "000.00.12.H41", "issued_date": "1900-01-01",
                      "due_date": "2999-12-31"}
    op = from_json(reg)
    assert op.files[0].size == 2**63 - 1 and op.fields["subject"] == "s" * 500  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- through the server


def _raw_push(device: Device, province: Province, batch: list[dict[str, Any]]) -> httpx.Response:
    """The batch as a program could send it: JSON text with ``\\ud800`` escapes and all."""
    headers = {
        HEADER: str(PROTOCOL_VERSION), "Authorization": f"Bearer {device.client._access}",
        "Content-Type": "application/json",
    }
    with httpx.Client(base_url=f"{province.url}/api/v1", headers=headers, timeout=120) as c:
        return c.post("/ops", content=json.dumps({"ops": batch}).encode())


def _entry(text: str = "Trả lời công văn", **values: Any) -> dict[str, Any]:
    return {"kind": "worklog_add_entry", "op_id": new_id(), "entry_id": new_id(), "day": MONDAY.isoformat(),
            "text": text, "minutes": 30, **values}


def _errors_logged(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


def _sandwich(
    device: Device, province: Province, make: Callable[[], dict[str, Any]], op_cls: type[Any]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[Mutation]]:
    """[good, bad, good, bad, …, good] pushed raw, each bad one a neighbour of a bound of a
    fresh ``make()``; returns the goods, the answers and the mutations."""
    tried = neighbours(op_cls, make())
    goods = [_entry(f"Việc số {n}") for n in range(len(tried) + 1)]
    batch: list[dict[str, Any]] = [goods[0]]
    for good, mutation in zip(goods[1:], tried, strict=True):
        batch += [mutated(make(), mutation), good]
    response = _raw_push(device, province, batch)
    assert response.status_code == 200, response.text[:500]
    results = response.json()["results"]
    assert len(results) == len(batch)
    return goods, results, tried


def test_a_bad_operation_is_rejected_alone_between_good_ones_over_http(province, pdf_factory, caplog):
    caplog.set_level(logging.INFO)
    w = province.world
    clerk = province.device("vanthu", w.clerk_id)
    officer = province.device("chuyenvien", w.officer_id)
    clerk.engine.sync_once()
    base = _register(clerk, pdf_factory())  # a registration the server accepts, but for the one change
    clerk.client.upload_blob(clerk.blobs.path_for(base.files[0].digest))

    def registration() -> dict[str, Any]:
        return to_json(ops.RegisterIncoming(new_id(), new_id(), doc_fields(), base.files, "2026-03-03"))

    answers = []
    for device, make, op_cls in (
        (clerk, registration, ops.RegisterIncoming),
        (
            officer,
            lambda: _entry("Soạn báo cáo", source_key="handle:x", result="Xong", category="adhoc"),
            type(DIARY_OPS[0]),
        ),
    ):
        goods, results, tried = _sandwich(device, province, make, op_cls)
        for n, good in enumerate(goods):
            assert results[2 * n]["outcome"] == "accepted", results[2 * n]
            assert results[2 * n]["op_id"] == good["op_id"]
        for n, mutation in enumerate(tried):
            answer = results[2 * n + 1]
            assert answer["outcome"] == "rejected", (mutation.what, answer)
            assert answer["reason"] and answer["reason_en"] and answer["reason"] != answer["reason_en"], mutation.what
            answers.append((mutation.what, answer))
        with province.store.read() as s:
            held = set(s.scalars(select(WorklogEntry.id).where(WorklogEntry.user_id == device.user_id)))
            assert {g["entry_id"] for g in goods} <= held and len(held) == len(goods)
    with province.store.read() as s:
        assert s.scalars(select(Document.id)).all() == []  # not one of the bad registrations

    reasons = dict(answers)
    assert reasons["fields.subject: lone surrogate"]["reason"] == (
        "Thao tác không hợp lệ: “Trích yếu” chứa ký tự không hợp lệ (ký tự điều khiển hoặc lỗi mã hóa)."
    )
    assert reasons["files.0.size: one past the integer's column"]["reason"] == (
        f"Thao tác không hợp lệ: “size” quá lớn (tối đa {2**63 - 1})."
    )
    assert reasons["source_key: one past the column's length"]["reason_en"] == (
        "Invalid operation: source_key is 161 characters long; the limit is 160."
    )
    assert reasons["files.0.size: one below the integer's floor"]["reason"] == (
        "Thao tác không hợp lệ: “size” không được âm."
    )
    assert reasons["fields.subject: one past the column's length"]["reason"] == (
        "Trích yếu dài 501 ký tự, vượt quá giới hạn 500 ký tự."  # as the document's own check says it
    )
    assert _errors_logged(caplog) == []

    # Just within every bound: stored alike on both databases.
    at_limit = registration()
    at_limit["fields"] |= {"subject": "Về việc " + "s" * 492, "organ_name": "o" * 300, "code_notation": "n" * 100,
                           "signer_full_name": "f" * 200}
    diary = _entry("t" * 2000, source_key="k" * 160, minutes=24 * 60)
    assert [r["outcome"] for r in _raw_push(clerk, province, [at_limit]).json()["results"]] == ["accepted"]
    assert [r["outcome"] for r in _raw_push(officer, province, [diary]).json()["results"]] == ["accepted"]
    with province.store.read() as s:
        assert len(s.get(Document, at_limit["document_id"]).subject) == 500
        assert s.get(WorklogEntry, diary["entry_id"]).source_key == "k" * 160
        assert s.scalar(select(DocumentFile.filename).where(DocumentFile.document_id == at_limit["document_id"]))
    assert _errors_logged(caplog) == []


def test_what_the_database_refuses_after_the_codec_is_rejected_alone(province, caplog):
    """The last guard: a rule the codec lacks (here a constraint the test adds) costs the one
    operation, rolled back to its savepoint, never its batch."""
    w = province.world
    officer = province.device("chuyenvien", w.officer_id)
    refused_text = "Bị cơ sở dữ liệu từ chối"
    with province.store.write() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(text(
                f"ALTER TABLE worklog_entries ADD CONSTRAINT ck_test_refused CHECK (text <> '{refused_text}')"
            ))
            s.execute(text("ALTER TABLE worklog_entries ALTER COLUMN result TYPE varchar(10)"))  # a DataError
        else:
            s.execute(text(
                "CREATE TRIGGER test_refused BEFORE INSERT ON worklog_entries "
                f"WHEN NEW.text = '{refused_text}' OR length(NEW.result) > 10 "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            ))
    goods = [_entry("Họp giao ban"), _entry("Đọc công văn"), _entry("Soạn tờ trình")]
    refused = [_entry(refused_text), _entry("Tổng hợp", result="r" * 11)]
    caplog.set_level(logging.INFO)
    response = _raw_push(officer, province, [goods[0], refused[0], goods[1], refused[1], goods[2]])
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["accepted", "rejected", "accepted", "rejected", "accepted"]
    for answer in (results[1], results[3]):
        assert answer["reason"] == (
            "Máy chủ không lưu được thao tác này vì dữ liệu không phù hợp; hãy báo quản trị hệ thống."
        )
        assert answer["reason_en"].startswith("The server could not store this operation")
    with province.store.read() as s:
        held = set(s.scalars(select(WorklogEntry.id)))
    assert held == {g["entry_id"] for g in goods}
    # A missing rule is a bug: logged as one, with the operation, and the push answered.
    logged = _errors_logged(caplog)
    assert len(logged) == 2 and refused[0]["op_id"] in logged[0] and refused[1]["op_id"] in logged[1]
    # Remembered as rejected: the same push again is answered the same, changing nothing.
    again = _raw_push(officer, province, [refused[0]]).json()["results"]
    assert again[0]["outcome"] == "rejected" and again[0]["replayed"]


def test_the_desktop_refuses_at_once_what_the_server_would_not_store(province):
    """The client goes through the same codec: the action fails with its reason, nothing
    waits in the outbox for a server that would refuse it."""
    officer = province.device("chuyenvien", province.world.officer_id)
    officer.engine.sync_once()
    too_long = type(DIARY_OPS[0])(op_id=new_id(), entry_id=new_id(), day=MONDAY.isoformat(), text="Soạn báo cáo",
                                   minutes=30, source_key="k" * 161)
    with pytest.raises(ValidationError) as caught:
        with officer.store.write() as s:
            record_local(s, officer.user_id, too_long)
    assert caught.value.message_vi == "Thao tác không hợp lệ: “source_key” dài 161 ký tự, vượt quá giới hạn 160 ký tự."
    with officer.store.read() as s:
        assert s.scalars(select(OutboxEntry)).all() == [] and s.get(WorklogEntry, too_long.entry_id) is None
