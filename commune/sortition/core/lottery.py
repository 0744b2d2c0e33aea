"""The draw: the leximin lottery, rounded so it can be audited, and one panel sampled from it."""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass, field
from fractions import Fraction
from importlib import metadata
from typing import Any

from commune.sortition.core.data import Pool, Quota, Quotas, check_panel_size
from commune.sortition.core.errors import InfeasibleQuotasError
from commune.sortition.core.feasibility import explain_infeasibility
from commune.sortition.core.leximin import Progress, leximin
from commune.sortition.core.profiles import Profiles, group

# Each panel's probability is rounded to a whole number of 1/RESOLUTION before the
# draw, so the panel drawn depends on these integers only, not on the last bits of the
# solver's floating-point output.
RESOLUTION = 10**12
# Published probabilities are those of the rounded lottery, rounded to this many decimals.
DIGITS = 10


def seed_commitment(seed: str) -> str:
    """SHA-256 of the seed's UTF-8 bytes, in hexadecimal: published before the draw.

    Check it with `printf '%s' "$SEED" | sha256sum`. The seed must be unguessable (see
    `generate_seed`): a short seed could be found from its hash before the draw.
    """
    return hashlib.sha256(seed.encode("utf-8")).hexdigest()


def generate_seed() -> str:
    """A fresh seed: 128 random bits as 32 hexadecimal digits."""
    return secrets.token_hex(16)


class HashRandom:
    """A random stream anyone can recompute from the seed: SHA-256 in counter mode.

    Block i is SHA-256 of the UTF-8 bytes of "commune-sortition:{purpose}:{i}:{seed}"
    (i = 0, 1, 2, …), read as a 256-bit big-endian integer x. `below(n)` takes the next
    block and returns x mod n, skipping blocks with x ≥ n·⌊2²⁵⁶/n⌋ so that every
    result is equally likely.
    """

    def __init__(self, seed: str, purpose: str) -> None:
        self.seed = seed
        self.purpose = purpose
        self.counter = 0

    def below(self, bound: int) -> int:
        if bound < 1:
            raise ValueError("the bound must be positive")
        limit = (2**256 // bound) * bound
        while True:
            text = f"commune-sortition:{self.purpose}:{self.counter}:{self.seed}"
            self.counter += 1
            number = int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest(), "big")
            if number < limit:
                return number % bound


@dataclass(frozen=True)
class Lottery:
    """The rounded leximin lottery of one pool, quotas and panel size.

    `panels[j][t]` members of profile `t` are selected with probability
    `weights[j] / RESOLUTION`; a profile's members are chosen uniformly. `probabilities`
    maps each pool id to its selection probability under these rounded weights, rounded
    to DIGITS decimals.
    """

    profiles: Profiles
    panels: tuple[tuple[int, ...], ...]
    weights: tuple[int, ...]
    probabilities: dict[str, float]

    @property
    def min_probability(self) -> float:
        return min(self.probabilities.values())


@dataclass(frozen=True)
class Draw:
    """The outcome of a draw: what the city publishes afterwards."""

    panel: tuple[str, ...]
    probabilities: dict[str, float]
    min_probability: float
    panel_size: int
    seed: str
    seed_commitment: str
    reserves: tuple[str, ...] = ()
    reserve_probabilities: dict[str, float] = field(default_factory=dict)
    solver: str = ""

    def as_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "panel": list(self.panel),
            "probabilities": self.probabilities,
            "min_probability": self.min_probability,
            "panel_size": self.panel_size,
            "seed": self.seed,
            "seed_commitment": self.seed_commitment,
            "solver": self.solver,
        }
        if self.reserves:
            data["reserves"] = list(self.reserves)
            data["reserve_probabilities"] = self.reserve_probabilities
        return data


def leximin_lottery(
    pool: Pool, quotas: Quotas, *, panel_size: int, progress: Progress | None = None
) -> Lottery:
    """The leximin lottery; raises InputError or InfeasibleQuotasError instead of drawing."""
    check_panel_size(pool, quotas, panel_size)
    reason = explain_infeasibility(pool, quotas, panel_size)
    if reason is not None:
        raise reason
    profiles = group(pool, quotas)
    say = progress or (lambda message: None)
    say(f"{len(pool)} people, {len(profiles.members)} profiles, panel of {panel_size}")
    result = leximin(profiles.counts, profiles.bounds, panel_size, progress=progress)
    if result is None:  # pragma: no cover - explain_infeasibility said it was feasible
        raise InfeasibleQuotasError(
            quotas.categories,
            "No panel meets the quotas.",
            params={"categories": list(quotas.categories), "panel_size": panel_size},
        )
    panels, weights = _round(result.panels, result.shares)
    total = sum(weights)
    probabilities: dict[str, float] = {}
    per_id: dict[str, float] = {}
    for t, ids in enumerate(profiles.members):
        expected = sum(w * panel[t] for panel, w in zip(panels, weights, strict=True))
        value = round(float(Fraction(expected, total * len(ids))), DIGITS)
        for person_id in ids:
            per_id[person_id] = value
    for person in pool.people:  # in pool order
        probabilities[person.id] = per_id[person.id]
    return Lottery(profiles, panels, weights, probabilities)


