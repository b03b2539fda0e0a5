"""Each case keeps a hash of the export row it was last imported from, so that the daily
re-import of the provincial export skips an unchanged row without parsing it (issue 33: an
unchanged re-import cost 85 % of a full one). A nullable column: cases typed by hand, and
every case until its next import, have none.

Revision ID: 0032
Revises: 0031
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0032'
down_revision = '0031'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("petition_case", sa.Column("import_digest", sa.String(length=32),
                                             nullable=True))


def downgrade() -> None:
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+): a batch rebuild would drop 0031's triggers.
    op.drop_column("petition_case", "import_digest")
