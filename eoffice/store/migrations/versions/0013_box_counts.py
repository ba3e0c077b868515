"""box counts: the sidebar's counts kept by triggers; a covering index for directed documents

Revision ID: 0013_box_counts
Revises: 0012_live_audiences
Create Date: 2026-12-06 10:00:00

- SQLite only: ``box_tallies``, ``box_entries``, ``box_open`` and ``box_open_documents``,
  kept by triggers on documents, direction lines and directions, filled here from what is already there
  (``eoffice.documents.boxcounts``). At a million documents the sidebar counted a year
  of registers and every candidate's visibility in two to eight seconds.
- ``ix_directions_leader`` also holds ``deleted`` and ``document_id``: the documents a
  person directed are read from the index alone. With one leader directing every
  document, SQLite's statistics made a scan of the table cheaper than the index without
  them, and every visibility check of a non-leader scanned half a million directions.
"""
from alembic import op

from eoffice.documents import boxcounts

revision = '0013_box_counts'
down_revision = '0012_live_audiences'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document_directions', schema=None) as batch_op:
        batch_op.drop_index('ix_directions_leader')
        batch_op.create_index('ix_directions_leader', ['leader_id', 'deleted', 'document_id'], unique=False)
    boxcounts.install(op.get_bind())


def downgrade() -> None:
    boxcounts.uninstall(op.get_bind())
    with op.batch_alter_table('document_directions', schema=None) as batch_op:
        batch_op.drop_index('ix_directions_leader')
        batch_op.create_index('ix_directions_leader', ['leader_id'], unique=False)
