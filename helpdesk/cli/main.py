"""Entry point: the argument parser of every command, and the one place errors become exit
codes (listed in EXIT_CODES, printed at the end of `helpdesk --help`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn, cast

from helpdesk.errors import HelpdeskError

if TYPE_CHECKING:
    from helpdesk.config import Config
    Commands = argparse._SubParsersAction[argparse.ArgumentParser]
from helpdesk.text import clean


class Parser(argparse.ArgumentParser):
    """argparse's refusals go the way every other usage error does: its usage line, then one
    message (and the error object under --json), exit 2; never a bare SystemExit."""

    def error(self, message: str) -> NoReturn:
        from helpdesk.errors import UsageError

        self.print_usage(sys.stderr)
        raise UsageError("app.arguments", prog=self.prog, problem=message)


class _Version(argparse.Action):
    """The installed distribution's version, looked up only when asked for."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: object, option_string: str | None = None) -> None:
        import helpdesk

        print(f"helpdesk {helpdesk.__version__}")
        parser.exit()


def _common_options() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    # SUPPRESS keeps a subcommand's absent option from hiding one given before it.
    common.add_argument("--db", default=argparse.SUPPRESS,
                        help="database file or URL (env HELPDESK_DB)")
    common.add_argument("--config", default=argparse.SUPPRESS,
                        help="config.toml to use (env HELPDESK_CONFIG)")
    common.add_argument("--verbose", action="store_true", default=argparse.SUPPRESS,
                        help="also print the log's lines (and its details) to standard error")
    return common


EXIT_CODES = """exit codes (every command):
  0  done
  1  a check found problems (doctor, audit verify, import errors), or the command failed
  2  usage or configuration error: a bad argument, file or value (the message says which)
  3  the working-day calendar of a year is missing (load it: helpdesk calendar template)
  4  not authorised: the account is not registered or its role may not do this
  5  stale edit: someone changed the record since it was read; read it again
  6  not found: no such record
  7  busy: another writer held the database past the wait, or a restore is under way
130  interrupted (Ctrl+C)

shell completion: helpdesk completion bash > ~/.local/share/bash-completion/completions/helpdesk
                  helpdesk completion zsh > ~/.zfunc/_helpdesk"""


# The module that registers each top-level command. A command line builds only its command's
# parser (importing one module, not ~20); `--help`, a typo or no command builds them all.
# tests/test_cli_help.py keeps this table equal to what the modules register.
COMMAND_MODULES = {
    **dict.fromkeys(("demo", "config", "staff", "audit", "backup", "restore", "doctor", "init",
                     "migrate", "keys"), "admin_cmd"),
    **{name: f"{name}_cmd" for name in (
        "unit", "calendar", "question", "kb", "case", "ranking", "proxy", "oplog", "roster",
        "handover", "training", "inspection", "inventory", "report", "data", "ledger",
        "contract", "team", "security")},
    "requirement": "tracker_cmd", "problem": "tracker_cmd",
}
_MODULE_ORDER = tuple(dict.fromkeys(COMMAND_MODULES.values()))


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser, or only the one module's that registers `command`."""
    import importlib

    if command is None:
        modules = _MODULE_ORDER
    elif command in COMMAND_MODULES:
        modules = (COMMAND_MODULES[command],)
    else:
        modules = ()
    common = _common_options()
    parser = Parser(
        prog="helpdesk", parents=[common],
        description="信访信息系统驻场运维控制台 / on-site operations console. "
                    "Without a command, opens the console.",
        epilog=EXIT_CODES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, nargs=0,
                        help="print the installed version and exit")
    # Every subparser is a Parser (argparse makes them of the parent's class); the commands'
    # register() functions take them as plain ArgumentParsers.
    commands = cast("Commands", parser.add_subparsers(dest="command", metavar="COMMAND"))
    for module in modules:
        importlib.import_module(f"helpdesk.cli.{module}").register(commands, common)
    completion = commands.add_parser(
        "completion", parents=[common], help="print the shell completion script",
        epilog="Example: helpdesk completion bash > "
               "~/.local/share/bash-completion/completions/helpdesk")
    completion.add_argument("shell", choices=("bash", "zsh"), help="which shell")
    completion.set_defaults(handler=cmd_completion)
    _finish_help(parser, [])
    return parser


