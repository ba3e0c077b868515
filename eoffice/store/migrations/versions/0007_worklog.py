"""worklog: diary entries, reviewed weeks, leaders' comments

Revision ID: 0007_worklog
Revises: 0006_sync_speed
Create Date: 2026-11-23 09:00:00
"""
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0007_worklog'
down_revision = '0006_sync_speed'
branch_labels = None
depends_on = None


def _synced() -> list[sa.Column[Any]]:
    return [
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('server_version', sa.BigInteger(), nullable=True),
        sa.Column('deleted', sa.Boolean(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    ]


def upgrade() -> None:
    op.create_table('worklog_entries',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('start_minute', sa.Integer(), nullable=True),
    sa.Column('end_minute', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=12), nullable=False),
    sa.Column('result', sa.Text(), nullable=False),
    sa.Column('document_id', sa.String(length=36), nullable=True),
    sa.Column('direction_line_id', sa.String(length=36), nullable=True),
    sa.Column('meeting_id', sa.String(length=36), nullable=True),
    sa.Column('recurring', sa.Boolean(), nullable=False),
    sa.Column('source_key', sa.String(length=160), nullable=True),
    sa.Column('revision', sa.String(length=36), nullable=False),
    sa.Column('conflict_of', sa.String(length=36), nullable=True),
    sa.Column('conflict', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    *_synced(),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_worklog_entries_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worklog_entries')),
    sa.UniqueConstraint('user_id', 'source_key', name=op.f('uq_worklog_entries_user_id_source_key'))
    )
    with op.batch_alter_table('worklog_entries', schema=None) as batch_op:
        batch_op.create_index('ix_worklog_entries_user_day', ['user_id', 'day'], unique=False)
        batch_op.create_index(batch_op.f('ix_worklog_entries_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worklog_entries_conflict_of'), ['conflict_of'], unique=False)
        batch_op.create_index(batch_op.f('ix_worklog_entries_server_version'), ['server_version'], unique=False)

    op.create_table('worklog_weeks',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('state', sa.String(length=10), nullable=False),
    sa.Column('approved_by', sa.String(length=36), nullable=True),
    sa.Column('approved_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('approved_minutes', sa.Integer(), nullable=True),
    sa.Column('reopened_by', sa.String(length=36), nullable=True),
    sa.Column('reopened_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('reopen_reason', sa.Text(), nullable=False),
    *_synced(),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_worklog_weeks_user_id_users')),
    sa.ForeignKeyConstraint(['approved_by'], ['users.id'], name=op.f('fk_worklog_weeks_approved_by_users')),
    sa.ForeignKeyConstraint(['reopened_by'], ['users.id'], name=op.f('fk_worklog_weeks_reopened_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worklog_weeks')),
    sa.UniqueConstraint('user_id', 'week_start', name=op.f('uq_worklog_weeks_user_id_week_start'))
    )
    with op.batch_alter_table('worklog_weeks', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_worklog_weeks_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_worklog_weeks_server_version'), ['server_version'], unique=False)

    op.create_table('worklog_comments',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('week_start', sa.Date(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=True),
    sa.Column('author_id', sa.String(length=36), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    *_synced(),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_worklog_comments_user_id_users')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_worklog_comments_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_worklog_comments'))
    )
    with op.batch_alter_table('worklog_comments', schema=None) as batch_op:
        batch_op.create_index('ix_worklog_comments_owner_week', ['user_id', 'week_start'], unique=False)
        batch_op.create_index(batch_op.f('ix_worklog_comments_server_version'), ['server_version'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('worklog_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worklog_comments_server_version'))
        batch_op.drop_index('ix_worklog_comments_owner_week')
    op.drop_table('worklog_comments')
    with op.batch_alter_table('worklog_weeks', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worklog_weeks_server_version'))
        batch_op.drop_index(batch_op.f('ix_worklog_weeks_user_id'))
    op.drop_table('worklog_weeks')
    with op.batch_alter_table('worklog_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_worklog_entries_server_version'))
        batch_op.drop_index(batch_op.f('ix_worklog_entries_conflict_of'))
        batch_op.drop_index(batch_op.f('ix_worklog_entries_document_id'))
        batch_op.drop_index('ix_worklog_entries_user_day')
    op.drop_table('worklog_entries')
