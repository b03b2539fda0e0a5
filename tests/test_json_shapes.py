"""One JSON convention: every `--json` output in tests/json_shapes.py matches its committed
schema under docs/json/, and every instant anywhere in it is ISO 8601 with "T" and +08:00."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.json_shapes import (
    ALIASES,
    COMMANDS,
    INSTANT,
    NOT_RUN,
    SCHEMA_DIR,
    infer,
    instants_in,
    run_all,
)
from tests.json_shapes_support import demo_runner


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[tuple[str, ...], Any]]:
    return run_all(demo_runner(tmp_path_factory.mktemp("json")))


def test_every_output_matches_its_schema(outputs: dict[str, tuple[tuple[str, ...], Any]]
                                         ) -> None:
    for name, (_args, output) in outputs.items():
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        errors = list(jsonschema.Draft202012Validator(schema).iter_errors(output))
        assert not errors, f"{name}: {errors[0].message} at {list(errors[0].path)}"


def test_instants_have_one_form(outputs: dict[str, tuple[tuple[str, ...], Any]]) -> None:
    for name, (_args, output) in outputs.items():
        wrong = [s for s in instants_in(output) if not re.match(INSTANT, s)]
        assert not wrong, f"{name}: {wrong[:3]}"
    assert re.match(INSTANT, outputs["audit-list"][1][0]["at"])
    assert isinstance(outputs["audit-list"][1][0]["summary"], dict)  # an object, not text
    clock = outputs["question-add"][1]["response"]
    assert isinstance(clock["remaining_seconds"], int) and isinstance(clock["remaining"], str)


def test_the_schemas_are_those_of_the_commands() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")) == sorted(
        f"{name}.schema.json" for name, _args in COMMANDS)


def test_inference_is_strict_enough_to_fail() -> None:
    schema = infer([{"at": "2026-10-10T10:30:00+08:00", "n": 1, "tags": ["a"]}])
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"at": "2026-10-10T10:30:00+08:00", "n": 2, "tags": []})
    for wrong in ({"at": "2026-10-10 02:30:00+00:00", "n": 1, "tags": []},
                  {"at": "2026-10-10T10:30:00+08:00", "n": "1", "tags": []},
                  {"at": "2026-10-10T10:30:00+08:00", "n": 1, "tags": [], "extra": 1},
                  {"n": 1, "tags": []}):
        assert not validator.is_valid(wrong), wrong


def test_the_convention_is_written_down() -> None:
    readme = (Path(SCHEMA_DIR) / "README.md").read_text(encoding="utf-8")
    assert "+08:00" in readme and "python -m tests.json_shapes" in readme


def test_every_json_command_has_its_schema() -> None:
    """Each command with --json is run above, is an alias of one that is, or is named in
    NOT_RUN with the reason."""
    import argparse

    from helpdesk.cli.main import build_parser

    def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
               ) -> list[tuple[str, argparse.ArgumentParser]]:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subs:
            return [(" ".join(path), parser)]
        return [leaf for action in subs for name, child in action.choices.items()
                for leaf in leaves(child, (*path, name))]

    run = {" ".join(word for word in args if not word.startswith(("-", "{")))
           for _name, args in COMMANDS}
    found = leaves(build_parser())
    handlers = {path: parser.get_default("handler") for path, parser in found}
    for path, parser in found:
        if not any("--json" in action.option_strings for action in parser._actions):
            continue
        if path in ALIASES:
            schema_command = next(args for name, args in COMMANDS if name == ALIASES[path])
            words = [w for w in schema_command if not w.startswith(("-", "{"))]
            assert handlers[path] is handlers[" ".join(words[:3])], path
            continue
        assert path in NOT_RUN or any(command.startswith(path) for command in run), path