# The help of options many commands share, written once.
SHARED_HELP = {
    "--json": "print the result as JSON (shapes: docs/json)",
    "-o": "the file to write",
    "--note": "a note kept with the record",
    "--reason": "why (kept in the audit log)",
    "--title": "a short title",
    "--date": "the day, YYYY-MM-DD",
    "--limit": "at most this many",
    "--search": "words to look for",
    "--description": "the details",
    "--summary": "a short summary",
    "--phone": "a phone number (shown masked)",
    "--asker": "who asked",
    "--dry-run": "check and count only; write nothing",
    "--open": "only entries still open",
    "--password": "seal the file with a password, asked twice at the terminal",
    "--approval": "the copy approval it was made under (FZ2026-0001)",
    "--from": "the first day, YYYY-MM-DD",
    "--to": "the last day, YYYY-MM-DD",
    "--month": "the month, YYYY-MM",
    "--week": "the week containing this day, YYYY-MM-DD",
    "--unit": "unit code, name or pinyin initials",
    "--unit-kind": "only units of this kind",
    "--status": "only this status",
    "--kind": "the kind",
    "--format": "the file format",
    "--outcome": "how it was closed",
    "--result": "the result",
    "--severity": "how severe",
    "--remediation": "what was done to fix it",
    "--name": "the full name",
    "--role": "what they may do",
    "--category": "a category code or label",
    "--priority": "low, normal, high or urgent",
    "--channel": "how it came in",
    "--answer": "the answer given",
    "--by": "who",
    "--expected": "units expected to be connected",
    "--connected": "units connected",
    "--issued": "accounts issued",
    "--active": "accounts active in the month",
    "--disabled": "accounts disabled",
    "--part": "which part",
    "--sla": "only questions in this SLA state",
    "--rule": "how days are counted: calendar, rollover (calendar days, the last moved off "
              "a rest day) or workdays",
    "--place": "where",
    "--trainer": "who teaches it",
    "id": "its id or number",
    "number": "its number, e.g. JY2026-0001",
    "login": "the person's OS account",
    "file": "the file to read (xlsx or csv)",
    "item": "the item's number as `show` lists it",
    "query": "the query's name",
    "kind": "the kind",
    "status": "the new status",
    "result": "the result",
    "review": "what the incoming engineer does with it",
    "shift": "the shift's id (see `roster show`)",
    "second": "the other shift's id",
    "days": "how many days",
    "hours": "how many business hours",
}


def cmd_completion(args: argparse.Namespace) -> int:
    from helpdesk.cli.completion import script

    sys.stdout.write(script(build_parser(), args.shell))
    return 0


def _finish_help(parser: argparse.ArgumentParser, path: list[str]) -> None:
    """Every leaf command gets its worked example and every argument a help text (the shared
    one where the command gave none); tests/test_cli_help.py walks them all."""
    from helpdesk.cli.examples import EXAMPLES

    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in subcommands:
        for name, child in action.choices.items():
            _finish_help(child, [*path, name])
    if subcommands:
        return
    if any("-o" in a.option_strings or "--out" in a.option_strings for a in parser._actions):
        parser.add_argument("--force", action="store_true",
                            help="replace the output file when it exists (never a link, a "
                                 "device or the database's own files)")
    example = EXAMPLES.get(" ".join(path))
    if example and not parser.epilog:
        parser.epilog = f"Example: {example}"
    for argument in parser._actions:
        if argument.help is None:
            names = argument.option_strings or [argument.dest]
            argument.help = next((SHARED_HELP[n] for n in names if n in SHARED_HELP), None)


def _console_only(argv: list[str]) -> argparse.Namespace | None:
    """`helpdesk [--db X] [--config Y]` opens the console without building every command's
    parser (that costs ~30 ms before the first frame)."""
    known, rest = _common_options().parse_known_args(argv)
    return None if rest else known


def _command_named(argv: list[str]) -> str | None:
    """The command a command line names, when it names one (`--db X staff list`: staff)."""
    rest = _common_options().parse_known_args(argv)[1]
    return rest[0] if rest and rest[0] in (*COMMAND_MODULES, "completion") else None


def _undecodable(arguments: list[str]) -> str | None:
    """The first argument that is not valid text in this terminal's encoding (GBK bytes in a
    UTF-8 locale arrive as lone surrogates): shown with the bad bytes replaced."""
    for argument in arguments:
        if "\x00" in argument or any("\ud800" <= char <= "\udfff" for char in argument):
            return clean(argument, single_line=True, max_length=200)
    return None


