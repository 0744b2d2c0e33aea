"""The vote rules: hand-checked cases, pabutools' outcomes, official outcomes, axioms."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commune.budgets.rules import (
    RULES,
    ApprovalInstance,
    Reason,
    add1,
    fastmes,
    mes,
    smallmes,
    tally,
)

from .conftest import APPROVAL_SAMPLES, DATA

PEER_RULES = ("greedy", "mes", "mes-add1", "mes-add1-greedy", "phragmen")


def peer(instance: ApprovalInstance, rule: str) -> list[str]:
    """pabutools' outcome for the same instance (its default tie-breaking)."""
    from pabutools.election import ApprovalBallot, ApprovalProfile, Cost_Sat, Instance, Project
    from pabutools.rules import (
        completion_by_rule_combination,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
        sequential_phragmen,
    )

    projects = {pid: Project(pid, cost) for pid, cost in instance.costs.items()}
    pb_instance = Instance(projects.values(), budget_limit=instance.budget)
    profile = ApprovalProfile(
        [ApprovalBallot(projects[pid] for pid in ballot) for ballot in instance.voters()]
    )
    if rule == "greedy":
        result = greedy_utilitarian_welfare(pb_instance, profile, sat_class=Cost_Sat)
    elif rule == "mes":
        result = method_of_equal_shares(pb_instance, profile, sat_class=Cost_Sat)
    elif rule == "mes-add1":
        result = method_of_equal_shares(
            pb_instance, profile, sat_class=Cost_Sat, voter_budget_increment=1
        )
    elif rule == "mes-add1-greedy":
        result = completion_by_rule_combination(
            pb_instance,
            profile,
            [method_of_equal_shares, greedy_utilitarian_welfare],
            [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
        )
    else:
        result = sequential_phragmen(pb_instance, profile)
    return [project.name for project in result]


# Hand-checked cases ---------------------------------------------------------------------


def small() -> ApprovalInstance:
    # 10 voters, budget 100: 6 want a (60) and b (40); 4 want c (50).
    return ApprovalInstance(100, {"a": 60, "b": 40, "c": 50}, [{"a", "b"}] * 6 + [{"c"}] * 4)


def test_greedy_funds_most_approved_first_and_skips() -> None:
    """Greedy: a (6 votes) and b (6) fill the budget; c (4) no longer fits."""
    outcome = tally(small(), "greedy")
    assert outcome.selected == ("a", "b")
    assert outcome.total_cost == 100
    c = outcome.projects["c"]
    assert (c.reason, c.remaining_budget) == (Reason.OVER_BUDGET, 0)
    assert outcome.projects["a"].position == 1


def test_mes_gives_the_minority_its_share() -> None:
    """MES: the 4 c-voters hold 40 of 100 and cannot buy c (50); the 6 others buy a then not b."""
    outcome = tally(small(), "mes")
    # Each voter holds 10: a costs 60 = 6 × 10, b then has no money left.
    assert outcome.selected == ("a",)
    c = outcome.projects["c"]
    assert c.reason == Reason.SUPPORTERS_SHORT
    assert c.supporters_money == 40
    assert outcome.projects["a"].round == 1
    assert outcome.projects["a"].max_payment == 10


def test_equal_shares_raises_the_share_while_it_fits() -> None:
    """Shares 10, 11, 12 buy only a; at 13 the c-voters hold 52 >= 50 and a + c overspends.

    So the cities keep the outcome at 12 each; pabutools' add1 too (b would fit in the 40
    left, so it was not exhaustive), and its greedy completion then adds b.
    """
    outcome = tally(small(), "equal-shares")
    assert outcome.selected == ("a",)
    assert outcome.voter_budget == 12
    assert tally(small(), "mes-add1").selected == ("a",)
    assert tally(small(), "mes-add1-greedy").selected == ("a", "b")
    b = tally(small(), "mes-add1-greedy").projects["b"]
    assert (b.stage, b.remaining_budget) == ("completion", 40)


def test_greedy_no_skip_stops_and_threshold_excludes() -> None:
    instance = ApprovalInstance(
        100,
        {"a": 70, "b": 40, "c": 20},
        [{"a", "b", "c"}] * 3 + [{"a", "b"}] * 2 + [{"a"}],
        min_score_threshold=4,
    )
    assert tally(instance, "greedy").selected == ("a", "c")
    no_skip = tally(instance, "greedy-no-skip")
    assert no_skip.selected == ("a",)
    assert no_skip.projects["c"].reason == Reason.NOT_REACHED
    assert no_skip.projects["c"].stopped_at == "b"
    threshold = tally(instance, "greedy-threshold")
    assert threshold.selected == ("a",)
    assert threshold.projects["c"].reason == Reason.BELOW_THRESHOLD


def test_ties_go_to_the_id_that_sorts_first_as_text() -> None:
    """Same votes and cost: "10" wins over "9" (text order, as pabutools)."""
    instance = ApprovalInstance(5, {"9": 5, "10": 5}, [{"9", "10"}])
    for rule in RULES:
        assert tally(instance, rule).selected == ("10",), rule


def test_phragmen_spreads_load() -> None:
    outcome = tally(small(), "phragmen")
    assert outcome.selected[0] in ("a", "b")
    assert outcome.total_cost <= 100


def test_zero_cost_and_unapproved_projects() -> None:
    instance = ApprovalInstance(10, {"free": 0, "x": 10, "nobody": 1}, [{"free", "x"}])
    mes_outcome = tally(instance, "mes")
    assert mes_outcome.selected == ("x",)
    assert mes_outcome.projects["free"].reason == Reason.ZERO_COST
    assert tally(instance, "mes-add1-greedy").selected == ("x", "free")
    assert mes_outcome.projects["nobody"].reason == Reason.NO_SUPPORT


def test_unknown_rule_and_inexact_money_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown rule"):
        tally(small(), "borda")
    with pytest.raises(TypeError, match="exact"):
        ApprovalInstance(10.5, {"a": 1}, [])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="unknown projects"):
        ApprovalInstance(10, {"a": 1}, [{"b"}])


