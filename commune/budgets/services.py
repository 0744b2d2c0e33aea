"""Every change to participatory budgets goes through these functions.

The secret ballot (see docs/decisions/0009-participatory-budgets.md):

- The **roll** (`RollEntry`) says who voted; the **ballot box** (`Ballot`) says what was
  voted. No column links them: a ballot has a random UUID key, no voter and no timestamp.
- A resident may replace their ballot until the vote closes. Their ballot is found again
  by `token_hash`, an HMAC of the budget and the resident keyed with the site's secret
  key: a copy of the database alone cannot tell whose ballot is whose.
- Closing the vote erases every `token_hash` and writes the ballots back in a random
  order under new random keys, so that after the vote not even the secret key, nor the
  order rows were stored in, links a ballot to a voter.
- Casting locks the budget row (`select_for_update`), so a resident's simultaneous
  submissions are recorded one after the other (one roll entry, one ballot) and closing
  the vote waits for the ballots being written.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from commune.accountability import services as accountability_services
from commune.accountability.models import Decision
from commune.accounts.models import CityService
from commune.budgets.models import (
    GREEDY_RULES,
    IMAGE_ALT_MAX_LENGTH,
    MAX_PROJECT_IMAGES,
    Ballot,
    BallotKind,
    Budget,
    BudgetPhase,
    Project,
    ProjectImage,
    ProjectStatus,
    RollChannel,
    RollEntry,
    Rule,
)
from commune.budgets.tallying import Tally, approval_tally, points_tally, ranking
from commune.contributions.access import has_verification, is_agent
from commune.contributions.models import Contribution
from commune.core import audit
from commune.core.markup import render_markdown
from commune.territory.models import Neighbourhood

TITLE_MAX_LENGTH = 150
DESCRIPTION_MAX_LENGTH = 5000
REASON_MAX_LENGTH = 3000
LOCATION_MAX_LENGTH = 200
MAX_COST = 10**12
TOKEN_SALT = "commune.budgets.ballot-token"  # noqa: S105 - a salt, not a secret


class ActionRefusedError(PermissionDenied):
    """Not possible now or not for this person (phase, eligibility, already on the roll)."""


def _require_agent(actor: Any) -> None:
    if not is_agent(actor):
        raise PermissionDenied(_("Only city agents may do this."))


def _locked(budget: Budget) -> Budget:
    return Budget.objects.select_for_update().get(pk=budget.pk)


# --- Projects ---------------------------------------------------------------------------


def _check_text(field: str, value: str, max_length: int, *, required: bool = True) -> str:
    value = value.strip()
    if required and not value:
        raise ValidationError({field: _("This field is required.")})
    if len(value) > max_length:
        raise ValidationError(
            {
                field: _("Write at most %(max)s characters (you wrote %(length)s).")
                % {"max": max_length, "length": len(value)}
            }
        )
    return value


def _check_cost(field: str, cost: int | None) -> int:
    if cost is None or cost <= 0 or cost > MAX_COST:
        raise ValidationError({field: _("Give a cost in euros, greater than zero.")})
    return int(cost)


@transaction.atomic
def submit_project(
    *,
    budget: Budget,
    author: Any,
    title: str,
    description: str,
    estimated_cost: int,
    neighbourhood: Neighbourhood | None = None,
    location: str = "",
    images: Sequence[tuple[File, str]] = (),
    contribution: Contribution | None = None,
) -> Project:
    """A resident proposes a project during the submission phase; it awaits the review.

    `images` are (checked image, description) pairs, kept in their order. If anything fails,
    no row is written and the image files already stored are deleted.
    """
    if budget.phase() != BudgetPhase.SUBMISSION:
        raise ActionRefusedError(_("This budget does not take projects at the moment."))
    if not getattr(author, "is_authenticated", False):
        raise ActionRefusedError(_("Log in to propose a project."))
    project = Project(
        budget=budget,
        title=_check_text("title", title, TITLE_MAX_LENGTH),
        description=_check_text("description", description, DESCRIPTION_MAX_LENGTH),
        estimated_cost=_check_cost("estimated_cost", estimated_cost),
        neighbourhood=neighbourhood,
        location=_check_text("location", location, LOCATION_MAX_LENGTH, required=False),
        contribution=contribution,
        proposed_by=author,
    )
    if project.estimated_cost > budget.amount:
        raise ValidationError(
            {
                "estimated_cost": _(
                    "This cost is more than the whole budget (%(amount)s €): no ballot could "
                    "hold it."
                )
                % {"amount": _money(budget.amount)}
            }
        )
    descriptions = _check_images(images)
    project.description_html = render_markdown(project.description)
    project.save()
    gallery = [
        ProjectImage(project=project, alt_text=alt_text, position=position)
        for position, alt_text in enumerate(descriptions)
    ]
    try:
        for picture, (upload, _alt) in zip(gallery, images, strict=True):
            picture.image.save(upload.name, upload, save=False)
            picture.save()
    except Exception:
        _delete_files(gallery)
        raise
    return project


def _check_images(images: Sequence[tuple[File, str]]) -> list[str]:
    """The images' descriptions, once their number and descriptions are acceptable."""
    if len(images) > MAX_PROJECT_IMAGES:
        raise ValidationError(
            {"images": _("A project has at most %(max)s images.") % {"max": MAX_PROJECT_IMAGES}}
        )
    descriptions = []
    for _upload, alt_text in images:
        alt_text = " ".join((alt_text or "").split())
        if not alt_text:
            raise ValidationError(
                {"images": _("Describe each image for people who cannot see it.")}
            )
        descriptions.append(alt_text[:IMAGE_ALT_MAX_LENGTH])
    return descriptions


