"""box counts: each entry names the units or role that reach its document; drafts by key

Revision ID: 0022_box_counts
Revises: 0025_participant_attended
Create Date: 2026-12-06 22:00:00

SQLite only (``eoffice.documents.boxcounts``), so that no count reads pages of another
key's rows or of the documents (the first refresh of a day, from a cold cache, read
thousands: 65 to 130 ms at a million documents, now 20 to 32):

- ``box_entries`` gains ``reach``, the document's units (ordinary) or role key (secret):
  an officer's count of the documents that name them leaves out those their unit reached
  by reading their own rows;
- ``box_open`` and ``box_open_documents`` gain the document's ``organisation_id`` and
  ``readers`` (its keys), and partial indexes of the untrusted rows: a secret document's
  unit or organisation line is checked on the row; ``ix_box_open_documents_key`` answers
  whether a key already counted a document;
- ``box_open`` gains a row per draft for its drafter (``draft:``) and per submitted draft
  for its signer (``approve:``).

The tables and triggers are made again and filled from what is there (a million
documents: about 40 s). The downgrade keeps them: the new columns have defaults or are
nullable and the extra rows and indexes are read by nothing, so the code before this
revision works with them (its own rebuild fills ``reach`` with its default).
"""
from alembic import op

from eoffice.documents import boxcounts

revision = '0022_box_counts'
down_revision = '0025_participant_attended'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        boxcounts.uninstall(op.get_bind())
        boxcounts.install(op.get_bind())


def downgrade() -> None:
    pass
