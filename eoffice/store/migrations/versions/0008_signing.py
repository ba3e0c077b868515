"""signing: trusted roots sync to clients; signature and seal images; signatures on files

Revision ID: 0008_signing
Revises: 0007_worklog
Create Date: 2026-12-02 09:00:00

- ``trusted_roots`` becomes a synced table (server version, tombstone, update time), so
  that every desktop verifies signatures against the admin's roots, offline too. Rows
  that were there get their version when the server starts (``stamp_unversioned``).
- ``users.signature_digest``: the user's signature image in the blob store (their
  profile); ``organisations.seal_digest``: the organisation's seal image.
- ``document_files.signed_kinds``: the signatures eoffice added to a file (signer, agency,
  attachment), so that who may sign what next is known without opening the PDF.
"""
import sqlalchemy as sa
from alembic import op

revision = '0008_signing'
down_revision = '0007_worklog'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('trusted_roots', schema=None) as batch_op:
        batch_op.add_column(sa.Column('server_version', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('deleted', sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(
            sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False, server_default=sa.func.current_timestamp())
        )
        batch_op.create_index(batch_op.f('ix_trusted_roots_server_version'), ['server_version'], unique=False)
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signature_digest', sa.String(length=64), nullable=True))
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('seal_digest', sa.String(length=64), nullable=True))
    with op.batch_alter_table('document_files', schema=None) as batch_op:
        batch_op.add_column(sa.Column('signed_kinds', sa.String(length=60), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('document_files', schema=None) as batch_op:
        batch_op.drop_column('signed_kinds')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('seal_digest')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('signature_digest')
    with op.batch_alter_table('trusted_roots', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trusted_roots_server_version'))
        batch_op.drop_column('updated_at')
        batch_op.drop_column('deleted')
        batch_op.drop_column('server_version')