class _Inert:
    """A text stream that drops terminal escapes, controls and bidi overrides from what a
    command prints (a path or a title the user typed), whatever the command."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._stream.write(clean(text)))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def _terminal_safe_output() -> Iterator[None]:
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Inert(sys.stdout), _Inert(sys.stderr)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved


def _path_problem(err: OSError) -> str:
    import errno

    from helpdesk.i18n import t

    reason = {errno.ENOENT: "missing", errno.ENOTDIR: "not_folder", errno.EISDIR: "is_folder",
              errno.EACCES: "denied", errno.EPERM: "denied", errno.ENAMETOOLONG: "too_long",
              errno.ENOSPC: "disk_full"}.get(err.errno or 0)
    text = t(f"app.path_{reason}") if reason else t("app.path_other", code=err.errno)
    path = clean(str(err.filename or ""), single_line=True, max_length=120)
    return t("app.path_unusable", path=path, reason=text)


Console = Callable[["Config", "str | None"], int]


def main(argv: list[str] | None = None, console: Console | None = None) -> int:
    """`helpdesk …`: a subcommand runs here; no subcommand opens the console, which the
    launcher (screens/launch.py) passes in: this core package never imports the UI."""
    arguments = sys.argv[1:] if argv is None else argv
    bad = _undecodable(arguments)
    if bad is not None:
        from helpdesk.i18n import t

        print(f"helpdesk: {t('app.argument_encoding', argument=bad)}", file=sys.stderr)
        return 2
    try:
        if _common_options().parse_known_args(arguments)[1] == ["--version"]:
            import helpdesk  # a script's probe: no parser of ~100 commands to build

            print(f"helpdesk {helpdesk.__version__}")
            return 0
        quick = _console_only(arguments)
        if quick is not None:
            quick.command = None
            args = quick
            parser = None
        else:
            parser = build_parser(_command_named(arguments))
            args = parser.parse_args(arguments)
    except HelpdeskError as err:  # a value refused while the arguments were read
        return _report(err, as_json="--json" in arguments)
    for option in ("db", "config"):
        if not hasattr(args, option):
            setattr(args, option, None)
    if args.command is None:
        return _outcome(lambda: run_console(args, console), args)[0]
    handler = getattr(args, "handler", None)
    if handler is None:
        assert parser is not None
        parser.parse_args([*arguments, "--help"])
        return 2
    return _logged(handler, args)


def _logged(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """The handler run, and its outcome (the exit code the shell sees) logged (cli/log.py)."""
    import time

    from helpdesk.cli import log
    from helpdesk.storage.files import replacing_outputs

    def run() -> int:
        with _terminal_safe_output(), replacing_outputs(getattr(args, "force", False)):
            return int(handler(args))

    log.start(verbose=bool(getattr(args, "verbose", False)))
    module = handler.__module__.rpartition(".")[2].removesuffix("_cmd")
    command = f"{module}:{handler.__name__.removeprefix('cmd_')}"
    started, code, error = time.monotonic(), 1, "exception"
    try:
        code, error = _outcome(run, args)
    finally:
        log.outcome(command, code, time.monotonic() - started, error)
    return code


def _outcome(call: Callable[[], int], args: argparse.Namespace) -> tuple[int, str]:
    """Run `call`; every failure a user can cause becomes its exit code and message (and the
    error object under --json), never a traceback. Returns (exit code, error code)."""
    as_json = bool(getattr(args, "json", False))
    try:
        return call(), ""
    except HelpdeskError as err:
        return _report(err, as_json=as_json), err.code
    except KeyboardInterrupt:
        return 130, "interrupted"
    except BrokenPipeError:  # `helpdesk ... | head` closed the pipe early (before OSError)
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0, ""
    except OSError as err:
        # A path the user gave (an input file, an output folder) that cannot be used: a usage
        # error naming the path, never a traceback.
        print(f"helpdesk: {_path_problem(err)}", file=sys.stderr)
        return 2, "path"
    except Exception as err:
        from sqlalchemy.exc import OperationalError

        if not isinstance(err, OperationalError):
            raise
        # A database server that refuses the connection (no such database, wrong password, not
        # running): what the server said, without the SQL and the traceback.
        from helpdesk.errors import UsageError

        reason = clean(str(err.orig or err).strip().splitlines()[-1], single_line=True,
                       max_length=300)
        refused = UsageError("err.db.unreachable", reason=reason)
        return _report(refused, as_json=as_json), refused.code


def _report(err: HelpdeskError, *, as_json: bool) -> int:
    # A message can quote what the user typed: shown without escapes or bidi overrides.
    message = clean(str(err))
    if as_json:
        import json

        # Scripts branch on the stable code; the message is in the user's language.
        print(json.dumps({"error": {"code": err.code, "message": message,
                                    "exit_code": err.exit_code}}, ensure_ascii=False))
    print(f"helpdesk: {message}", file=sys.stderr)
    return err.exit_code


def run_console(args: argparse.Namespace, console: Console | None = None) -> int:
    from helpdesk.cli.common import config_of, db_of
    from helpdesk.i18n import set_locale, t

    config = config_of(args)  # a broken config fails here, before the screen is taken over
    set_locale(config.ui.locale)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print(f"helpdesk: {t('app.no_terminal')}", file=sys.stderr)
        return 2
    if console is None:  # `python -m helpdesk` is the command line only
        print(f"helpdesk: {t('app.console_elsewhere')}", file=sys.stderr)
        return 2
    from helpdesk.storage.target import require_existing

    require_existing(config, db_of(args))
    return console(config, db_of(args))


if __name__ == "__main__":
    raise SystemExit(main())