def _delete_files(gallery: Sequence[ProjectImage]) -> None:
    for picture in gallery:
        if picture.image and picture.image.name:
            picture.image.storage.delete(picture.image.name)


@transaction.atomic
def review_project(
    *,
    project: Project,
    actor: Any,
    feasible: bool,
    reason: str,
    revised_cost: int | None = None,
    service: CityService | None = None,
) -> Project:
    """A city service publishes whether a project is feasible, why, and at what cost.

    Possible until the vote opens; a feasible project goes to the vote.
    """
    _require_agent(actor)
    budget = _locked(project.budget)
    if budget.phase() not in {BudgetPhase.SUBMISSION, BudgetPhase.REVIEW}:
        raise ActionRefusedError(_("Projects are reviewed before the vote opens, not after."))
    reason = _check_text("reason", reason, REASON_MAX_LENGTH)
    if revised_cost is not None:
        revised_cost = _check_cost("revised_cost", revised_cost)
        if revised_cost > budget.amount:
            raise ValidationError({"revised_cost": _("This cost is more than the whole budget.")})
    project = Project.objects.select_for_update().get(pk=project.pk)
    project.status = ProjectStatus.ELIGIBLE if feasible else ProjectStatus.NOT_FEASIBLE
    project.review_reason = reason
    project.revised_cost = revised_cost
    project.review_service = service or getattr(actor, "service", None)
    project.reviewed_at = timezone.now()
    if feasible and project.cost > budget.amount:
        raise ValidationError(
            {"revised_cost": _("This project costs more than the whole budget: revise its cost.")}
        )
    project.save()
    audit.record(
        actor=actor,
        action=f"budgets.review:{project.status}",
        target=project,
        reason=reason,
    )
    return project


# --- Ballots ----------------------------------------------------------------------------


def ballot_token(budget: Budget, resident: Any) -> str:
    """The keyed hash that finds a resident's own ballot again during the vote."""
    return salted_hmac(TOKEN_SALT, f"{budget.pk}:{resident.pk}", algorithm="sha256").hexdigest()


def voting_refusal(budget: Budget, resident: Any) -> str | None:
    """Why `resident` may not vote online in this budget now, or None when they may."""
    if not budget.is_vote_open:
        if budget.is_closed or budget.phase() == BudgetPhase.COUNTING:
            return _("The vote is closed.")
        return _("The vote is not open yet.")
    if not getattr(resident, "is_authenticated", False):
        return _("Log in to vote.")
    if not has_verification(resident, budget.verification_required):
        return _(
            "Voting in this budget needs this verification: %(level)s. Your account does "
            "not have it yet."
        ) % {"level": budget.get_verification_required_display()}
    if not is_neighbourhood_resident(budget, resident):
        return _(
            "Only residents of %(neighbourhood)s vote in this budget. If you live there, "
            "choose it as your neighbourhood in your account."
        ) % {"neighbourhood": budget.space.neighbourhood.name}
    return None


