"""The command line of the core: `python -m commune.sortition.core draw POOL.csv QUOTAS.csv …`."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from typing import TextIO

from commune.sortition.core.data import read_pool, read_quotas
from commune.sortition.core.errors import InfeasibleQuotasError, InputError
from commune.sortition.core.lottery import draw, seed_commitment


def add_draw_arguments(parser: argparse.ArgumentParser) -> None:
    """The arguments of `draw`, shared with the Django management command."""
    parser.add_argument("pool", help="POOL.csv: an id column and one column per category")
    parser.add_argument("quotas", help="QUOTAS.csv: category,value,min,max")
    parser.add_argument("--panel-size", type=int, required=True, help="seats on the panel")
    parser.add_argument("--seed", required=True, help="the published random seed")
    parser.add_argument("--reserves", type=int, default=0, help="length of the reserve list")
    parser.add_argument(
        "--reserve-quotas", help="QUOTAS.csv of the reserve list (default: scaled quotas)"
    )
    parser.add_argument("--id-column", help="the pool's id column (default: id, unique_id…)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quiet", action="store_true", help="no progress on stderr")


def run_draw(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run a draw from parsed options; 0 on success, 1 on bad input or infeasible quotas."""
    started = time.monotonic()

    def progress(message: str) -> None:
        if not options.quiet:
            err.write(f"[{time.monotonic() - started:7.1f} s] {message}\n")
            err.flush()

    try:
        quotas = read_quotas(options.quotas)
        pool = read_pool(options.pool, quotas, id_column=options.id_column)
        reserve = read_quotas(options.reserve_quotas) if options.reserve_quotas else None
        result = draw(
            pool,
            quotas,
            panel_size=options.panel_size,
            seed=options.seed,
            reserve_size=options.reserves,
            reserves_quotas=reserve,
            progress=progress,
        )
    except InputError as error:
        err.write("".join(f"error: {problem}\n" for problem in error.problems))
        err.write("Nothing was drawn.\n")
        return 1
    except InfeasibleQuotasError as error:
        err.write(f"error: {error.message}\nNothing was drawn.\n")
        return 1
    # One write: Django's OutputWrapper would end every piece with a newline.
    if options.json:
        out.write(json.dumps(result.as_json(), ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [
        f"Seed commitment (SHA-256): {seed_commitment(options.seed)}",
        f"Lowest selection probability: {result.min_probability:.6f}",
        f"Panel ({len(result.panel)}):",
    ]
    lines += [f"  {pid}  p = {result.probabilities[pid]:.6f}" for pid in result.panel]
    if result.reserves:
        lines.append(f"Reserve list, in calling order ({len(result.reserves)}):")
        lines += [f"  {rank}. {pid}" for rank, pid in enumerate(result.reserves, start=1)]
    out.write("\n".join(lines) + "\n")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m commune.sortition.core",
        description="Panels drawn by lot with quotas (leximin lottery).",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    draw_parser = commands.add_parser("draw", help="draw a panel from POOL.csv and QUOTAS.csv")
    add_draw_arguments(draw_parser)
    commit_parser = commands.add_parser("commit", help="print the SHA-256 commitment of a seed")
    commit_parser.add_argument("seed")
    options = parser.parse_args(argv)
    if options.command == "commit":
        sys.stdout.write(seed_commitment(options.seed) + "\n")
        return 0
    return run_draw(options, sys.stdout, sys.stderr)
