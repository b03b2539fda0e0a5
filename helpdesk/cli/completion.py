"""Shell completion from the real parser (shtab), with two repairs: file names complete for
every argument that takes a path (`-o`, `--db`, `--config`, `--password-file`, an import's
FILE), and zsh's command lists hold only each command's own subcommands (shtab 1.x lists a
nested group's verbs under its parent too, offering `roster approve`, which does not exist).
tests/test_cli_help.py compares the scripts' command trees with the parser's."""

from __future__ import annotations

import argparse
import re

import shtab

PATH_DESTS = {"output", "db", "config", "password_file", "file", "path", "dest", "source",
              "folder", "report"}


def _parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()
             ) -> dict[tuple[str, ...], argparse.ArgumentParser]:
    found = {path: parser}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                found |= _parsers(child, (*path, name))
    return found


def children(parser: argparse.ArgumentParser) -> list[str]:
    return [name for action in parser._actions
            if isinstance(action, argparse._SubParsersAction) for name in action.choices]


def _mark_paths(parsers: dict[tuple[str, ...], argparse.ArgumentParser]) -> None:
    for parser in parsers.values():
        for action in parser._actions:
            if action.dest in PATH_DESTS or (action.metavar or "") in ("FILE", "DIR"):
                action.complete = shtab.FILE  # type: ignore[attr-defined]


def _function_name(path: tuple[str, ...]) -> str:
    return "_shtab_" + re.sub(r"\W", "_", "_".join(("helpdesk", *path))) + "_commands"


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    parsers = _parsers(parser)
    _mark_paths(parsers)
    text = shtab.complete(parser, shell=shell)
    if shell != "zsh":
        return text
    for path, child in parsers.items():
        own = set(children(child))
        if not own:
            continue
        name = re.escape(_function_name(path))
        body = re.compile(name + r"\(\) \{\n  local _commands=\(\n(.*?)\n  \)", re.S)

        def keep(match: re.Match[str], own: set[str] = own) -> str:
            lines = [line for line in match.group(1).split("\n")
                     if line.strip().split(":", 1)[0] in own]
            return match.group(0).replace(match.group(1), "\n".join(lines))

        text = body.sub(keep, text)
    return text