def is_neighbourhood_resident(budget: Budget, resident: Any) -> bool:
    neighbourhood_id = budget.space.neighbourhood_id
    if not budget.residents_only or neighbourhood_id is None:
        return True
    return getattr(resident, "neighbourhood_id", None) == neighbourhood_id


def clean_choices(budget: Budget, choices: Mapping[int, int] | Iterable[int]) -> list[list[int]]:
    """Check a ballot against the budget's rules; return [[project id, points], …] sorted.

    Raises ValidationError with a sentence saying what is wrong (nothing is written).
    """
    if isinstance(choices, Mapping):
        wanted = {int(pid): int(points) for pid, points in choices.items() if int(points) != 0}
    else:
        wanted = dict.fromkeys((int(pid) for pid in choices), 1)
    if any(points < 0 for points in wanted.values()):
        raise ValidationError(_("Points cannot be negative."), code="negative")
    if not wanted:
        raise ValidationError(_("Choose at least one project."), code="empty")
    costs = dict(budget.projects.eligible().values_list("pk", "estimated_cost"))
    revised = dict(
        budget.projects.eligible().exclude(revised_cost=None).values_list("pk", "revised_cost")
    )
    costs |= revised
    unknown = set(wanted) - set(costs)
    if unknown:
        raise ValidationError(
            _("A project you chose is not on this budget's ballot. Choose among the listed ones."),
            code="unknown_project",
        )
    if budget.ballot_kind == BallotKind.CUMULATIVE:
        spent = sum(wanted.values())
        if spent > (budget.points or 0):
            raise ValidationError(
                _("You gave %(spent)s points, more than the %(points)s you have.")
                % {"spent": spent, "points": budget.points},
                code="too_many_points",
            )
    else:
        if any(points != 1 for points in wanted.values()):
            raise ValidationError(_("Tick each project at most once."), code="points")
        if budget.ballot_kind == BallotKind.K_APPROVAL:
            if len(wanted) > (budget.max_choices or 0):
                raise ValidationError(
                    _("You chose %(count)s projects; this ballot holds %(max)s at most.")
                    % {"count": len(wanted), "max": budget.max_choices},
                    code="too_many",
                )
        else:
            total = sum(costs[pid] for pid in wanted)
            if total > budget.amount:
                raise ValidationError(
                    _(
                        "Your choices add up to %(total)s €, more than the budget of "
                        "%(amount)s €. Remove a project or choose a cheaper one."
                    )
                    % {"total": _money(total), "amount": _money(budget.amount)},
                    code="over_budget",
                )
    return [[pid, wanted[pid]] for pid in sorted(wanted)]


def _check_age(budget: Budget, age_confirmed: bool) -> None:
    if budget.minimum_age and not age_confirmed:
        raise ValidationError(
            {
                "age_confirmed": _("Confirm that you are at least %(age)s years old.")
                % {"age": budget.minimum_age}
            }
        )


def _retrying(write: Any) -> Any:
    """Run a write; if a simultaneous one won a unique constraint, run it once more.

    With the budget row locked this only happens on SQLite, whose locking is per database.
    """
    try:
        return write()
    except IntegrityError:
        return write()


def cast_ballot(
    *,
    budget: Budget,
    resident: Any,
    choices: Mapping[int, int] | Iterable[int],
    age_confirmed: bool,
) -> Ballot:
    """Put a resident's online ballot in the box, or replace the one they cast before.

    Raises ActionRefusedError (vote closed, not eligible, voted on paper) or
    ValidationError (over the budget, unknown project, age not confirmed).
    """
    _check_age(budget, age_confirmed)
    return _retrying(lambda: _cast_online(budget=budget, resident=resident, choices=choices))


