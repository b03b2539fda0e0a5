"""The proxy-work log (信访业务办理): petition work done on a user's behalf.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0015'
down_revision = '0014'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('proxy_work',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_number', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('on_behalf_of', sa.String(length=64), nullable=False),
    sa.Column('authorised_by', sa.String(length=64), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('done_at', UTCDateTime(), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('confirmed_at', UTCDateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['petition_case.id'], ),
    sa.ForeignKeyConstraint(['unit_id'], ['unit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_proxy_work_case_number', 'proxy_work', ['case_number'], unique=False)
    op.create_index('ix_proxy_work_case_id', 'proxy_work', ['case_id'], unique=False)
    op.create_index('ix_proxy_work_done_at', 'proxy_work', ['done_at'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_proxy_work_done_at', table_name='proxy_work')
    op.drop_index('ix_proxy_work_case_id', table_name='proxy_work')
    op.drop_index('ix_proxy_work_case_number', table_name='proxy_work')
    op.drop_table('proxy_work')
