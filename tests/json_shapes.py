"""The JSON every `--json` command prints, as JSON Schemas under docs/json/. The commands run on
the demo database: the reads, the writes a script would chain (every kind of change), then the
reads again on what the writes left. A schema is written from the types of what each command
handed to the printer: a dataclass gives its fields, all present, nullable where the field's
type says `| None`, enumerated where it is a Literal, whatever the samples held; what is not
typed (a dict a command builds) is inferred from every sample of both passes (a key some
sample lacks is optional, a value some sample has null is nullable).
`python -m tests.json_shapes` rewrites the schemas after a deliberate change of shape;
tests/test_json_shapes.py checks the output against the committed ones."""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import sys
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from types import NoneType, UnionType
from typing import Any

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "docs" / "json"
INSTANT = r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$"
DAY = r"^\d{4}-\d{2}-\d{2}$"
# Anything that looks like a time of day after a date: it must be an INSTANT.
LOOKS_LIKE_INSTANT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}")

SETUP = "(setup)"  # a step that prints no JSON, run for the state it leaves
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
    ("ranking-list", ("ranking", "list", "--json")),
    ("proxy-list", ("proxy", "list", "--json")),
    ("requirement-show", ("requirement", "show", "R2026-0001", "--json")),
    ("problem-show", ("problem", "show", "P2026-0001", "--json")),
    ("inventory-list", ("inventory", "list", "--json")),
    ("inventory-outdated", ("inventory", "outdated", "--json")),
    ("oplog-usage", ("oplog", "usage", "--from", "2026-09-01", "--to", "2026-09-30", "--unit",
                     "园岭街道", "--json")),
    ("oplog-dormant", ("oplog", "dormant", "--days", "30", "--json")),
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
    ("requirement-edit", ("requirement", "edit", "R2026-0002", "--analysis", "口径以省通报为准",
                          "--json")),
    ("requirement-step-2", ("requirement", "step", "R2026-0002", "--to", "analysed",
                            "--json")),
    ("requirement-step-3", ("requirement", "step", "R2026-0002", "--to", "verified",
                            "--json")),
    ("requirement-confirm", ("requirement", "confirm", "R2026-0002", "--by", "张主任",
                             "--unit", "区信访局办信科", "--json")),
    ("requirement-export", ("requirement", "export", "R2026-0002", "--format", "md",
                            "--plain", "-o", "{tmp}/R2026-0002.md", "--json")),
    ("problem-edit", ("problem", "edit", "P2026-0001", "--analysis", "驱动版本过低",
                      "--json")),
    ("ranking-import", ("ranking", "import", "{file:ranks.csv}", "--dry-run", "--json")),
    ("inventory-import", ("inventory", "import", "{file:terminals.csv}", "--dry-run",
                          "--json")),
    ("inventory-link", ("inventory", "link", "1", "JD-05", "--json")),
    ("oplog-import", ("oplog", "import", "{file:oplog.csv}", "--dry-run", "--json")),
    ("oplog-dormant-request", ("oplog", "dormant", "--days", "30", "--request", "--json")),
    ("proxy-add", ("proxy", "add", "GD4403042026H0002", "--action", "handled", "--for",
                   "刘干事", "--authorised-by", "张主任", "--json")),
    ("ranking-add", ("ranking", "add", "2026-10", "--rate", "satisfaction", "--rank", "4",
                     "--of", "21", "--province-average", "95.2", "--json")),
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
    ("ledger-payment", ("ledger", "payment", "first_invoiced", "--date", "2025-12-15",
                        "--json")),
    ("ledger-payment-list", ("ledger", "payment", "--json")),
    ("contract-renew", ("contract", "renew", "--end", "2027-12-08", "--value", "198000",
                        "--json")),
    ("contract-years", ("contract", "years", "--json")),
    ("ledger-suggestion-add", ("ledger", "suggestion", "add", "--title", "加强夜间值守",
                               "--date", "2026-10-09", "--json")),
    ("ledger-suggestion-show", ("ledger", "suggestion", "show", "{number}", "--json")),
    ("ledger-suggestion-close", ("ledger", "suggestion", "close", "{number}", "--outcome",
                                 "answered", "--date", "2026-10-09", "--note", "已加派人员",
                                 "--json")),
    ("ledger-breach-add-2", ("ledger", "breach", "add", "--date", "2026-10-09", "--clause",
                             "十一.9", "--json")),
    ("ledger-breach-dispute", ("ledger", "breach", "dispute", "{id}", "--note", "已报备",
                               "--json")),
    ("ledger-breach-withdraw", ("ledger", "breach", "withdraw", "{id}", "--json")),
    ("ledger-deliver", ("ledger", "deliver", "monthly_report", "2026-09", "--to", "张主任",
                        "--date", "2026-10-09", "--json")),
    ("ledger-sign", ("ledger", "sign", "{id}", "--by", "张主任", "--date", "2026-10-09",
                     "--json")),
    ("ledger-acceptance-record", ("ledger", "acceptance", "record", "--date", "2026-10-09",
                                  "--result", "passed", "--json")),
    ("calendar-recompute", ("calendar", "recompute", "--json")),
    ("problem-add-2", ("problem", "add", "--title", "统计页面加载慢", "--json")),
    ("problem-step", ("problem", "step", "{id}", "--to", "following", "--json")),
    ("kb-retire", ("kb", "retire", "1", "--json")),
    ("question-add-configuration", ("question", "add", "--title", "重置王五的口令", "--unit",
                                    "福田街道", "--category", "configuration", "--json")),
    ("question-config", ("question", "config", "{id}", "--kind", "password_reset",
                         "--requested-by", "李主任", "--json")),
    ("data-edit", ("data", "edit", "DS2026-0002", "--due-days", "7", "--json")),
    ("training-add", ("training", "add", "--kind", "operation", "--date", "2026-10-20",
                      "--time", "09:30", "--place", "三楼会议室", "--json")),
    ("case-show", ("case", "show", "{accepted}", "--json")),
    ("case-extend", ("case", "extend", "{accepted}", "--days", "30", "--approved-on",
                     "2026-10-09", "--reason", "需补充调查", "--json")),
    ("case-urge", ("case", "urge", "{accepted}", "--contact", "张科长", "--method", "phone",
                   "--agreed", "周五前办结", "--next-check", "2026-10-16", "--json")),
    ("case-stage", ("case", "stage", "{accepted2}", "replied", "--on", "2026-10-09",
                    "--json")),
    ("case-stage-2", ("case", "stage", "{accepted2}", "review_requested", "--on", "2026-10-09",
                      "--json")),
    ("case-stage-3", ("case", "stage", "{accepted2}", "reviewed", "--on", "2026-10-09",
                      "--json")),
    ("case-stage-4", ("case", "stage", "{accepted2}", "rereview_requested", "--on",
                      "2026-10-09", "--json")),
    ("case-hearing", ("case", "hearing", "{accepted2}", "--from", "2026-10-09", "--to",
                      "2026-10-09", "--json")),
    ("case-import", ("case", "import", "{sample}", "--dry-run", "--json")),
    ("security-copy-add", ("security", "copy", "add", "--title", "摘录信访件三份", "--approved-by",
                           "张主任", "--approved-on", "2026-10-09", "--json")),
    ("security-copy-show", ("security", "copy", "show", "{number}", "--json")),
    ("security-meeting-add", ("security", "meeting", "add", "--title", "联席会议记录",
                              "--location", "保密柜", "--date", "2026-10-09", "--json")),
    ("security-meeting-show", ("security", "meeting", "show", "{number}", "--json")),
    ("security-meeting-close", ("security", "meeting", "close", "{number}", "--outcome",
                                "destroyed", "--date", "2026-10-09", "--witness", "李晓燕",
                                "--json")),
    ("security-recording-add", ("security", "recording", "add", "--title", "接访录音",
                                "--holder", "wangjg", "--approved-by", "张主任", "--date",
                                "2026-10-09", "--json")),
    ("security-recording-show", ("security", "recording", "show", "{number}", "--json")),
    ("security-incident-add", ("security", "incident", "add", "--title", "U盘遗失",
                               "--date", "2026-10-09", "--reported-to", "张主任",
                               "--reported-on", "2026-10-09", "--json")),
    ("security-incident-show", ("security", "incident", "show", "{number}", "--json")),
    ("security-incident-close", ("security", "incident", "close", "{number}", "--outcome",
                                 "closed", "--date", "2026-10-09", "--note", "已找回",
                                 "--json")),
    ("security-borrow-add-2", ("security", "borrow", "add", "--title", "2024年信访档案",
                               "--holder", "wangjg", "--approved-by", "张主任", "--date",
                               "2026-10-09", "--due", "2026-10-16", "--json")),
    ("security-borrow-show", ("security", "borrow", "show", "{number}", "--json")),
    ("security-borrow-close", ("security", "borrow", "close", "{number}", "--outcome",
                               "returned", "--date", "2026-10-09", "--json")),
    ("security-media-add-2", ("security", "media", "add", "--title", "光盘", "--location",
                              "保密柜", "--password-set", "--json")),
    ("security-media-report", ("security", "media", "report", "{number}", "--to", "张主任",
                               "--date", "2026-10-09", "--json")),
    ("security-media-close", ("security", "media", "close", "{number}", "--outcome",
                              "destroyed", "--date", "2026-10-09", "--witness", "李晓燕",
                              "--json")),
    ("security-scan-add", ("security", "scan", "add", "--tool", "绿盟 RSAS", "--date",
                           "2026-10-09", "--json")),
    ("security-finding-add", ("security", "finding", "add", "{number}", "--severity", "high",
                              "--title", "中间件版本存在已知漏洞", "--json")),
    ("security-finding-fix", ("security", "finding", "fix", "{id}", "--date", "2026-10-09",
                              "--remediation", "升级中间件", "--json")),
    ("security-finding-problem", ("security", "finding", "problem", "{id}", "--json")),
    ("report-monthly", ("report", "monthly", "2026-09", "--format", "xlsx", "-o",
                        "{tmp}/report.xlsx", "--json")),
    ("ledger-bulletin", ("ledger", "bulletin", "--month", "2026-09", "-o",
                         "{tmp}/bulletin.xlsx", "--plain", "--json")),
    ("security-export", ("security", "export", "-o", "{tmp}/security.xlsx", "--plain",
                         "--json")),
    ("handover-sign", ("handover", "sign", "--note", "一切正常", "--json")),
    ("report-quarterly", ("report", "quarterly", "2026-Q3", "--format", "xlsx", "-o",
                          "{tmp}/q.xlsx", "--json")),
    ("report-annual", ("report", "annual", "2025", "--format", "md", "-o", "{tmp}/a.md",
                       "--json")),
    ("calendar-load", ("calendar", "load", "{file:2027.toml}", "--check", "--json")),
    ("kb-import", ("kb", "import", "{file:kb.md}", "--json")),
    ("training-attendees-import", ("training", "attendees", "import", "1",
                                   "{file:attendees.csv}", "--dry-run", "--json")),
    ("training-evaluations-import", ("training", "evaluations", "import", "1",
                                     "{file:evaluations.csv}", "--dry-run", "--json")),
    ("security-scan-add-2", ("security", "scan", "add", "--tool", "绿盟 RSAS", "--date",
                             "2026-10-10", "--json")),
    ("security-finding-verify", ("security", "finding", "verify", "{finding}", "--scan",
                                 "{number}", "--json")),
    # Second samples of a schema, in states the first did not show.
    ("calendar-deadline", ("calendar", "deadline", "2027-12-20", "15", "--provisional",
                           "--json")),
    (SETUP, ("data", "fulfil", "DS2026-0002", "cases_by_unit", "--from", "2026-09-01", "--to",
             "2026-09-30", "-o", "{tmp}/fulfilled.xlsx")),
)
# Files the commands above read, written into the run's folder first.
FILES = {
    "attendees.csv": "姓名,单位,职务,签到\n胡敏,园岭街道,信访干部,已签到\n",
    "evaluations.csv": "姓名,单位,内容,讲师,实用性,总体,意见\n胡敏,园岭街道,5,5,4,5,很好\n",
    "ranks.csv": "期间,指标,排名,参评区县数,全省平均\n2026-09,满意率,4,21,95.1%\n",
    "oplog.csv": "操作时间,账号,单位,操作类型\n2026-10-09 09:00,000a,园岭街道,查询\n",
    "terminals.csv": "计算机名,单位,使用人,PageOffice版本\nYL-PC-01,园岭街道,胡敏,5.3\n",
}
# Not run here: `case nothing-due` is refused while the demo's worklist has cases (its JSON
# is tests/test_urging.py's); `team setup|upgrade` need a PostgreSQL superuser (their JSON is
# tests/test_shared_host.py's); `audit reanchor` would restart the demo's anchor for every
# command after it.
NOT_RUN = {"case nothing-due", "team setup", "team upgrade", "audit reanchor"}
# The same handlers under `ledger` (the contract's view of the security records).
ALIASES = {"ledger scan add": "security-scan-add", "ledger scan list": "security-scan-list",
           "ledger finding add": "security-finding-add", "ledger finding fix":
           "security-finding-fix", "ledger finding problem": "security-finding-problem",
           "ledger finding list": "security-finding-list", "ledger export": "security-export",
           "ledger finding verify": "security-finding-verify"}


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


