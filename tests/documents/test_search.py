"""Search: diacritic-insensitive, over fields and PDF text, filtered, ordered, paged."""

from __future__ import annotations

from datetime import date

import pytest

from eoffice.directory.models import User
from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import prepare_files, register_incoming
from eoffice.documents.models import DirectionLine, Document, DocumentDirection
from eoffice.documents.saved_searches import (
    delete_saved_search,
    list_saved_searches,
    save_search,
    saved_filters,
)
from eoffice.documents.search import SearchFilters, search
from eoffice.errors import NotFound, ValidationError
from eoffice.store.base import new_id

TODAY = date(2026, 3, 20)


def register(world, blobs, pdf_factory, *, subject, body="Nội dung văn bản.", arrival=date(2026, 3, 2), **extra):
    files = prepare_files([pdf_factory(subject=subject, body=body)], blobs)
    fields = DocumentFields(
        type_name=extra.pop("type_name", "Công văn"),
        subject=subject,
        organ_name=extra.pop("organ_name", "Sở Nội vụ"),
        organ_id=extra.pop("organ_id", "000.00.12.H41"),
        code_number=extra.pop("code_number", None),
        code_notation=extra.pop("code_notation", ""),
        issued_date=extra.pop("issued_date", date(2026, 3, 1)),
        **extra,
    )
    with world.store.write() as s:
        doc = register_incoming(s, world.clerk_id, fields, files, arrival_date=arrival, allow_duplicate=True)
        return doc.id


def find(world, user_id, query, filters=None, **kw):
    with world.store.read() as s:
        user = s.get(User, user_id)
        return [r.id for r in search(s, user, query, filters, today=TODAY, **kw)]


@pytest.fixture
def docs(world, blobs, pdf_factory):
    """Four incoming documents, oldest first."""
    ids = {}
    ids["decision"] = register(
        world, blobs, pdf_factory,
        subject="Về việc triển khai chuyển đổi số năm 2026",
        type_name="Quyết định", code_number="12", code_notation="QĐ-UBND",
        organ_name="Ủy ban nhân dân huyện Nghi Lộc", organ_id="000.00.30.H41",
        priority="urgent",
    )
    ids["disaster"] = register(
        world, blobs, pdf_factory,
        subject="Kế hoạch phòng, chống thiên tai năm 2026",
        body="Kiểm tra đê điều xung yếu trước mùa mưa bão.",
        type_name="Kế hoạch", code_number="07", code_notation="KH-SNN",
    )
    ids["report"] = register(
        world, blobs, pdf_factory,
        subject="Báo cáo tình hình kinh tế quý I",
        body="Kết quả chuyển đổi số của các sở, ngành đạt khá. Phòng chống COVID-19 tốt.",
        type_name="Báo cáo", code_number="31", code_notation="BC-STC",
    )
    ids["secret"] = register(
        world, blobs, pdf_factory,
        subject="Về việc bảo vệ bí mật nhà nước trong chuyển đổi số",
        type_name="Công văn", code_number="02", code_notation="CAT-PA03",
        secrecy="confidential",
    )
    return ids


def test_subject_found_without_diacritics(world, docs):
    assert find(world, world.clerk_id, "trien khai chuyen doi so") == [docs["decision"]]
    assert find(world, world.clerk_id, "PHÒNG CHỐNG THIÊN TAI") == [docs["disaster"]]


def test_number_and_notation(world, docs):
    assert find(world, world.clerk_id, "12/QĐ-UBND") == [docs["decision"]]
    assert find(world, world.clerk_id, "qd-ubnd") == [docs["decision"]]
    assert find(world, world.clerk_id, "KH-SNN") == [docs["disaster"]]


def test_pdf_body_text(world, docs):
    assert find(world, world.clerk_id, "de dieu xung yeu") == [docs["disaster"]]


def test_every_word_must_match_and_the_last_is_a_prefix(world, docs):
    assert find(world, world.clerk_id, "chuyen doi so nghi loc") == [docs["decision"]]
    assert find(world, world.clerk_id, "thien ta") == [docs["disaster"]]
    assert find(world, world.clerk_id, "phong chong thie") == [docs["disaster"]]
    assert find(world, world.clerk_id, "phong chong thien") == [docs["disaster"]]
    assert find(world, world.clerk_id, "covi") == [docs["report"]]
    assert find(world, world.clerk_id, "qd-ubn") == [docs["decision"]]
    assert find(world, world.clerk_id, "qd-u") == [docs["decision"]]
    for order in ("newest", "relevance"):
        assert find(world, world.clerk_id, "12/QĐ-UB", order=order) == [docs["decision"]]
    assert find(world, world.clerk_id, "chuyen doi so khong co dau") == []


