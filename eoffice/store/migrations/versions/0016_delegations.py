"""delegations: a leader's deputy for some days (ủy quyền, ký thay)

Revision ID: 0016_delegations
Revises: 0015_review_chain
Create Date: 2026-12-06 13:40:00
"""
import sqlalchemy as sa
from alembic import op

revision = '0016_delegations'
down_revision = '0015_review_chain'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('delegations',
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('leader_id', sa.String(length=36), nullable=False),
    sa.Column('deputy_id', sa.String(length=36), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=500), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_delegations_created_by_users')),
    sa.ForeignKeyConstraint(['deputy_id'], ['users.id'], name=op.f('fk_delegations_deputy_id_users')),
    sa.ForeignKeyConstraint(['leader_id'], ['users.id'], name=op.f('fk_delegations_leader_id_users')),
    sa.ForeignKeyConstraint(
        ['organisation_id'], ['organisations.id'], name=op.f('fk_delegations_organisation_id_organisations')
    ),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegations'))
    )
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.create_index('ix_delegations_deputy', ['deputy_id', 'starts_on'], unique=False)
        batch_op.create_index('ix_delegations_leader', ['leader_id', 'starts_on'], unique=False)
        batch_op.create_index('ix_delegations_org_version', ['organisation_id', 'server_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_delegations_server_version'), ['server_version'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('delegations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_delegations_server_version'))
        batch_op.drop_index('ix_delegations_org_version')
        batch_op.drop_index('ix_delegations_leader')
        batch_op.drop_index('ix_delegations_deputy')
    op.drop_table('delegations')
