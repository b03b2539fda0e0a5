"""Knowledge base: drafts from resolved questions, versions, search, export/import round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpdesk.app.opening import open_workspace
from helpdesk.clock import FrozenClock
from helpdesk.errors import StaleEdit, UsageError
from helpdesk.questions.actions import add_question, get_question, resolve
from helpdesk.questions.kb import (
    draft_from_question,
    get_article,
    save_article,
    search_articles,
    set_status,
)
from helpdesk.questions.kb_exchange import export_markdown, export_xlsx, import_file
from helpdesk.services.workspace import Workspace, resolve_actor
from helpdesk.storage.files import replacing_outputs
from tests.conftest import TEST_USER, local
from tests.expect import refused


def _published(ws: Workspace) -> list[int]:
    actor = resolve_actor(ws)
    ids = []
    for title, answer, category in (("来信如何登记", "先扫描来信，再在登记页选择“来信”渠道。",
                                     "registration"),
                                    ("转送后如何查看办理进度", "在“办理中”列表按编号查询。",
                                     "handling"),
                                    ("打印机脱机", "检查网线并重新添加打印机。", "desktop")):
        row = add_question(ws, actor, title=title, category=category)
        resolve(ws, actor, row.id, None, answer=answer)
        draft = draft_from_question(ws, actor, row.id)
        published = set_status(ws, actor, draft.id, draft.version, "published")
        ids.append(published.id)
    return ids


def test_draft_from_resolved_question_and_versions(ws: Workspace, clock: FrozenClock) -> None:
    actor = resolve_actor(ws)
    clock.set(local(2026, 11, 23, 9, 0))
    row = add_question(ws, actor, title="口令重置", category="configuration",
                       description="用户忘记口令")
    with refused(UsageError, "kb.not_resolved"):
        draft_from_question(ws, actor, row.id)
    resolve(ws, actor, row.id, None, answer="由管理员在用户管理中重置")
    draft = draft_from_question(ws, actor, row.id)
    assert (draft.status, draft.question, draft.answer, draft.category) == (
        "draft", "用户忘记口令", "由管理员在用户管理中重置", "configuration")
    edited = save_article(ws, actor, draft.id, draft.version, title="口令重置步骤",
                          question=draft.question, answer="系统管理 → 用户管理 → 重置口令",
                          category="configuration", tags="口令，账号")
    assert edited.tags == "口令,账号"
    with pytest.raises(StaleEdit):
        save_article(ws, actor, draft.id, draft.version, title="x", question="", answer="y",
                     category="configuration")
    published = set_status(ws, actor, edited.id, edited.version, "published")
    _article, versions = get_article(ws, actor, published.id)
    assert [v.version for v in versions] == [3, 2, 1]
    assert versions[-1].answer == "由管理员在用户管理中重置"


def test_answer_links_back_to_the_article(ws: Workspace) -> None:
    actor = resolve_actor(ws)
    article_id = _published(ws)[0]
    row = add_question(ws, actor, title="来信登记步骤", category="registration")
    resolve(ws, actor, row.id, None, answer="见知识库", kb_article_ids=(article_id,))
    assert get_question(ws, actor, row.id).kb_articles == [(article_id, "来信如何登记")]


def test_search_while_typing(ws: Workspace) -> None:
    _published(ws)
    actor = resolve_actor(ws)
    assert [a.title for a in search_articles(ws, actor, "来信")] == ["来信如何登记"]
    assert [a.title for a in search_articles(ws, actor, "打印机脱")] == ["打印机脱机"]
    assert [a.title for a in search_articles(ws, actor, "办理进度")] == ["转送后如何查看办理进度"]


@pytest.mark.parametrize("suffix", [".md", ".xlsx"])
def test_export_import_round_trip(ws: Workspace, tmp_path: Path, clock: FrozenClock,
                                  suffix: str) -> None:
    _published(ws)
    actor = resolve_actor(ws)
    exported = tmp_path / f"kb{suffix}"
    writer = export_markdown if suffix == ".md" else export_xlsx
    assert writer(ws, actor, exported) == 3
    other = open_workspace(ws.config, str(tmp_path / "other.db"), clock=clock,
                           os_user=TEST_USER)
    other_actor = resolve_actor(other)
    first = import_file(other, other_actor, exported)
    assert (len(first.added), first.updated, first.skipped, first.errors) == (3, [], [], [])
    again = import_file(other, other_actor, exported)
    assert (again.added, len(again.skipped)) == ([], 3)  # no duplicates
    imported = search_articles(other, other_actor, "来信")[0]
    assert imported.answer == "先扫描来信，再在登记页选择“来信”渠道。"
    assert imported.origin == ws.config.contract.bureau
    # The origin district edits its article: the next import updates it, by uid.
    original = search_articles(ws, actor, "来信")[0]
    save_article(ws, actor, original.id, original.version, title=original.title,
                 question=original.question, answer="新的步骤", category=original.category)
    with replacing_outputs():  # the same file again: as `--force` does
        assert writer(ws, actor, exported) == 3
    third = import_file(other, other_actor, exported)
    assert (third.added, third.updated, len(third.skipped)) == ([], ["来信如何登记"], 2)
    assert search_articles(other, other_actor, "来信")[0].answer == "新的步骤"
    other.db.dispose()


def test_xlsx_layout(ws: Workspace, tmp_path: Path) -> None:
    _published(ws)
    path = tmp_path / "kb.xlsx"
    export_xlsx(ws, resolve_actor(ws), path)
    sheet = load_workbook(path).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:4] == ["分类", "标题", "问题", "答案"]
    assert sheet["A2"].value == "信访件登记"  # grouped by category, registration first
    assert sheet.column_dimensions["D"].width <= 50  # long answers wrap (page_layout)
    # the id another district's import merges by: last, hidden, not printed (issue 36)
    assert sheet["H1"].value == "合并编号" and sheet.column_dimensions["H"].hidden
    assert str(sheet.page_setup.paperSize) == "9" and sheet.print_title_rows == "$1:$1"
    assert sheet.freeze_panes == "A2"


def test_bad_rows_are_reported_with_their_numbers(ws: Workspace, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["编号", "分类", "标题", "问题", "答案", "标签", "来源", "版本"])
    sheet.append(["u-1", "信访件登记", "好的一条", "问", "答", "", "南山区", 1])
    sheet.append(["", "信访件登记", "缺编号", "问", "答", "", "南山区", 1])
    sheet.append(["u-3", "天气", "坏分类", "问", "答", "", "南山区", 1])
    path = tmp_path / "in.xlsx"
    book.save(path)
    report = import_file(ws, resolve_actor(ws), path)
    assert report.added == ["好的一条"]
    assert [row for row, _reason in report.errors] == [3, 4]


def test_the_chat_variant_is_plain_text_without_metadata(ws: Workspace,
                                                         tmp_path: Path) -> None:
    """WeChat and 企业微信 show Markdown's marks and escapes literally (issue 36): the chat
    variant is plain text, each typed text as typed, control characters dropped."""
    actor = resolve_actor(ws)
    row = add_question(ws, actor, title="**重要** [点我](javascript:alert(1))",
                       category="desktop")
    resolve(ws, actor, row.id, None, answer="# 不是标题\n<b>也不是粗体</b>\x1b[31m")
    draft = draft_from_question(ws, actor, row.id)
    set_status(ws, actor, draft.id, draft.version, "published")
    path = tmp_path / "chat.txt"
    assert export_markdown(ws, actor, path, for_chat=True) == 1
    text = path.read_text(encoding="utf-8")
    assert "<!--" not in text and "uid" not in text
    assert "###" not in text and "**问" not in text and "\\" not in text
    assert text.startswith(f"知识库 · {ws.config.contract.bureau}\n1、【桌面运维】"
                           "**重要** [点我](javascript:alert(1))\n问：")
    assert "答：# 不是标题\n<b>也不是粗体</b>" in text and "\x1b" not in text
    export_markdown(ws, actor, tmp_path / "full.md")  # the one `kb import` reads keeps it
    assert "<!-- uid:" in (tmp_path / "full.md").read_text(encoding="utf-8")


def test_the_chat_variant_comes_in_messages_a_chat_accepts(ws: Workspace,
                                                           tmp_path: Path) -> None:
    """Issue 36: numbered articles, split into (1/2) messages of at most 2,048 bytes."""
    from helpdesk.chat import CHAT_LIMIT_BYTES

    actor = resolve_actor(ws)
    for n in range(12):
        article = save_article(ws, actor, None, None, title=f"第{n + 1}条", question="怎么办？",
                               answer="按步骤操作。" * 40, category="desktop", tags="")
        set_status(ws, actor, article.id, article.version, "published")
    path = tmp_path / "chat.txt"
    assert export_markdown(ws, actor, path, for_chat=True) == 12
    messages = path.read_text(encoding="utf-8").split("\n\n")
    assert len(messages) > 1
    assert all(len(message.encode("utf-8")) <= CHAT_LIMIT_BYTES for message in messages)
    assert messages[0].startswith(f"知识库 · {ws.config.contract.bureau}（1/{len(messages)}）")
    numbers = [line.split("、", 1)[0] for message in messages
               for line in message.splitlines() if "【桌面运维】" in line]
    assert numbers == [str(n) for n in range(1, 13)]


def test_the_default_markdown_is_literal_and_reads_back_as_typed(
        ws: Workspace, tmp_path: Path, clock: FrozenClock) -> None:
    """Typed text is escaped in the file (no heading, link, HTML or comment end of its own)
    and `kb import` reads it back exactly; metadata cannot close its comment."""
    actor = resolve_actor(ws)
    hostile = "# 不是标题\n<script>x</script> [点我](javascript:alert(1)) --> \\ *星*"
    article = save_article(ws, actor, None, None, title="**标题** --> <b>", question=hostile,
                           answer="1. 第一步\n- 第二步\n> 引用", category="desktop",
                           tags="a;b --> c")
    set_status(ws, actor, article.id, article.version, "published")
    path = tmp_path / "kb.md"
    export_markdown(ws, actor, path)
    from markdown_it import MarkdownIt

    html = MarkdownIt().render(path.read_text(encoding="utf-8"))
    assert "<script>" not in html and "<b>" not in html and 'href="javascript' not in html
    assert html.count("<h3>") == 1 and "<ol>" not in html and "<blockquote>" not in html
    other = open_workspace(ws.config, str(tmp_path / "other.db"), clock=clock,
                           os_user=TEST_USER)
    report = import_file(other, resolve_actor(other), path)
    assert report.errors == [] and len(report.added) == 1
    back = search_articles(other, resolve_actor(other), "", category="desktop")[0]
    assert (back.title, back.question, back.answer, back.tags) == (
        "**标题** --> <b>", hostile, "1. 第一步\n- 第二步\n> 引用", "a;b --> c")
    other.db.dispose()