@dataclasses.dataclass
class Printed:
    """One command's samples: what it printed (parsed) and what it handed to the printer."""

    args: tuple[str, ...]
    outputs: list[Any] = dataclasses.field(default_factory=list)
    raws: list[Any] = dataclasses.field(default_factory=list)


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "type" not in schema:
        return schema  # open already
    kinds = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    return {**schema, "type": _merge_types({*kinds, "null"})}


def schema_of(raws: Sequence[Any]) -> dict[str, Any]:
    """The schema of values a command handed to the printer: typed where they are dataclasses,
    inferred from the samples where they are plain dicts, lists and scalars."""
    from helpdesk.cli.common import json_value

    present = [raw for raw in raws if raw is not None]
    if present and all(dataclasses.is_dataclass(raw) and not isinstance(raw, type)
                       for raw in present) and len({type(raw) for raw in present}) == 1:
        schema = _from_class(type(present[0]), present)
    elif present and all(isinstance(raw, Mapping) for raw in present):
        keys: list[str] = []
        for raw in present:
            keys += [str(k) for k in raw if str(k) not in keys]
        schema = {"type": "object",
                  "properties": {key: schema_of([_item(raw, key) for raw in present
                                                 if _has(raw, key)]) for key in keys},
                  "required": [key for key in keys if all(_has(raw, key) for raw in present)],
                  "additionalProperties": False}
    elif present and all(isinstance(raw, list | tuple | set | frozenset) for raw in present):
        items = [item for raw in present for item in raw]
        schema = {"type": "array", **({"items": schema_of(items)} if items else {})}
    else:
        return infer([json_value(raw) for raw in raws])
    return _nullable(schema) if len(present) < len(raws) else schema


