"""participants' attended times, for the work diary

Revision ID: 0025_participant_attended
Revises: 0024_meeting_tasks
Create Date: 2026-12-06 21:55:04.982426
"""
from alembic import op
import sqlalchemy as sa


revision = '0025_participant_attended'
down_revision = '0024_meeting_tasks'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('attended_from', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('attended_until', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_column('attended_until')
        batch_op.drop_column('attended_from')
