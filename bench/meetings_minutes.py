"""Benchmark, minutes part of ``bench/meetings.py``: a two-day HĐND session on paper.

    .venv/bin/python bench/meetings.py --only minutes [--database sqlite|postgresql|both]
                                       [--minutes-trials 3]

Setup, in a fresh server database through the domain's own functions (as the session
would have written it): a council session (kỳ họp HĐND) of two sittings with 40 agenda
items (20 a day), 90 participants (the chair, the secretary, 85 members, 3 guests); 80
members in the hall, 2 online, 3 absent with a reason; 300 speeches spread over the items
(2 to 10 minutes each); 60 votes (a named vote and a secret ballot on most items), each
with every present member's ballot, closed and published; the secretary's summary of
every speech and every item's conclusion written; 300 meeting documents (three pages
each, stored as files).

Measured (median of ``--minutes-trials`` runs, seconds):

- ``record_build_ms``: ``GET /meetings/{id}/record``'s work (``minutes.record``);
- ``minutes_build_s``: the minutes composed from rows, record and texts and laid out as
  PDF (``compose.minutes_of`` + ``paper_pdf.render_minutes``): what "Xem bản in", "Xuất
  PDF" and the BB draft do;
- ``minutes_docx_s``: the same to DOCX (``paper_docx``);
- ``record_export_s``: the closed meeting's record for the archive: the originals, the
  PDF with bookmarks binding the minutes and the 300 documents, and the ZIP with its
  manifest (``minutes.archive``);
- ``minutes_pages`` / ``record_pages`` / ``record_zip_mb``: what was produced.
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.sync import Scratch, directory  # noqa: E402

ITEMS, SPEECHES, VOTES, MEMBERS, GUESTS, DOCUMENTS = 40, 300, 60, 85, 3, 300
START = datetime(2026, 12, 7, 1, 0, tzinfo=UTC)  # 08:00 in Vietnam


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def _pdfs(folder: Path, n: int) -> list[Path]:
    """``n`` distinct three-page PDFs (the documents cycle over them)."""
    from eoffice.demo.pdfs import write_document

    folder.mkdir(parents=True, exist_ok=True)
    body = "Căn cứ Luật Tổ chức chính quyền địa phương, Ủy ban nhân dân tỉnh trình Hội đồng nhân dân tỉnh. " * 60
    return [write_document(folder / f"doc{i}.pdf", organ_name="Ủy ban nhân dân tỉnh", number_label=f"{i}/TTr-UBND",
                           type_name="Tờ trình", subject=f"Dự thảo nghị quyết số {i}", body=body)
            for i in range(n)]


def seed(url: str, blobs_dir: Path) -> dict[str, Any]:
    """The session, written through the live domain; the ids the measures need."""
    from sqlalchemy import select

    from eoffice.directory.admin import create_user
    from eoffice.directory.models import Role
    from eoffice.meetings import meeting_files, rules
    from eoffice.meetings.live import attendance, session as chairing, speakers, votes
    from eoffice.meetings.minutes import texts
    from eoffice.meetings.models import AgendaItem, Meeting, MeetingDocument, MeetingDocumentVersion, Participant
    from eoffice.meetings.models import Sitting
    from eoffice.store import Store
    from eoffice.store.base import new_id
    from eoffice.store.blobs import BlobStore

    rng = random.Random(18)
    info = directory(url)
    org, unit = info["org_id"], info["unit_id"]
    clerk, leader = info["users"]["vanthu"], info["users"]["lanhdao"]
    store = Store(url)
    blobs = BlobStore(blobs_dir)
    with store.write() as s:
        meeting = Meeting(
            id=new_id(), organisation_id=org, unit_id=unit, title="Kỳ họp thứ mười HĐND tỉnh khóa XVIII",
            kind="hdnd_session", state="scheduled", starts_at=START, ends_at=START + timedelta(days=1, hours=9),
            place="Hội trường Trung tâm Hội nghị tỉnh", chair_id=leader, secretary_id=clerk,
            vote_rules=rules.defaults_for("hdnd_session").to_json(), created_by=clerk,
        )
        sittings = [Sitting(id=new_id(), meeting_id=meeting.id, number=n + 1, title=f"Ngày làm việc thứ {n + 1}",
                            starts_at=START + timedelta(days=n), ends_at=START + timedelta(days=n, hours=9))
                    for n in range(2)]
        s.add_all([meeting, *sittings])
        people = [(leader, "chair", True), (clerk, "secretary", False)]
        for n in range(MEMBERS):
            user = create_user(s, f"daibieu{n:03d}", f"Đại biểu {n:03d}", org, {Role.OFFICER}, unit,
                               f"Đại biểu HĐND tỉnh, tổ {n % 12 + 1}")
            people.append((user.id, "member", True))
        for n in range(GUESTS):
            user = create_user(s, f"khach{n}", f"Khách mời {n}", org, {Role.OFFICER}, unit, "Đại diện Sở Tư pháp")
            people.append((user.id, "guest", False))
        participants = {}
        for user_id, role, votes_ in people:
            row = Participant(id=new_id(), meeting_id=meeting.id, user_id=user_id, role=role, votes=votes_)
            s.add(row)
            participants[user_id] = row.id
        items = []
        for n in range(ITEMS):
            item = AgendaItem(id=new_id(), meeting_id=meeting.id, sitting_id=sittings[n // (ITEMS // 2)].id,
                              position=n, title=f"Dự thảo Nghị quyết về nội dung số {n + 1} của kỳ họp",
                              presenter_id=people[2 + n % MEMBERS][0], decision="vote", vote_rule="majority")
            s.add(item)
            items.append(item.id)
    meeting_id = meeting.id
    log(f"minutes: session of {len(people)} participants, {ITEMS} items")
    now = START
    with store.write() as s:
        chairing.open_session(s, leader, meeting_id, now, sittings[0].id)
    with store.write() as s:
        for n, (user_id, _role, _v) in enumerate(people):
            presence, reason = "hall", ""
            if 2 <= n < 4:
                presence = "online"
            elif 4 <= n < 7:
                presence, reason = "absent", "Đi công tác theo kế hoạch của Thường trực HĐND"
            attendance.mark(s, clerk, meeting_id, participants[user_id], presence, now, reason=reason)
    present = [u for n, (u, role, _v) in enumerate(people) if role in ("chair", "member") and not 4 <= n < 7]
    per_item = SPEECHES // ITEMS
    speech_ids = []
    vote_count = 0
    for i, item_id in enumerate(items):
        with store.write() as s:
            chairing.show(s, leader, meeting_id, item_id=item_id)
        for _k in range(per_item + (1 if i < SPEECHES % ITEMS else 0)):
            speaker = present[rng.randrange(1, len(present))]
            with store.write() as s:
                asked = speakers.ask(s, speaker, meeting_id, "speech", now)
                speakers.accept(s, clerk, meeting_id, asked.id, now)
                speakers.start(s, clerk, meeting_id, asked.id, now)
                now += timedelta(minutes=rng.randint(2, 10))
                speakers.end(s, clerk, meeting_id, asked.id, now)
            speech_ids.append(asked.id)
        for secret in (False, True) if i < VOTES - ITEMS else (False,):  # 20 items with two votes, 20 with one
            with store.write() as s:
                made = votes.create_vote(s, clerk, meeting_id, title=f"Biểu quyết nội dung số {i + 1}", secret=secret,
                                         item_id=item_id, rule_key="majority", now=now)
                votes.open_vote(s, clerk, made.id, now=now)
                for voter in present:
                    votes.cast_ballot(s, voter, made.id, [rng.choice(("yes", "yes", "yes", "no", "abstain"))],
                                      now=now)
                votes.close_vote(s, clerk, made.id, now=now)
                votes.publish_vote(s, clerk, made.id, now=now)
            vote_count += 1
        if i == ITEMS // 2 - 1:
            now = START + timedelta(days=1)  # the second day (one session across both sittings)
    with store.write() as s:
        chairing.close(s, leader, meeting_id, now + timedelta(minutes=10))
    log(f"minutes: {len(speech_ids)} speeches, {vote_count} votes")
    with store.write() as s:
        for n, speech_id in enumerate(speech_ids):
            texts.write_text(s, clerk, meeting_id, texts.speech_part(speech_id),
                             f"Đại biểu đề nghị làm rõ căn cứ pháp lý và nguồn lực thực hiện nội dung {n % ITEMS + 1}; "
                             "bổ sung đánh giá tác động đến người dân và doanh nghiệp.")
        for n, item_id in enumerate(items):
            texts.write_text(s, clerk, meeting_id, texts.item_part(item_id, "conclusion"),
                             f"Hội đồng nhân dân tỉnh thống nhất thông qua nội dung số {n + 1}; giao Ủy ban nhân dân "
                             "tỉnh tổ chức thực hiện.")
    files = [meeting_files.prepare_pdf(p, blobs) for p in _pdfs(blobs_dir.parent / "pdfs", 30)]
    with store.write() as s:
        for n in range(DOCUMENTS):
            ref = files[n % len(files)]
            doc_id = new_id()
            s.add(MeetingDocument(id=doc_id, meeting_id=meeting_id, item_id=items[n % ITEMS], position=n,
                                  title=f"Tài liệu số {n + 1}", added_by=clerk))
            s.add(MeetingDocumentVersion(id=new_id(), meeting_id=meeting_id, meeting_document_id=doc_id, version=1,
                                         filename=ref.filename, digest=ref.digest, size=ref.size,
                                         page_count=ref.page_count, added_by=clerk, added_at=START - timedelta(days=3)))
    with store.read() as s:
        assert len(s.scalars(select(MeetingDocument.id).where(MeetingDocument.meeting_id == meeting_id)).all()) \
            == DOCUMENTS
    store.dispose()
    return {"meeting_id": meeting_id, "clerk": clerk, "speeches": len(speech_ids), "votes": vote_count}


def _median_s(fn: Any, trials: int) -> tuple[float, Any]:
    times, out = [], None
    for _ in range(trials):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return round(statistics.median(times), 3), out


def measure(url: str, blobs_dir: Path, ids: dict[str, Any], trials: int, folder: Path) -> dict[str, Any]:
    import io

    from pypdf import PdfReader

    from eoffice.directory.models import User
    from eoffice.meetings.minutes import archive, texts
    from eoffice.meetings.minutes.compose import minutes_of
    from eoffice.meetings.minutes.paper_docx import render_minutes_docx
    from eoffice.meetings.minutes.paper_pdf import render_minutes
    from eoffice.meetings.minutes.record import meeting_record
    from eoffice.store import Store
    from eoffice.store.blobs import BlobStore

    store, blobs, meeting_id = Store(url), BlobStore(blobs_dir), ids["meeting_id"]
    with store.read() as s:
        clerk = s.get(User, ids["clerk"])

        def record() -> Any:
            return meeting_record(s, meeting_id, clerk)

        record_s, rec = _median_s(record, trials)
        written = texts.texts_of(s, meeting_id)
        build_s, pdf = _median_s(lambda: render_minutes(minutes_of(s, meeting_id, rec, written)), trials)
        docx_s, _docx = _median_s(lambda: render_minutes_docx(minutes_of(s, meeting_id, rec, written)), trials)

        def export() -> int:
            files = archive.originals(s, blobs, meeting_id, rec, written)
            archive.write_record_pdf(s, blobs, meeting_id, rec, written, folder / "ho-so.pdf", files)
            archive.write_record_zip(s, blobs, meeting_id, rec, written, folder / "ho-so.zip", files)
            return len(files)

        export_s, _files = _median_s(export, trials)
    store.dispose()
    return {
        "record_build_ms": round(record_s * 1000, 1),
        "minutes_build_s": build_s,
        "minutes_docx_s": docx_s,
        "record_export_s": export_s,
        "minutes_pages": len(PdfReader(io.BytesIO(pdf)).pages),
        "record_pages": len(PdfReader(str(folder / "ho-so.pdf")).pages),
        "record_zip_mb": round((folder / "ho-so.zip").stat().st_size / 1e6, 1),
    }


def bench_minutes(kind: str, pg_url: str, trials: int) -> dict[str, Any]:
    folder = Path(tempfile.mkdtemp(prefix=f"eoffice-bench-minutes-{kind}-"))
    scratch = Scratch(kind, folder, pg_url)
    result: dict[str, Any] = {"database": kind}
    try:
        url = scratch.url("minutes")
        t0 = time.perf_counter()
        ids = seed(url, folder / "blobs")
        result.update(seed_s=round(time.perf_counter() - t0, 1), items=ITEMS, speeches=ids["speeches"],
                      votes=ids["votes"], participants=2 + MEMBERS + GUESTS, documents=DOCUMENTS)
        result.update(measure(url, folder / "blobs", ids, trials, folder))
        log(f"{kind}: minutes {result['minutes_build_s']} s (PDF), {result['minutes_docx_s']} s (DOCX), "
            f"record {result['record_export_s']} s")
    finally:
        scratch.drop()
        shutil.rmtree(folder, ignore_errors=True)
    return result
