"""review chain: a draft may go to the head of its unit before the leader who signs

Revision ID: 0015_review_chain
Revises: 0014_deadline_extensions
Create Date: 2026-12-06 13:30:00

- ``organisations.draft_review_levels``: 1 (the drafter submits to the leader who signs,
  as before) or 2 (the head of the drafting unit reviews the draft first).
- ``units.head_user_id``: the head of the unit (trưởng đơn vị); no foreign key, as units
  sync before users.
- ``documents.signer_id``: the leader who is to sign a draft, chosen when it is
  submitted; ``approver_id`` names whom it waits for now (the head while "reviewing").
- SQLite: the box-count triggers again, so that a draft awaiting its head's review is in
  the head's waiting box (``eoffice.documents.boxcounts``).
"""
import sqlalchemy as sa
from alembic import op

from eoffice.documents import boxcounts

revision = '0015_review_chain'
down_revision = '0014_deadline_extensions'
branch_labels = None
depends_on = None


def _renew_triggers() -> None:
    conn = op.get_bind()
    if boxcounts.is_kept(conn):
        boxcounts.create_triggers(conn)


def upgrade() -> None:
    op.add_column('organisations', sa.Column('draft_review_levels', sa.Integer(), server_default='1', nullable=False))
    op.add_column('units', sa.Column('head_user_id', sa.String(length=36), nullable=True))
    op.add_column('documents', sa.Column('signer_id', sa.String(length=36), nullable=True))
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot add a constraint to a table
        op.create_foreign_key(op.f('fk_documents_signer_id_users'), 'documents', 'users', ['signer_id'], ['id'])
    _renew_triggers()


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # Plain DROP COLUMN: a batch copy of ``documents`` would trip over the box triggers.
        kept = boxcounts.is_kept(conn)
        boxcounts.drop_triggers(conn)
        for table, column in (("documents", "signer_id"), ("units", "head_user_id"),
                              ("organisations", "draft_review_levels")):
            conn.exec_driver_sql(f"ALTER TABLE {table} DROP COLUMN {column}")
        if kept:
            boxcounts.create_triggers(conn)
        return
    op.drop_constraint(op.f('fk_documents_signer_id_users'), 'documents', type_='foreignkey')
    op.drop_column('documents', 'signer_id')
    op.drop_column('units', 'head_user_id')
    op.drop_column('organisations', 'draft_review_levels')
