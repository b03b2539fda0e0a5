"""A breach the bureau asserts may name the ledger's risk it confirms (`training:2026-06`), so
that one miss is one penalty: the ledger no longer counts its own detected misses as breaches.

Revision ID: 0025
Revises: 0024
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0025'
down_revision = '0024'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("manual_breach") as batch:
        batch.add_column(sa.Column("risk", sa.String(length=48), nullable=False,
                                   server_default=""))
        batch.create_index("ix_manual_breach_risk", ["risk"])


def downgrade() -> None:
    with op.batch_alter_table("manual_breach") as batch:
        batch.drop_index("ix_manual_breach_risk")
        batch.drop_column("risk")