@transaction.atomic
def _cast_online(*, budget: Budget, resident: Any, choices: Any) -> Ballot:
    budget = _locked(budget)
    refusal = voting_refusal(budget, resident)
    if refusal:
        raise ActionRefusedError(refusal)
    cleaned = clean_choices(budget, choices)
    token = ballot_token(budget, resident)
    entry = RollEntry.objects.filter(budget=budget, resident=resident).first()
    if entry is None:
        RollEntry.objects.create(budget=budget, resident=resident, channel=RollChannel.ONLINE)
        return Ballot.objects.create(budget=budget, choices=cleaned, token_hash=token)
    if entry.channel == RollChannel.PAPER:
        raise ActionRefusedError(
            _("You voted on paper with a city agent: a paper ballot cannot be changed.")
        )
    if entry.channel == RollChannel.ASSISTED:
        raise ActionRefusedError(
            _("You voted with a city agent's help: this ballot cannot be changed online.")
        )
    ballot = Ballot.objects.filter(budget=budget, token_hash=token).first()
    if ballot is None:
        # The roll says they voted but their ballot cannot be found (the secret key
        # changed during the vote): never add a second ballot.
        raise ActionRefusedError(
            _("Your earlier ballot cannot be found, so it cannot be changed. Contact the city.")
        )
    ballot.choices = cleaned
    ballot.save(update_fields=["choices"])
    return ballot


def current_choices(budget: Budget, resident: Any) -> dict[int, int] | None:
    """The resident's own ballot while the vote is open (None if they have not voted)."""
    if budget.is_closed or not getattr(resident, "is_authenticated", False):
        return None
    ballot = Ballot.objects.filter(budget=budget, token_hash=ballot_token(budget, resident)).first()
    if ballot is None:
        return None
    return {int(pid): int(points) for pid, points in ballot.choices}


def roll_entry(budget: Budget, resident: Any) -> RollEntry | None:
    if not getattr(resident, "is_authenticated", False):
        return None
    return RollEntry.objects.filter(budget=budget, resident=resident).first()


@transaction.atomic
def cast_paper_ballot(
    *,
    budget: Budget,
    agent: Any,
    resident: Any,
    choices: Mapping[int, int] | Iterable[int],
    age_confirmed: bool,
) -> Ballot:
    """An agent puts in the box the paper ballot of a resident present in person.

    The agent checks who they are (so no online verification level is asked) and marks
    them on the roll; the ballot cannot be changed afterwards. Someone already on the roll
    is refused, online or on paper.
    """
    _require_agent(agent)
    _check_age(budget, age_confirmed)
    budget = _locked(budget)
    if not budget.is_vote_open:
        raise ActionRefusedError(_("The vote is not open: no ballot can be cast."))
    if not is_neighbourhood_resident(budget, resident):
        raise ActionRefusedError(
            _("This resident's account is not in %(neighbourhood)s: they cannot vote here.")
            % {"neighbourhood": budget.space.neighbourhood.name}
        )
    cleaned = clean_choices(budget, choices)
    if RollEntry.objects.filter(budget=budget, resident=resident).exists():
        raise ActionRefusedError(
            _("%(name)s is already on the roll: they have voted in this budget.")
            % {"name": resident.public_name}
        )
    try:
        with transaction.atomic():
            entry = RollEntry.objects.create(
                budget=budget, resident=resident, channel=RollChannel.PAPER, recorded_by=agent
            )
    except IntegrityError as error:
        raise ActionRefusedError(
            _("%(name)s is already on the roll: they have voted in this budget.")
            % {"name": resident.public_name}
        ) from error
    ballot = Ballot.objects.create(budget=budget, choices=cleaned, token_hash=None)
    # The audit names the roll entry (who), never the ballot (what).
    audit.record(actor=agent, action="budgets.paper_ballot", target=entry)
    return ballot


# --- Closing and results ----------------------------------------------------------------


