"""live audiences: an event's audience is a registered kind and a reference

Revision ID: 0012_live_audiences
Revises: 0011_signing_certificates
Create Date: 2026-12-12 09:00:00

- ``live_events``: ``user_id`` / ``unit_id`` / ``organisation_id`` become one key,
  ``audience_kind`` (``user``, ``unit``, ``organisation``, or a kind a capability
  registers, e.g. a meeting's participants) and ``audience_ref`` (that user's, unit's,
  organisation's… id), indexed together; ``role`` still narrows it. Who belongs to an
  audience is resolved when the event is delivered (``eoffice.server.events``). Existing
  events keep their audience; one with none reached nobody and is dropped.
"""
import sqlalchemy as sa
from alembic import op

revision = '0012_live_audiences'
down_revision = '0011_signing_certificates'
branch_labels = None
depends_on = None

_OLD = (('user', 'user_id'), ('unit', 'unit_id'), ('organisation', 'organisation_id'))


def upgrade() -> None:
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('audience_kind', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('audience_ref', sa.String(length=36), nullable=True))
    for kind, column in _OLD:  # the old rule's order: a user, else a unit, else an organisation
        op.execute(
            f"UPDATE live_events SET audience_kind = '{kind}', audience_ref = {column} "
            f"WHERE audience_kind IS NULL AND {column} IS NOT NULL"
        )
    op.execute("DELETE FROM live_events WHERE audience_kind IS NULL")
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.alter_column('audience_kind', existing_type=sa.String(length=40), nullable=False)
        batch_op.alter_column('audience_ref', existing_type=sa.String(length=36), nullable=False)
        batch_op.drop_index(batch_op.f('ix_live_events_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_live_events_unit_id'))
        batch_op.drop_index(batch_op.f('ix_live_events_user_id'))
        batch_op.drop_column('organisation_id')
        batch_op.drop_column('unit_id')
        batch_op.drop_column('user_id')
        batch_op.create_index('ix_live_events_audience', ['audience_kind', 'audience_ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('user_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('unit_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('organisation_id', sa.String(length=36), nullable=True))
    for kind, column in _OLD:
        op.execute(f"UPDATE live_events SET {column} = audience_ref WHERE audience_kind = '{kind}'")
    op.execute("DELETE FROM live_events WHERE audience_kind NOT IN ('user', 'unit', 'organisation')")
    with op.batch_alter_table('live_events', schema=None) as batch_op:
        batch_op.drop_index('ix_live_events_audience')
        batch_op.drop_column('audience_ref')
        batch_op.drop_column('audience_kind')
        batch_op.create_index(batch_op.f('ix_live_events_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_events_unit_id'), ['unit_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_live_events_organisation_id'), ['organisation_id'], unique=False)
