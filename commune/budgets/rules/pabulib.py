"""Read and write Pabulib `.pb` files (META, PROJECTS, VOTES), as found in the real data.

The format (Stolicki, Szufa, Talmon, arXiv:2012.06539) is three `;`-separated CSV sections,
each opened by its name on a line of its own and followed by a header row. Real files mix
line endings (even within one file), quote fields with `""` escapes and `;` inside quotes,
use non-numeric project ids, decimal money ("2572946.76", sometimes "1234,50") and extra
columns. The quoting is left to the stdlib `csv` module; the lines are split here so that an
error can name the line it is on.

`read_pabulib` keeps every field as the text it was (so `write_pabulib` round-trips) and
offers typed views: `budget`, `costs`, `approval_ballots()`... Money is exact: an `int`, or a
`Fraction` when the text has decimals.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

Money = int | Fraction

SECTIONS = ("meta", "projects", "votes")
VOTE_TYPES = ("approval", "choose-1", "cumulative", "scoring", "ordinal")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class PabulibError(ValueError):
    """A malformed `.pb` file; the message starts with the line number when there is one."""

    def __init__(self, message: str, line: int | None = None) -> None:
        self.line = line
        super().__init__(f"line {line}: {message}" if line is not None else message)


def parse_money(text: str, *, line: int | None = None, what: str = "amount") -> Money:
    """An exact amount from its text: "1000" → 1000, "1234.50" → Fraction(2469, 2).

    A decimal comma is read as a decimal point, as pabutools does.
    """
    cleaned = text.strip().replace(",", ".")
    try:
        value = Fraction(cleaned)
    except (ValueError, ZeroDivisionError):
        raise PabulibError(f"{what} {text!r} is not a number", line) from None
    return normalise(value)


def normalise(value: Money) -> Money:
    """An integral Fraction as an int, so that money prints without a denominator."""
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value.numerator)
    return value


def format_money(value: Money) -> str:
    """The shortest exact decimal text of an amount ("1234.5"), or "a/b" if it has none."""
    value = normalise(value)
    if isinstance(value, int):
        return str(value)
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    places = max(twos, fives)
    scaled = abs(value) * 10**places
    whole, part = divmod(int(scaled), 10**places)
    sign = "-" if value < 0 else ""
    return f"{sign}{whole}.{str(part).rjust(places, '0')}"


@dataclass
class PabulibFile:
    """A `.pb` file as text fields: what was read, and what `write_pabulib` writes.

    `projects` and `votes` are rows (tuples of the field texts, stripped) in file order, with
    `project_columns` and `vote_columns` as their headers. Two files are equal when all of
    these are.
    """

    meta: dict[str, str] = field(default_factory=dict)
    project_columns: tuple[str, ...] = ("project_id", "cost")
    projects: list[tuple[str, ...]] = field(default_factory=list)
    vote_columns: tuple[str, ...] = ("voter_id", "vote")
    votes: list[tuple[str, ...]] = field(default_factory=list)

    # Typed views -------------------------------------------------------------------------
    @property
    def vote_type(self) -> str:
        return self.meta.get("vote_type", "approval").strip().lower()

    @property
    def budget(self) -> Money:
        if "budget" not in self.meta:
            raise PabulibError("META has no budget")
        return parse_money(self.meta["budget"], what="budget")

    def project_column(self, name: str) -> list[str]:
        """One column of PROJECTS, in file order ("" where a row lacks it)."""
        index = self.project_columns.index(name)
        return [row[index] if index < len(row) else "" for row in self.projects]

    def vote_column(self, name: str) -> list[str]:
        index = self.vote_columns.index(name)
        return [row[index] if index < len(row) else "" for row in self.votes]

    @property
    def project_ids(self) -> list[str]:
        return self.project_column("project_id")

    @property
    def costs(self) -> dict[str, Money]:
        return {
            pid: parse_money(cost, what="cost")
            for pid, cost in zip(self.project_ids, self.project_column("cost"), strict=True)
        }

    def selected(self) -> list[str] | None:
        """The officially funded projects (the `selected` column), or None without one."""
        if "selected" not in self.project_columns:
            return None
        flags = self.project_column("selected")
        return [
            pid
            for pid, flag in zip(self.project_ids, flags, strict=True)
            if flag.strip() not in ("", "0", "None")
        ]

    def ballots(self) -> Iterator[list[str]]:
        """Each voter's `vote` field as a list of project ids, in the order written."""
        if "vote" not in self.vote_columns:
            return
        index = self.vote_columns.index("vote")
        for row in self.votes:
            text = row[index] if index < len(row) else ""
            yield [pid.strip() for pid in text.split(",") if pid.strip()]

    def approval_ballots(self) -> Iterator[frozenset[str]]:
        """Each voter's approved projects (approval and choose-1 files)."""
        for ballot in self.ballots():
            yield frozenset(ballot)

    def scored_ballots(self) -> Iterator[dict[str, Money]]:
        """Each voter's points per project (cumulative and scoring files)."""
        if "points" not in self.vote_columns:
            for _ballot in self.ballots():
                yield {}
            return
        index = self.vote_columns.index("points")
        for ballot, row in zip(self.ballots(), self.votes, strict=True):
            text = row[index] if index < len(row) else ""
            points = [p.strip() for p in text.split(",") if p.strip()]
            yield {
                pid: parse_money(p, what="points") for pid, p in zip(ballot, points, strict=True)
            }


