"""The draw: quotas always met, leximin-optimal probabilities, the same panel from the same seed."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commune.sortition.core import (
    HashRandom,
    InfeasibleQuotasError,
    InputError,
    Pool,
    Quotas,
    draw,
    explain_infeasibility,
    generate_seed,
    leximin_lottery,
    make_pool,
    make_quotas,
    read_pool,
    read_quotas,
    seed_commitment,
)
from commune.sortition.core.leximin import new_highs

DATA = Path(__file__).parent / "data"


def build(
    people: list[tuple[str, ...]], quotas: list[tuple[str, str, int, int]]
) -> tuple[Pool, Quotas]:
    made = make_quotas([(line, *quota) for line, quota in enumerate(quotas, start=2)])
    pool = make_pool(
        [(line, f"p{line - 1}", values) for line, values in enumerate(people, start=2)], made
    )
    return pool, made


def meets(pool: Pool, quotas: Quotas, panel: tuple[str, ...]) -> bool:
    chosen = [person for person in pool.people if person.id in set(panel)]
    for index, category in enumerate(quotas.categories):
        seats = Counter(person.values[index] for person in chosen)
        for quota in quotas.of(category):
            if not quota.min <= seats[quota.value] <= quota.max:
                return False
    return True


def all_panels(pool: Pool, quotas: Quotas, size: int) -> list[tuple[str, ...]]:
    ids = [person.id for person in pool.people]
    return [panel for panel in combinations(ids, size) if meets(pool, quotas, panel)]


def _lp_max(
    panels: list[tuple[str, ...]],
    ids: list[str],
    target: str | None,
    fixed: dict[str, float],
    floor: float,
) -> float:
    """Max of z (target None) or of p[target], over lotteries of `panels`, with
    p[i] ≥ fixed[i] for fixed people and p[i] ≥ floor (or ≥ z) for the others."""
    import highspy

    highs = new_highs()
    highs.setOptionValue("presolve", "on")
    for _ in panels:
        highs.addCol(0.0, 0.0, 1.0, 0, [], [])
    z = len(panels)
    highs.addCol(1.0 if target is None else 0.0, 0.0, 1.0, 0, [], [])
    highs.addRow(1.0, 1.0, len(panels), list(range(len(panels))), [1.0] * len(panels))
    for person in ids:
        columns = [j for j, panel in enumerate(panels) if person in panel]
        if person in fixed:
            highs.addRow(
                fixed[person] - 1e-9, highspy.kHighsInf, len(columns), columns, [1.0] * len(columns)
            )
        elif target is None:
            highs.addRow(
                0.0,
                highspy.kHighsInf,
                len(columns) + 1,
                [*columns, z],
                [1.0] * len(columns) + [-1.0],
            )
        else:
            highs.addRow(
                floor - 1e-9, highspy.kHighsInf, len(columns), columns, [1.0] * len(columns)
            )
    if target is not None:
        for j, panel in enumerate(panels):
            if target in panel:
                highs.changeColCost(j, 1.0)
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    highs.run()
    return highs.getInfo().objective_function_value


def brute_force_leximin(pool: Pool, quotas: Quotas, size: int) -> dict[str, float]:
    """Leximin by the textbook method over every panel of people: maximise the lowest
    unfixed probability, fix everyone who cannot get more than it, repeat."""
    panels = all_panels(pool, quotas, size)
    ids = [person.id for person in pool.people]
    fixed: dict[str, float] = {}
    while len(fixed) < len(ids):
        z = _lp_max(panels, ids, None, fixed, 0.0)
        stuck = [
            person
            for person in ids
            if person not in fixed and _lp_max(panels, ids, person, fixed, z) <= z + 1e-7
        ]
        assert stuck
        fixed.update(dict.fromkeys(stuck, z))
    return fixed


# --- hand-checked instances ----------------------------------------------------------


def test_a_forced_member_is_always_selected_and_the_others_share_the_rest() -> None:
    """Two women, one man, a panel of one woman and one man: the man is certain, each woman 1/2."""
    pool, quotas = build([("F",), ("F",), ("M",)], [("g", "F", 1, 1), ("g", "M", 1, 1)])
    result = draw(pool, quotas, panel_size=2, seed="hand")
    assert result.probabilities == {"p1": 0.5, "p2": 0.5, "p3": 1.0}
    assert result.min_probability == 0.5
    assert "p3" in result.panel


def test_without_binding_quotas_everybody_gets_panel_size_over_pool_size() -> None:
    pool, quotas = build([("F",)] * 3 + [("M",)], [("g", "F", 0, 2), ("g", "M", 0, 2)])
    result = leximin_lottery(pool, quotas, panel_size=2)
    assert set(result.probabilities.values()) == {0.5}


def test_each_group_shares_the_seats_its_quotas_leave_it() -> None:
    """One young woman, one young man, four old men; a panel of two with exactly one young
    person and at most one old: the young share one seat (1/2 each), the old one (1/4 each)."""
    pool, quotas = build(
        [("F", "young"), ("M", "young"), ("M", "old"), ("M", "old"), ("M", "old"), ("M", "old")],
        [("g", "F", 0, 1), ("g", "M", 1, 2), ("a", "young", 1, 1), ("a", "old", 0, 1)],
    )
    result = leximin_lottery(pool, quotas, panel_size=2)
    assert result.probabilities == {
        "p1": 0.5,
        "p2": 0.5,
        "p3": 0.25,
        "p4": 0.25,
        "p5": 0.25,
        "p6": 0.25,
    }
    assert brute_force_leximin(pool, quotas, 2) == pytest.approx(result.probabilities, abs=1e-7)


def test_leximin_matches_brute_force_on_the_sample_pool() -> None:
    """12 people, 3 categories, panel of 6: every panel enumerated, leximin by the textbook."""
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    ours = leximin_lottery(pool, quotas, panel_size=6).probabilities
    expected = brute_force_leximin(pool, quotas, 6)
    assert ours == pytest.approx(expected, abs=1e-6)
    assert sorted(ours.values()) == pytest.approx(sorted(expected.values()), abs=1e-6)


def test_interchangeable_members_get_equal_probabilities() -> None:
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    result = leximin_lottery(pool, quotas, panel_size=6)
    by_profile: dict[tuple[str, ...], set[float]] = {}
    for person in pool.people:
        by_profile.setdefault(person.values, set()).add(result.probabilities[person.id])
    assert all(len(values) == 1 for values in by_profile.values())
    assert result.probabilities["p05"] == result.probabilities["p06"]  # both M, 35-59, Nord


# --- auditability --------------------------------------------------------------------


def test_the_seed_commitment_is_the_sha256_of_the_seed() -> None:
    assert seed_commitment("abc") == (
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    )
    assert seed_commitment("été") == hashlib.sha256("été".encode()).hexdigest()
    assert len(generate_seed()) == 32


def test_the_random_stream_is_pinned() -> None:
    """The stream is documented so anyone can recompute it: these values must never change."""
    stream = HashRandom("2026-conseil-citoyen", "panel")
    digest = hashlib.sha256(b"commune-sortition:panel:0:2026-conseil-citoyen").digest()
    assert stream.below(1000) == int.from_bytes(digest, "big") % 1000
    assert [stream.below(10) for _ in range(5)] == [
        int.from_bytes(
            hashlib.sha256(f"commune-sortition:panel:{i}:2026-conseil-citoyen".encode()).digest(),
            "big",
        )
        % 10
        for i in range(1, 6)
    ]


def test_a_rerun_gives_the_same_panel_and_probabilities_whatever_the_row_order() -> None:
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    first = draw(pool, quotas, panel_size=6, seed="seed-1")
    again = draw(pool, quotas, panel_size=6, seed="seed-1")
    shuffled = Pool(pool.source, pool.categories, tuple(reversed(pool.people)))
    third = draw(shuffled, quotas, panel_size=6, seed="seed-1")
    assert first == again
    assert third.panel == first.panel
    assert third.probabilities == first.probabilities


def test_different_seeds_draw_different_panels() -> None:
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    panels = {draw(pool, quotas, panel_size=6, seed=f"s{i}").panel for i in range(8)}
    assert len(panels) > 1


def test_panels_follow_the_probabilities() -> None:
    """Over many seeds each person is drawn about as often as their probability says."""
    pool, quotas = build(
        [("F",), ("F",), ("M",), ("M",), ("M",)], [("g", "F", 1, 1), ("g", "M", 1, 1)]
    )
    lottery = leximin_lottery(pool, quotas, panel_size=2)
    from commune.sortition.core import sample

    seen = Counter(pid for i in range(600) for pid in sample(lottery, f"s{i}"))
    assert seen["p1"] / 600 == pytest.approx(0.5, abs=0.08)
    assert seen["p3"] / 600 == pytest.approx(1 / 3, abs=0.08)


def test_the_reserve_list_is_drawn_from_the_rest_with_scaled_quotas() -> None:
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    result = draw(pool, quotas, panel_size=6, seed="r", reserve_size=4)
    assert len(result.reserves) == 4
    assert not set(result.reserves) & set(result.panel)
    genders = Counter(p.values[0] for p in pool.people if p.id in result.reserves)
    assert genders == {"F": 2, "M": 2}  # gender 3–3 of 6 scales to 2–2 of 4
    assert draw(pool, quotas, panel_size=6, seed="r", reserve_size=4) == result
    assert sum(result.reserve_probabilities.values()) == pytest.approx(4)


# --- infeasible quotas ---------------------------------------------------------------


def test_a_category_that_cannot_fill_the_panel_is_explained() -> None:
    """The quotas allow 1 woman and 3 men, but the pool has only 2 men: 3 seats of 4."""
    pool, quotas = build(
        [("F",), ("M",), ("M",), ("F",)], [("gender", "F", 0, 1), ("gender", "M", 0, 3)]
    )
    with pytest.raises(InfeasibleQuotasError) as error:
        draw(pool, quotas, panel_size=4, seed="s")
    assert error.value.categories == ("gender",)
    assert error.value.message == (
        "The quotas of gender can fill at most 3 of the 4 seats with this pool "
        "(F: at most 1 (quota max 1, 2 in the pool); M: at most 2 (quota max 3, 2 in the pool))."
    )


def test_two_categories_that_conflict_are_named_with_their_pool_cross_table() -> None:
    """Parity and a youth quota cannot hold together when every young person is a man."""
    pool, quotas = build(
        [
            ("F", "old", "A"),
            ("F", "old", "A"),
            ("M", "young", "A"),
            ("M", "young", "A"),
            ("M", "old", "A"),
            ("M", "young", "A"),
        ],
        [
            ("gender", "F", 2, 2),
            ("gender", "M", 2, 2),
            ("age", "young", 3, 4),
            ("age", "old", 0, 4),
            ("town", "A", 0, 4),
        ],
    )
    with pytest.raises(InfeasibleQuotasError) as error:
        draw(pool, quotas, panel_size=4, seed="s")
    assert error.value.categories == ("gender", "age")
    assert error.value.message == (
        "The quotas of gender and age cannot all be met together by a panel of 4 from this "
        "pool, although each category's quotas can be met on their own. "
        "Quotas of gender: F 2–2, M 2–2. Quotas of age: young 3–4, old 0–4. "
        "Pool members by gender and age: F & old: 2, M & old: 1, M & young: 3."
    )


# --- every drawn panel meets the quotas (generated pools) -----------------------------


@st.composite
def instances(
    draw_: st.DrawFn,
) -> tuple[list[tuple[str, ...]], list[tuple[str, str, int, int]], int]:
    genders = ["F", "M", "X"][: draw_(st.integers(2, 3))]
    ages = ["young", "mid", "old"][: draw_(st.integers(1, 3))]
    size = draw_(st.integers(3, 9))
    people = [(draw_(st.sampled_from(genders)), draw_(st.sampled_from(ages))) for _ in range(size)]
    panel = draw_(st.integers(1, min(size, 5)))
    quotas = []
    for category, values in (("gender", genders), ("age", ages)):
        for value in values:
            low = draw_(st.integers(0, 2))
            quotas.append((category, value, low, low + draw_(st.integers(0, 3))))
    return people, quotas, panel


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(), st.text(min_size=1, max_size=8))
def test_every_drawn_panel_meets_the_quotas(
    instance: tuple[list[tuple[str, ...]], list[tuple[str, str, int, int]], int], seed: str
) -> None:
    people, quota_rows, size = instance
    pool, quotas = build(people, quota_rows)
    feasible_panels = all_panels(pool, quotas, size)
    try:
        result = draw(pool, quotas, panel_size=size, seed=seed)
    except (InputError, InfeasibleQuotasError):
        assert not feasible_panels  # refused only when no panel exists
        return
    assert feasible_panels
    assert len(result.panel) == size
    assert meets(pool, quotas, result.panel)
    assert sum(result.probabilities.values()) == pytest.approx(size, abs=1e-6)
    assert all(0 <= p <= 1 + 1e-9 for p in result.probabilities.values())
    # The lowest probability is the best possible (maximin, by brute force).
    ids = [person.id for person in pool.people]
    best = _lp_max(feasible_panels, ids, None, {}, 0.0)
    assert result.min_probability == pytest.approx(best, abs=1e-6)
    assert draw(pool, quotas, panel_size=size, seed=seed).panel == result.panel


def test_the_generated_pools_strategy_reads_back_from_csv() -> None:
    """The records helpers and the CSV reader agree."""
    quotas = read_quotas(io.StringIO("category,value,min,max\ng,F,1,1\ng,M,1,1\n"))
    pool = read_pool(io.StringIO("id,g\np1,F\np2,M\n"), quotas)
    built, _ = build([("F",), ("M",)], [("g", "F", 1, 1), ("g", "M", 1, 1)])
    assert [(p.id, p.values) for p in pool.people] == [(p.id, p.values) for p in built.people]


def test_each_explanation_carries_a_code_and_its_figures_for_translation() -> None:
    """A caller that words the reason in French gets the same figures as the message."""
    pool, quotas = build([("F",), ("M",)], [("gender", "F", 2, 2), ("gender", "M", 0, 2)])
    with pytest.raises(InfeasibleQuotasError) as short:
        draw(pool, quotas, panel_size=2, seed="s")
    assert (short.value.code, short.value.params) == (
        "value_short",
        {"category": "gender", "value": "F", "min": 2, "have": 1},
    )
    pool, quotas = build([("F",), ("M",)], [("gender", "F", 1, 1), ("gender", "M", 1, 1)])
    over = explain_infeasibility(pool, quotas, 1)
    assert over is not None
    assert over.code == "mins_above_size"
    assert over.params == {"category": "gender", "needed": 2, "panel_size": 1}


def test_an_infeasible_reserve_list_says_so_in_its_params() -> None:
    """The panel can be drawn but the scaled quotas leave no reserve list possible."""
    pool, quotas = build(
        [("F",), ("M",), ("M",), ("M",)], [("gender", "F", 1, 1), ("gender", "M", 1, 1)]
    )
    with pytest.raises(InfeasibleQuotasError) as error:
        draw(pool, quotas, panel_size=2, seed="s", reserve_size=2)
    assert error.value.code == "value_short"
    assert error.value.params["reserve_size"] == 2
    assert error.value.message.startswith("Reserve list of 2: ")
