"""document co-signers: a draft may name who signs it before the leader

Revision ID: 0020_document_cosigners
Revises: 0019_meeting_sessions
Create Date: 2026-12-06 22:00:00

- ``documents.cosigner_id``: who signs the draft before the leader who approves it
  (người ký trước: the secretary of a meeting's minutes, THƯ KÝ beside CHỦ TỌA);
- ``documents.cosigner_position``: the title over their block ("THƯ KÝ"), which their
  signature is placed by; empty: their position.
"""
import sqlalchemy as sa
from alembic import op

from eoffice.documents import boxcounts

revision = '0020_document_cosigners'
down_revision = '0019_meeting_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('documents', sa.Column('cosigner_id', sa.String(length=36), nullable=True))
    op.add_column(
        'documents', sa.Column('cosigner_position', sa.String(length=200), server_default='', nullable=False)
    )
    if op.get_bind().dialect.name != "sqlite":  # SQLite cannot add a constraint to a table
        op.create_foreign_key(op.f('fk_documents_cosigner_id_users'), 'documents', 'users', ['cosigner_id'], ['id'])
    op.create_index('ix_documents_cosigner', 'documents', ['cosigner_id'], unique=False,
                    sqlite_where=sa.text('cosigner_id IS NOT NULL'), postgresql_where=sa.text('cosigner_id IS NOT NULL'))


def downgrade() -> None:
    op.drop_index('ix_documents_cosigner', table_name='documents')
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # Plain DROP COLUMN: a batch copy of ``documents`` would trip over the box triggers.
        kept = boxcounts.is_kept(conn)
        boxcounts.drop_triggers(conn)
        for column in ("cosigner_position", "cosigner_id"):
            conn.exec_driver_sql(f"ALTER TABLE documents DROP COLUMN {column}")
        if kept:
            boxcounts.create_triggers(conn)
        return
    op.drop_constraint(op.f('fk_documents_cosigner_id_users'), 'documents', type_='foreignkey')
    op.drop_column('documents', 'cosigner_position')
    op.drop_column('documents', 'cosigner_id')
