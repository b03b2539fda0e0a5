"""A data request's cancellation reason in its own column: it was appended to the request's
description, the asker's own text (issue 34).

Revision ID: 0030
Revises: 0029
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0030'
down_revision = '0029'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("data_request") as batch:
        batch.add_column(sa.Column("cancel_reason", sa.String(length=200), nullable=False,
                                   server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("data_request") as batch:
        batch.drop_column("cancel_reason")
