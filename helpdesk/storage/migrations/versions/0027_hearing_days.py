"""听证: the days of hearings held during a 复核, which its period does not count (信访工作条例
Art. 36); existing cases had none recorded.

Revision ID: 0027
Revises: 0026
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0027'
down_revision = '0026'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("petition_case") as batch:
        batch.add_column(sa.Column("hearing_days", sa.Integer(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("petition_case") as batch:
        batch.drop_column("hearing_days")
