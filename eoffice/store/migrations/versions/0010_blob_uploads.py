"""blob uploads: who uploaded which blob, its measured size and pages, claimed or not

Revision ID: 0010_blob_uploads
Revises: 0009_sign_in_limits
Create Date: 2026-12-10 09:00:00

- ``blob_uploads``: one row per user and digest the server received and verified, so that
  an operation may name only a blob its user uploaded or may already read, with the
  size and page count the server measured; an upload no accepted operation claimed is
  removed after a grace period. Blobs stored before this revision have no row: rows
  that reference them decide who may read and name them, as before.
"""
import sqlalchemy as sa
from alembic import op

revision = '0010_blob_uploads'
down_revision = '0009_sign_in_limits'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('blob_uploads',
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('uploaded_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('claimed', sa.Boolean(), nullable=False, server_default=sa.false()),
    sa.PrimaryKeyConstraint('digest', 'user_id', name=op.f('pk_blob_uploads'))
    )
    with op.batch_alter_table('blob_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_blob_uploads_uploaded_at'), ['uploaded_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('blob_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_blob_uploads_uploaded_at'))
    op.drop_table('blob_uploads')
