"""Where a path the config names points, checked when the config loads (issue 35: a missing
tables folder, curriculum or password file, a key file in a missing folder, an evidence folder
that is a file, an empty database url were all accepted, and failed later or far away). A
relative value given in the file is taken from the file's own folder and kept absolute."""

from __future__ import annotations

from pathlib import Path

from helpdesk.config.reader import Reader, Where
from helpdesk.i18n import t


def placed(reader: Reader, where: Where, value: str, kind: str, default: str) -> str:
    """`value` as given, made absolute and checked; a value equal to the default is the
    default (the shipped config.toml writes every key out), so it stays in the user data
    folder like a key left out."""
    if value == default:
        return value
    if kind == "database":
        if not value.strip():
            reader.problem(where, t("err.config.empty_database"))
            return value
        if "://" in value:
            return value
        kind = "file_in_dir"
    if not value.strip():
        return value  # empty: the documented "none" (no password file, the shipped file)
    path = Path(value).expanduser()
    if not path.is_absolute() and reader.folder is not None:
        path = reader.folder / path
    problem = _problem(path, kind)
    if problem:
        reader.problem(where, t(problem, path=path))
    return str(path)


def _problem(path: Path, kind: str) -> str | None:
    if kind == "file" and not path.is_file():
        return "err.config.no_such_file"
    if kind == "dir" and not path.is_dir():
        return "err.config.no_such_folder"
    if kind == "file_in_dir" and (path.is_dir() or not path.parent.is_dir()):
        return "err.config.no_folder_for_file" if not path.is_dir() else "err.config.is_folder"
    if kind == "not_a_file" and path.exists() and not path.is_dir():
        return "err.config.not_a_folder"
    return None