def _has(raw: Mapping[Any, Any], key: str) -> bool:
    return any(str(k) == key for k in raw)


def _item(raw: Mapping[Any, Any], key: str) -> Any:
    return next(value for k, value in raw.items() if str(k) == key)


def _hints(cls: type) -> dict[str, Any]:
    """The fields' types; one a module names only for the type checker is left unknown."""
    try:
        return typing.get_type_hints(cls)
    except NameError:
        module = vars(sys.modules[cls.__module__])
        found: dict[str, Any] = {}
        for field in dataclasses.fields(cls):
            try:
                found[field.name] = (eval(field.type, {**vars(typing), **module})
                                     if isinstance(field.type, str) else field.type)
            except NameError:
                found[field.name] = Any
        return found


def _from_class(cls: type, samples: Sequence[Any]) -> dict[str, Any]:
    hints = _hints(cls)
    names = [field.name for field in dataclasses.fields(cls)]
    return {"type": "object",
            "properties": {name: _from_hint(hints.get(name, Any),
                                            [getattr(sample, name) for sample in samples])
                           for name in names},
            "required": names, "additionalProperties": False}


SCALARS: dict[Any, dict[str, Any]] = {
    bool: {"type": "boolean"}, int: {"type": "integer"}, float: {"type": "number"},
    str: {"type": "string"}, datetime: {"type": "string", "pattern": INSTANT},
    date: {"type": "string", "pattern": DAY}, timedelta: {"type": "integer"}}


