"""Command line: `helpdesk` opens the console; subcommands are scriptable (--json)."""
