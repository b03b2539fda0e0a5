"""The requirement document on requirements and problems: background, current and wanted
behaviour, affected units, analysis, verification, the bureau's confirmer, the province's answer.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0016'
down_revision = '0015'
branch_labels = None
depends_on = None

TEXTS = ("background", "current_behaviour", "wanted_behaviour", "affected_units", "analysis",
         "verification", "province_answer")


def upgrade() -> None:
    with op.batch_alter_table('tracker_item') as batch:
        for name in TEXTS:
            batch.add_column(sa.Column(name, sa.Text(), nullable=False, server_default=''))
        batch.add_column(sa.Column('confirmer_name', sa.String(length=64), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('confirmer_unit', sa.String(length=128), nullable=False,
                                   server_default=''))
        batch.add_column(sa.Column('confirmed_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('tracker_item') as batch:
        for name in (*TEXTS, 'confirmer_name', 'confirmer_unit', 'confirmed_on'):
            batch.drop_column(name)
