"""Sharing the knowledge base with other districts: export published articles as Markdown or
xlsx, import another district's export merging by the article's stable id (uid)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from sqlmodel import col, select

from helpdesk.actor import Actor
from helpdesk.chat import chat_messages
from helpdesk.errors import UsageError
from helpdesk.i18n import catalog, t
from helpdesk.questions.models import KbArticle, KbArticleVersion
from helpdesk.roles import require
from helpdesk.services.file_export import write_bytes
from helpdesk.services.workspace import Workspace, change
from helpdesk.storage.sheets import save_book
from helpdesk.text import clean, markdown_text, markdown_unescape
from helpdesk.vocab import QUESTION_CATEGORIES

# The stable id another district's import merges by comes last and is hidden: a reader (and
# the printed page) has no use for 36 characters of UUID.
COLUMNS = ("category", "title", "question", "answer", "tags", "origin", "version", "uid")
HEADERS_ZH = ("分类", "标题", "问题", "答案", "标签", "来源", "版本", "合并编号")
WIDTHS = (12, 30, 50, 70, 16, 16, 6, 38)
LEGACY_HEADERS = {"编号": "uid"}  # the id's header before it moved to the end


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)  # (row or line, reason)


def _published(ws: Workspace, actor: Actor) -> list[KbArticle]:
    require(actor.role, "read", actor.login)
    order = {code: index for index, code in enumerate(QUESTION_CATEGORIES)}
    with ws.db.read() as session:
        articles = list(session.exec(select(KbArticle).where(
            col(KbArticle.status) == "published")).all())
    return sorted(articles, key=lambda a: (order.get(a.category, 99), a.title))


def export_markdown(ws: Workspace, actor: Actor, path: Path, *, for_chat: bool = False) -> int:
    """The published articles by category, every typed text literal (escaped). The default
    keeps each article's metadata in an HTML comment, its values percent-encoded so nothing
    typed can close it (another district's `kb import` merges by it); `for_chat` is the
    variant to paste into a chat group, without the metadata: numbered articles in messages a
    chat accepts (reports/chat.py)."""
    labels = catalog("zh_CN")
    articles = _published(ws, actor)
    title = f"知识库 · {ws.config.contract.bureau}"
    if for_chat:
        text = "\n\n".join(chat_messages(title, [_chat_text(article, labels)
                                                  for article in articles]))
    else:
        lines = [f"# {title}", ""]
        current = None
        for article in articles:
            if article.category != current:
                current = article.category
                lines += [f"## {labels.get('category.' + current, current)}", ""]
            lines += _markdown_lines(article)
        text = "\n".join(lines)
    write_bytes(ws, actor, Path(path), text.encode("utf-8"), what="kb_article",
                label="chat.txt" if for_chat else "md",
                title=t("kb.export_title", count=len(articles)))
    return len(articles)


def _markdown_lines(article: KbArticle) -> list[str]:
    """An article with its metadata in a comment, every typed text literal (escaped)."""
    return [
        f"### {markdown_text(article.title)}",
        f"<!-- uid: {_meta(article.uid)}; category: {_meta(article.category)}; "
        f"version: {article.version}; origin: {_meta(article.origin)}; "
        f"tags: {_meta(article.tags)} -->",
        "", "**问：**", "", markdown_text(article.question or article.title, inline=False),
        "", "**答：**", "", markdown_text(article.answer, inline=False), "",
    ]


def _chat_text(article: KbArticle, labels: dict[str, str]) -> str:
    """An article as plain text for a chat group (WeChat and 企业微信 show Markdown's marks and
    escapes literally): 【category】 title, 问/答, each typed text as typed, control characters
    and bidi overrides dropped. Numbered and split into messages by reports/chat.py."""
    category = labels.get("category." + article.category, article.category)
    return "\n".join([f"【{category}】{clean(article.title, single_line=True)}",
                      f"问：{clean(article.question or article.title)}",
                      f"答：{clean(article.answer)}"])


def export_xlsx(ws: Workspace, actor: Actor, path: Path) -> int:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    articles = _published(ws, actor)
    labels = catalog("zh_CN")
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "知识库"
    sheet.append(HEADERS_ZH)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for article in articles:
        sheet.append([labels.get("category." + article.category, article.category),
                      article.title, article.question, article.answer, article.tags,
                      article.origin, article.version, article.uid])
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.column_dimensions[get_column_letter(len(COLUMNS))].hidden = True
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions

    write_bytes(ws, actor, Path(path), save_book(book), what="kb_article", label="xlsx",
                title=t("kb.export_title", count=len(articles)))
    return len(articles)


def _meta(value: str) -> str:
    """A metadata value that cannot end the comment or split its fields ("-->", ";")."""

    return quote(value, safe=" ").replace("--", "%2D%2D")


_META = re.compile(r"<!--\s*uid:\s*(?P<uid>[^;]+);\s*category:\s*(?P<category>[^;]+);\s*"
                   r"version:\s*(?P<version>\d+);\s*origin:\s*(?P<origin>[^;]*);\s*"
                   r"tags:\s*(?P<tags>.*?)\s*-->")


def _read_markdown(path: Path) -> list[tuple[int, dict[str, str]]]:
    records: list[tuple[int, dict[str, str]]] = []
    current: dict[str, str] | None = None
    part = ""
    for number, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
        if line.startswith("### "):
            current = {"title": markdown_unescape(line[4:].strip()), "question": "",
                       "answer": ""}
            records.append((number, current))
            part = ""
        elif current is None:
            continue
        elif line.startswith("## "):
            current = None
        elif (meta := _META.match(line.strip())) is not None:
            current.update({k: unquote(v.strip()) for k, v in meta.groupdict().items()})
        elif line.strip() in ("**问：**", "**答：**"):
            part = "question" if "问" in line else "answer"
        elif part:
            current[part] = (current[part] + "\n" + line) if current[part] else line
    for _number, record in records:  # the text was escaped on export: read it as typed
        for part in ("question", "answer"):
            record[part] = markdown_unescape(record[part])
    return [(n, {k: v.strip() for k, v in r.items()}) for n, r in records]


def _read_xlsx(path: Path) -> list[tuple[int, dict[str, str]]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(c or "").strip() for c in next(rows, ())]
    names = {zh: en for zh, en in zip(HEADERS_ZH, COLUMNS, strict=True)} | \
        {en: en for en in COLUMNS} | LEGACY_HEADERS
    keys = [names.get(h, "") for h in header]
    records = []
    for number, values in enumerate(rows, start=2):
        if not any(values):
            continue
        records.append((number, {k: str(v).strip() if v is not None else ""
                                 for k, v in zip(keys, values, strict=False) if k}))
    book.close()
    return records


def _category(value: str) -> str | None:
    if value in QUESTION_CATEGORIES:
        return value
    labels = catalog("zh_CN")
    return next((c for c in QUESTION_CATEGORIES if labels.get("category." + c) == value), None)


def import_file(ws: Workspace, actor: Actor, path: Path) -> ImportReport:
    """Merge another district's export. A known uid is updated only when the incoming version
    is newer; an unknown one is added as published. Bad rows are reported and skipped."""
    if path.suffix.lower() == ".xlsx":
        records = _read_xlsx(path)
    elif path.suffix.lower() in (".md", ".markdown"):
        records = _read_markdown(path)
    else:
        raise UsageError("err.kb.import_format", path=path)
    report = ImportReport()
    with change(ws, actor) as tx:
        for number, record in records:
            uid = record.get("uid", "").strip()
            category = _category(record.get("category", ""))
            title = clean(record.get("title", ""), single_line=True, max_length=200).strip()
            answer = clean(record.get("answer", ""), max_length=20_000).strip()
            version_text = record.get("version", "1") or "1"
            if not uid or not title or not answer or category is None \
                    or not version_text.isdigit():
                report.errors.append((number, "uid, title, answer, category and a whole-number "
                                              "version are required"))
                continue
            version = int(version_text)
            existing = tx.session.exec(select(KbArticle).where(col(KbArticle.uid) == uid)).first()
            fields = {"title": title, "answer": answer, "category": category,
                      "question": clean(record.get("question", ""), max_length=20_000).strip(),
                      "tags": clean(record.get("tags", ""), single_line=True, max_length=200)}
            if existing is None:
                article = KbArticle(uid=uid, status="published", version=version,
                                    origin=clean(record.get("origin", ""), single_line=True,
                                                 max_length=64),
                                    updated_at=tx.now, updated_by=actor.login,
                                    title=fields["title"], answer=fields["answer"],
                                    category=fields["category"], question=fields["question"],
                                    tags=fields["tags"])
                tx.session.add(article)
                tx.session.flush()
                report.added.append(title)
            elif version > existing.version:
                for key, value in fields.items():
                    setattr(existing, key, value)
                existing.version, existing.updated_at = version, tx.now
                existing.updated_by = actor.login
                article = existing
                report.updated.append(title)
            else:
                report.skipped.append(title)
                continue
            assert article.id is not None
            tx.session.add(KbArticleVersion(
                article_id=article.id, version=article.version, title=article.title,
                question=article.question, answer=article.answer, tags=article.tags,
                status=article.status, changed_at=tx.now, changed_by=actor.login))
        tx.record("kb.import", "kb_article", path.name,
                  after={"added": len(report.added), "updated": len(report.updated),
                         "skipped": len(report.skipped), "errors": len(report.errors)})
    return report
