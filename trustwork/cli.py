"""The `trustwork` command line."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def _validate(args: argparse.Namespace) -> int:
    from .datacheck import check_data

    checked, problems = check_data(Path(args.data) if args.data else None)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) in {len(checked)} checked file group(s).", file=sys.stderr)
        return 1
    print(f"data is valid: {', '.join(checked)}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every `trustwork` subcommand."""
    parser = argparse.ArgumentParser(prog="trustwork", description="Rebuilding Trust course tools.")
    sub = parser.add_subparsers(dest="command", required=True)

    validate = sub.add_parser("validate", help="check every file in data/ and exit 1 on any problem")
    validate.add_argument("--data", help="data folder to check (default: the course's data/)")
    validate.set_defaults(run=_validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
