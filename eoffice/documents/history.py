"""A document's history pane: the audit events on it and on its direction lines."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from eoffice.audit.models import AuditEvent
from eoffice.documents.models import DirectionLine


def document_history(session: Session, document_id: str) -> list[AuditEvent]:
    """Events on a document and on its direction lines, oldest first (the history pane)."""
    line_ids = select(DirectionLine.id).where(DirectionLine.document_id == document_id)
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                or_(
                    (AuditEvent.target_type == "document") & (AuditEvent.target_id == document_id),
                    (AuditEvent.target_type == "direction_line") & AuditEvent.target_id.in_(line_ids),
                )
            )
            .order_by(AuditEvent.seq)
        )
    )
