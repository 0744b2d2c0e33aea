"""The sortition core: panels drawn by leximin lottery from a pool with quotas (no Django here).

Typical use::

    quotas = read_quotas("QUOTAS.csv")
    pool = read_pool("POOL.csv", quotas)
    commitment = seed_commitment(seed)        # published before the draw
    result = draw(pool, quotas, panel_size=30, seed=seed)
    result.panel, result.probabilities, result.min_probability
"""

from commune.sortition.core.data import (
    Person,
    Pool,
    Quota,
    Quotas,
    check_panel_size,
    make_pool,
    make_quotas,
    read_pool,
    read_quotas,
)
from commune.sortition.core.errors import (
    InfeasibleQuotasError,
    InputError,
    Problem,
    SortitionError,
)
from commune.sortition.core.feasibility import explain_infeasibility
from commune.sortition.core.lottery import (
    Draw,
    HashRandom,
    Lottery,
    draw,
    generate_seed,
    leximin_lottery,
    reserve_quotas,
    sample,
    seed_commitment,
)

__all__ = [
    "Draw",
    "HashRandom",
    "InfeasibleQuotasError",
    "InputError",
    "Lottery",
    "Person",
    "Pool",
    "Problem",
    "Quota",
    "Quotas",
    "SortitionError",
    "check_panel_size",
    "draw",
    "explain_infeasibility",
    "generate_seed",
    "leximin_lottery",
    "make_pool",
    "make_quotas",
    "read_pool",
    "read_quotas",
    "reserve_quotas",
    "sample",
    "seed_commitment",
]
