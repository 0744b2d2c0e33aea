"""Reading pools and quotas: accepted formats; bad input named by file, line and reason."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from commune.sortition.core import (
    InfeasibleQuotasError,
    InputError,
    check_panel_size,
    draw,
    read_pool,
    read_quotas,
)

DATA = Path(__file__).parent / "data"
QUOTAS = "category,value,min,max\ngender,F,1,2\ngender,M,1,2\n"


def csv(text: str, name: str) -> io.StringIO:
    source = io.StringIO(text)
    source.name = name
    return source


def problems(error: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [str(problem) for problem in error.value.problems]


def test_reads_the_commune_format_and_keeps_only_quota_categories() -> None:
    quotas = read_quotas(DATA / "quotas.csv")
    pool = read_pool(DATA / "pool.csv", quotas)
    assert quotas.categories == ("gender", "age", "neighbourhood")
    assert len(pool) == 12
    assert pool.people[0].id == "p01"
    assert pool.people[0].values == ("F", "18-34", "Nord")
    assert pool.people[0].line == 2
    assert pool.counts()["gender"] == {"F": 6, "M": 6}


def test_reads_flanigan_format_without_id_column_ids_are_row_numbers() -> None:
    quotas = read_quotas(DATA / "flanigan_categories.csv")
    pool = read_pool(DATA / "flanigan_respondents.csv", quotas)
    assert quotas.categories == ("gender", "leaning")
    assert quotas.get("leaning", "conservative").max == 2
    assert [person.id for person in pool.people] == ["1", "2", "3", "4", "5", "6"]


def test_reads_opendlp_headers_semicolons_and_unique_id() -> None:
    quotas = read_quotas(DATA / "opendlp_categories.csv")
    pool = read_pool(DATA / "opendlp_respondents_semicolon.csv", quotas)
    assert quotas.get("gender", "Female").min == 1  # "min", not "suggest min"
    assert [person.id for person in pool.people] == ["7", "8", "9", "10"]
    assert pool.counts()["province"] == {"Artesa": 1, "Nexor": 3}


def test_reads_sortition_algorithms_feature_value_and_id_header() -> None:
    quotas = read_quotas(DATA / "opendlp_sample_targets.csv")
    pool = read_pool(DATA / "opendlp_sample_respondents.csv", quotas)
    assert quotas.categories == ("Gender", "Age", "Region")
    assert pool.people[0].id == "1"
    assert len(pool) == 20


def test_byte_order_mark_blank_lines_and_case_of_headers_are_tolerated() -> None:
    quotas = read_quotas(csv("\ufeffCategory,Value,Min,Max\ngender,F,0,1\n\ngender,M,0,1\n", "q"))
    pool = read_pool(csv("\ufeffID,Gender\na,F\n\nb,M\n", "p"), quotas)
    assert [(person.id, person.line) for person in pool.people] == [("a", 2), ("b", 4)]


def test_an_explicit_id_column() -> None:
    quotas = read_quotas(csv(QUOTAS, "q"))
    pool = read_pool(csv("ref,gender\nx1,F\nx2,M\n", "p"), quotas, id_column="ref")
    assert [person.id for person in pool.people] == ["x1", "x2"]


def test_missing_quota_columns_are_named_on_line_1() -> None:
    with pytest.raises(InputError) as error:
        read_quotas(csv("category,value,min\ngender,F,1\n", "QUOTAS.csv"))
    assert problems(error) == [
        "QUOTAS.csv, line 1: missing column max: the header must be "
        "category,value,min,max (or feature,value,min,max)."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "category,value,min,max\ngender,F,3,1\n",
            "QUOTAS.csv, line 2: the minimum of gender = F (3) is above its maximum (1).",
        ),
        (
            "category,value,min,max\ngender,F,one,2\n",
            "QUOTAS.csv, line 2: min of gender = F must be a whole number ≥ 0, not 'one'.",
        ),
        (
            "category,value,min,max\ngender,F,-1,2\n",
            "QUOTAS.csv, line 2: min of gender = F must be a whole number ≥ 0, not '-1'.",
        ),
        (
            "category,value,min,max\ngender,F,1,2\ngender,F,0,2\n",
            "QUOTAS.csv, lines 2 and 3: gender = F has two quota lines.",
        ),
        (
            "category,value,min,max\n,F,1,2\n",
            "QUOTAS.csv, line 2: the category and the value must not be blank.",
        ),
    ],
)
def test_bad_quota_lines(text: str, expected: str) -> None:
    with pytest.raises(InputError) as error:
        read_quotas(csv(text, "QUOTAS.csv"))
    assert problems(error) == [expected]


def test_spreadsheet_style_whole_numbers_are_read() -> None:
    quotas = read_quotas(csv("category,value,min,max\ngender,F,1.0,2\n", "q"))
    assert quotas.get("gender", "F").min == 1


def test_missing_pool_column_is_named_on_line_1() -> None:
    quotas = read_quotas(csv(QUOTAS + "age,young,0,2\n", "QUOTAS.csv"))
    with pytest.raises(InputError) as error:
        read_pool(csv("id,gender\na,F\n", "POOL.csv"), quotas)
    assert problems(error) == [
        "POOL.csv, line 1: missing column age: every quota category needs a column."
    ]


def test_unknown_pool_value_duplicate_id_and_blank_value_each_named_with_their_line() -> None:
    quotas = read_quotas(csv(QUOTAS, "QUOTAS.csv"))
    pool = "id,gender\na,F\nb,X\na,M\nc,\n"
    with pytest.raises(InputError) as error:
        read_pool(csv(pool, "POOL.csv"), quotas)
    assert problems(error) == [
        "POOL.csv, line 3: gender = X has no quota line (the quotas know F, M).",
        "POOL.csv, lines 2 and 4: the id a appears twice.",
        "POOL.csv, line 5: c has no gender.",
    ]


def test_an_empty_pool_is_refused() -> None:
    quotas = read_quotas(csv(QUOTAS, "QUOTAS.csv"))
    with pytest.raises(InputError, match="the pool has nobody in it"):
        read_pool(csv("id,gender\n", "POOL.csv"), quotas)


def test_a_missing_file_is_an_input_error() -> None:
    with pytest.raises(InputError, match=r"nowhere\.csv, whole file: cannot be read"):
        read_quotas("/nonexistent/nowhere.csv")


def test_minimums_above_the_panel_size_and_maximums_below_it_name_the_quota_lines() -> None:
    quotas = read_quotas(
        csv(
            "category,value,min,max\ngender,F,3,4\ngender,M,3,4\nage,young,0,1\nage,old,0,1\n",
            "QUOTAS.csv",
        )
    )
    pool = read_pool(
        csv("id,gender,age\n" + "".join(f"{i},F,old\n" for i in range(8)), "P"), quotas
    )
    with pytest.raises(InputError) as error:
        check_panel_size(pool, quotas, 5)
    assert problems(error) == [
        "QUOTAS.csv, lines 2 and 3: the minimums of gender add up to 6, more than the panel "
        "size 5.",
        "QUOTAS.csv, lines 4 and 5: the maximums of age add up to 2, less than the panel size 5.",
    ]


def test_a_panel_larger_than_the_pool_is_refused_and_nothing_drawn() -> None:
    quotas = read_quotas(csv(QUOTAS, "QUOTAS.csv"))
    pool = read_pool(csv("id,gender\na,F\nb,M\n", "POOL.csv"), quotas)
    with pytest.raises(InputError, match="the pool has 2 people, fewer than the panel size 3"):
        draw(pool, quotas, panel_size=3, seed="s")


def test_a_quota_value_nobody_has_is_fine_with_minimum_zero() -> None:
    quotas = read_quotas(csv(QUOTAS + "gender,X,0,1\n", "QUOTAS.csv"))
    pool = read_pool(csv("id,gender\na,F\nb,M\n", "POOL.csv"), quotas)
    assert draw(pool, quotas, panel_size=2, seed="s").panel == ("a", "b")


def test_a_quota_value_nobody_has_with_a_minimum_is_explained() -> None:
    quotas = read_quotas(csv(QUOTAS + "gender,X,1,1\n", "QUOTAS.csv"))
    pool = read_pool(csv("id,gender\na,F\nb,M\nc,F\n", "POOL.csv"), quotas)
    with pytest.raises(InfeasibleQuotasError) as error:
        draw(pool, quotas, panel_size=3, seed="s")
    assert error.value.categories == ("gender",)
    assert error.value.message == (
        "The quotas ask for at least 1 person with gender = X, but the pool has only 0."
    )
