"""The Pabulib reader and writer: the messy features of real files, line-numbered errors."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commune.budgets.rules import (
    ApprovalInstance,
    PabulibError,
    PabulibFile,
    approval_file,
    read_pabulib,
    write_pabulib,
)
from commune.budgets.rules.pabulib import format_money, parse_money

from .conftest import DATA

SIMPLE = (
    "META\nkey;value\nbudget;100\nvote_type;approval\n"
    "PROJECTS\nproject_id;cost;name\n1;60;One\n2;50;Two\n"
    "VOTES\nvoter_id;vote\n1;1,2\n2;2\n"
)


def test_every_sample_reads_and_round_trips() -> None:
    """Each sample file reads, and writing then reading it gives the same file back."""
    for path in DATA.glob("*.pb"):
        pb = read_pabulib(path)
        assert pb.projects
        assert pb.votes
        assert read_pabulib(write_pabulib(pb)) == pb


def test_mixed_line_endings_within_one_file() -> None:
    """CRLF, LF and CR line ends can alternate inside one file."""
    text = SIMPLE.replace("\n", "\r\n", 3).replace("PROJECTS\n", "PROJECTS\r")
    pb = read_pabulib(text)
    assert pb.budget == 100
    assert pb.project_ids == ["1", "2"]
    assert list(pb.approval_ballots()) == [frozenset({"1", "2"}), frozenset({"2"})]


def test_quoted_fields_with_semicolons_and_doubled_quotes() -> None:
    """A quoted name may hold `;` and `""`; the column count stays right."""
    text = SIMPLE.replace("1;60;One", '1;60;"Parc; ""vert"" et bleu"')
    pb = read_pabulib(text)
    assert pb.project_column("name") == ['Parc; "vert" et bleu', "Two"]
    assert read_pabulib(write_pabulib(pb)) == pb


def test_non_numeric_ids_and_decimal_money_are_exact() -> None:
    """Ids like "BO.D13.65/24" stay text; "2572946.76" and "1234,50" are exact."""
    text = (
        "META\nkey;value\nbudget;2572946.76\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost\nBO.D13.65/24;1234,50\nL132;100.25\n"
        "VOTES\nvoter_id;vote\nv1;BO.D13.65/24,L132\n"
    )
    instance = ApprovalInstance.from_pabulib(read_pabulib(text))
    assert instance.budget == Fraction(257294676, 100)
    assert instance.costs == {"BO.D13.65/24": Fraction(2469, 2), "L132": Fraction(401, 4)}


def test_extra_columns_are_kept() -> None:
    """Extra PROJECTS and VOTES columns (selected, age, sex...) are read and written back."""
    text = (
        "META\nkey;value\nbudget;100\nvote_type;approval\n"
        "PROJECTS\nproject_id;cost;votes;selected;category\n1;60;1;1;Green\n"
        "VOTES\nvoter_id;age;sex;vote\n1;34;F;1\n"
    )
    pb = read_pabulib(text)
    assert pb.selected() == ["1"]
    assert pb.vote_column("age") == ["34"]
    assert list(pb.approval_ballots()) == [frozenset({"1"})]
    assert read_pabulib(write_pabulib(pb)) == pb


def test_cumulative_and_ordinal_ballots() -> None:
    """Points go with their projects (cumulative); ordinal ballots keep their order."""
    pb = read_pabulib(DATA / "poland_czestochowa_2020_grabowka.pb")
    assert pb.vote_type == "cumulative"
    first = next(pb.scored_ballots())
    assert first
    assert all(isinstance(v, int) for v in first.values())
    ordinal = read_pabulib(SIMPLE.replace("approval", "ordinal").replace("1;1,2", "1;2,1"))
    assert next(ordinal.ballots()) == ["2", "1"]


def test_empty_vote_counts_as_a_voter() -> None:
    """A voter who approved nothing still counts (MES gives them a share)."""
    instance = ApprovalInstance.from_pabulib(read_pabulib(SIMPLE + "3;\n"))
    assert instance.num_voters == 3


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (SIMPLE.replace("2;50;Two", "2;fifty;Two"), 8, "not a number"),
        (SIMPLE.replace("2;50;Two", "2;50"), 8, "2 fields where the header has 3"),
        (SIMPLE.replace("1;1,2", "1;1,9"), 11, "unknown project '9'"),
        (SIMPLE.replace("2;50;Two", '2;50;"Two'), 8, "quoting"),
        (SIMPLE.replace("2;50;Two", "1;50;Two"), 8, "appears twice"),
        ("hello\n" + SIMPLE, 1, "expected META"),
        (SIMPLE.replace("budget;100", "budget;lots"), None, "budget"),
        (SIMPLE.replace("project_id;cost;name", "id;cost;name"), 6, "project_id"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int | None, words: str) -> None:
    """A malformed file raises PabulibError whose message starts with its line number."""
    with pytest.raises(PabulibError, match=words) as caught:
        read_pabulib(text)
    assert caught.value.line == line
    if line is not None:
        assert str(caught.value).startswith(f"line {line}: ")


def test_missing_sections_are_errors() -> None:
    with pytest.raises(PabulibError, match="no PROJECTS"):
        read_pabulib("META\nkey;value\nbudget;1\n")


def test_money_text() -> None:
    assert parse_money("1234.50") == Fraction(2469, 2)
    assert parse_money(" 7 ") == 7
    assert format_money(Fraction(2469, 2)) == "1234.5"
    assert format_money(Fraction(1, 3)) == "1/3"


ids = st.text(alphabet="abcXYZ019._/", min_size=1, max_size=6)
names = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@settings(max_examples=60, deadline=None)
@given(
    costs=st.dictionaries(ids, st.fractions(min_value=0, max_value=10**6), min_size=1, max_size=6),
    data=st.data(),
)
def test_written_files_read_back_identically(costs: dict[str, Fraction], data) -> None:
    """Whatever the ids, names (with ; and ") and amounts, read(write(x)) == x."""
    projects = sorted(costs)
    ballots = data.draw(st.lists(st.sets(st.sampled_from(projects)), max_size=8))
    pb = approval_file(budget=Fraction(10**6), costs=costs, ballots=ballots)
    pb.meta["description"] = data.draw(names).strip()
    pb.meta["description"] = pb.meta["description"].replace("\r", "").replace("\n", "")
    again = read_pabulib(write_pabulib(pb))
    assert again == pb
    instance = ApprovalInstance.from_pabulib(again)
    assert instance.costs == {pid: costs[pid] for pid in costs}
    assert instance.voters() == sorted(
        (frozenset(b) for b in ballots), key=lambda b: sorted(b)
    ) or sorted(map(sorted, instance.voters())) == sorted(map(sorted, ballots))


def test_pabulib_file_defaults_write() -> None:
    text = write_pabulib(PabulibFile(meta={"budget": "5", "vote_type": "approval"}))
    assert read_pabulib(text).budget == 5