def test_newest_first_and_keyset_pages(world, docs):
    newest = [docs["secret"], docs["report"], docs["decision"]]
    assert find(world, world.clerk_id, "chuyen doi so") == newest
    with world.store.read() as s:
        user = s.get(User, world.clerk_id)
        first = search(s, user, "chuyen doi so", limit=2, today=TODAY)
        rest = search(s, user, "chuyen doi so", limit=2, before_key=first[-1].sort_key, today=TODAY)
    assert [r.id for r in first] == newest[:2]
    assert [r.id for r in rest] == newest[2:]


def test_relevance_puts_a_field_match_above_a_body_only_match(world, docs):
    ranked = find(world, world.leader_id, "chuyen doi so", order="relevance")
    assert ranked.index(docs["decision"]) < ranked.index(docs["report"])
    # newest first would put the newer body-only match on top
    assert find(world, world.leader_id, "chuyen doi so") == [docs["secret"], docs["report"], docs["decision"]]


def test_filters_apply_to_document_columns(world, docs):
    assert find(world, world.clerk_id, "chuyen doi so", SearchFilters(type_name="Báo cáo")) == [docs["report"]]
    assert find(world, world.clerk_id, "", SearchFilters(priority="urgent")) == [docs["decision"]]
    assert find(world, world.clerk_id, "", SearchFilters(secrecy="confidential")) == [docs["secret"]]
    assert find(world, world.clerk_id, "", SearchFilters(direction="outgoing")) == []
    assert len(find(world, world.clerk_id, "", SearchFilters(direction="incoming", year=2026))) == 4
    assert find(world, world.clerk_id, "", SearchFilters(year=2025)) == []
    assert len(find(world, world.clerk_id, "", SearchFilters(state="registered"))) == 4


def test_overdue_filter_uses_open_direction_lines(world, docs):
    with world.store.write() as s:
        direction = DocumentDirection(id=new_id(), document_id=docs["disaster"], leader_id=world.leader_id)
        s.add(direction)
        s.flush()
        s.add(DirectionLine(id=new_id(), document_id=docs["disaster"], direction_id=direction.id,
                            role="lead", unit_id=world.office_unit_id, deadline=date(2026, 3, 10), state="waiting"))
        s.add(DirectionLine(id=new_id(), document_id=docs["report"], direction_id=direction.id,
                            role="lead", unit_id=world.office_unit_id, deadline=date(2026, 3, 10), state="done"))
    assert find(world, world.clerk_id, "", SearchFilters(overdue=True)) == [docs["disaster"]]


def test_empty_query_lists_everything_visible_newest_first(world, docs):
    assert find(world, world.clerk_id, "") == [docs["secret"], docs["report"], docs["disaster"], docs["decision"]]
    assert find(world, world.clerk_id, "  ;;  ") == find(world, world.clerk_id, "")


@pytest.mark.parametrize("typed", ['"', "AND OR (", "NEAR(", "*", "-", "subject:abc", "') OR 1=1 --", "đ\"ổi*"])
def test_syntax_characters_do_not_crash(world, docs, typed):
    for order in ("newest", "relevance"):
        assert isinstance(find(world, world.clerk_id, typed, order=order), list)


def test_secret_documents_are_hidden_from_other_officers(world, docs):
    assert docs["secret"] not in find(world, world.officer_id, "chuyen doi so")
    assert docs["secret"] not in find(world, world.officer_id, "")
    assert docs["secret"] in find(world, world.leader_id, "chuyen doi so")
    # named on a direction line: now visible to that officer only
    with world.store.write() as s:
        direction = DocumentDirection(id=new_id(), document_id=docs["secret"], leader_id=world.leader_id)
        s.add(direction)
        s.flush()
        s.add(DirectionLine(id=new_id(), document_id=docs["secret"], direction_id=direction.id,
                            role="lead", user_id=world.officer_id, state="waiting"))
    assert docs["secret"] in find(world, world.officer_id, "chuyen doi so")
    assert docs["secret"] not in find(world, world.officer2_id, "chuyen doi so")


