"""meetings: rooms, meetings, sittings, participants, agenda, documents, notes, receipts

Revision ID: 0018_meetings
Revises: 0017_issuing_steps
Create Date: 2026-12-06 15:48:38.055734
"""
from alembic import op
import sqlalchemy as sa


revision = '0018_meetings'
down_revision = '0017_issuing_steps'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('meeting_agenda_items',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('sitting_id', sa.String(length=36), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('presenter_id', sa.String(length=36), nullable=True),
    sa.Column('presenter_unit_id', sa.String(length=36), nullable=True),
    sa.Column('planned_minutes', sa.Integer(), nullable=False),
    sa.Column('decision', sa.String(length=12), nullable=False),
    sa.Column('vote_rule', sa.String(length=40), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_agenda_items'))
    )
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_agenda_items_server_version'), ['server_version'], unique=False)
        batch_op.create_index('ix_meeting_agenda_meeting', ['meeting_id', 'sitting_id', 'position'], unique=False)

    op.create_table('meeting_sittings',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('room_id', sa.String(length=36), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_sittings'))
    )
    with op.batch_alter_table('meeting_sittings', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_sittings_meeting', ['meeting_id', 'number'], unique=False)
        batch_op.create_index('ix_meeting_sittings_room', ['room_id', 'starts_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_sittings_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_rooms',
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('address', sa.String(length=300), nullable=False),
    sa.Column('capacity', sa.Integer(), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meeting_rooms_organisation_id_organisations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_rooms'))
    )
    with op.batch_alter_table('meeting_rooms', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_rooms_org_version', ['organisation_id', 'server_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_rooms_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_comments',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_document_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.String(length=36), nullable=False),
    sa.Column('page', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_meeting_comments_author_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_comments'))
    )
    with op.batch_alter_table('meeting_comments', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_comments_document', ['meeting_document_id', 'created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_comments_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_comments_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_document_versions',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_document_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=300), nullable=False),
    sa.Column('digest', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('added_by', sa.String(length=36), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['users.id'], name=op.f('fk_meeting_document_versions_added_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_document_versions')),
    sa.UniqueConstraint('meeting_document_id', 'version', name=op.f('uq_meeting_document_versions_meeting_document_id_version'))
    )
    with op.batch_alter_table('meeting_document_versions', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_document_versions_digest', ['digest'], unique=False)
        batch_op.create_index('ix_meeting_document_versions_meeting', ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_document_versions_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_documents',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('item_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('audience', sa.String(length=8), nullable=False),
    sa.Column('readers', sa.Text(), nullable=False),
    sa.Column('release_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('source_document_id', sa.String(length=36), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('added_by', sa.String(length=36), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['added_by'], ['users.id'], name=op.f('fk_meeting_documents_added_by_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_documents'))
    )
    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_documents_meeting', ['meeting_id', 'item_id', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_documents_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_participants',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=12), nullable=False),
    sa.Column('votes', sa.Boolean(), nullable=False),
    sa.Column('answer', sa.String(length=12), nullable=False),
    sa.Column('answer_reason', sa.String(length=1000), nullable=False),
    sa.Column('answered_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('substitute_id', sa.String(length=36), nullable=True),
    sa.Column('substitute_name', sa.String(length=200), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_participants_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_participants')),
    sa.UniqueConstraint('meeting_id', 'user_id', name=op.f('uq_meeting_participants_meeting_id_user_id'))
    )
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_participants_server_version'), ['server_version'], unique=False)
        batch_op.create_index('ix_meeting_participants_user', ['user_id', 'meeting_id'], unique=False)
        batch_op.create_index('ix_meeting_participants_substitute', ['substitute_id'], unique=False)

    op.create_table('meeting_private_notes',
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_document_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('page', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('shape', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('color', sa.String(length=9), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_private_notes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_private_notes'))
    )
    with op.batch_alter_table('meeting_private_notes', schema=None) as batch_op:
        batch_op.create_index('ix_meeting_private_notes_owner', ['user_id', 'meeting_document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meeting_private_notes_server_version'), ['server_version'], unique=False)

    op.create_table('meeting_read_receipts',
    sa.Column('meeting_id', sa.String(length=36), nullable=False),
    sa.Column('meeting_document_id', sa.String(length=36), nullable=False),
    sa.Column('user_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('first_opened_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_meeting_read_receipts_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_read_receipts')),
    sa.UniqueConstraint('meeting_document_id', 'user_id', name=op.f('uq_meeting_read_receipts_meeting_document_id_user_id'))
    )
    with op.batch_alter_table('meeting_read_receipts', schema=None) as batch_op:
        batch_op.create_index(
            'ix_meeting_read_receipts_meeting',
            ['meeting_id', 'user_id', 'meeting_document_id', 'first_opened_at', 'version', 'deleted'], unique=False,
        )
        batch_op.create_index(batch_op.f('ix_meeting_read_receipts_server_version'), ['server_version'], unique=False)

    op.create_table('meetings',
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('unit_id', sa.String(length=36), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('state_reason', sa.String(length=1000), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('room_id', sa.String(length=36), nullable=True),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('online_link', sa.String(length=500), nullable=False),
    sa.Column('chair_id', sa.String(length=36), nullable=True),
    sa.Column('secretary_id', sa.String(length=36), nullable=True),
    sa.Column('secret', sa.Boolean(), nullable=False),
    sa.Column('vote_rules', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('invitation_document_id', sa.String(length=36), nullable=True),
    sa.Column('created_by', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('server_version', sa.BigInteger(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['users.id'], name=op.f('fk_meetings_chair_id_users')),
    sa.ForeignKeyConstraint(['created_by'], ['users.id'], name=op.f('fk_meetings_created_by_users')),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_meetings_organisation_id_organisations')),
    sa.ForeignKeyConstraint(['secretary_id'], ['users.id'], name=op.f('fk_meetings_secretary_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index('ix_meetings_org_start', ['organisation_id', 'starts_at'], unique=False)
        batch_op.create_index('ix_meetings_start', ['starts_at'], unique=False)
        batch_op.create_index('ix_meetings_org_version', ['organisation_id', 'server_version'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_room_id'), ['room_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_server_version'), ['server_version'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_server_version'))
        batch_op.drop_index(batch_op.f('ix_meetings_room_id'))
        batch_op.drop_index('ix_meetings_org_version')
        batch_op.drop_index('ix_meetings_org_start')
        batch_op.drop_index('ix_meetings_start')

    op.drop_table('meetings')
    with op.batch_alter_table('meeting_read_receipts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_read_receipts_server_version'))
        batch_op.drop_index('ix_meeting_read_receipts_meeting')

    op.drop_table('meeting_read_receipts')
    with op.batch_alter_table('meeting_private_notes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_private_notes_server_version'))
        batch_op.drop_index('ix_meeting_private_notes_owner')

    op.drop_table('meeting_private_notes')
    with op.batch_alter_table('meeting_participants', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_participants_user')
        batch_op.drop_index('ix_meeting_participants_substitute')
        batch_op.drop_index(batch_op.f('ix_meeting_participants_server_version'))

    op.drop_table('meeting_participants')
    with op.batch_alter_table('meeting_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_documents_server_version'))
        batch_op.drop_index('ix_meeting_documents_meeting')

    op.drop_table('meeting_documents')
    with op.batch_alter_table('meeting_document_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_document_versions_server_version'))
        batch_op.drop_index('ix_meeting_document_versions_meeting')
        batch_op.drop_index('ix_meeting_document_versions_digest')

    op.drop_table('meeting_document_versions')
    with op.batch_alter_table('meeting_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_comments_server_version'))
        batch_op.drop_index(batch_op.f('ix_meeting_comments_meeting_id'))
        batch_op.drop_index('ix_meeting_comments_document')

    op.drop_table('meeting_comments')
    with op.batch_alter_table('meeting_rooms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_rooms_server_version'))
        batch_op.drop_index('ix_meeting_rooms_org_version')

    op.drop_table('meeting_rooms')
    with op.batch_alter_table('meeting_sittings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_sittings_server_version'))
        batch_op.drop_index('ix_meeting_sittings_room')
        batch_op.drop_index('ix_meeting_sittings_meeting')

    op.drop_table('meeting_sittings')
    with op.batch_alter_table('meeting_agenda_items', schema=None) as batch_op:
        batch_op.drop_index('ix_meeting_agenda_meeting')
        batch_op.drop_index(batch_op.f('ix_meeting_agenda_items_server_version'))

    op.drop_table('meeting_agenda_items')
