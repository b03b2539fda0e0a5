"""Every subcommand's --help: a one-line summary in its parent's list, a help text for each
argument, and a worked example that the real parser accepts as a call of that very command;
exit codes listed once in `helpdesk --help`; completion scripts for bash and zsh."""

from __future__ import annotations

import argparse
import inspect
import re
import shlex
import shutil
import subprocess
from collections.abc import Iterator

import pytest

from helpdesk import errors
from helpdesk.cli.main import _command_named, build_parser, main
from helpdesk.errors import HelpdeskError

COMMON = {"-h", "--help", "--db", "--config"}


def leaves(parser: argparse.ArgumentParser, path: tuple[str, ...] = (),
           summary: str | None = "") -> Iterator[tuple[tuple[str, ...], str | None,
                                                          argparse.ArgumentParser]]:
    subcommands = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not subcommands:
        yield path, summary, parser
    for action in subcommands:
        summaries = {choice.dest: choice.help for choice in action._choices_actions}
        for name, child in action.choices.items():
            yield from leaves(child, (*path, name), summaries.get(name))


def test_every_command_is_described_with_an_example_that_parses() -> None:
    parser = build_parser()
    found = list(leaves(parser))
    assert len(found) > 150
    for path, summary, leaf in found:
        command = " ".join(path)
        assert summary, f"{command}: no summary in `helpdesk {' '.join(path[:-1])} --help`"
        for argument in leaf._actions:
            if not set(argument.option_strings) & COMMON and argument.dest != "help":
                assert argument.help, f"{command}: {argument.dest} has no help"
        text = f"{leaf.description or ''}\n{leaf.epilog or ''}"
        assert "xample: helpdesk " in text, f"{command}: no example"
        example = text.split("xample: helpdesk ", 1)[1].split(";")[0].split(" && ")[0]
        example = example.split(" > ")[0]  # what the shell redirects is not an argument
        words = shlex.split(example.replace("\n", " "))
        try:
            # The parser a command line builds: its command's module alone.
            parsed = build_parser(_command_named(words)).parse_args(words)
        except (SystemExit, HelpdeskError):
            pytest.fail(f"{command}: the example does not parse: {example}")
        assert parsed.handler == leaf.get_default("handler"), f"{command}: example {example}"


def test_each_command_is_registered_by_the_module_the_table_names() -> None:
    """A command line builds only its command's module's parser (cli/main.py
    COMMAND_MODULES): the table must name every command, and each by its own module."""
    from helpdesk.cli.main import COMMAND_MODULES

    def commands(parser: argparse.ArgumentParser) -> set[str]:
        action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        return set(action.choices) - {"completion"}

    assert commands(build_parser()) == set(COMMAND_MODULES)
    for name in COMMAND_MODULES:
        assert name in commands(build_parser(name))
    assert commands(build_parser("completion")) == set()


def test_exit_codes_are_listed_once_in_the_main_help(capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    listed = {int(line.split()[0]) for line in text.split("exit codes", 1)[1].splitlines()
              if line.strip()[:1].isdigit()}
    used = {cls.exit_code for _name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, errors.HelpdeskError)}
    assert used | {0} <= listed


@pytest.mark.parametrize("shell", ["bash", "zsh"])
def test_completion_scripts(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("requirement", "nothing-due", "config-checklist", "--skip-invalid"):
        assert word in script
    program = shutil.which(shell)
    if program is None:
        pytest.skip(f"{shell} is not installed here: the script was not syntax-checked")
    checked = subprocess.run([program, "-n"], input=script, text=True, capture_output=True,
                             timeout=60)
    assert checked.returncode == 0, checked.stderr


def _parser_tree() -> dict[str, list[str]]:
    from helpdesk.cli.completion import children
    from helpdesk.cli.main import build_parser

    tree: dict[str, list[str]] = {}

    def walk(parser: argparse.ArgumentParser, path: tuple[str, ...]) -> None:
        own = children(parser)
        if own:
            tree["_".join(("helpdesk", *path))] = own
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, child in action.choices.items():
                    walk(child, (*path, name))

    walk(build_parser(), ())
    return {re.sub(r"\W", "_", key): sorted(value) for key, value in tree.items()}


def test_completion_offers_exactly_the_parsers_commands(capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    """zsh offered `roster approve` (a verb of `roster leave`); bash and zsh complete file
    names for every path argument (issue 35)."""
    tree = _parser_tree()
    assert len(tree) > 30 and tree["helpdesk_roster"] == sorted(
        ["generate", "show", "gaps", "export", "swap", "assign", "leave"])
    main(["completion", "zsh"])
    zsh = capsys.readouterr().out
    offered = {name: sorted(re.findall(r"^    ([\w-]+):'", body, re.M)) for name, body in
               re.findall(r"^_shtab_(\w+)_commands\(\) \{\n  local _commands=\(\n(.*?)\n  \)",
                          zsh, re.M | re.S)}
    assert offered == tree
    main(["completion", "bash"])
    bash = capsys.readouterr().out
    choices = {name: sorted(words.split()) for name, words in
               re.findall(r"^_shtab_(\w+)_pos_0_choices=\((.*?)\)", bash, re.M)}
    assert {name: choices.get(name) for name in tree} == tree
    for path_argument in ("_shtab_helpdesk_case_import_pos_0_COMPGEN=_shtab_compgen_files",
                          "_shtab_helpdesk_report_monthly__o_COMPGEN=_shtab_compgen_files"):
        assert path_argument in bash
    assert '"--password-file[' in zsh and ":_files" in zsh