def test_from_counts_is_the_same_instance() -> None:
    compact = ApprovalInstance.from_counts(
        100, {"a": 60, "b": 40, "c": 50}, {frozenset({"a", "b"}): 6, frozenset({"c"}): 4}
    )
    assert compact == small()


# Real samples: pabutools and the official outcomes --------------------------------------


@pytest.mark.parametrize("name", [n for n in APPROVAL_SAMPLES if "Swiecie" not in n])
@pytest.mark.parametrize("rule", PEER_RULES)
def test_samples_agree_with_pabutools(sample, name: str, rule: str) -> None:
    """Exactly pabutools' selection on each small sample file (Phragmén: as a set)."""
    instance = sample(name)
    ours = list(tally(instance, rule).selected)
    theirs = peer(instance, rule)
    if rule == "phragmen":
        ours, theirs = sorted(ours), sorted(theirs)
    assert ours == theirs


@pytest.mark.parametrize("rule", ["greedy", "mes", "phragmen"])
def test_swiecie_agrees_with_pabutools(sample, rule: str) -> None:
    instance = sample("Poland_Swiecie_2023.pb")
    assert sorted(tally(instance, rule).selected) == sorted(peer(instance, rule))


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("Netherlands_Assen_2024.pb", "equal-shares"),
        ("Poland_Swiecie_2023.pb", "equal-shares"),
        ("Poland_Gdynia_2022_Kamienna_Gora__small.pb", "greedy-no-skip"),
        ("Poland_Lodz_2020_Nr_33.pb", "greedy-threshold"),
        ("Poland_Warszawa_2018_Pole_Mokotowskie.pb", "greedy-threshold"),
    ],
)
def test_official_outcomes_are_reproduced(name: str, rule: str) -> None:
    """The `selected` column of the city's file, with the rule its META names."""
    from commune.budgets.rules import CITY_RULES, read_pabulib

    pb = read_pabulib(DATA / name)
    assert CITY_RULES[pb.meta["rule"]] == rule
    outcome = tally(ApprovalInstance.from_pabulib(pb), rule)
    assert sorted(outcome.selected) == sorted(pb.selected() or [])


