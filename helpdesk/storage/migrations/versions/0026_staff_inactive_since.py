"""When a deactivated person stopped working (`staff.inactive_since`): their shifts from that
day on no longer count as on-site coverage. A person already inactive takes the day of their
last deactivation in the audit log; with none there it stays empty, and none of their shifts
counts (nothing shows when they last worked).

Revision ID: 0026
Revises: 0025
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0026'
down_revision = '0025'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.add_column(sa.Column("inactive_since", sa.Date(), nullable=True))
    connection = op.get_bind()
    shanghai = ZoneInfo("Asia/Shanghai")
    for (staff_id,) in connection.execute(sa.text("SELECT id FROM staff WHERE NOT active")):
        at = connection.execute(sa.text(
            "SELECT max(at) FROM audit_log WHERE action = 'staff.deactivate' "
            "AND entity = 'staff' AND entity_id = :id"), {"id": str(staff_id)}).scalar()
        if isinstance(at, str):
            at = datetime.fromisoformat(at)
        if not isinstance(at, datetime):
            continue
        day = at.replace(tzinfo=at.tzinfo or UTC).astimezone(shanghai).date()
        connection.execute(sa.text("UPDATE staff SET inactive_since = :day WHERE id = :id"),
                           {"day": day, "id": staff_id})


def downgrade() -> None:
    with op.batch_alter_table("staff") as batch:
        batch.drop_column("inactive_since")
