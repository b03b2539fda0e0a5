"""The database keeps its audit chain's head (meta `audit_head`, HMAC'd with the audit key,
written in the transaction of every append), so that records cut from the end are found even
when the anchor file beside the key went with them. A database that already has records has
no head it could sign here (a migration has no key): it is marked pending until its next
write.

Revision ID: 0023
Revises: 0022
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    has_records = connection.execute(sa.text("SELECT 1 FROM audit_log LIMIT 1")).first()
    present = connection.execute(
        sa.text("SELECT 1 FROM meta WHERE key = 'audit_head'")).first()
    if has_records and not present:
        connection.execute(sa.text("INSERT INTO meta (key, value) VALUES ('audit_head', "
                                   "'pending')"))


def downgrade() -> None:
    op.execute("DELETE FROM meta WHERE key = 'audit_head'")
