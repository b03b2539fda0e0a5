"""知识库: articles, newest first, searchable in Chinese; publish, retire, read with versions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from helpdesk.errors import HelpdeskError
from helpdesk.i18n import t

from ..host import host_of
from ..keys import bindings, localize
from ..lists import PagedListScreen
from ..render import local_time, multiline, plain
from ..widgets.field_input import FieldInput
from ..widgets.paged_table import fill

if TYPE_CHECKING:
    from helpdesk.actor import Actor
    from helpdesk.questions.kb import ArticleVersionView, ArticleView
    from helpdesk.services.workspace import Workspace


class KbScreen(PagedListScreen["list[ArticleView]", int]):
    # Styles of this screen load with it (not at start-up).
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #kb-search {
        height: 1;
        margin: 0 1;
        border: none;
    }
    ArticleScreen {
        align: center middle;
    }
    #article {
        width: 76;
        height: auto;
        max-height: 90%;
    }
    """
    BINDINGS = bindings("kb.search", "kb.open", "kb.edit", "kb.publish", "kb.retire", "kb.all")
    help_key = "nav.kb"
    PAGE_SIZE = 50
    COLUMNS = (("kb.category", 10), ("kb.title", 36), ("kb.status", 6), ("kb.origin", 14),
               ("kb.version", 4))
    WATCHES = frozenset(("kb_article",))
    GROW = ("kb.title",)

    def __init__(self) -> None:
        super().__init__()
        self.all_statuses = False
        self.articles: list[ArticleView] = []

    def compose_top(self) -> ComposeResult:
        yield FieldInput(placeholder=t("kb.search_hint"), id="kb-search", compact=True)

    @on(Input.Changed, "#kb-search")
    def _search_changed(self) -> None:
        self.pager.reset()
        self.action_refresh()

    @on(Input.Submitted, "#kb-search")
    def _search_done(self) -> None:
        self.open_first_hit()

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_open()

    def fetch(self, ws: Workspace, actor: Actor) -> list[ArticleView]:
        from helpdesk.questions.kb import search_articles

        statuses = () if self.all_statuses else ("published",)
        return search_articles(ws, actor, self.query_one("#kb-search", Input).value,
                               statuses=statuses, before_id=self.pager.start,
                               limit=self.PAGE_SIZE)

    def show(self, data: list[ArticleView]) -> None:
        self.articles = data
        fill(self.table, [
            (str(a.id), [plain(t(f"category.{a.category}")), plain(a.title),
                         plain(t(f"kb.{a.status}"), style="" if a.status == "published"
                               else "dim"),
                         plain(a.origin, style="dim"), plain(a.version)])
            for a in self.articles
        ])
        self.page_loaded(len(self.articles), self.articles[-1].id if self.articles else None,
                         t("kb.all_statuses") if self.all_statuses else t("kb.published"))

    def _selected(self) -> ArticleView | None:
        row = self.table.cursor_row
        return self.articles[row] if 0 <= row < len(self.articles) else None

    def action_search(self) -> None:
        self.query_one("#kb-search", Input).focus()

    def action_toggle_all(self) -> None:
        self.all_statuses = not self.all_statuses
        self.pager.reset()
        self.action_refresh()

    def action_open(self) -> None:
        article = self._selected()
        if article is not None:
            self.app.push_screen(ArticleScreen(article.id))

    def action_edit(self) -> None:
        from .article_form import ArticleFormScreen

        article = self._selected()
        if article is not None:
            self.app.push_screen(ArticleFormScreen(article),
                                 self.reload_if_saved)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Publishing is offered on a draft or retired article, retiring on a published one."""
        if action != "set_status":
            return True
        article = self._selected()
        return article is not None and article.status != parameters[0]

    @on(DataTable.RowHighlighted)
    def _row_moved(self) -> None:
        self.refresh_bindings()

    def action_set_status(self, status: str) -> None:
        from ..confirm import ask

        article = self._selected()
        if article is not None:
            ask(self, t(f"kb.confirm_{status}", id=article.id), lambda: self._set_status(
                article, status), detail=article.title)

    @work(thread=True, exclusive=True, group="act")
    def _set_status(self, article: ArticleView, status: str) -> None:
        from helpdesk.questions.kb import set_status

        app = self.helpdesk
        assert app.ws is not None and app.actor is not None
        try:
            set_status(app.ws, app.actor, article.id, article.version, status)
        except HelpdeskError as err:
            app.call_from_thread(self.show_error, str(err))
        app.call_from_thread(self.reload)


class ArticleScreen(ModalScreen[None]):
    BINDINGS = bindings("screen.back")

    def __init__(self, article_id: int) -> None:
        super().__init__()
        localize(self)
        self.article_id = article_id

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="article", classes="form"):
            yield Static(Text(t("app.loading")), id="article-body")

    def on_mount(self) -> None:
        self.load()

    @work(thread=True)
    def load(self) -> None:
        from helpdesk.questions.kb import get_article
        app = host_of(self.app)
        assert app.ws is not None and app.actor is not None
        article, versions = get_article(app.ws, app.actor, self.article_id)
        app.call_from_thread(self.show, article, versions, app.ws.hours.zone)

    def show(self, article: ArticleView, versions: list[ArticleVersionView], zone: Any) -> None:
        parts: list[Any] = [
            plain(article.title, style="bold"),
            plain(f"{t('category.' + article.category)} · {t('kb.' + article.status)} · "
                  f"{article.origin} · v{article.version}", style="dim"),
            Text(t("question.description"), style="bold"), multiline(article.question),
            Text(t("question.answer"), style="bold"), multiline(article.answer),
            Text(t("kb.versions"), style="bold"),
        ]
        for version in versions:
            parts.append(plain(f"v{version.version} {local_time(version.changed_at, zone)} "
                               f"{version.changed_by} {t('kb.' + version.status)} "
                               f"{version.answer}", style="dim", limit=120))
        self.query_one("#article-body", Static).update(Group(*parts))

    def action_back(self) -> None:
        self.dismiss(None)
