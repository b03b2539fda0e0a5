"""Where the program keeps its state when no config file says otherwise: the platform's user
data directory (~/.local/share/helpdesk on Linux), never the installed package's folder, so an
upgrade or a reinstall loses nothing."""

from __future__ import annotations

from pathlib import Path


def user_data_dir() -> Path:
    from platformdirs import user_data_dir as platform_dir

    return Path(platform_dir("helpdesk"))


def demo_database() -> Path:
    return user_data_dir() / "demo.db"


def user_log_dir() -> Path:
    from platformdirs import user_log_dir as platform_dir

    return Path(platform_dir("helpdesk"))