@transaction.atomic
def close_vote(*, budget: Budget, actor: Any) -> Budget:
    """Close the vote once its last day is over: lock the roll and the box, count, publish.

    The ballots lose their tokens and are written back shuffled, under new keys. Funded
    projects become commitments of the follow-up service, under one decision.
    """
    _require_agent(actor)
    budget = _locked(budget)
    if budget.is_closed:
        raise ActionRefusedError(_("The vote is already closed."))
    if budget.phase() != BudgetPhase.COUNTING:
        raise ActionRefusedError(
            _("The vote can be closed once its last day is over (%(day)s).")
            % {"day": budget.vote_closes_on.isoformat()}
        )
    choices = list(Ballot.objects.filter(budget=budget).values_list("choices", flat=True))
    random.SystemRandom().shuffle(choices)
    Ballot.objects.filter(budget=budget).delete()
    Ballot.objects.bulk_create(
        Ballot(id=uuid.uuid4(), budget=budget, choices=ballot, token_hash=None)
        for ballot in choices
    )
    budget.vote_closed_at = timezone.now()
    budget.results = compute_results(budget)
    budget.save(update_fields=["vote_closed_at", "results", "updated_at"])
    audit.record(
        actor=actor,
        action="budgets.close_vote",
        target=budget,
        reason=_("%(ballots)s ballots, %(roll)s on the roll")
        % {"ballots": len(choices), "roll": budget.roll.count()},
    )
    _record_commitments(budget, actor)
    return budget


def _record_commitments(budget: Budget, actor: Any) -> None:
    funded = [p for p in budget.results["projects"] if p["funded"]]
    if not funded or budget.follow_up_service is None:
        return
    lines = "\n".join(f"- {p['title']} ({_money(p['cost'])} €)" for p in funded)
    decision = accountability_services.save_decision(
        decision=Decision(
            space=budget.space,
            title=_("Results of the participatory budget “%(title)s”") % {"title": budget.title},
            body=_("The residents' vote funds these projects:\n\n%(lines)s") % {"lines": lines},
            decided_by=_("The residents' vote"),
            decided_on=timezone.localdate(),
        ),
        actor=actor,
    )
    target: date = budget.follow_up_until or budget.results_on + timedelta(days=365)
    projects = {p.pk: p for p in budget.projects.filter(pk__in=[p["id"] for p in funded])}
    for row in funded:
        project = projects[row["id"]]
        project.commitment = accountability_services.add_commitment(
            decision=decision,
            title=project.title,
            owner_service=budget.follow_up_service,
            target_date=target,
            actor=actor,
        )
        project.save(update_fields=["commitment"])
    budget.decision = decision
    budget.save(update_fields=["decision"])


def ballots(budget: Budget) -> list[dict[int, int]]:
    """The ballots of the box as {project id: points}, in key order (random)."""
    return [
        {int(pid): int(points) for pid, points in choices}
        for choices in Ballot.objects.filter(budget=budget)
        .order_by("id")
        .values_list("choices", flat=True)
    ]


def _tally(budget: Budget, rule: str, costs: dict[str, int], box: list[dict[int, int]]) -> Tally:
    if budget.ballot_kind == BallotKind.CUMULATIVE:
        points: dict[str, int] = dict.fromkeys(costs, 0)
        for ballot in box:
            for pid, given in ballot.items():
                points[str(pid)] += given
        return points_tally(
            amount=budget.amount, costs=costs, points=points, rule=rule, min_votes=budget.min_votes
        )
    return approval_tally(
        amount=budget.amount,
        costs=costs,
        approvals=[[str(pid) for pid in ballot] for ballot in box],
        rule=rule,
        min_votes=budget.min_votes,
    )


