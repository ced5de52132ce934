"""The headless interface: `nkdesk <subcommand>` (../shared/cli-contract.md).

This module only builds the argument parser and turns problems into one line on stderr: bad input
exits 2 (`nkdesk: field: problem`), an unexpected fault exits 70, never with a traceback. Each
subcommand lives in its own module here with `register(subparsers, common)`; those modules import
the rules, storage or Qt inside their `run`, so `nkdesk --help` and `nkdesk gui` stay light and
no headless subcommand ever loads PySide6.
"""
from __future__ import annotations

import nkdesk.startup  # noqa: F401  (first: starts the clock for `gui --smoke`)

# isort: split
import argparse
import importlib
import os
import sys

from nkdesk.rules.errors import InputError

# Subcommand modules, in the order `--help` lists them.
COMMANDS = ("gui", "where", "convert", "eligibility", "bsa", "dose", "schedule", "grade", "news2",
            "demo", "form", "export", "backup", "restore", "verify")


class UsageError(Exception):
    """A command line argparse could not understand."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we print one line
        raise UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS,
                        help="database file (default: $NKDESK_DB, else the user data folder)")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                        help="print one JSON object on stdout")
    parser = _Parser(prog="nkdesk", description="NKDesk: NK-cell trial ward software (headless interface).")
    parser.add_argument("--version", action="store_true", help="print the version and the database in use")
    parser.add_argument("--db", metavar="PATH", default=None, help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:
        importlib.import_module(f"nkdesk.cli.{name.replace('-', '_')}").register(sub, common)
    return parser


def _gui_only(argv: list[str]) -> bool:
    """`nkdesk`, `nkdesk gui …`: the window needs only its own options (start-up is measured)."""
    return not argv or (argv[0] == "gui" and "-h" not in argv and "--help" not in argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    try:
        _check_text(argv)
        if _gui_only(argv):
            parser = _Parser(prog="nkdesk gui")
            common = argparse.ArgumentParser(add_help=False)
            common.add_argument("--db", metavar="PATH", default=None)
            common.add_argument("--json", action="store_true")
            sub = parser.add_subparsers(dest="command", parser_class=_Parser)
            importlib.import_module("nkdesk.cli.gui").register(sub, common)
            args = parser.parse_args(["gui", *argv[1:]] if argv else ["gui"])
            return int(args.run(args) or 0)
        args = build_parser().parse_args(argv)
        if getattr(args, "version", False) and not args.command:
            from nkdesk import __version__
            from nkdesk.paths import database_path

            print(f"NKDesk {__version__}\ndatabase: {database_path(args.db)}")
            return 0
        if not args.command:
            args = build_parser().parse_args(["gui", *argv])
        args.json = getattr(args, "json", False)
        return int(args.run(args) or 0)
    except InputError as exc:
        return _fail(str(exc), 2)
    except UsageError as exc:
        return _fail(str(exc), 2)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except SystemExit as exc:  # --help prints and exits 0
        return exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 2
    except OSError as exc:  # the system refused a file the user named (full disk, vanished folder)
        where = f"{os.fsdecode(exc.filename)}: " if exc.filename is not None else ""
        return _fail(f"{where}{exc.strerror or exc}", 2)
    except Exception as exc:  # a fault of ours: one line, never a traceback
        return _fail(f"internal error: {type(exc).__name__}: {exc} (please report this)", 70)


MAX_LINE = 200   # characters in the one line on stderr (an echoed 50 MB input stays one short line)


def _check_text(argv: list[str]) -> None:
    """Every argument must be text: valid UTF-8 (Python keeps undecodable bytes as surrogates) and no NUL."""
    for index, arg in enumerate(argv):
        problem = "contains a NUL character" if "\x00" in arg else None
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            problem = "is not valid UTF-8 text"
        if problem:
            raise InputError(_option_at(argv, index), f"argument {index + 1} {problem}", code="not_text")


def _option_at(argv: list[str], index: int) -> str:
    """The option an argument belongs to (`--weight` for `--weight X` or `--weight=X`), else its position."""
    arg = argv[index]
    if arg.startswith("--"):
        return _printable(arg.split("=", 1)[0])
    if index > 0 and argv[index - 1].startswith("--") and "=" not in argv[index - 1]:
        return _printable(argv[index - 1])
    return f"argument {index + 1}"


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() and not 0xD800 <= ord(c) <= 0xDFFF else "?" for c in text)


def _fail(message: str, status: int) -> int:
    line = _printable(f"nkdesk: {' '.join(str(message).split())}")
    if len(line) > MAX_LINE:
        line = line[: MAX_LINE - 1] + "…"
    try:
        print(line, file=sys.stderr)
    except UnicodeEncodeError:  # a terminal that cannot show some character: show it escaped
        print(line.encode("ascii", "backslashreplace").decode("ascii"), file=sys.stderr)
    return status