def test_other_organisations_documents_are_not_found(world, docs):
    from eoffice.directory.admin import create_organisation, create_user
    from eoffice.directory.models import Role

    with world.store.write() as s:
        other = create_organisation(s, "000.00.99.H41", "Sở Xây dựng", "SXD")
        stranger = create_user(s, "khac", "Người Khác", other.id, {Role.CLERK})
        stranger_id = stranger.id
    assert find(world, stranger_id, "chuyen doi so") == []
    assert find(world, stranger_id, "") == []


def test_saved_searches_round_trip_and_replace_by_name(world, docs):
    filters = SearchFilters(type_name="Báo cáo", year=2026, overdue=True)
    with world.store.write() as s:
        first = save_search(s, world.officer_id, "Báo cáo quá hạn", "chuyen doi so", filters)
        save_search(s, world.officer_id, "Báo cáo quá hạn", "kinh te", SearchFilters(priority="urgent"))
        save_search(s, world.officer_id, "Khẩn", "", None)
        save_search(s, world.officer2_id, "Của người khác", "x", None)
        first_id = first.id
    with world.store.read() as s:
        mine = list_saved_searches(s, world.officer_id)
        assert [m.name for m in mine] == ["Báo cáo quá hạn", "Khẩn"]
        assert mine[0].id == first_id and mine[0].query == "kinh te"
        assert saved_filters(mine[0]) == SearchFilters(priority="urgent")
    assert SearchFilters.from_dict(filters.to_dict()) == filters
    assert SearchFilters.from_dict({"year": "2026", "unknown": 1}) == SearchFilters(year=2026)
    with world.store.write() as s:
        with pytest.raises(NotFound):
            delete_saved_search(s, world.officer2_id, first_id)
    with world.store.write() as s:
        delete_saved_search(s, world.officer_id, first_id)
    with world.store.read() as s:
        assert [m.name for m in list_saved_searches(s, world.officer_id)] == ["Khẩn"]
    with world.store.write() as s:
        with pytest.raises(ValidationError):
            save_search(s, world.officer_id, "   ", "", None)


def test_volume_paging_walks_every_match_once(world):
    """Many directly indexed rows: keyset pages neither repeat nor skip a match."""
    from eoffice.documents.indexing import index_document
    from eoffice.store.sequences import next_value

    with world.store.write() as s:
        for i in range(450):
            doc = Document(
                id=new_id(), organisation_id=world.org_id, direction="incoming", state="registered",
                sort_key=next_value(s, "documents.sort_key"), type_name="Công văn",
                subject=f"Về việc cải cách hành chính đợt {i}" if i % 3 else f"Về việc khác {i}",
                created_by=world.clerk_id,
            )
            s.add(doc)
            s.flush()
            index_document(s, doc, "")
    seen: list[int] = []
    before = None
    with world.store.read() as s:
        user = s.get(User, world.leader_id)
        while True:
            page = search(s, user, "cai cach hanh chinh", limit=70, before_key=before, today=TODAY)
            if not page:
                break
            seen.extend(r.sort_key for r in page)
            before = page[-1].sort_key
    assert len(seen) == 300 == len(set(seen))
    assert seen == sorted(seen, reverse=True)
    ranked: list[int] = []
    with world.store.read() as s:
        user = s.get(User, world.leader_id)
        while page := search(s, user, "cai cach hanh", order="relevance", limit=70, offset=len(ranked), today=TODAY):
            ranked.extend(r.sort_key for r in page)
    assert sorted(ranked) == sorted(seen)


def test_year_filter_with_a_query_and_without(world):
    from eoffice.documents.indexing import index_document
    from eoffice.store.sequences import next_value

    made = {}
    with world.store.write() as s:
        for year in (2024, 2025, 2025, 2026):
            doc = Document(
                id=new_id(), organisation_id=world.org_id, direction="incoming", state="done",
                sort_key=next_value(s, "documents.sort_key"), type_name="Công văn", year=year,
                subject=f"Về việc chuyển đổi số năm {year}", created_by=world.clerk_id,
            )
            s.add(doc)
            s.flush()
            index_document(s, doc, "")
            made.setdefault(year, []).append(doc.id)
    for order in ("newest", "relevance"):
        got = find(world, world.leader_id, "chuyen doi so", SearchFilters(year=2025), order=order)
        assert sorted(got) == sorted(made[2025])
    assert find(world, world.leader_id, "", SearchFilters(year=2025)) == list(reversed(made[2025]))
    assert find(world, world.leader_id, "chuyen doi", SearchFilters(year=2023)) == []