def compute_results(budget: Budget) -> dict[str, Any]:
    """Count the box with the budget's rule and explain each project's outcome.

    The explanation of each project is stored as a reason code and its figures (worded
    when shown, in the reader's language: wording.py). The box is also counted with the
    rule of the other family (greedy, or Equal Shares) for the comparison on the page.
    """
    projects = list(budget.projects.eligible().order_by("pk"))
    costs = {str(p.pk): p.cost for p in projects}
    box = ballots(budget)
    votes = dict.fromkeys(costs, 0)
    points = dict.fromkeys(costs, 0)
    for ballot in box:
        for pid, given in ballot.items():
            votes[str(pid)] += 1
            points[str(pid)] += given
    rule = Rule(budget.rule)
    # No ballot, nothing funded (greedy would otherwise fund projects nobody voted for).
    outcome = _tally(budget, rule, costs, box) if costs and box else Tally((), 0)
    scores = points if budget.ballot_kind == BallotKind.CUMULATIVE else votes
    comparison = None
    if budget.ballot_kind != BallotKind.CUMULATIVE and costs and box:
        other = Rule.EQUAL_SHARES if rule in GREEDY_RULES else Rule.GREEDY
        other_outcome = _tally(budget, other, costs, box)
        comparison = {
            "rule": str(other),
            "selected": [int(pid) for pid in other_outcome.selected],
            "total_cost": other_outcome.total_cost,
        }
    titles = {str(p.pk): p.title for p in projects}
    rows = []
    for pid in ranking(scores):
        explanation = dict(outcome.explanations.get(pid, {"reason": "no_votes"}))
        if explanation.get("stopper") is not None:
            explanation["stopper"] = titles.get(str(explanation["stopper"]), "")
        rows.append(
            {
                "id": int(pid),
                "title": titles[pid],
                "cost": costs[pid],
                "votes": votes[pid],
                "points": points[pid],
                "funded": pid in outcome.selected,
                "order": outcome.selected.index(pid) + 1 if pid in outcome.selected else None,
            }
            | explanation
        )
    return {
        "rule": str(rule),
        "amount": budget.amount,
        "ballots": len(box),
        "total_cost": outcome.total_cost,
        "left": budget.amount - outcome.total_cost,
        "selected": [int(pid) for pid in outcome.selected],
        "projects": rows,
        "comparison": comparison,
    }


def _money(value: int) -> str:
    """12000 → "12 000" in French, "12,000" in English."""
    return number_format(value, force_grouping=True)


def pabulib_text(budget: Budget) -> str:
    """The closed budget's anonymous ballots as a Pabulib `.pb` file anyone can recount.

    Voters are numbered 1, 2, 3… in the order of the box's random keys; `commune pb tally`
    on this file with the budget's rule gives the published outcome.
    """
    from commune.budgets.rules import PabulibFile, approval_file, write_pabulib

    projects = list(budget.projects.eligible().order_by("pk"))
    costs = {str(p.pk): p.cost for p in projects}
    box = ballots(budget)
    place = budget.space.neighbourhood.name if budget.space.neighbourhood else budget.space.title
    meta = {
        "description": budget.title,
        "country": "France",
        "unit": place,
        "instance": str(budget.vote_closes_on.year),
        "rule": budget.rule,
        "currency": "EUR",
        "date_begin": budget.vote_opens_on.isoformat(),
        "date_end": budget.vote_closes_on.isoformat(),
    }
    if budget.rule == Rule.GREEDY_THRESHOLD:
        meta["min_project_score_threshold"] = str(budget.min_votes)
    if budget.ballot_kind == BallotKind.K_APPROVAL:
        meta["max_length"] = str(budget.max_choices)
    if budget.ballot_kind == BallotKind.CUMULATIVE:
        totals = dict.fromkeys(costs, 0)
        for ballot in box:
            for pid, given in ballot.items():
                totals[str(pid)] += given
        pb = PabulibFile(
            meta={
                "num_projects": str(len(costs)),
                "num_votes": str(len(box)),
                "budget": str(budget.amount),
                "vote_type": "cumulative",
                "max_sum_points": str(budget.points),
            }
            | meta,
            project_columns=("project_id", "cost", "score"),
            projects=[(pid, str(cost), str(totals[pid])) for pid, cost in costs.items()],
            vote_columns=("voter_id", "vote", "points"),
            votes=[
                (
                    str(number),
                    ",".join(str(pid) for pid in sorted(ballot)),
                    ",".join(str(ballot[pid]) for pid in sorted(ballot)),
                )
                for number, ballot in enumerate(box, start=1)
            ],
        )
    else:
        pb = approval_file(
            budget=budget.amount,
            costs=costs,
            ballots=[[str(pid) for pid in ballot] for ballot in box],
            meta=meta,
        )
    selected = {str(pid) for pid in (budget.results or {}).get("selected", [])}
    titles = {str(p.pk): p.title for p in projects}
    pb.project_columns = (*pb.project_columns, "name", "selected")
    pb.projects = [
        (*row, titles[row[0]], "1" if row[0] in selected else "0") for row in pb.projects
    ]
    return write_pabulib(pb)