def _from_hint(hint: Any, samples: Sequence[Any]) -> dict[str, Any]:
    """The schema a type promises, the samples filling in only what the type leaves open."""
    from helpdesk.cli.common import json_value

    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, UnionType):
        options = [arg for arg in args if arg is not NoneType]
        present = [sample for sample in samples if sample is not None]
        schema = _from_hint(options[0], present) if len(options) == 1 else (
            schema_of(present) if present else {})
        return _nullable(schema) if NoneType in args else schema
    if origin is typing.Literal:
        return {"enum": [json_value(arg) for arg in args]}
    if hint in SCALARS:
        return dict(SCALARS[hint])
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return {"enum": [json_value(member) for member in hint]}
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _from_class(hint, samples)
    if origin in (list, tuple, set, frozenset, Sequence, typing.Sequence):
        items = [item for sample in samples for item in sample]
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            return {"type": "array", **({"items": schema_of(items)} if items else {})}
        return {"type": "array", "items": _from_hint(args[0] if args else Any, items)}
    if origin in (dict, Mapping, typing.Mapping):
        if len(args) != 2 or args[1] in (Any, object):  # any keys, any values: say so
            return {"type": "object"}
        values = [value for sample in samples for value in sample.values()]
        return {"type": "object", "additionalProperties": _from_hint(args[1], values)}
    return schema_of(samples) if samples else {}


