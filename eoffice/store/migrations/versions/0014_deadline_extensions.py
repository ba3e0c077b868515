"""deadline extensions: a direction line's holder asks for more time, the directing leader decides

Revision ID: 0014_deadline_extensions
Revises: 0013_box_counts
Create Date: 2026-12-06 13:30:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0014_deadline_extensions'
down_revision = '0013_box_counts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('deadline_extensions',
    sa.Column('document_id', sa.String(length=36), nullable=False),
    sa.Column('line_id', sa.String(length=36), nullable=False),
    sa.Column('requested_by', sa.String(length=36), nullable=False),
    sa.Column('previous_deadline', sa.Date(), nullable=True),
    sa.Column('requested_deadline', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('decided_by', sa.String(length=36), nullable=True),
    sa.Column('decided_deadline', sa.Date(), nullable=True),
    sa.Column('decision_note', sa.Text(), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_deadline_extensions_document_id_documents')),
    sa.ForeignKeyConstraint(
        ['line_id'], ['direction_lines.id'], name=op.f('fk_deadline_extensions_line_id_direction_lines')
    ),
    sa.ForeignKeyConstraint(['requested_by'], ['users.id'], name=op.f('fk_deadline_extensions_requested_by_users')),
    sa.ForeignKeyConstraint(['decided_by'], ['users.id'], name=op.f('fk_deadline_extensions_decided_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline_extensions'))
    )
    with op.batch_alter_table('deadline_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_extensions_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extensions_line_id'), ['line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_deadline_extensions_server_version'), ['server_version'], unique=False)


def downgrade() -> None:
    op.drop_table('deadline_extensions')
