"""Petition cases: tracked cases with stage dates, their timeline, and the urging log.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('petition_case',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(length=40), nullable=False),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('channel', sa.String(length=16), nullable=False),
    sa.Column('petitioner_name', sa.String(length=64), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=False),
    sa.Column('phone', sa.String(length=32), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('category', sa.String(length=32), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('transferred_on', sa.Date(), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('objected_on', sa.Date(), nullable=True),
    sa.Column('replied_on', sa.Date(), nullable=True),
    sa.Column('rated_on', sa.Date(), nullable=True),
    sa.Column('revisited_on', sa.Date(), nullable=True),
    sa.Column('review_requested_on', sa.Date(), nullable=True),
    sa.Column('reviewed_on', sa.Date(), nullable=True),
    sa.Column('rereview_requested_on', sa.Date(), nullable=True),
    sa.Column('rereviewed_on', sa.Date(), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('supervised', sa.Boolean(), nullable=False),
    sa.Column('extension_days', sa.Integer(), nullable=False),
    sa.Column('extension_approved_on', sa.Date(), nullable=True),
    sa.Column('rating', sa.String(length=16), nullable=False),
    sa.Column('revisit_status', sa.String(length=16), nullable=False),
    sa.Column('next_step', sa.String(length=24), nullable=False),
    sa.Column('next_due', sa.Date(), nullable=True),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('case_number')
    )
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.create_index('ix_case_next_due', ['next_due'], unique=False, sqlite_where=sa.text("stage != 'closed'"), postgresql_where=sa.text("stage != 'closed'"))
        batch_op.create_index('ix_case_registered', ['registered_on', 'id'], unique=False)
        batch_op.create_index('ix_case_unit_due', ['unit_id', 'next_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_petition_case_stage'), ['stage'], unique=False)

    op.create_table('case_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('stage', sa.String(length=24), nullable=False),
    sa.Column('on_date', sa.Date(), nullable=True),
    sa.Column('detail', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['petition_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_event_case_id'), ['case_id'], unique=False)

    op.create_table('urging',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('at', UTCDateTime(), nullable=False),
    sa.Column('actor', sa.String(length=64), nullable=False),
    sa.Column('step', sa.String(length=24), nullable=False),
    sa.Column('contact', sa.String(length=64), nullable=False),
    sa.Column('method', sa.String(length=16), nullable=False),
    sa.Column('agreed', sa.Text(), nullable=False),
    sa.Column('next_check', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['petition_case.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('urging', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_urging_case_id'), ['case_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('urging', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_urging_case_id'))

    op.drop_table('urging')
    with op.batch_alter_table('case_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_event_case_id'))

    op.drop_table('case_event')
    with op.batch_alter_table('petition_case', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_petition_case_stage'))
        batch_op.drop_index('ix_case_unit_due')
        batch_op.drop_index('ix_case_registered')
        batch_op.drop_index('ix_case_next_due', sqlite_where=sa.text("stage != 'closed'"), postgresql_where=sa.text("stage != 'closed'"))

    op.drop_table('petition_case')

