"""sign-in limits by source, account and both; tallies of repeated refusals

Revision ID: 0009_sign_in_limits
Revises: 0008_signing
Create Date: 2026-12-10 09:00:00

- ``login_limits`` replaces ``login_throttle`` (failures per username only, which let
  anyone lock any account): failures are counted per source address, per account, and
  per account from one source. Counts in flight at the upgrade are dropped; the worst
  that costs is a few more guesses for someone who was guessing.
- ``audit_tallies``: repeats of one refusal inside a window, written to the audit
  chain as one event with their count when the window closes.
"""
import sqlalchemy as sa
from alembic import op

revision = '0009_sign_in_limits'
down_revision = '0008_signing'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_table('login_throttle')
    op.create_table(
        'login_limits',
        sa.Column('key', sa.String(length=200), nullable=False),
        sa.Column('scope', sa.String(length=10), nullable=False),
        sa.Column('source', sa.String(length=100), nullable=False),
        sa.Column('username', sa.String(length=80), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('window_start', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_login_limits')),
    )
    with op.batch_alter_table('login_limits', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_limits_username'), ['username'], unique=False)
    op.create_table(
        'audit_tallies',
        sa.Column('key', sa.String(length=64), nullable=False),
        sa.Column('window_end', sa.DateTime(timezone=True), nullable=False),
        sa.Column('repeats', sa.Integer(), nullable=False),
        sa.Column('first_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('last_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('actor_id', sa.String(length=36), nullable=True),
        sa.Column('action', sa.String(length=60), nullable=False),
        sa.Column('target_type', sa.String(length=40), nullable=False),
        sa.Column('target_id', sa.String(length=36), nullable=False),
        sa.Column('after_json', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('key', name=op.f('pk_audit_tallies')),
    )
    with op.batch_alter_table('audit_tallies', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_tallies_window_end'), ['window_end'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_tallies', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_tallies_window_end'))
    op.drop_table('audit_tallies')
    with op.batch_alter_table('login_limits', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_limits_username'))
    op.drop_table('login_limits')
    op.create_table(
        'login_throttle',
        sa.Column('username', sa.String(length=80), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('locked_until', sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint('username', name=op.f('pk_login_throttle')),
    )
