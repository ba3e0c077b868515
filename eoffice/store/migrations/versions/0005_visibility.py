"""visibility: directions found by their leader (documents a former leader directed)

Revision ID: 0005_visibility
Revises: 0004
Create Date: 2026-11-24 10:00:00
"""
from alembic import op

revision = '0005_visibility'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('document_directions', schema=None) as batch_op:
        batch_op.create_index('ix_directions_leader', ['leader_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('document_directions', schema=None) as batch_op:
        batch_op.drop_index('ix_directions_leader')
