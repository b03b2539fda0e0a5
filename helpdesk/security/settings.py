"""The confidentiality settings ([security]): masking, idle lock, audit key, exams, scans,
finding periods."""

from __future__ import annotations

from dataclasses import dataclass

from helpdesk.config.convert import PathSetting, always_true, boolean, integer, setting


@dataclass(frozen=True)
class SecurityConfig:
    mask_personal_data: bool = setting(True, always_true)
    idle_lock_minutes: int = setting(15, integer(0, 1440))
    audit_key_file: str = setting("", PathSetting("file_in_dir"))
    # a 0600 file whose first line is the password of exports written unattended (cron)
    export_password_file: str = setting("", PathSetting("file"))
    # no exam on record bars an engineer from the roster
    exam_required: bool = setting(True, boolean)
    # a pass's validity when the record does not say
    exam_valid_months: int = setting(12, integer(1, 120))
    # warn the engineer and the manager this long before a pass ends
    exam_warn_days: int = setting(30, integer(0, 366))
    # security audit / vulnerability scan schedule
    scan_every_months: int = setting(3, integer(1, 24))
    # scan reports are copied here (owner-only)
    evidence_dir: str = setting("evidence", PathSetting("not_a_file"))
    # working days to fix a finding, by severity
    finding_due_critical: int = setting(3, integer(1, 250))
    finding_due_high: int = setting(10, integer(1, 250))
    finding_due_medium: int = setting(20, integer(1, 250))
    finding_due_low: int = setting(40, integer(1, 250))