def test_assen_pabutools_add1_differs_from_the_city() -> None:
    """pabutools' add1 stops earlier than the cities' and greedy completes it otherwise."""
    from commune.budgets.rules import read_pabulib

    instance = ApprovalInstance.from_pabulib(read_pabulib(DATA / "Netherlands_Assen_2024.pb"))
    city = tally(instance, "equal-shares")
    assert city.total_cost <= instance.budget
    assert all(result.stage == "mes" for result in city.projects.values())


# Random instances -----------------------------------------------------------------------


@st.composite
def instances(draw, max_projects: int = 6, max_voters: int = 9) -> ApprovalInstance:
    pids = draw(
        st.lists(
            st.sampled_from(["1", "2", "3", "9", "10", "11", "a", "b"]),
            min_size=1,
            max_size=max_projects,
            unique=True,
        )
    )
    costs = {pid: draw(st.integers(min_value=0, max_value=40)) for pid in pids}
    ballots = draw(st.lists(st.sets(st.sampled_from(pids)), min_size=1, max_size=max_voters))
    budget = draw(st.integers(min_value=0, max_value=100))
    threshold = draw(st.integers(min_value=0, max_value=4))
    return ApprovalInstance(budget, costs, ballots, min_score_threshold=threshold)


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(instance=instances(), rule=st.sampled_from(PEER_RULES))
def test_random_instances_agree_with_pabutools(instance: ApprovalInstance, rule: str) -> None:
    ours = list(tally(instance, rule).selected)
    theirs = peer(instance, rule)
    if rule == "phragmen":
        ours, theirs = sorted(ours), sorted(theirs)
    assert ours == theirs


@FAST
@given(instance=instances(max_projects=8, max_voters=14), share=st.fractions(0, 60))
def test_fast_mes_is_the_reference_mes(instance: ApprovalInstance, share: Fraction) -> None:
    """The fast runs (classes, floats guiding; numpy or plain lists) select exactly what the
    reference one does, with the same payments and leftovers."""
    prep = fastmes.Prepared(instance)
    plain = mes.run_mes(instance, share)
    for fast in (fastmes.run_numpy(prep, share), smallmes.run(prep, share)):
        assert fast.picks == plain.picks
        assert fast.max_payment == plain.max_payment
        assert fast.leftover == plain.leftover
        assert fast.total_cost == plain.total_cost


@FAST
@given(instance=instances(), rule=st.sampled_from(RULES))
def test_budget_is_never_exceeded(instance: ApprovalInstance, rule: str) -> None:
    outcome = tally(instance, rule)
    assert outcome.total_cost <= instance.budget
    assert outcome.total_cost == sum(instance.costs[pid] for pid in outcome.selected)
    assert len(set(outcome.selected)) == len(outcome.selected)
    assert set(outcome.projects) == set(instance.costs)
    for pid, result in outcome.projects.items():
        assert result.selected == (pid in outcome.selected)


@FAST
@given(instance=instances())
def test_greedy_picks_the_most_approved_project_that_fits(instance: ApprovalInstance) -> None:
    """At each step greedy takes, among what still fits, the most approved (id as text)."""
    outcome = tally(instance, "greedy")
    left = instance.budget
    chosen: set[str] = set()
    for pid in outcome.selected:
        fitting = [p for p in instance.costs if p not in chosen and instance.costs[p] <= left]

        def key(p: str) -> tuple[int, str]:
            votes = instance.approvals[p] if instance.costs[p] > 0 else 0
            return (-votes, p)

        assert pid == min(fitting, key=key)
        chosen.add(pid)
        left -= instance.costs[pid]
    assert all(instance.costs[p] > left for p in instance.costs if p not in chosen)