def read_pabulib(source: str | Path | bytes) -> PabulibFile:
    """Read a `.pb` file from a path, its bytes, or its text (a str with a line break).

    Raises `PabulibError` (a ValueError) naming the line for a malformed file.
    """
    if isinstance(source, bytes):
        text = _decode(source)
    elif isinstance(source, Path) or ("\n" not in source and "\r" not in source):
        try:
            text = _decode(Path(source).read_bytes())
        except OSError as error:
            raise PabulibError(f"cannot read {source}: {error.strerror}") from None
    else:
        text = source
    return parse_pabulib(text)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise PabulibError("not UTF-8 text", line) from None


def parse_pabulib(text: str) -> PabulibFile:
    """Parse the text of a `.pb` file (see `read_pabulib`)."""
    text = text.removeprefix("\ufeff")
    lines = _LINE_BREAK.split(text)
    if lines and lines[-1] == "":
        lines.pop()
    result = PabulibFile(project_columns=(), vote_columns=())
    section = ""
    header: tuple[str, ...] = ()
    seen: set[str] = set()
    project_ids: set[str] = set()
    # One line at a time: a field never spans lines in Pabulib, so an unclosed quote is an
    # error on its own line rather than swallowing the rest of the file.
    rows = ((number, _split(line, number)) for number, line in enumerate(lines, start=1))
    for line, row in rows:
        if not row or (len(row) == 1 and not row[0]):
            continue
        name = row[0].lower()
        if name in SECTIONS and all(not value for value in row[1:]):
            if name in seen:
                raise PabulibError(f"second {row[0]} section", line)
            seen.add(name)
            section = name
            try:
                header_line, header = next(rows)
            except StopIteration:
                raise PabulibError(f"{row[0]} has no header row", line) from None
            _check_header(section, header, header_line)
            if section == "projects":
                result.project_columns = header
            elif section == "votes":
                result.vote_columns = header
            continue
        if not section:
            raise PabulibError("expected META, PROJECTS or VOTES", line)
        if section == "meta":
            if len(row) < 2:
                raise PabulibError(f"META line needs a key and a value: {';'.join(row)!r}", line)
            if len(row) > 2 and any(row[2:]):
                raise PabulibError("META line has more than a key and a value", line)
            result.meta[row[0]] = row[1]
        elif section == "projects":
            _check_width(row, header, line)
            pid, cost = row[0], row[header.index("cost")]
            if not pid:
                raise PabulibError("empty project_id", line)
            if pid in project_ids:
                raise PabulibError(f"project {pid!r} appears twice", line)
            project_ids.add(pid)
            parse_money(cost, line=line, what=f"cost of project {pid!r}")
            result.projects.append(row)
        else:
            _check_width(row, header, line)
            _check_vote(row, header, project_ids, result.vote_type, line)
            result.votes.append(row)
    for name in ("meta", "projects"):
        if name not in seen:
            raise PabulibError(f"no {name.upper()} section")
    if "budget" not in result.meta:
        raise PabulibError("META has no budget")
    parse_money(result.meta["budget"], what="budget")
    if result.vote_type not in VOTE_TYPES:
        raise PabulibError(f"unknown vote_type {result.meta['vote_type']!r}")
    if "votes" not in seen:
        result.vote_columns = ("voter_id", "vote")
    return result


