"""sync speed: pages by (organisation, version); search index written in bulk by a pull

Revision ID: 0006_sync_speed
Revises: 0005_visibility
Create Date: 2026-11-23 09:00:00

A pull asks each table for "rows of my organisation above version N, in version order";
without (organisation_id, server_version) SQLite read every row of the organisation and
sorted them, for every page.

On SQLite the triggers that keep ``document_fts`` in step with ``document_search`` cost a
quarter of a millisecond a row (FTS5 flushes its pending terms at every trigger's
statement savepoint), ten times a plain insert into the index. While the marker table
``search_bulk_writes`` holds a row (only ever inside a transaction that removes it again
before committing: ``eoffice.sync.changes.apply_page``), the triggers stand aside and that
writer updates ``document_fts`` itself, a page at a time.
"""
from alembic import op

revision = '0006_sync_speed'
down_revision = '0005_visibility'
branch_labels = None
depends_on = None

ORG_TABLES = ('documents', 'units', 'users', 'registers')

_TRIGGERS = {
    'document_search_ai': (
        "AFTER INSERT ON document_search{when} BEGIN "
        "INSERT INTO document_fts(rowid, fields_text, body_text) "
        "VALUES (new.seq, new.fields_text, new.body_text); END"
    ),
    'document_search_ad': (
        "AFTER DELETE ON document_search{when} BEGIN "
        "INSERT INTO document_fts(document_fts, rowid, fields_text, body_text) "
        "VALUES ('delete', old.seq, old.fields_text, old.body_text); END"
    ),
    'document_search_au': (
        "AFTER UPDATE ON document_search{when} BEGIN "
        "INSERT INTO document_fts(document_fts, rowid, fields_text, body_text) "
        "VALUES ('delete', old.seq, old.fields_text, old.body_text); "
        "INSERT INTO document_fts(rowid, fields_text, body_text) "
        "VALUES (new.seq, new.fields_text, new.body_text); END"
    ),
}
_WHEN = " WHEN NOT EXISTS (SELECT 1 FROM search_bulk_writes)"


def _triggers(when: str) -> None:
    for name, body in _TRIGGERS.items():
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"CREATE TRIGGER {name} " + body.format(when=when))


def upgrade() -> None:
    for table in ORG_TABLES:
        op.create_index(f'ix_{table}_org_version', table, ['organisation_id', 'server_version'], unique=False)
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("CREATE TABLE search_bulk_writes (id INTEGER PRIMARY KEY)")
        _triggers(_WHEN)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _triggers("")
        op.execute("DROP TABLE search_bulk_writes")
    for table in ORG_TABLES:
        op.drop_index(f'ix_{table}_org_version', table_name=table)
