"""meeting minutes: the secretary's texts, the minutes' and conclusions' drafts

Revision ID: 0023_meeting_minutes
Revises: 0021_meeting_opinions
Create Date: 2026-12-06 21:24:56.609028
"""
from alembic import op
import sqlalchemy as sa


revision = '0023_meeting_minutes'
down_revision = '0021_meeting_opinions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_minutes_texts',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('part', sa.String(length=80), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_by', sa.String(length=36), nullable=True),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['written_by'], ['users.id'], name=op.f('fk_meeting_minutes_texts_written_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_minutes_texts')),
    sa.UniqueConstraint('meeting_id', 'part', name=op.f('uq_meeting_minutes_texts_meeting_id_part'))
    )
    with op.batch_alter_table('meeting_minutes_texts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_minutes_texts_server_version'), ['server_version'], unique=False)
        batch_op.create_index('ix_meeting_minutes_texts_version', ['meeting_id', 'server_version'], unique=False)

    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_document_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('conclusions_document_id', sa.String(length=36), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('conclusions_document_id')
        batch_op.drop_column('minutes_document_id')

    with op.batch_alter_table('meeting_minutes_texts', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_minutes_texts_version')
        batch_op.drop_index(batch_op.f('ix_meeting_minutes_texts_server_version'))

    op.drop_table('meeting_minutes_texts')
