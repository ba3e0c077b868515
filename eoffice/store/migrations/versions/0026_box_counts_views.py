"""box counts: the triggers read four views instead of repeating their text

Revision ID: 0026_box_counts_views
Revises: 0022_box_counts
Create Date: 2026-12-07 11:00:00

SQLite only (``eoffice.documents.boxcounts``). The triggers that recompute a document's
rows wrote out the same subqueries up to fourteen times each (93 KB of trigger text),
which SQLite parses when each connection runs its first statement: 5 ms of every new
connection. They now read the views ``box_counted_documents``, ``box_entry_grounds``,
``box_open_lines`` and ``box_awaiting`` (17 KB of triggers, 5 KB of views). The rows they keep are the same, so
nothing is rebuilt: only the triggers and views are made again. A database whose counts a
first sync set aside gets them with its next rebuild; a server's has none.
"""
from alembic import op

from eoffice.documents import boxcounts

revision = '0026_box_counts_views'
down_revision = '0022_box_counts'
branch_labels = None
depends_on = None


def upgrade() -> None:
    conn = op.get_bind()
    if boxcounts.is_kept(conn):
        boxcounts.create_triggers(conn)


def downgrade() -> None:
    pass  # the triggers and views stay: they keep the rows the code before this revision reads
