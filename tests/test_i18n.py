"""Every UI string goes through t(); both locales carry every key that the code uses."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from helpdesk.i18n import catalog, set_locale, t
from helpdesk.keymap import ALL_KEYS

ROOT = Path(__file__).resolve().parents[1]
LITERAL_KEY = re.compile(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""")
DYNAMIC_PREFIX = re.compile(r"""\bt\(\s*f["']([a-z_]+\.[a-z_]*)\{""")


def test_locales_have_the_same_keys() -> None:
    assert set(catalog("zh_CN")) == set(catalog("en"))


def test_each_area_has_its_file_in_both_locales_and_a_key_is_defined_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from helpdesk import i18n

    folders = {locale: sorted(p.name for p in (ROOT / "helpdesk" / "locales" / locale)
                              .glob("*.toml")) for locale in ("zh_CN", "en")}
    assert folders["zh_CN"] == folders["en"] and "console.toml" in folders["en"]
    for name in folders["en"]:  # the same keys area by area, not only in all
        keys = [set(_flat(tomllib.loads((ROOT / "helpdesk" / "locales" / locale / name)
                                        .read_text(encoding="utf-8"))))
                for locale in ("zh_CN", "en")]
        assert keys[0] == keys[1], name
    twice = tmp_path / "xx"
    twice.mkdir()
    (twice / "a.toml").write_text('[nav]\ntoday = "A"\n', encoding="utf-8")
    (twice / "b.toml").write_text('[nav]\ntoday = "B"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES_DIR", tmp_path)
    with pytest.raises(i18n.DuplicateKey, match=r"nav\.today: a\.toml and b\.toml"):
        i18n.catalog.__wrapped__("xx")


def _flat(table: dict[str, object], prefix: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found |= _flat(value, f"{prefix}{key}.")
        else:
            found[f"{prefix}{key}"] = value
    return found


def test_every_key_used_in_code_exists() -> None:
    used: set[str] = set()
    prefixes: set[str] = set()
    for folder in ("helpdesk", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            source = path.read_text(encoding="utf-8")
            used |= set(LITERAL_KEY.findall(source))
            prefixes |= set(DYNAMIC_PREFIX.findall(source))
    used |= {spec.label for spec in ALL_KEYS.values()}
    missing = sorted(key for key in used if key not in catalog("zh_CN"))
    assert missing == []
    for prefix in prefixes:  # e.g. t(f"units.kind_{kind}") needs some units.kind_* keys
        assert any(key.startswith(prefix) for key in catalog("en")), prefix
    assert len(used) > 40


def test_switching_locale() -> None:
    set_locale("en")
    assert t("nav.today") == "Today"
    set_locale("zh_CN")
    assert t("nav.today") == "今日"
    assert t("list.page", page=3) == "第 3 页"


def _error_classes(trees: list[ast.Module]) -> set[str]:
    """HelpdeskError and every class derived from it, found in the source."""
    names = {"HelpdeskError"}
    grew = True
    while grew:
        grew = False
        for tree in trees:
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef) and node.name not in names and any(
                        isinstance(base, ast.Name) and base.id in names for base in node.bases):
                    names.add(node.name)
                    grew = True
    return names


def _keys_of(node: ast.expr) -> list[str] | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        body, orelse = _keys_of(node.body), _keys_of(node.orelse)
        return None if body is None or orelse is None else body + orelse
    return None


def test_every_error_is_raised_with_a_key_and_its_parameters() -> None:
    """Errors carry a catalogue key and the values its text needs, so the console and the CLI
    render them in the user's language; an English literal here would reach a Chinese user."""
    sources = [path for folder in ("helpdesk", "screens") for path in (ROOT / folder).rglob("*.py")]
    trees = [ast.parse(path.read_text(encoding="utf-8")) for path in sources]
    classes = _error_classes(trees) - {"ConfigError", "CalendarDataMissing",
                                       "CalendarTableInvalid", "UnknownOperator"}
    problems: list[str] = []
    seen = 0
    for path, tree in zip(sources, trees, strict=True):
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in classes):
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            keys = _keys_of(node.args[0]) if node.args else None
            if keys is None:
                problems.append(f"{where}: not raised with a literal message key")
                continue
            given = {keyword.arg for keyword in node.keywords}
            for key in keys:
                seen += 1
                for locale in ("zh_CN", "en"):
                    text = catalog(locale).get(key)
                    if text is None:
                        problems.append(f"{where}: {key} missing from {locale}")
                        continue
                    needed = set(re.findall(r"\{(\w+)", text))
                    if not needed <= given:
                        problems.append(f"{where}: {key} ({locale}) needs {needed - given}")
    assert problems == []
    assert seen > 200


def test_error_messages_in_english_carry_no_chinese() -> None:
    """Every err.* text, rendered in English, is free of CJK (parameters aside: they are data)."""
    cjk = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
    allowed = {"err.training.no_score_columns"}  # names the sheet's Chinese column headers
    leaking = [key for key, text in catalog("en").items()
               if key.startswith("err.") and key not in allowed and cjk.search(text)]
    assert leaking == []


def test_an_error_renders_in_the_current_locale() -> None:
    from helpdesk.errors import UsageError

    err = UsageError("err.common.title_empty")
    assert err.code == "common.title_empty"
    set_locale("en")
    try:
        assert str(err) == "the title must not be empty"
    finally:
        set_locale("zh_CN")
    assert str(err) == "标题不能为空"


def test_every_audit_action_and_kind_has_a_label() -> None:
    """The audit screen names actions in the user's language: every code the services record
    (literal or built from a known set of values) is catalogued in both locales."""
    actions: set[str] = set()
    kinds: set[str] = set()
    for path in (ROOT / "helpdesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and \
                    node.func.attr == "record" and len(node.args) > 1:
                for target, argument in ((actions, node.args[0]), (kinds, node.args[1])):
                    target.update(_keys_of(argument) or [])
    actions |= {f"kb.{s}" for s in ("add", "edit", "draft", "published", "retired")}
    actions |= {f"training.{s}" for s in ("planned", "held", "cancelled", "evaluation_add",
                                          "evaluation_edit")}
    actions |= {f"{k}.{s}" for k in ("requirement", "problem") for s in ("add", "status")}
    actions |= {f"{w}.export" for w in ("report", "acceptance", "data_request")}
    actions |= {"calendar.load"}
    kinds |= {"report", "acceptance", "data_request"}
    for locale in ("zh_CN", "en"):
        words = catalog(locale)
        assert sorted(a for a in actions if f"audit.act.{a}" not in words) == []
        assert sorted(k for k in kinds if f"audit.kind.{k}" not in words) == []
    assert len(actions) > 60
