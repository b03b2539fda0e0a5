"""The JSON every `--json` command prints, as JSON Schemas under docs/json/: the commands run on
the demo database (read-only ones, and the writes a script would chain), and a schema inferred
from what they printed. `python -m tests.json_shapes` rewrites the schemas after a deliberate
change of shape; tests/test_json_shapes.py checks the output against the committed ones."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs" / "json"
INSTANT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
# Anything that looks like a time of day after a date: it must be an INSTANT.
LOOKS_LIKE_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")

# (schema name, arguments). Order matters: the writes build on each other ("{id}" is the id
# the previous command printed).
COMMANDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("config-path", ("config", "path", "--json")),
    ("staff-list", ("staff", "list", "--json")),
    ("audit-list", ("audit", "list", "--limit", "30", "--json")),
    ("calendar-deadline", ("calendar", "deadline", "2026-09-28", "15", "--json")),
    ("calendar-add-hours", ("calendar", "add-hours", "2026-09-30T17:00", "4", "--json")),
    ("calendar-years", ("calendar", "years", "--json")),
    ("question-list", ("question", "list", "--json")),
    ("question-show", ("question", "show", "1", "--json")),
    ("case-urging", ("case", "urging", "--json")),
    ("case-rates", ("case", "rates", "--from", "2026-07-01", "--to", "2026-09-30", "--json")),
    ("roster-show", ("roster", "show", "--json")),
    ("roster-gaps", ("roster", "gaps", "--json")),
    ("roster-leave-list", ("roster", "leave", "list", "--json")),
    ("handover-list", ("handover", "list", "--json")),
    ("training-list", ("training", "list", "--json")),
    ("training-show", ("training", "show", "1", "--json")),
    ("training-obligation", ("training", "obligation", "--json")),
    ("inspection-list", ("inspection", "list", "--json")),
    ("inspection-show", ("inspection", "show", "2026-08", "--json")),
    ("data-list", ("data", "list", "--json")),
    ("data-show", ("data", "show", "DS2026-0001", "--json")),
    ("ledger-breach-list", ("ledger", "breach", "list", "--json")),
    ("ledger-deliverables", ("ledger", "deliverables", "--json")),
    ("ledger-suggestion-list", ("ledger", "suggestion", "list", "--json")),
    ("security-exam-list", ("security", "exam", "list", "--json")),
    ("security-exam-history", ("security", "exam", "history", "wangjg", "--json")),
    ("security-media-list", ("security", "media", "list", "--json")),
    ("security-borrow-list", ("security", "borrow", "list", "--json")),
    ("security-copy-list", ("security", "copy", "list", "--json")),
    ("security-meeting-list", ("security", "meeting", "list", "--json")),
    ("security-recording-list", ("security", "recording", "list", "--json")),
    ("security-incident-list", ("security", "incident", "list", "--json")),
    ("security-scan-list", ("security", "scan", "list", "--json")),
    ("security-finding-list", ("security", "finding", "list", "--json")),
    ("security-offboard", ("security", "offboard", "wangjg", "--json")),
    ("doctor", ("doctor", "--json")),
    ("init", ("init", "--json")),
    ("unit-list", ("unit", "list", "--json")),
    ("requirement-list", ("requirement", "list", "--json")),
    ("problem-list", ("problem", "list", "--json")),
    ("kb-list", ("kb", "list", "--json")),
    ("kb-show", ("kb", "show", "1", "--json")),
    ("question-config-checklist", ("question", "config-checklist", "password_reset",
                                   "--json")),
    ("roster-generate", ("roster", "generate", "--month", "2026-11", "--dry-run", "--json")),
    ("handover-draft", ("handover", "draft", "--json")),
    ("data-run", ("data", "run", "cases_by_unit", "--from", "2026-07-01", "--to",
                  "2026-09-30", "--json")),
    ("security-finding-list-open", ("security", "finding", "list", "--open", "--json")),
    # Writes, as a script would chain them.
    ("question-add", ("question", "add", "--title", "登记页面打不开", "--unit", "福田街道",
                      "--category", "registration", "--json")),
    ("question-move", ("question", "move", "{id}", "--to", "in_progress", "--json")),
    ("question-resolve", ("question", "resolve", "{id}", "--answer", "已清理浏览器缓存",
                          "--json")),
    ("data-add", ("data", "add", "--title", "十月各街道信访件", "--asker", "刘主任",
                  "--json")),
    ("security-media-add", ("security", "media", "add", "--title", "U盘 16G", "--location",
                            "保密柜", "--json")),
    ("security-media-show", ("security", "media", "show", "MD2026-0001", "--json")),
    ("unit-add", ("unit", "add", "S99", "--name", "香蜜湖街道二", "--kind", "street",
                  "--json")),
    ("unit-edit", ("unit", "edit", "S99", "--contact", "李主任", "--json")),
    ("requirement-add", ("requirement", "add", "--title", "登记页面增加批量导出", "--json")),
    ("requirement-step", ("requirement", "step", "{id}", "--to", "analysed", "--json")),
    ("problem-add", ("problem", "add", "--title", "受理页面偶发 500", "--json")),
    ("kb-draft", ("kb", "draft", "--title", "登记页面空白", "--question", "页面空白",
                  "--answer", "清理缓存", "--category", "registration", "--json")),
    ("kb-edit", ("kb", "edit", "{id}", "--answer", "清理浏览器缓存后重新登录", "--json")),
    ("kb-publish", ("kb", "publish", "{id}", "--json")),
    ("security-exam-add", ("security", "exam", "add", "lixy", "--date", "2026-10-09",
                           "--result", "pass", "--score", "95", "--json")),
    ("security-pledge", ("security", "pledge", "lixy", "--date", "2026-10-09", "--json")),
    ("security-borrow-add", ("security", "borrow", "add", "--title", "2025年信访档案",
                             "--holder", "wangjg", "--approved-by", "张主任", "--date",
                             "2026-10-09", "--due", "2026-10-16", "--json")),
    ("ledger-breach-add", ("ledger", "breach", "add", "--date", "2026-10-09", "--clause",
                           "十一.8", "--json")),
    ("ledger-suggestion-add", ("ledger", "suggestion", "add", "--title", "加强夜间值守",
                               "--date", "2026-10-09", "--json")),
)


def _merge_types(types: set[str]) -> list[str] | str:
    if {"integer", "number"} <= types:
        types -= {"integer"}
    ordered = sorted(types)
    return ordered[0] if len(ordered) == 1 else ordered


def infer(values: Sequence[Any]) -> dict[str, Any]:
    """The narrowest schema every one of `values` satisfies (strings that are all instants or
    all days get that pattern; a field seen only as null is left open)."""
    present = [v for v in values if v is not None]
    nullable = len(present) < len(values)
    if not present:
        return {"description": "always null in the sample: any value when present"}
    types: set[str] = set()
    schema: dict[str, Any] = {}
    objects = [v for v in present if isinstance(v, dict)]
    arrays = [v for v in present if isinstance(v, list)]
    strings = [v for v in present if isinstance(v, str)]
    for value in present:
        types.add({dict: "object", list: "array", str: "string", bool: "boolean",
                   int: "integer", float: "number"}[type(value)])
    if objects:
        keys: list[str] = []
        for obj in objects:
            keys += [k for k in obj if k not in keys]
        schema["properties"] = {k: infer([o[k] for o in objects if k in o]) for k in keys}
        schema["required"] = [k for k in keys if all(k in o for o in objects)]
        schema["additionalProperties"] = False
    if arrays:
        items = [item for array in arrays for item in array]
        if items:
            schema["items"] = infer(items)
    if strings and len(strings) == len(present):
        if all(re.match(INSTANT, s) for s in strings):
            schema["pattern"] = INSTANT
        elif all(re.match(DAY, s) for s in strings):
            schema["pattern"] = DAY
    if nullable:
        types.add("null")
    schema["type"] = _merge_types(types)
    return {"type": schema.pop("type"), **schema}


def schema_for(name: str, args: Sequence[str], output: Any) -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"helpdesk {' '.join(a for a in args if a != '--json')}",
            "description": f"What `helpdesk {' '.join(args)}` prints (inferred from the demo "
                           "database; regenerate with `python -m tests.json_shapes`).",
            **infer([output])}


def instants_in(value: Any) -> list[str]:
    """Every string in `value` that carries a time of day after a date."""
    if isinstance(value, dict):
        return [s for item in value.values() for s in instants_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in instants_in(item)]
    return [value] if isinstance(value, str) and LOOKS_LIKE_INSTANT.search(value) else []


def run_all(run: Any) -> dict[str, tuple[tuple[str, ...], Any]]:
    """name -> (arguments, parsed output), each command's exit code checked."""
    outputs: dict[str, tuple[tuple[str, ...], Any]] = {}
    previous: Any = None
    for name, args in COMMANDS:
        given = tuple(str(previous["id"]) if a == "{id}" else a for a in args)
        code, text = run(*given)
        assert code in (0, 1), f"{name}: exit {code}: {text}"
        previous = json.loads(text)
        outputs[name] = (args, previous)
    return outputs


def main() -> int:
    import tempfile

    from tests.json_shapes_support import demo_runner

    with tempfile.TemporaryDirectory() as folder:
        run = demo_runner(Path(folder))
        for name, (args, output) in run_all(run).items():
            target = SCHEMA_DIR / f"{name}.schema.json"
            target.write_text(json.dumps(schema_for(name, args, output), ensure_ascii=False,
                                         indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(COMMANDS)} schemas to {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