@FAST
@given(instance=instances(), seed=st.integers(0, 10**6), rule=st.sampled_from(RULES))
def test_outcome_is_stable_when_voters_are_permuted(
    instance: ApprovalInstance, seed: int, rule: str
) -> None:
    """Shuffling the voters (relabelling them) changes nothing, for MES and every rule."""
    voters = instance.voters()
    random.Random(seed).shuffle(voters)
    shuffled = ApprovalInstance(
        instance.budget, instance.costs, voters, min_score_threshold=instance.min_score_threshold
    )
    assert tally(shuffled, rule) == tally(instance, rule)


@FAST
@given(
    instance=instances(max_projects=8, max_voters=14),
    share=st.fractions(0, 60),
    width=st.sampled_from([Fraction(0), Fraction(1, 1000), Fraction(1, 7), Fraction(1), 5]),
    inside=st.lists(st.fractions(0, 1), max_size=4),
)
def test_a_certified_range_of_shares_is_one_outcome(
    instance: ApprovalInstance, share: Fraction, width: Fraction, inside: list[Fraction]
) -> None:
    """When the interval run certifies [a, b], exact MES picks the same at every share in it
    (both interval runs: the plain-Python one and its compiled twin)."""
    prep = fastmes.Prepared(instance)
    for certify in (smallmes.certify, fastmes.certify_fast):
        picks = certify(prep, share, share + width)
        if picks is None:
            continue
        for fraction in [Fraction(0), Fraction(1), *inside]:
            assert list(fastmes.run(prep, share + fraction * width).rounds) == picks


@FAST
@given(instance=instances(max_projects=8, max_voters=14))
def test_add1_with_certified_ranges_is_the_step_by_step_loop(instance: ApprovalInstance) -> None:
    """Skipping certified shares changes no outcome of either add1 loop."""
    if instance.num_voters == 0:
        return
    for fast, slow in (
        (add1.add1_pabutools, add1.add1_pabutools_stepwise),
        (add1.add1_cities, add1.add1_cities_stepwise),
    ):
        reference = slow(instance)
        assert fast(instance, small=True) == reference
        assert fast(instance, small=False) == reference
        assert fast(instance) == reference  # the compiled interval run


def test_add1_on_many_steps_is_the_step_by_step_loop() -> None:
    """A budget large against the voters' number makes hundreds of steps of 1; same outcome."""
    rng = random.Random(5)
    for _ in range(6):
        pids = [str(i) for i in range(12)]
        costs = {pid: rng.randint(50, 900) for pid in pids}
        ballots = [set(rng.sample(pids, rng.randint(1, 5))) for _ in range(rng.randint(5, 30))]
        instance = ApprovalInstance(rng.randint(500, 3000), costs, ballots)
        pabutools_steps = add1.add1_pabutools_stepwise(instance)
        city_steps = add1.add1_cities_stepwise(instance)
        for small in (True, False, None):
            assert add1.add1_pabutools(instance, small=small) == pabutools_steps
            assert add1.add1_cities(instance, small=small) == city_steps


@pytest.mark.parametrize("name", ["Netherlands_Assen_2024.pb", "Poland_Swiecie_2023.pb"])
def test_plain_python_interval_run_certifies_a_real_range(sample, name: str) -> None:
    """On a real file the plain-Python interval run proves 16 steps of 1 at once, and the
    exact runs at both ends and in the middle pick what it says."""
    instance = sample(name)
    prep = fastmes.Prepared(instance)
    start = Fraction(instance.budget, instance.num_voters)
    picks = smallmes.certify(prep, start, start + 16)
    assert picks is not None
    assert picks == fastmes.certify_fast(prep, start, start + 16)
    for step in (0, 7, 16):
        assert list(fastmes.run(prep, start + step).rounds) == picks
