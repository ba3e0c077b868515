"""issuing steps: a numbered document waits for the agency's seal ("Đã cấp số, chờ đóng dấu")

Revision ID: 0017_issuing_steps
Revises: 0016_delegations
Create Date: 2026-12-06 13:30:00

A digitally signed outgoing document is now ``numbered`` between its number and the seal
that issues it, and stays in the clerk's "Chờ tôi xử lý" meanwhile: the box counts'
triggers (SQLite only) are made again with that state and the tables rebuilt. The state
is a value of ``documents.state`` (a string column): no column changes.
"""
from alembic import op

from eoffice.documents import boxcounts

revision = '0017_issuing_steps'
down_revision = '0016_delegations'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        boxcounts.rebuild(op.get_bind())


def downgrade() -> None:
    op.execute("UPDATE documents SET state = 'issued' WHERE state = 'numbered'")
    if op.get_bind().dialect.name == "sqlite":
        boxcounts.rebuild(op.get_bind())
