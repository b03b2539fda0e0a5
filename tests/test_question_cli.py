"""`helpdesk question ...` as scripts use it, including several processes adding at once."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import TEST_USER, cli


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.db"
    subprocess.run([*cli(TEST_USER), "demo", "--db", str(db)], check=True,
                   capture_output=True, timeout=120, env=_env())
    return db


def _env() -> dict[str, str]:
    env = {**os.environ, "HELPDESK_NOW": "2026-11-24T10:00:00+08:00"}
    env.pop("HELPDESK_CONFIG", None)
    return env


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*cli(TEST_USER), "--db", str(db), *args],
                          capture_output=True, text=True, timeout=120, env=_env())


def test_add_list_show_resolve(demo_db: Path) -> None:
    added = run(demo_db, "question", "add", "--title", "来信如何登记", "--unit", "ftjd",
                "--category", "信访件登记", "--asker", "林主任", "--channel", "电话")
    assert added.returncode == 0, added.stderr
    question_id = added.stdout.strip()
    listed = json.loads(run(demo_db, "question", "list", "--json").stdout)
    mine = next(q for q in listed if str(q["id"]) == question_id)
    assert {"id", "title", "status", "category", "unit", "received_at", "sla_state"} <= set(mine)
    assert (mine["unit"], mine["category"], mine["status"]) == ("福田街道", "registration", "new")
    assert mine["received_at"] == "2026-11-24T10:00:00+08:00"
    resolved = run(demo_db, "question", "resolve", question_id, "--answer", "先扫描再登记",
                   "--json")
    assert json.loads(resolved.stdout)["status"] == "resolved"
    shown = json.loads(run(demo_db, "question", "show", mine["number"], "--json").stdout)
    assert shown["answer"] == "先扫描再登记"
    assert [h["kind"] for h in shown["history"]][:1] == ["created"]
    assert any("16h" in line for line in shown["sla_explanation"])
    searched = json.loads(run(demo_db, "question", "list", "--search", "来信", "--json").stdout)
    assert question_id in {str(q["id"]) for q in searched}


def test_bad_values_exit_2_with_the_valid_ones(demo_db: Path) -> None:
    result = run(demo_db, "question", "add", "--title", "x", "--unit", "ftjd", "--category",
                 "天气")
    assert result.returncode == 2
    assert "registration (信访件登记)" in result.stderr and "Traceback" not in result.stderr
    channel = run(demo_db, "question", "add", "--title", "x", "--unit", "ftjd", "--category",
                  "other", "--channel", "fax")
    assert channel.returncode == 2 and "walkin (现场)" in channel.stderr


@pytest.mark.slow
def test_concurrent_adds_lose_nothing(demo_db: Path) -> None:
    before = len(json.loads(run(demo_db, "question", "list", "--limit", "10000",
                                "--json").stdout))
    processes = [
        subprocess.Popen([*cli(TEST_USER), "--db", str(demo_db), "question",
                          "add", "--title", f"并发问题{index}", "--unit", "S01", "--category",
                          "other"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=_env())
        for index in range(8)
    ]
    ids = []
    for process in processes:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        ids.append(int(out.strip()))
    assert len(set(ids)) == 8
    rows = json.loads(run(demo_db, "question", "list", "--limit", "10000", "--json").stdout)
    assert len(rows) == before + 8
    assert len({row["number"] for row in rows}) == len(rows)


def test_an_error_under_json_carries_its_stable_code(demo_db: Path) -> None:
    missing = run(demo_db, "question", "show", "999999", "--json")
    assert missing.returncode == 6
    error = json.loads(missing.stdout)["error"]
    assert error["code"] == "common.question_not_found"
    assert "999999" in error["message"] and "没有" in error["message"]
    assert error["exit_code"] == 6
    assert missing.stderr.startswith("helpdesk: 没有")
