"""Network security (contract 五): audits and vulnerability scans with their reports, and the
findings with owners, due days, remediation and re-scan verification.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from helpdesk.storage.types import UTCDateTime

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('security_scan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('number', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('tool', sa.String(length=64), nullable=False),
    sa.Column('scanned_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.String(length=200), nullable=False),
    sa.Column('report_path', sa.String(length=500), nullable=False),
    sa.Column('report_sha256', sa.String(length=64), nullable=False),
    sa.Column('recorded_by', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('number')
    )
    op.create_index(op.f('ix_security_scan_scanned_on'), 'security_scan', ['scanned_on'],
                    unique=False)
    op.create_table('scan_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scan_id', sa.Integer(), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=True),
    sa.Column('owner', sa.String(length=64), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('due_provisional', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=8), nullable=False),
    sa.Column('remediation', sa.String(length=2000), nullable=False),
    sa.Column('fixed_on', sa.Date(), nullable=True),
    sa.Column('verified_on', sa.Date(), nullable=True),
    sa.Column('verified_scan_id', sa.Integer(), nullable=True),
    sa.Column('tracker_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['scan_id'], ['security_scan.id'], ),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.ForeignKeyConstraint(['tracker_id'], ['tracker_item.id'], ),
    sa.ForeignKeyConstraint(['verified_scan_id'], ['security_scan.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_scan_finding_scan_id'), 'scan_finding', ['scan_id'], unique=False)
    op.create_index('ix_finding_status_due', 'scan_finding', ['status', 'due_on'],
                    unique=False)


def downgrade() -> None:
    op.drop_index('ix_finding_status_due', table_name='scan_finding')
    op.drop_index(op.f('ix_scan_finding_scan_id'), table_name='scan_finding')
    op.drop_table('scan_finding')
    op.drop_index(op.f('ix_security_scan_scanned_on'), table_name='security_scan')
    op.drop_table('security_scan')
