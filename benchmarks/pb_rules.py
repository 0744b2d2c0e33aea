"""Vote rules: Commune's core against pabutools on every approval file in shared/data/pabulib.

    python -m benchmarks.pb_rules [--peer-timeout 60] [--peer-memory 8] [--our-timeout 300]
                                  [--rules greedy mes]
                                  [--data DIR] [--only TEXT ...] [--no-official]

Each (instance, rule) runs in a child process, ours and then pabutools', each under its own
time cap so that a run that does not finish is killed; the time is measured in the child
around the rule alone (parsing excluded), the best of a few runs when they are short
(`best_time`, the same for both sides). Then a second table: the official outcome (the
`selected` column) against ours, for the files whose META rule Commune implements.
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.common import REPO

DEFAULT_DATA = REPO.parent / "shared" / "data" / "pabulib"
PEER_RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy", "phragmen")


@dataclass
class Timed:
    selected: list[str] | None  # None: killed at the cap, or failed
    seconds: float | None
    error: str = ""
    index_seconds: float | None = None
    tally_seconds: float | None = None


# Each side runs the rule up to REPEATS times in its child while the runs so far took less
# than REPEAT_BUDGET seconds, and the best time counts (as `timeit` does): the first call in
# a freshly forked child pays page faults and cold caches, ~1 ms, which is most of a small
# instance's time on either side. A run of more than REPEAT_BUDGET seconds runs once.
REPEATS = 5
REPEAT_BUDGET = 1.0


def best_time(run: Any) -> tuple[Any, float]:
    """`run()`'s result and its best time over up to REPEATS runs within REPEAT_BUDGET s."""
    times: list[float] = []
    while len(times) < REPEATS and sum(times) < REPEAT_BUDGET:
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return result, min(times)


def _ours(path: str, rule: str) -> tuple[list[str], float, float, float]:
    """Our selection and its time, then the time of the index (once per instance, untimed
    in the comparison: pabutools builds its profile while parsing, outside its timer too)
    and of `tally` (the selection with every project's explanation)."""
    from commune.budgets.rules import (
        ApprovalInstance,
        fastmes,
        kernels,
        phragmen,
        read_pabulib,
        select,
        tally,
    )

    instance = ApprovalInstance.from_pabulib(read_pabulib(path))
    kernels.warm_up()  # loads the compiled code once per process, as imports do for pabutools
    started = time.perf_counter()
    if rule == "phragmen":
        instance.derived("phragmen", phragmen._kernel_arrays)
    elif rule != "greedy":
        fastmes.prepare(instance).kernel_arrays  # noqa: B018 - builds the cached index
    index_seconds = time.perf_counter() - started
    outcome, seconds = best_time(lambda: select(instance, rule))
    _explained, tally_seconds = best_time(lambda: tally(instance, rule))
    return list(outcome.selected), seconds, index_seconds, tally_seconds


