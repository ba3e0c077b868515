"""signing certificates: the certificates registered to people's e-cards and to organisations

Revision ID: 0011_signing_certificates
Revises: 0010_blob_uploads
Create Date: 2026-12-09 09:00:00

- ``signing_certificates``: one row per registered certificate, held by a user (their
  e-card) or by an organisation (``user_id`` null: the agency's certificate for the
  seal). The server accepts a signer signature only with a certificate of the signer and
  a seal only with one of the organisation (``eoffice.signing.ownership``); the rows of an
  organisation sync to its desktops, which refuse another's card before the PIN.
"""
import sqlalchemy as sa
from alembic import op

revision = '0011_signing_certificates'
down_revision = '0010_blob_uploads'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('signing_certificates',
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=True),
    sa.Column('fingerprint_sha256', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=1000), nullable=False),
    sa.Column('issuer', sa.String(length=1000), nullable=False),
    sa.Column('serial', sa.String(length=80), nullable=False),
    sa.Column('pem', sa.Text(), nullable=False),
    sa.Column('not_after', sa.DateTime(timezone=True), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_signing_certificates_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_signing_certificates_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signing_certificates')),
    sa.UniqueConstraint('fingerprint_sha256', name=op.f('uq_signing_certificates_fingerprint_sha256'))
    )
    with op.batch_alter_table('signing_certificates', schema=None) as batch_op:
        batch_op.create_index('ix_signing_certificates_issuer_serial', ['serial', 'issuer'], unique=False)
        batch_op.create_index('ix_signing_certificates_org_version', ['organisation_id', 'server_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_signing_certificates_server_version'), ['server_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_signing_certificates_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('signing_certificates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_signing_certificates_user_id'))
        batch_op.drop_index(batch_op.f('ix_signing_certificates_server_version'))
        batch_op.drop_index('ix_signing_certificates_org_version')
        batch_op.drop_index('ix_signing_certificates_issuer_serial')
    op.drop_table('signing_certificates')