def schema_for(name: str, printed: Printed) -> dict[str, Any]:
    args = printed.args
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": f"helpdesk {' '.join(a for a in args if a != '--json')}",
            "description": f"What `helpdesk {' '.join(args)}` prints (from the types it "
                           "prints, and from the demo database before and after every kind "
                           "of change; regenerate with `python -m tests.json_shapes`).",
            **schema_of(printed.raws)}


def instants_in(value: Any) -> list[str]:
    """Every string in `value` that carries a time of day after a date."""
    if isinstance(value, dict):
        return [s for item in value.values() for s in instants_in(item)]
    if isinstance(value, list):
        return [s for item in value for s in instants_in(item)]
    return [value] if isinstance(value, str) and LOOKS_LIKE_INSTANT.search(value) else []


def _fill(argument: str, previous: Any, outputs: dict[str, tuple[tuple[str, ...], Any]],
          run: Any) -> str:
    """{id} / {number}: what the previous command printed; {accepted}, {accepted2}: cases in
    handling from the urging worklist, their deadline not past; {sample}: the shipped
    provincial export; {tmp}: a folder for files."""
    if argument in ("{id}", "{number}"):
        return str(previous[argument.strip("{}")])
    if argument in ("{accepted}", "{accepted2}"):
        # still inside their handling period: an extension is approved within it (Art. 34)
        handling = [item["case_number"] for item in outputs["case-urging"][1]["items"]
                    if item["step"] == "handling" and not item["extended"]
                    and item["workdays_left"] >= 0]
        return str(handling[0 if argument == "{accepted}" else 1])
    if argument == "{sample}":
        return str(SCHEMA_DIR.parents[1] / "data" / "samples" / "provincial_export.csv")
    if argument == "{finding}":
        return str(outputs["security-finding-add"][1]["id"])
    if argument.startswith("{file:"):
        return str(_file(argument[6:-1], run))
    return argument.replace("{tmp}", str(run.folder))


def _file(name: str, run: Any) -> Path:
    path = Path(run.folder) / name
    if name == "2027.toml":
        from helpdesk.calendar.template import year_template

        path.write_text(year_template(2027, "json_shapes"), encoding="utf-8")
    elif name == "kb.md":
        code, text = run("kb", "export", "--format", "md", "-o", str(path))
        assert code == 0, text
    else:
        path.write_text(FILES[name], encoding="utf-8")
    return path


@contextmanager
def _printed() -> Iterator[list[Any]]:
    """What each command hands to the JSON printer (the last top-level json_value call)."""
    from helpdesk.cli import common

    handed: list[Any] = []
    original = common.json_value
    depth = [0]

    def recording(value: Any) -> Any:
        if depth[0] == 0:
            handed.append(value)
        depth[0] += 1
        try:
            return original(value)
        finally:
            depth[0] -= 1

    common.json_value = recording
    try:
        yield handed
    finally:
        common.json_value = original


def _first_write() -> int:
    return next(index for index, (name, _args) in enumerate(COMMANDS)
                if name == "requirement-edit")


def run_all(run: Callable[..., tuple[int, str]]) -> dict[str, Printed]:
    """name -> its samples: every command once in order (the writes build on each other),
    then the reads again on what the writes left; each exit code checked."""
    printed: dict[str, Printed] = {}
    outputs: dict[str, tuple[tuple[str, ...], Any]] = {}
    previous: Any = None
    again = [(name, args) for name, args in COMMANDS[:_first_write()]]
    with _printed() as handed:
        for index, (name, args) in enumerate((*COMMANDS, *again)):
            given = tuple(_fill(a, previous, outputs, run) for a in args)
            handed.clear()
            code, text = run(*given)
            assert code in (0, 1), f"{name}: exit {code}: {text}"
            if name == SETUP:
                assert code == 0, f"{given}: {text}"
                continue
            output = json.loads(text)
            assert not (isinstance(output, dict) and "error" in output), f"{name}: {text}"
            if index < len(COMMANDS):
                previous = output
                outputs[name] = (args, output)
            sample = printed.setdefault(name, Printed(args))
            sample.outputs.append(output)
            sample.raws.append(handed[-1] if handed else output)
    return printed


def main() -> int:
    import tempfile

    from tests.json_shapes_support import demo_runner

    with tempfile.TemporaryDirectory() as folder:
        run = demo_runner(Path(folder))
        for name, printed in run_all(run).items():
            target = SCHEMA_DIR / f"{name}.schema.json"
            target.write_text(json.dumps(schema_for(name, printed), ensure_ascii=False,
                                         indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len({name for name, _args in COMMANDS} - {SETUP})} schemas to {SCHEMA_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
