"""What a wheel installs: pyproject lists every package folder (the console's screens/ under
the project's own name, helpdesk_console), and the console names its modules relatively, so it
runs whatever it is installed as. `.ci/install-check` installs the wheel and checks the
top-level names and the shipped files."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_package_folder_is_installed_under_a_project_name() -> None:
    setuptools = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    assert setuptools["package-dir"] == {"helpdesk_console": "screens"}
    folders = {str(init.parent.relative_to(ROOT)).replace("/", ".")
               .replace("screens", "helpdesk_console", 1)
               for top in ("helpdesk", "screens") for init in (ROOT / top).rglob("__init__.py")}
    assert set(setuptools["packages"]) == folders
    assert {name.split(".")[0] for name in setuptools["packages"]} == {"helpdesk",
                                                                       "helpdesk_console"}
    scripts = _pyproject()["project"]["scripts"]  # type: ignore[index]
    assert scripts == {"helpdesk": "helpdesk_console.launch:main"}


def test_the_console_names_no_module_by_its_folder() -> None:
    """`from screens.x import y` would work in a checkout and fail once installed."""
    absolute = []
    for path in (ROOT / "screens").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (
                    node.module or "").split(".")[0] in ("screens", "helpdesk_console"):
                absolute.append(f"{path.relative_to(ROOT)}:{node.lineno}")
            if isinstance(node, ast.Import) and any(
                    alias.name.split(".")[0] in ("screens", "helpdesk_console")
                    for alias in node.names):
                absolute.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert absolute == []


def test_areas_name_their_screens_inside_the_console() -> None:
    import importlib

    from helpdesk.areas import AREAS

    for area in AREAS:
        module, name = area.screen.split(":")
        assert not module.startswith(("screens", "helpdesk_console")), area
        assert hasattr(importlib.import_module(f".{module}", "helpdesk_console"), name), area


def test_the_example_config_is_the_one_shipped() -> None:
    from helpdesk.config.shipped import shipped

    example = shipped("config.toml")
    assert example is not None and example.read_text(encoding="utf-8").startswith(
        "# helpdesk")
    schemas = shipped("json")
    assert schemas is not None and (schemas / "question-list.schema.json").is_file()
