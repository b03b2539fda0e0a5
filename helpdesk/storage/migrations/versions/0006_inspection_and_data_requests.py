"""Monthly inspections with their checklist results, usage figures and the institutions they were
summed from; data-service requests;
an index on the day a case closed (reports count them per period).

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_case_closed', 'petition_case', ['closed_on'], unique=False)
    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('started_at', UTCDateTime(), nullable=False),
    sa.Column('started_by', sa.String(length=64), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=True),
    sa.Column('done_by', sa.String(length=64), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('institutions_expected', sa.Integer(), nullable=True),
    sa.Column('institutions_connected', sa.Integer(), nullable=True),
    sa.Column('accounts_issued', sa.Integer(), nullable=True),
    sa.Column('accounts_disabled', sa.Integer(), nullable=True),
    sa.Column('accounts_active', sa.Integer(), nullable=True),
    sa.Column('usage_source', sa.String(length=200), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('month')
    )
    op.create_table('data_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('received_at', UTCDateTime(), nullable=False),
    sa.Column('asker_name', sa.String(length=64), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('format_wanted', sa.String(length=100), nullable=False),
    sa.Column('due_workdays', sa.Integer(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('query', sa.String(length=32), nullable=False),
    sa.Column('params', sa.String(length=2000), nullable=False),
    sa.Column('file_path', sa.String(length=500), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('rows', sa.Integer(), nullable=True),
    sa.Column('fulfilled_at', UTCDateTime(), nullable=True),
    sa.Column('fulfilled_by', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.create_index('ix_data_request_received', ['received_at', 'id'], unique=False)

    op.create_table('inspection_result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('section', sa.String(length=32), nullable=False),
    sa.Column('item', sa.String(length=400), nullable=False),
    sa.Column('result', sa.String(length=8), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('problem_id', sa.Integer(), nullable=True),
    sa.Column('checked_by', sa.String(length=64), nullable=False),
    sa.Column('checked_at', UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.ForeignKeyConstraint(['problem_id'], ['tracker_item.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'position')
    )
    with op.batch_alter_table('inspection_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_result_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('inspection_institution',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('connected', sa.Boolean(), nullable=False),
    sa.Column('issued', sa.Integer(), nullable=False),
    sa.Column('disabled', sa.Integer(), nullable=False),
    sa.Column('active', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'name')
    )
    with op.batch_alter_table('inspection_institution', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_institution_inspection_id'), ['inspection_id'], unique=False)



def downgrade() -> None:
    op.drop_index('ix_case_closed', table_name='petition_case')
    with op.batch_alter_table('inspection_institution', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_institution_inspection_id'))

    op.drop_table('inspection_institution')
    with op.batch_alter_table('inspection_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_result_inspection_id'))

    op.drop_table('inspection_result')
    with op.batch_alter_table('data_request', schema=None) as batch_op:
        batch_op.drop_index('ix_data_request_received')

    op.drop_table('data_request')
    op.drop_table('inspection')
