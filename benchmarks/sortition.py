"""Peer check of the sortition core: our leximin against sortition-algorithms on the shared pools.

    python -m benchmarks.sortition [--data DIR] [--peer-timeout 300] [--only NAME]

For every instance under ../shared/data/sortition/ (relative to the repository) it runs,
in the same run and one after the other, Commune's leximin and the peer package
sortition-algorithms (its leximin, which needs Gurobi, and its maximin with the open
HiGHS solver: maximin maximises the same lowest probability, leximin only breaks its
ties). Each peer run is a child process killed after --peer-timeout seconds. Exit status
1 when our lowest selection probability is below a peer's by more than 1e-6, or when
the peer's leximin is better than ours (its sorted probabilities, compared first to
last, are higher by more than 1e-6 at the first place where they differ by more than
1e-9).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "sortition"
TOLERANCE = 1e-6
POOL_FILES = ("respondents.csv", "candidates.csv", "sample_respondents.csv")
QUOTA_FILES = ("categories.csv", "features.csv", "sample_targets.csv")
# Panel sizes stated by the sources (data/sortition/SOURCES.md); Flanigan's folders end
# with it. The OpenDLP toy states none: its quotas admit 8–16, we use 10 like the peer's
# own script.
PANEL_SIZES = {
    "sortition_algorithms_fixture": 22,
    "opendlp_monitoring": 30,
    "opendlp_csv_upload_sample": 10,
}


@dataclass
class Instance:
    name: str
    pool: Path
    quotas: Path
    panel_size: int


@dataclass
class Outcome:
    min_probability: float | None = None
    seconds: float | None = None
    note: str = ""
    probabilities: list[float] | None = None  # sorted
    profiles: int = 0


def compare_sorted(ours: list[float], peer: list[float]) -> str:
    """Leximin order of two sorted probability vectors, read at the first place where
    they differ by more than 1e-9: "ours better", "peer better" (by more than 1e-6), or
    "same" (no difference, or the peer ahead by less than the 1e-6 tolerance)."""
    for mine, theirs in zip(ours, peer, strict=True):
        if abs(mine - theirs) > 1e-9:
            if mine > theirs:
                return "ours better"
            return "peer better" if theirs - mine > TOLERANCE else "same"
    return "same"


def find_instances(data: Path) -> tuple[list[Instance], list[str]]:
    """The instances with a pool, and a note for each folder without one."""
    instances, notes = [], []
    for folder in sorted(path for path in data.iterdir() if path.is_dir()):
        pool = next((folder / f for f in POOL_FILES if (folder / f).exists()), None)
        quotas = next((folder / f for f in QUOTA_FILES if (folder / f).exists()), None)
        if pool is None or quotas is None:
            notes.append(f"{folder.name}: no pool file (reference figures only)")
            continue
        size = PANEL_SIZES.get(folder.name)
        match = re.search(r"_(\d+)$", folder.name)
        if size is None and match:
            size = int(match.group(1))
        if size is None:
            notes.append(f"{folder.name}: no panel size known, skipped")
            continue
        instances.append(Instance(folder.name, pool, quotas, size))
    return instances, notes


def reference_figures(data: Path) -> dict[str, tuple[float, float]]:
    """The paper's exact leximin minimum and Gurobi running time, by our folder name."""
    figures = {}
    folder = data / "flanigan2021_reference_output"
    for name, stem in (
        ("flanigan2021_example_small_20", "example_small_20"),
        ("flanigan2021_example_large_200", "example_large_200"),
    ):
        path = folder / f"{stem}_statistics.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        low = re.search(r"LEXIMIN minimum probability \(exact\):\s*([\d.]+)%", text)
        took = re.search(r"median running time of ([\d.]+) seconds", text)
        if low and took:
            figures[name] = (float(low.group(1)) / 100, float(took.group(1)))
    return figures


def run_ours(instance: Instance) -> Outcome:
    from commune.sortition.core import leximin_lottery, read_pool, read_quotas

    started = time.perf_counter()
    quotas = read_quotas(instance.quotas)
    pool = read_pool(instance.pool, quotas)
    lottery = leximin_lottery(pool, quotas, panel_size=instance.panel_size)
    seconds = time.perf_counter() - started
    return Outcome(
        lottery.min_probability,
        seconds,
        probabilities=sorted(lottery.probabilities.values()),
        profiles=len(lottery.profiles.members),
    )


def run_peer(instance: Instance, algorithm: str, timeout: float) -> Outcome:
    """The peer in a child process (so a timeout can stop it)."""
    command = [
        sys.executable,
        "-m",
        "benchmarks.sortition",
        "--peer-child",
        algorithm,
        str(instance.pool),
        str(instance.quotas),
        str(instance.panel_size),
    ]
    started = time.perf_counter()
    try:
        done = subprocess.run(  # noqa: S603 - our own module, fixed arguments
            command, capture_output=True, text=True, timeout=timeout, cwd=REPO, check=False
        )
    except subprocess.TimeoutExpired:
        return Outcome(note=f"no result in {timeout:.0f} s")
    elapsed = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return Outcome(note=f"failed: {tail[:80]}")
    answer = json.loads(lines[-1])
    if "error" in answer:
        return Outcome(note=answer["error"])
    return Outcome(
        answer["min_probability"],
        answer.get("seconds", elapsed),
        probabilities=sorted(answer["probabilities"]),
    )


