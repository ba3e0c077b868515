"""live events: the live channel's log (seq in commit order, audience, payload)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 10:35:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('live_events',
    sa.Column('seq', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('organisation_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=20), nullable=True),
    sa.Column('payload_json', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_live_events')),
    sa.UniqueConstraint('id', name=op.f('uq_live_events_id'))
    )
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_live_events_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_events_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_events_organisation_id'), ['organisation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_live_events_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_live_events_unit_id'))
        batch_op.drop_index(batch_op.f('ix_live_events_user_id'))
    op.drop_table('live_events')
