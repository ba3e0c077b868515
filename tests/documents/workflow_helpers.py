"""Small builders shared by the document workflow tests (directions, follow-up, outgoing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from types import SimpleNamespace

from eoffice.documents.fields import DocumentFields
from eoffice.documents.incoming import PreparedFile, prepare_files, register_incoming
from eoffice.store.blobs import BlobStore

def plain(row: object) -> SimpleNamespace:
    """A row's column values, still readable after its session is gone."""
    return SimpleNamespace(**{c.key: getattr(row, c.key) for c in row.__table__.columns})  # type: ignore[attr-defined]


_serial = iter(range(1, 1_000_000))


def incoming_fields(subject: str = "Về việc chuyển đổi số", **overrides: object) -> DocumentFields:
    n = next(_serial)
    values: dict[str, object] = dict(
        type_name="Công văn",
        subject=subject,
        organ_name="Sở Nội vụ",
        organ_id="000.00.12.H41",
        code_number=f"{n:02d}",
        code_notation="SNV-VP",
        issued_date=date(2026, 3, 2),
    )
    values.update(overrides)
    return DocumentFields(**values)  # type: ignore[arg-type]


def register(
    world,  # type: ignore[no-untyped-def]
    blobs: BlobStore,
    pdf_factory: Callable[..., Path],
    *,
    arrival_date: date = date(2026, 3, 3),
    **overrides: object,
) -> str:
    """Register one incoming document as the clerk; returns its id."""
    files: list[PreparedFile] = prepare_files([pdf_factory()], blobs)
    with world.store.write() as s:
        doc = register_incoming(s, world.clerk_id, incoming_fields(**overrides), files, arrival_date=arrival_date)
        return doc.id