def peer_child(algorithm: str, pool_path: str, quotas_path: str, panel_size: int) -> None:
    """Run the peer once and print one JSON line: the lowest probability and the time."""
    from commune.sortition.core import read_pool, read_quotas

    # Our reader understands every header variant; the peer gets the same data in its
    # own format (feature,value,min,max and an id column), converted in memory.
    quotas = read_quotas(quotas_path)
    pool = read_pool(pool_path, quotas)
    from sortition_algorithms.committee_generation import leximin, maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    feature_rows = [
        {"feature": q.category, "value": q.value, "min": str(q.min), "max": str(q.max)}
        for q in quotas.items
    ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], feature_rows)
    settings = Settings(
        id_column="id",
        columns_to_keep=[],
        check_same_address=False,
        check_same_address_columns=[],
        selection_algorithm=algorithm,
        solver_backend="highspy",
    )
    head = ["id", *pool.categories]
    body = [
        {"id": person.id, **dict(zip(pool.categories, person.values, strict=True))}
        for person in pool.people
    ]
    people, _ = read_in_people(head, body, features, settings)
    if algorithm == "leximin":
        try:
            import gurobipy

            gurobipy.Model().dispose()
        except Exception as error:  # no gurobipy, or no usable licence
            print(json.dumps({"error": f"needs Gurobi ({type(error).__name__})"}))
            return
        function = leximin.find_distribution_leximin
    else:
        function = maximin.find_distribution_maximin
    started = time.perf_counter()
    try:
        committees, probabilities, _ = function(features, people, panel_size, [])
    except Exception as error:
        text = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "gurobi" in text.lower() or "licen" in text.lower() or "size-limited" in text:
            print(json.dumps({"error": f"needs Gurobi ({text[:60]})"}))
            return
        raise
    seconds = time.perf_counter() - started
    chances = dict.fromkeys((person.id for person in pool.people), 0.0)
    for committee, probability in zip(committees, probabilities, strict=True):
        for person_id in committee:
            chances[person_id] += probability
    answer = {
        "min_probability": min(chances.values()),
        "seconds": seconds,
        "probabilities": list(chances.values()),
    }
    print(json.dumps(answer))


def _fmt_p(outcome: Outcome) -> str:
    return f"{outcome.min_probability:.6f}" if outcome.min_probability is not None else "—"


def _fmt_s(outcome: Outcome) -> str:
    return f"{outcome.seconds:.2f}" if outcome.seconds is not None else "—"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.sortition")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--peer-timeout", type=float, default=300.0)
    parser.add_argument("--only", help="run the instances whose name contains this")
    parser.add_argument("--peer-child", nargs=4, metavar=("ALGO", "POOL", "QUOTAS", "K"))
    options = parser.parse_args(argv)
    if options.peer_child:
        algorithm, pool, quotas, size = options.peer_child
        peer_child(algorithm, pool, quotas, int(size))
        return 0
    data: Path = options.data
    if not data.is_dir():
        print(f"No sortition instances: {data} is absent. Nothing was compared.")
        return 2
    instances, notes = find_instances(data)
    if options.only:
        instances = [i for i in instances if options.only in i.name]
    references = reference_figures(data)
    failures = []
    rows = []
    for instance in instances:
        print(f"… {instance.name} (panel {instance.panel_size})", file=sys.stderr, flush=True)
        ours = run_ours(instance)
        peers = {
            "leximin": run_peer(instance, "leximin", options.peer_timeout),
            "maximin": run_peer(instance, "maximin", options.peer_timeout),
        }
        people = len(ours.probabilities or [])
        cells = [
            instance.name,
            f"{people} / {ours.profiles}",
            str(instance.panel_size),
            _fmt_p(ours),
            _fmt_s(ours),
        ]
        for label, peer in peers.items():
            if peer.min_probability is None:
                cells += [peer.note, "—", "—"] + (["—"] if label == "leximin" else [])
                continue
            ratio = peer.seconds / ours.seconds if ours.seconds else float("inf")
            order = compare_sorted(ours.probabilities or [], peer.probabilities or [])
            cells += [_fmt_p(peer), _fmt_s(peer), f"{ratio:.1f}×"]
            if label == "leximin":
                cells.append(order)
                if order == "peer better":
                    failures.append(f"{instance.name}: the peer's leximin vector is better")
            if (
                ours.min_probability is not None
                and ours.min_probability < peer.min_probability - TOLERANCE
            ):
                failures.append(
                    f"{instance.name}: ours {ours.min_probability:.9f} < peer {label} "
                    f"{peer.min_probability:.9f}"
                )
        reference = references.get(instance.name)
        cells.append(f"{reference[0]:.6f} in {reference[1]:.0f} s" if reference else "—")
        rows.append(cells)
        if (
            reference
            and ours.min_probability is not None
            and ours.min_probability < reference[0] - TOLERANCE
        ):
            failures.append(f"{instance.name}: ours below the paper's {reference[0]}")
    header = [
        "instance",
        "people / profiles",
        "k",
        "ours min p",
        "ours s",
        "peer leximin min p",
        "s",
        "speed-up",
        "leximin order",
        "peer maximin (HiGHS) min p",
        "s",
        "speed-up",
        "paper (Gurobi)",
    ]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for cells in rows:
        print("| " + " | ".join(cells) + " |")
    for note in notes:
        print(f"- {note}")
    for failure in failures:
        print(f"FAIL {failure}")
    if not failures:
        print(
            f"OK: our lowest probability is never below a peer's by more than {TOLERANCE}, "
            "and the peer's leximin is never better than ours."
        )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
