"""One JSON convention: every `--json` output in tests/json_shapes.py, before and after every
kind of change, matches its committed schema under docs/json/ (written from the types the
commands print), and every instant anywhere in it is ISO 8601 with "T" and +08:00."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

import jsonschema
import pytest

from tests.json_shapes import (
    ALIASES,
    COMMANDS,
    INSTANT,
    NOT_RUN,
    SCHEMA_DIR,
    SETUP,
    Printed,
    infer,
    instants_in,
    run_all,
    schema_of,
)
from tests.json_shapes_support import demo_runner


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Printed]:
    return run_all(demo_runner(tmp_path_factory.mktemp("json")))


def test_every_output_matches_its_schema(outputs: dict[str, Printed]) -> None:
    for name, printed in outputs.items():
        schema = json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        for run, output in enumerate(printed.outputs):
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(output))
            assert not errors, (f"{name} (run {run + 1}): {errors[0].message} at "
                                f"{list(errors[0].path)}")


def test_the_reads_run_again_after_the_writes(outputs: dict[str, Printed]) -> None:
    audit = outputs["audit-list"].outputs
    assert len(audit) == 2 and audit[0] != audit[1]  # the writes left their records
    assert len(outputs["question-add"].outputs) == 1
    fulfilled = [row for row in outputs["data-list"].outputs[1] if row["status"] == "fulfilled"]
    assert fulfilled and fulfilled[0]["rows"] == 24  # None before: the schema must allow both
    provisional = outputs["calendar-deadline"].outputs
    assert {output["provisional"] for output in provisional} == {False, True}


def test_instants_have_one_form(outputs: dict[str, Printed]) -> None:
    for name, printed in outputs.items():
        for output in printed.outputs:
            wrong = [s for s in instants_in(output) if not re.match(INSTANT, s)]
            assert not wrong, f"{name}: {wrong[:3]}"
    first = outputs["audit-list"].outputs[0][0]
    assert re.match(INSTANT, first["at"])
    assert isinstance(first["summary"], dict)  # an object, not text
    clock = outputs["question-add"].outputs[0]["response"]
    assert isinstance(clock["remaining_seconds"], int) and isinstance(clock["remaining"], str)


def test_the_schemas_are_those_of_the_commands() -> None:
    assert {p.name for p in SCHEMA_DIR.glob("*.schema.json")} == {
        f"{name}.schema.json" for name, _args in COMMANDS if name != SETUP}


def test_inference_is_strict_enough_to_fail() -> None:
    schema = infer([{"at": "2026-10-10T10:30:00+08:00", "n": 1, "tags": ["a"]}])
    validator = jsonschema.Draft202012Validator(schema)
    assert validator.is_valid({"at": "2026-10-10T10:30:00+08:00", "n": 2, "tags": []})
    for wrong in ({"at": "2026-10-10 02:30:00+00:00", "n": 1, "tags": []},
                  {"at": "2026-10-10T10:30:00+08:00", "n": "1", "tags": []},
                  {"at": "2026-10-10T10:30:00+08:00", "n": 1, "tags": [], "extra": 1},
                  {"n": 1, "tags": []}):
        assert not validator.is_valid(wrong), wrong


@dataclass
class _Inner:
    day: date


@dataclass
class _Row:
    done_at: datetime | None
    kind: Literal["a", "b"]
    inner: _Inner | None
    marks: dict[str, bool]
    tags: list[str]


def test_a_schema_says_what_the_type_promises_not_what_the_sample_showed() -> None:
    """A field typed `| None` is nullable though every sample held a value; a Literal is an
    enumeration; a dict of one value type takes any key; a dataclass's fields are all there."""
    sample = _Row(datetime(2026, 10, 9, 2, 0, tzinfo=UTC), "a", _Inner(date(2026, 10, 9)),
                  {"核实身份": True}, ["x"])
    validator = jsonschema.Draft202012Validator(schema_of([sample]))
    fine: dict[str, Any]
    wrong: dict[str, Any]
    for fine in ({"done_at": None, "kind": "b", "inner": None, "marks": {"其他": False},
                  "tags": []},
                 {"done_at": "2026-10-09T10:00:00+08:00", "kind": "a",
                  "inner": {"day": "2026-10-09"}, "marks": {}, "tags": ["y"]}):
        assert validator.is_valid(fine), fine
    for wrong in ({"done_at": None, "kind": "c", "inner": None, "marks": {}, "tags": []},
                  {"done_at": None, "kind": "a", "inner": {"day": "9/10"}, "marks": {},
                   "tags": []},
                  {"done_at": None, "kind": "a", "inner": None, "marks": {"x": 1}, "tags": []},
                  {"kind": "a", "inner": None, "marks": {}, "tags": []}):
        assert not validator.is_valid(wrong), wrong
    # untyped: inferred from every sample, a key one sample lacks is optional
    merged = jsonschema.Draft202012Validator(schema_of([{"a": 1, "b": None}, {"a": 2}]))
    assert merged.is_valid({"a": 3}) and merged.is_valid({"a": 3, "b": None})
    assert not merged.is_valid({"b": None})


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
