"""box counts: each entry names the units or role that reach its document; drafts by key

Revision ID: 0022_box_counts
Revises: 0019_meeting_sessions
Create Date: 2026-12-06 22:00:00

SQLite only (``eoffice.documents.boxcounts``): ``box_entries`` gains ``reach``, the
document's units (ordinary) or role key (secret), so that an officer's count of the
documents that name them leaves out those their unit reached by reading their own rows;
``box_open`` gains a row per draft for its drafter and per submitted draft for its signer.
The tables and triggers are made again and filled from what is there (a million
documents: about a minute and a half). The downgrade keeps them: ``reach`` has a default
and the extra rows are read by nothing, so the code before this revision works with them.
"""
from alembic import op

from eoffice.documents import boxcounts

revision = '0022_box_counts'
down_revision = '0019_meeting_sessions'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        boxcounts.uninstall(op.get_bind())
        boxcounts.install(op.get_bind())


def downgrade() -> None:
    pass
