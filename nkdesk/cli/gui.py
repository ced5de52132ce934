"""`nkdesk gui [--smoke]`: the ward window. The only subcommand that loads Qt."""
from __future__ import annotations


def register(sub, common) -> None:
    parser = sub.add_parser("gui", parents=[common], help="open the ward window (the default)")
    parser.add_argument("--smoke", action="store_true",
                        help="open, print start-up times as JSON, and exit (benchmarks, frozen builds)")
    parser.set_defaults(run=run)


def run(args) -> int:
    from nkdesk import app

    return app.run(args)