def _split(line: str, number: int) -> tuple[str, ...]:
    if '"' not in line:  # no quoting on this line: what csv would do, much faster
        return tuple(value.strip() for value in line.split(";")) if line else ()
    try:
        fields = next(csv.reader([line], delimiter=";", quotechar='"', strict=True), [])
    except csv.Error as error:
        raise PabulibError(f"bad quoting ({error})", number) from None
    return tuple(value.strip() for value in fields)


def _check_header(section: str, header: tuple[str, ...], line: int) -> None:
    if len(set(header)) != len(header):
        raise PabulibError("a column name appears twice in the header", line)
    if section == "projects" and (not header or header[0] != "project_id" or "cost" not in header):
        raise PabulibError("PROJECTS header must start with project_id and have cost", line)
    if section == "votes" and (not header or header[0] != "voter_id"):
        raise PabulibError("VOTES header must start with voter_id", line)


def _check_width(row: tuple[str, ...], header: tuple[str, ...], line: int) -> None:
    if len(row) != len(header):
        raise PabulibError(f"{len(row)} fields where the header has {len(header)}", line)


def _check_vote(
    row: tuple[str, ...], header: tuple[str, ...], projects: set[str], vote_type: str, line: int
) -> None:
    if "vote" not in header:
        return
    vote = [pid.strip() for pid in row[header.index("vote")].split(",") if pid.strip()]
    for pid in vote:
        if pid not in projects:
            raise PabulibError(f"vote for unknown project {pid!r}", line)
    if vote_type in ("cumulative", "scoring") and "points" in header:
        points = [p for p in row[header.index("points")].split(",") if p.strip()]
        if len(points) != len(vote):
            raise PabulibError(f"{len(vote)} projects but {len(points)} points", line)
        for value in points:
            parse_money(value, line=line, what="points")


def write_pabulib(pb: PabulibFile, target: str | Path | None = None) -> str:
    """The text of `pb` as a `.pb` file (LF line ends, minimal quoting); written to `target`."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quotechar='"', lineterminator="\n")
    writer.writerow(["META"])
    writer.writerow(["key", "value"])
    writer.writerows(pb.meta.items())
    writer.writerow(["PROJECTS"])
    writer.writerow(pb.project_columns)
    writer.writerows(pb.projects)
    writer.writerow(["VOTES"])
    writer.writerow(pb.vote_columns)
    writer.writerows(pb.votes)
    text = out.getvalue()
    if target is not None:
        Path(target).write_text(text, encoding="utf-8")
    return text


def approval_file(
    *,
    budget: Money,
    costs: dict[str, Money],
    ballots: Iterable[Iterable[str]],
    meta: dict[str, str] | None = None,
) -> PabulibFile:
    """A `.pb` file of approval ballots, e.g. to publish a budget's anonymous ballots."""
    counts: dict[str, int] = dict.fromkeys(costs, 0)
    votes = []
    for number, ballot in enumerate(ballots, start=1):
        chosen = sorted(set(ballot))
        for pid in chosen:
            counts[pid] += 1
        votes.append((str(number), ",".join(chosen)))
    full_meta = {
        "description": "",
        "num_projects": str(len(costs)),
        "num_votes": str(len(votes)),
        "budget": format_money(budget),
        "vote_type": "approval",
    }
    full_meta.update(meta or {})
    return PabulibFile(
        meta=full_meta,
        project_columns=("project_id", "cost", "votes"),
        projects=[(pid, format_money(cost), str(counts[pid])) for pid, cost in costs.items()],
        vote_columns=("voter_id", "vote"),
        votes=votes,
    )
