"""`tally FILE.pb --rule R [--json]`: the command line of the rules, with or without Django."""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TextIO

from .instance import ApprovalInstance
from .pabulib import PabulibError, format_money, read_pabulib
from .selection import select
from .tally import RULES


def build_parser(prog: str = "python -m commune.budgets.rules") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Vote rules on Pabulib .pb files.")
    commands = parser.add_subparsers(dest="command", required=True)
    add_tally_arguments(commands.add_parser("tally", help="run a rule on a .pb file"))
    return parser


def add_tally_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a Pabulib .pb file of approval ballots")
    parser.add_argument("--rule", required=True, choices=RULES)
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run_tally(path: str, rule: str, *, as_json: bool, out: TextIO, err: TextIO) -> int:
    """Tally `path` with `rule`; 0 on success, 2 for a malformed or unusable file."""
    started = time.perf_counter()
    try:
        instance = ApprovalInstance.from_pabulib(read_pabulib(path))
        outcome = select(instance, rule)
    except PabulibError as error:
        err.write(f"{path}: {error}\n")
        return 2
    except ValueError as error:
        err.write(f"{path}: {error}\n")
        return 2
    seconds = time.perf_counter() - started
    if as_json:
        payload = {
            "selected": sorted(outcome.selected),
            "total_cost": _json_money(outcome.total_cost),
            "seconds": round(seconds, 6),
        }
        out.write(json.dumps(payload) + "\n")
    else:
        out.write(f"rule: {rule}\n")
        out.write(f"selected ({len(outcome.selected)}): {' '.join(outcome.selected)}\n")
        out.write(
            f"total cost: {format_money(outcome.total_cost)} of {format_money(instance.budget)}\n"
        )
        out.write(f"seconds: {seconds:.3f}\n")
    return 0


def _json_money(value: object) -> int | float | str:
    # An int stays an int; an exact decimal is written as its decimal text, e.g. "1234.5".
    return value if isinstance(value, int) else format_money(value)  # type: ignore[arg-type]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return run_tally(args.file, args.rule, as_json=args.json, out=sys.stdout, err=sys.stderr)
