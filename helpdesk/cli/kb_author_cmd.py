"""`helpdesk kb draft|edit|publish|retire|list|show`: writing the knowledge base from scripts,
the same services the console's 知识库 screen uses (audited, versioned)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from helpdesk.cli.argtypes import LIMIT
from helpdesk.cli.common import actor_of, emit, print_json, workspace_of

if TYPE_CHECKING:
    from helpdesk.questions.kb import ArticleView


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    draft = sub.add_parser(
        "draft", parents=[common],
        help="a new draft article, typed or from a resolved question",
        description="Example: helpdesk kb draft --from-question Q2026-00042 --json; or "
                    "helpdesk kb draft --title 登记页面空白 --question … --answer … "
                    "--category registration")
    draft.add_argument("--from-question", default="",
                       help="a resolved question (id or number) to prefill it from")
    draft.add_argument("--title", default="", help="the article's title")
    draft.add_argument("--question", default="", help="the question it answers")
    draft.add_argument("--answer", default="", help="the answer")
    draft.add_argument("--category", default="other", help="a question category code")
    draft.add_argument("--tags", default="", help="words to find it by, space separated")
    draft.add_argument("--json", action="store_true", help="print the article as JSON")
    draft.set_defaults(handler=cmd_draft)

    edit = sub.add_parser("edit", parents=[common],
                          help="change an article's fields (only the options given)",
                          description="Example: helpdesk kb edit 12 --answer 先清理缓存再重试")
    edit.add_argument("id", help="the article's id")
    for option in ("title", "question", "answer", "category", "tags"):
        edit.add_argument(f"--{option}", help=f"the new {option}")
    edit.add_argument("--json", action="store_true", help="print the article as JSON")
    edit.set_defaults(handler=cmd_edit)

    for verb, status, text in (("publish", "published", "publish a draft (it needs an answer)"),
                               ("retire", "retired", "withdraw an article from search")):
        toggle = sub.add_parser(verb, parents=[common], help=text,
                                description=f"Example: helpdesk kb {verb} 12")
        toggle.add_argument("id", help="the article's id")
        toggle.add_argument("--json", action="store_true", help="print the article as JSON")
        toggle.set_defaults(handler=cmd_status, status=status)

    listing = sub.add_parser("list", parents=[common], help="articles, newest first",
                             description="Example: helpdesk kb list --status draft --json")
    listing.add_argument("--search", default="", help="words to look for")
    listing.add_argument("--status", action="append", default=[],
                         help="draft|published|retired (default published); may be repeated")
    listing.add_argument("--limit", type=LIMIT, default=50, help="at most this many")
    listing.add_argument("--json", action="store_true", help="print the list as JSON")
    listing.set_defaults(handler=cmd_list)

    show = sub.add_parser("show", parents=[common], help="one article and its versions",
                          description="Example: helpdesk kb show 12 --json")
    show.add_argument("id", help="the article's id")
    show.add_argument("--json", action="store_true", help="print the article as JSON")
    show.set_defaults(handler=cmd_show)


def _article_id(value: str) -> int:
    from helpdesk.errors import UsageError

    if not value.strip().isdigit():
        raise UsageError("err.cli.not_an_id", value=value)
    return int(value)


def _print(args: argparse.Namespace, article: ArticleView) -> int:
    return emit(args, article, f"{article.id} {article.status} v{article.version} "
                               f"{article.title}")


def cmd_draft(args: argparse.Namespace) -> int:
    from helpdesk.cli.lookup import question_id
    from helpdesk.questions.kb import draft_from_question, save_article

    ws = workspace_of(args)
    actor = actor_of(ws)
    if args.from_question:
        return _print(args, draft_from_question(ws, actor, question_id(ws, args.from_question)))
    return _print(args, save_article(ws, actor, None, None, title=args.title,
                                     question=args.question, answer=args.answer,
                                     category=args.category, tags=args.tags))


def cmd_edit(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb import get_article, save_article

    ws = workspace_of(args)
    actor = actor_of(ws)
    current, _versions = get_article(ws, actor, _article_id(args.id))
    fields = {name: getattr(args, name) if getattr(args, name) is not None
              else getattr(current, name)
              for name in ("title", "question", "answer", "category", "tags")}
    return _print(args, save_article(ws, actor, current.id, current.version, **fields))


def cmd_status(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb import get_article, set_status

    ws = workspace_of(args)
    actor = actor_of(ws)
    current, _versions = get_article(ws, actor, _article_id(args.id))
    return _print(args, set_status(ws, actor, current.id, current.version, args.status))


def cmd_list(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb import search_articles

    ws = workspace_of(args)
    articles = search_articles(ws, actor_of(ws), args.search,
                               statuses=tuple(args.status) or ("published",), limit=args.limit)
    if args.json:
        print_json(articles)
        return 0
    for article in articles:
        print(f"{article.id:>5} {article.status:<10} {article.category:<14} {article.title}")
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from helpdesk.questions.kb import get_article

    ws = workspace_of(args)
    article, versions = get_article(ws, actor_of(ws), _article_id(args.id))
    if args.json:
        print_json({**{"article": article}, "versions": versions})
        return 0
    print(f"{article.title}  [{article.status} v{article.version}]")
    print(article.question)
    print(article.answer)
    return 0
