"""`nkdesk gui [--smoke]`: the ward window. The only subcommand that loads Qt."""
from __future__ import annotations


def register(sub, common) -> None:
    parser = sub.add_parser("gui", parents=[common], help="open the ward window (the default)")
    parser.add_argument("--smoke", action="store_true",
                        help="open, print start-up times as JSON, and exit (benchmarks, frozen builds)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk.rules.errors import InputError

    raise InputError("gui", "the ward window is not part of this build yet; the headless "
                            "subcommands are listed by `nkdesk --help`", code="unavailable")