def _peer(path: str, rule: str) -> tuple[list[str], float]:
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    instance, profile = parse_pabulib(path)

    def call() -> Any:
        if rule == "greedy":
            return greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
        if rule == "mes":
            return method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
        if rule == "mes-add1":
            return method_of_equal_shares(
                instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
            )
        if rule == "mes-add1-greedy":
            return completion_by_rule_combination(
                instance,
                profile,
                [method_of_equal_shares, greedy_utilitarian_welfare],
                [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
            )
        if rule == "phragmen":
            return sequential_phragmen(instance, profile)
        raise ValueError(rule)

    result, seconds = best_time(call)
    return [project.name for project in result], seconds, 0.0, 0.0


def _child(function: Any, path: str, rule: str, connection: Any, memory: int | None) -> None:
    if memory:
        # pabutools' add1 can grow past 20 GB on a mid-sized file (Budapest 2025 VIII): a
        # cap makes that a MemoryError in the table, not the kernel's OOM killer at large.
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    try:
        connection.send(("ok", *function(path, rule)))
    except MemoryError:
        connection.send(("error", f"> {memory / 2**30:g} GiB", None, None, None))
    except Exception as error:  # reported in the table, not raised
        connection.send(("error", f"{type(error).__name__}: {error}", None, None, None))
    finally:
        connection.close()


def timed(function: Any, path: str, rule: str, cap: float, memory: int | None = None) -> Timed:
    """Run function(path, rule) in a child process, killed after `cap` seconds; `memory`
    bytes of address space at most, if given."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(function, path, rule, child, memory))
    process.start()
    child.close()
    if parent.poll(cap):
        try:
            status, value, seconds, index_seconds, tally_seconds = parent.recv()
        except EOFError:  # the child died without a word (killed from outside)
            process.join()
            return Timed(None, None, f"died ({process.exitcode})")
        process.join()
        if status == "ok":
            return Timed(value, seconds, "", index_seconds, tally_seconds)
        return Timed(None, None, value)
    process.kill()
    process.join()
    return Timed(None, None, f"> {cap:g} s")


def approval_files(folder: Path, only: list[str] = ()) -> list[tuple[Path, Any, Any]]:
    from commune.budgets.rules import ApprovalInstance, PabulibError, read_pabulib

    found = []
    for path in sorted(folder.glob("*.pb"), key=lambda p: p.stat().st_size):
        if only and not any(text.lower() in path.name.lower() for text in only):
            continue
        try:
            pb = read_pabulib(path)
        except PabulibError as error:
            print(f"  skipped {path.name}: {error}", file=sys.stderr)
            continue
        if pb.vote_type in ("approval", "choose-1"):
            found.append((path, pb, ApprovalInstance.from_pabulib(pb)))
    return found


def _seconds(value: float | None, error: str) -> str:
    # Six decimals under a millisecond: the small files' rows are in microseconds.
    if value is None:
        return error or "-"
    return f"{value:.6f}" if value < 0.001 else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.pb_rules")
    parser.add_argument("--peer-timeout", type=float, default=60.0, help="seconds per run")
    parser.add_argument(
        "--peer-memory", type=float, default=8.0, help="GiB of address space per pabutools run"
    )
    parser.add_argument("--our-timeout", type=float, default=300.0, help="seconds per run")
    parser.add_argument("--rules", nargs="+", default=list(PEER_RULES), choices=PEER_RULES)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-peer", action="store_true", help="only time Commune's core")
    parser.add_argument(
        "--only", nargs="+", default=[], metavar="TEXT", help="files whose name contains TEXT"
    )
    parser.add_argument("--no-official", action="store_true", help="skip the official table")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(
            f"No Pabulib data at {args.data}: this benchmark needs the .pb files of "
            "shared/data/pabulib beside the repository (or --data DIR).",
            file=sys.stderr,
        )
        return 1
    try:
        import pabutools  # noqa: F401
    except ImportError:
        if not args.no_peer:
            print("pabutools is missing: .venv/bin/pip install -e '.[test]'", file=sys.stderr)
            return 1
    files = approval_files(args.data, args.only)
    print(f"{len(files)} approval instances in {args.data}", file=sys.stderr)
    rows = []
    total = len(files) * len(args.rules)
    done = 0
    for path, _pb, instance in files:
        for rule in args.rules:
            done += 1
            print(f"[{done}/{total}] {path.name} {rule}…", file=sys.stderr, flush=True)
            ours = timed(_ours, str(path), rule, args.our_timeout)
            peer = (
                Timed(None, None, "not run")
                if args.no_peer
                else timed(_peer, str(path), rule, args.peer_timeout, int(args.peer_memory * 2**30))
            )
            if ours.selected is None or peer.selected is None:
                agreement = "n/a"
            else:
                agreement = "yes" if sorted(ours.selected) == sorted(peer.selected) else "NO"
            ratio = (
                f"{peer.seconds / max(ours.seconds, 1e-6):.0f}×"
                if ours.seconds is not None and peer.seconds is not None
                else "-"
            )
            row = (
                path.stem,
                str(instance.num_voters),
                str(len(instance.costs)),
                rule,
                _seconds(ours.seconds, ours.error),
                _seconds(peer.seconds, peer.error),
                ratio,
                agreement,
                _seconds(ours.index_seconds, "-"),
                _seconds(ours.tally_seconds, "-"),
            )
            rows.append(row)
            # Each row as soon as it is known, so that a run cut short still tells something.
            print("  " + " | ".join(row), file=sys.stderr, flush=True)
    header = (
        "instance",
        "voters",
        "projects",
        "rule",
        "ours (s)",
        "pabutools (s)",
        "ratio",
        "agree",
        "index (s)",
        "tally (s)",
    )
    print(_table(header, rows))
    print(summary(rows))
    if not args.no_official:
        print()
        print(_table(*official(files, args.our_timeout)))
    disagreements = sum(1 for row in rows if row[7] == "NO")
    return 1 if disagreements else 0


def summary(rows: list) -> str:
    """Per rule, where pabutools finished: rows, the smallest and median ratio, how many
    reach 100×, and the rows under 100× with pabutools' time."""
    lines = [
        "",
        "| rule | pabutools finished | min | median | ≥ 100× | under 100× |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for rule in PEER_RULES:
        finished = [row for row in rows if row[3] == rule and row[6] != "-"]
        if not finished:
            continue
        ratios = sorted(float(row[6].rstrip("×")) for row in finished)
        under = [
            f"{row[0]} ({row[6]}, pabutools {row[5]} s)"
            for row in finished
            if float(row[6].rstrip("×")) < 100
        ]
        lines.append(
            f"| {rule} | {len(finished)} | {ratios[0]:.0f}× | {ratios[len(ratios) // 2]:.0f}× "
            f"| {len(finished) - len(under)} | {', '.join(under) or '-'} |"
        )
    return "\n".join(lines)


def official(files: list[tuple[Path, Any, Any]], cap: float) -> tuple[tuple[str, ...], list]:
    """Our outcome against the `selected` column, for the META rules Commune implements."""
    from commune.budgets.rules import CITY_RULES

    rows = []
    for path, pb, instance in files:
        meta_rule = pb.meta.get("rule", "")
        rule = CITY_RULES.get(meta_rule.removesuffix("-comparison"))
        official_ids = pb.selected()
        if rule is None or official_ids is None:
            continue
        print(f"official: {path.name} {rule}…", file=sys.stderr, flush=True)
        ours = timed(_ours, str(path), rule, cap)
        if ours.selected is None:
            verdict = ours.error
        else:
            missing = sorted(set(official_ids) - set(ours.selected))
            extra = sorted(set(ours.selected) - set(official_ids))
            verdict = "yes" if not missing and not extra else f"NO: -{missing} +{extra}"
        rows.append(
            (
                path.stem,
                meta_rule,
                rule,
                str(instance.num_voters),
                str(len(official_ids)),
                _seconds(ours.seconds, ours.error),
                verdict,
            )
        )
    header = ("instance", "META rule", "our rule", "voters", "funded", "ours (s)", "reproduced")
    return header, rows


def _table(header: tuple[str, ...], rows: list) -> str:
    widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "| " + " | ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [header, tuple("-" * w for w in widths), *rows]
    ]
    return "\n".join(line + " |" for line in lines)


if __name__ == "__main__":
    sys.exit(main())