def _round(
    panels: tuple[tuple[int, ...], ...], shares: tuple[float, ...]
) -> tuple[tuple[tuple[int, ...], ...], tuple[int, ...]]:
    """Panels in sorted order with whole-number weights summing to RESOLUTION.

    Shares are clipped to [0, 1], normalised, multiplied by RESOLUTION and rounded down;
    the units left over go one each to the largest remainders (ties: first panel in
    sorted order). Panels of weight 0 are dropped.
    """
    clipped = [min(max(share, 0.0), 1.0) for share in shares]
    total = math.fsum(clipped)
    order = sorted(range(len(panels)), key=lambda j: panels[j])
    exact = [Fraction(clipped[j]) / Fraction(total) * RESOLUTION for j in order]
    floors = [math.floor(value) for value in exact]
    left = RESOLUTION - sum(floors)
    by_remainder = sorted(range(len(order)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in by_remainder[:left]:
        floors[i] += 1
    kept = [(panels[order[i]], floors[i]) for i in range(len(order)) if floors[i] > 0]
    return tuple(panel for panel, _ in kept), tuple(weight for _, weight in kept)


def sample(lottery: Lottery, seed: str, purpose: str = "panel") -> tuple[str, ...]:
    """One panel from the lottery, fixed by the seed.

    A number r below RESOLUTION from `HashRandom(seed, purpose)` picks the panel whose
    cumulative weight interval (panels in sorted order) holds r. Then, profile by profile
    in sorted order, a partial Fisher–Yates shuffle of the profile's ids (sorted) from the
    same stream picks its members: for i = 0…m-1, swap position i with i + below(count - i).
    The panel's ids are returned sorted.
    """
    stream = HashRandom(seed, purpose)
    point = stream.below(sum(lottery.weights))
    chosen = lottery.panels[-1]
    for panel, weight in zip(lottery.panels, lottery.weights, strict=True):
        if point < weight:
            chosen = panel
            break
        point -= weight
    selected: list[str] = []
    for ids, wanted in zip(lottery.profiles.members, chosen, strict=True):
        order = list(ids)
        for i in range(wanted):
            j = i + stream.below(len(order) - i)
            order[i], order[j] = order[j], order[i]
        selected.extend(order[:wanted])
    return tuple(sorted(selected))


def reserve_quotas(quotas: Quotas, panel_size: int, reserve_size: int) -> Quotas:
    """Quotas scaled to the reserve list: ⌊min·R/N⌋ to ⌈max·R/N⌉ for R reserves, panel N."""
    scaled = tuple(
        Quota(
            q.category,
            q.value,
            (q.min * reserve_size) // panel_size,
            -((-q.max * reserve_size) // panel_size),
            q.line,
        )
        for q in quotas.items
    )
    return Quotas(source=f"{quotas.source} (scaled to the reserve list)", items=scaled)


def draw(
    pool: Pool,
    quotas: Quotas,
    *,
    panel_size: int,
    seed: str,
    reserve_size: int = 0,
    reserves_quotas: Quotas | None = None,
    progress: Progress | None = None,
) -> Draw:
    """Draw a panel by leximin lottery, and optionally an ordered reserve list.

    The reserve list is drawn the same way from the people not on the panel, with
    `reserves_quotas` (by default the quotas scaled by `reserve_quotas`) and the stream
    "reserve" of the same seed; its order (whom to call first) is a Fisher–Yates shuffle
    of the reserves, sorted by id, from the stream "reserve-order".
    """
    lottery = leximin_lottery(pool, quotas, panel_size=panel_size, progress=progress)
    panel = sample(lottery, seed)
    reserves: tuple[str, ...] = ()
    reserve_probabilities: dict[str, float] = {}
    if reserve_size > 0:
        rest = pool.without(panel)
        chosen_quotas = reserves_quotas or reserve_quotas(quotas, panel_size, reserve_size)
        try:
            reserve_lottery = leximin_lottery(
                rest, chosen_quotas, panel_size=reserve_size, progress=progress
            )
        except InfeasibleQuotasError as error:
            raise InfeasibleQuotasError(
                error.categories,
                f"Reserve list of {reserve_size}: {error.message}",
                code=error.code,
                params=error.params | {"reserve_size": reserve_size},
            ) from None
        reserve_probabilities = reserve_lottery.probabilities
        ordered = list(sample(reserve_lottery, seed, "reserve"))
        stream = HashRandom(seed, "reserve-order")
        for i in range(len(ordered) - 1):
            j = i + stream.below(len(ordered) - i)
            ordered[i], ordered[j] = ordered[j], ordered[i]
        reserves = tuple(ordered)
    return Draw(
        panel=panel,
        probabilities=lottery.probabilities,
        min_probability=lottery.min_probability,
        panel_size=panel_size,
        seed=seed,
        seed_commitment=seed_commitment(seed),
        reserves=reserves,
        reserve_probabilities=reserve_probabilities,
        solver=f"highspy {metadata.version('highspy')}",
    )
