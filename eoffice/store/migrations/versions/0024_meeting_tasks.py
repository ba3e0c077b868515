"""meeting tasks: tasks assigned in a meeting and their follow-up

Revision ID: 0024_meeting_tasks
Revises: 0023_meeting_minutes
Create Date: 2026-12-06 21:57:17.470351
"""
from alembic import op
import sqlalchemy as sa


revision = '0024_meeting_tasks'
down_revision = '0023_meeting_minutes'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_tasks',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_title', sa.String(length=500), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=True),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('what', sa.String(length=2000), nullable=False),
    sa.Column('lead_unit_id', sa.String(length=36), nullable=True),
    sa.Column('lead_user_id', sa.String(length=36), nullable=True),
    sa.Column('coordinators', sa.Text(), nullable=False),
    sa.Column('audience', sa.Text(), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('return_reason', sa.Text(), nullable=False),
    sa.Column('result_note', sa.Text(), nullable=False),
    sa.Column('reply_document_id', sa.String(length=36), nullable=True),
    sa.Column('assigned_by', sa.String(length=36), nullable=True),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('completed_by', sa.String(length=36), nullable=True),
    sa.Column('completed_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['assigned_by'], ['users.id'], name=op.f('fk_meeting_tasks_assigned_by_users')),
    sa.ForeignKeyConstraint(['lead_unit_id'], ['units.id'], name=op.f('fk_meeting_tasks_lead_unit_id_units')),
    sa.ForeignKeyConstraint(['lead_user_id'], ['users.id'], name=op.f('fk_meeting_tasks_lead_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_tasks'))
    )
    with op.batch_alter_table('meeting_tasks', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_tasks_meeting', ['meeting_id', 'parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_tasks_server_version'), ['server_version'], unique=False)
        batch_op.create_index('ix_meeting_tasks_unit_state', ['lead_unit_id', 'state'], unique=False)
        batch_op.create_index('ix_meeting_tasks_user_state', ['lead_user_id', 'state'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meeting_tasks', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_tasks_user_state')
        batch_op.drop_index('ix_meeting_tasks_unit_state')
        batch_op.drop_index(batch_op.f('ix_meeting_tasks_server_version'))
        batch_op.drop_index('ix_meeting_tasks_meeting')

    op.drop_table('meeting_tasks')
