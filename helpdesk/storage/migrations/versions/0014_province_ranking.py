"""The province's published 三率 ranking of the district.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('province_rank',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('rate', sa.String(length=24), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('ranked', sa.Integer(), nullable=False),
    sa.Column('province_average', sa.Float(), nullable=True),
    sa.Column('district_value', sa.Float(), nullable=True),
    sa.Column('source', sa.String(length=128), nullable=False),
    sa.Column('note', sa.String(length=200), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('period', 'rate')
    )
    op.create_index('ix_province_rank_period', 'province_rank', ['period'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_province_rank_period', table_name='province_rank')
    op.drop_table('province_rank')
