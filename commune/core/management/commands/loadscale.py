"""`commune loadscale`: a large, realistic data set in one space, to measure the pages.

It fills one space (a new process "Grande consultation (jeu de charge)" unless
``--space`` names an existing one) with many contributions, supports, threaded comments,
status timelines, decisions and commitments: by default 10,000 contributions, 100,000
supports and 50,000 comments, the size at which benchmarks/ measures the pages.

The rows are written with ``bulk_create``, in batches of one transaction each, and
deliberately bypass the services (submit_contribution, toggle_support, add_comment,
answer_contribution…): going through them would take hours and write an audit event
and a notification for every row. The generator keeps the invariants the services keep
instead, and tests/benchmarks/ checks them:

- every contribution's timeline starts with a "received" step dated when it was
  submitted, and each later step is one NEXT_STATUSES allows, in date order;
- ``status`` is the last step's, ``first_answered_at`` the date of the first step after
  "received", ``due_on`` the submission date plus the space's answer delay; a share is
  answered within the delay, some late, and some are overdue (never answered);
- ``support_count`` and ``comment_count`` equal the rows; one support per resident and
  contribution; a reply is one level deeper than its parent, on the same contribution,
  and written after it;
- online contributions have an author; paper, phone and meeting ones a name, typed in
  by an agent when the database has one.

One contribution gets ``--most-commented`` comments (1,000 by default, at most half of
``--comments``), so benchmarks can measure a detail page with that many. The same
``--seed`` gives the same data. A failure midway leaves the batches already written.
"""

from __future__ import annotations

import datetime
import random
from argparse import ArgumentParser
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from commune.accountability.models import (
    Commitment,
    Decision,
    DecisionContribution,
    ProgressUpdate,
    StatusChange,
)
from commune.accounts.models import CityService, Resident, Role, Verification
from commune.contributions.models import (
    NEXT_STATUSES,
    Channel,
    Comment,
    Contribution,
    ContributionKind,
    Pillar,
    Stance,
    Status,
    Support,
)
from commune.core.markup import render_markdown
from commune.spaces.models import Component, PowerLevel, Space, SpaceKind
from commune.territory.models import Neighbourhood

DEFAULT_SLUG = "grande-consultation-jeu-de-charge"
DEFAULT_SERVICE = "Direction de la participation citoyenne"
# Rows per transaction; bulk_create splits further where the database needs it.
BATCH = 2_000
# Contributions are submitted over this many days before today.
SPAN_DAYS = 330
# Share of first answers given within the answer delay; the rest come late.
ON_TIME_SHARE = 0.85
# No other contribution gets more comments than this, so the most commented one stands out.
OTHER_COMMENTS_CAP = 300
MAX_DEPTH = 2

M = TypeVar("M", bound=models.Model)

# --- Texts (French: data, like the demo's) --------------------------------------------------

ACTIONS = [
    "Installer",
    "Créer",
    "Rénover",
    "Végétaliser",
    "Sécuriser",
    "Ouvrir au public",
    "Mieux éclairer",
    "Agrandir",
    "Réaménager",
    "Rendre accessible",
]
THINGS = [
    "des bancs ombragés",
    "un jardin partagé",
    "une piste cyclable protégée",
    "des toilettes publiques",
    "l'aire de jeux",
    "un composteur collectif",
    "des fontaines à eau potable",
    "le parvis de l'école",
    "un abri à vélos sécurisé",
    "les passages piétons",
    "une boîte à livres",
    "le terrain de sport",
]
PLACES = [
    "place du Commerce",
    "rue de Strasbourg",
    "quai de la Fosse",
    "boulevard des Anglais",
    "au parc de Procé",
    "square Daviais",
    "près du marché de Talensac",
    "rue Paul Bellamy",
    "le long de l'Erdre",
    "sur l'île de Versailles",
    "devant la médiathèque",
    "à la sortie du tram Commerce",
]
BODIES = [
    "Aujourd'hui, on ne peut pas s'y asseoir ni s'y abriter l'été. **Beaucoup de "
    "personnes âgées** y passent chaque jour pour aller au marché.\n\nJe propose :\n\n"
    "- d'ajouter quelques bancs avec dossier ;\n- de planter des arbres pour l'ombre.",
    "Les enfants traversent ici pour aller à l'école et les voitures roulent vite. "
    "Un aménagement simple ralentirait la circulation aux heures d'entrée et de sortie.",
    "Le lieu est peu utilisé alors qu'il pourrait servir à tout le quartier. Les "
    "associations sont prêtes à *l'animer* si la ville fait les premiers travaux.",
    "Plusieurs habitants en ont parlé lors de la dernière assemblée de quartier. Nous "
    "avons fait une petite enquête : 80 personnes sur 95 y sont favorables.",
    "C'est un endroit où l'on se sent mal le soir. Un meilleur éclairage et un peu de "
    "vie (une buvette associative l'été ?) changeraient beaucoup de choses.",
    "Idée simple et peu coûteuse, testée dans d'autres villes ([exemple à Rennes]"
    "(https://metropole.rennes.fr)). On pourrait commencer par un essai de six mois.",
    "Pour les personnes en fauteuil ou avec une poussette, le trottoir est "
    "impraticable : marches, poteaux, voitures garées. Il faut repenser le passage.",
    "Je fais cette proposition au nom du collectif des parents d'élèves. Nous sommes "
    "disponibles pour en discuter avec les services de la ville.",
]
COMMENTS = {
    Stance.FOR: [
        "Tout à fait d'accord, j'y passe tous les jours.",
        "Excellente idée, et pas très chère à réaliser.",
        "Oui ! Mes enfants en seraient ravis.",
        "Je soutiens, c'était déjà demandé il y a deux ans.",
        "Bonne proposition, à condition de prévoir l'entretien.",
    ],
    Stance.AGAINST: [
        "Je ne suis pas convaincu : cela va attirer du bruit le soir.",
        "Il y a d'autres priorités dans le quartier, à mon avis.",
        "Attention au coût d'entretien, qui le paiera ?",
        "Cela supprimerait des places de stationnement dont les commerçants ont besoin.",
    ],
    Stance.NEUTRAL: [
        "Est-ce que quelqu'un sait ce que prévoit déjà le plan de quartier ?",
        "Il faudrait demander l'avis des riverains directs.",
        "Question : est-ce de la compétence de la ville ou de la métropole ?",
        "Une réunion sur place serait utile pour voir ce qui est possible.",
    ],
}
ANSWERS = {
    Status.UNDER_STUDY: [
        "Merci pour cette proposition. Le service étudie sa faisabilité technique et son "
        "coût ; nous reviendrons vers vous avec une réponse détaillée.",
        "Votre contribution a été transmise au service concerné, qui l'examine avec la "
        "direction de l'espace public.",
    ],
    Status.ACCEPTED: [
        "La proposition est retenue : elle sera inscrite au programme de travaux de "
        "l'année prochaine.",
        "Bonne nouvelle : la ville retient cette idée et la réalisera avec les habitants.",
    ],
    Status.PARTLY_ACCEPTED: [
        "Nous retenons une partie de la proposition : les plantations sont possibles, "
        "mais pas le mobilier, car le sol recouvre des réseaux souterrains.",
        "Retenue en partie : la ville fera un essai de six mois avant de décider de la "
        "suite, faute de budget pour un aménagement définitif cette année.",
    ],
    Status.REJECTED: [
        "La proposition n'est pas retenue : le lieu appartient à un bailleur privé et la "
        "ville ne peut pas y faire de travaux.",
        "Nous ne retenons pas cette idée : un projet plus large, discuté en conseil de "
        "quartier, couvre déjà ce lieu et sera présenté en réunion publique.",
    ],
    Status.IN_PROGRESS: [
        "Les travaux ont commencé ; ils dureront environ trois semaines.",
        "Le marché a été attribué, le chantier démarre le mois prochain.",
    ],
    Status.DONE: [
        "C'est fait : l'aménagement a été inauguré avec les habitants du quartier.",
        "Réalisé. Merci à toutes celles et ceux qui ont porté cette idée.",
    ],
}
OFFLINE_NAMES = [
    "Mme Le Goff",
    "M. Guérin",
    "Mme Diallo",
    "M. Phan",
    "Mme Rousseau",
    "M. Benali",
    "Mme Kerbrat",
    "M. Moreau",
]
FIRST_NAMES = [
    "Camille",
    "Léa",
    "Mohamed",
    "Yann",
    "Aïcha",
    "Lucas",
    "Nadia",
    "Gwenaël",
    "Inès",
    "Thomas",
    "Mariam",
    "Hugo",
    "Soizic",
    "Karim",
    "Chloé",
    "Malo",
]
COMMITMENTS = [
    "Réaliser les aménagements retenus",
    "Concerter les riverains sur le plan détaillé",
    "Publier le bilan de l'essai",
    "Planter les arbres à la saison favorable",
    "Présenter l'avancement en conseil de quartier",
]
PROGRESS_TEXTS = [
    "Études terminées, dossier de consultation des entreprises publié.",
    "Entreprise retenue, chantier préparé avec les riverains.",
    "Première tranche de travaux réalisée.",
    "Travaux achevés, réception faite avec le conseil de quartier.",
]


@dataclass
class Planned:
    """One contribution as planned, before and after it is written."""

    created_at: datetime.datetime
    steps: list[tuple[str, datetime.datetime]]
    supports: int = 0
    comments: int = 0
    pk: int | None = None
    parents: dict[int, list[tuple[int, datetime.datetime]]] = field(default_factory=dict)


@dataclass
class Totals:
    residents: int = 0
    contributions: int = 0
    supports: int = 0
    comments: int = 0
    decisions: int = 0
    commitments: int = 0


class Command(BaseCommand):
    help = (
        "Fill one space with a large realistic data set (contributions, supports, threaded "
        "comments, answers, decisions) to measure the pages; see docs/benchmarks.md."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--space",
            help="Slug of an existing space to fill (default: a new process space).",
        )
        parser.add_argument(
            "--contributions", type=int, default=10_000, help="Contributions (10000)."
        )
        parser.add_argument("--supports", type=int, default=100_000, help="Supports (100000).")
        parser.add_argument(
            "--comments",
            type=int,
            default=50_000,
            help="Comments, a third of them replies (50000).",
        )
        parser.add_argument(
            "--residents",
            type=int,
            help="Residents to create (default: one for every 20 supports, at least 200).",
        )
        parser.add_argument(
            "--most-commented",
            type=int,
            default=1_000,
            help="Comments on the most commented contribution (1000; at most half of all).",
        )
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (2026).")

    def handle(self, *args: Any, **options: Any) -> None:
        counts = {name: options[name] for name in ("contributions", "supports", "comments")}
        if min(counts.values()) < 0 or counts["contributions"] < 1:
            raise CommandError(_("Give at least one contribution and no negative counts."))
        residents = options["residents"] or max(200, counts["supports"] // 20)
        if counts["supports"] > counts["contributions"] * residents:
            raise CommandError(
                _(
                    "%(supports)d supports need more residents: each resident supports a "
                    "contribution at most once (use --residents)."
                )
                % {"supports": counts["supports"]}
            )
        self.rng = random.Random(options["seed"])  # noqa: S311 - test data, not secrets
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        self.space = self.get_space(options["space"])
        self.service = CityService.objects.get_or_create(name=DEFAULT_SERVICE)[0]
        self.agent = Resident.objects.filter(role=Role.AGENT, is_active=True).first()
        self.neighbourhoods = list(Neighbourhood.objects.values_list("pk", flat=True))
        self.totals = Totals()
        self.html: dict[str, str] = {}

        resident_ids = self.create_residents(residents)
        plans = self.plan(counts, len(resident_ids), options["most_commented"])
        self.create_contributions(plans, resident_ids)
        self.create_supports(plans, resident_ids)
        self.create_comments(plans, resident_ids)
        self.create_decisions(plans)

        most = max(plans, key=lambda plan: plan.comments)
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Loaded into “%(space)s” (%(slug)s): %(contributions)d contributions, "
                    "%(supports)d supports, %(comments)d comments, %(decisions)d decisions, "
                    "%(commitments)d commitments, %(residents)d new residents."
                )
                % {
                    "space": self.space.title,
                    "slug": self.space.slug,
                    **vars(self.totals),
                }
            )
        )
        self.stdout.write(
            _("Most commented contribution: #%(pk)d (%(comments)d comments).")
            % {"pk": most.pk, "comments": most.comments}
        )

    # --- Where ---------------------------------------------------------------------------

    def get_space(self, slug: str | None) -> Space:
        if slug:
            try:
                return Space.objects.get(slug=slug)
            except Space.DoesNotExist as error:
                raise CommandError(
                    _("No space has the slug “%(slug)s”.") % {"slug": slug}
                ) from error
        existing = Space.objects.filter(slug=DEFAULT_SLUG).first()
        if existing is not None:
            return existing
        space = Space(
            kind=SpaceKind.PROCESS,
            title="Grande consultation (jeu de charge)",
            slug=DEFAULT_SLUG,
            summary="Un jeu de données de grande taille pour mesurer les pages de Commune.",
            description=(
                "Cet espace est rempli par la commande `commune loadscale` : ses "
                "contributions, soutiens et commentaires sont générés."
            ),
            power_level=PowerLevel.CONSULTATION,
            who_may_take_part="Toute personne qui habite la ville, quelle que soit sa nationalité.",
            stakes="Aucun : les données sont générées pour mesurer les performances.",
            city_commitment="La ville répond à chaque contribution dans un délai de 30 jours.",
            answer_delay_days=30,
            components=[Component.CONTRIBUTIONS.value, Component.MEETINGS.value],
            opens_on=self.today - datetime.timedelta(days=SPAN_DAYS + 5),
            closes_on=self.today + datetime.timedelta(days=60),
        )
        space.full_clean()
        space.save()
        return space

    # --- Planning (no database) ----------------------------------------------------------

    def plan(self, counts: dict[str, int], residents: int, most_commented: int) -> list[Planned]:
        n = counts["contributions"]
        plans = [self.plan_contribution(featured=(index == 0)) for index in range(n)]
        support_counts = spread(self.rng, counts["supports"], n, cap=residents)
        top = min(most_commented, counts["comments"] // 2) if n > 1 else counts["comments"]
        rest = counts["comments"] - top
        # The others stay below the most commented one, unless there are too many for that.
        cap = max(OTHER_COMMENTS_CAP, -(-rest // max(n - 1, 1)))
        if rest <= (n - 1) * (top - 1):
            cap = min(cap, top - 1)
        comment_counts = [top, *spread(self.rng, rest, n - 1, cap=cap)]
        # The most supported contribution is also the most commented one: it is popular.
        support_counts.sort(reverse=True)
        first, rest = support_counts[0], support_counts[1:]
        self.rng.shuffle(rest)
        for plan, supports, comments in zip(plans, [first, *rest], comment_counts, strict=True):
            plan.supports = supports
            plan.comments = comments
        return plans

    def plan_contribution(self, *, featured: bool) -> Planned:
        rng = self.rng
        delay = self.space.answer_delay_days
        if featured:
            age = 200.0
            target = Status.IN_PROGRESS
        else:
            age = rng.uniform(0, SPAN_DAYS)
            # Keep clear of the due date itself, so "overdue" is never a matter of hours.
            if delay - 1 <= age <= delay + 1:
                age += 2.5
            if age < delay:
                target = rng.choices(
                    [Status.RECEIVED, Status.UNDER_STUDY, Status.ACCEPTED, Status.REJECTED],
                    weights=[70, 15, 5, 10],
                )[0]
            else:
                # Status.RECEIVED here means overdue: past its due date, never answered.
                target = rng.choices(
                    [
                        Status.RECEIVED,
                        Status.UNDER_STUDY,
                        Status.ACCEPTED,
                        Status.PARTLY_ACCEPTED,
                        Status.REJECTED,
                        Status.IN_PROGRESS,
                        Status.DONE,
                    ],
                    weights=[8, 14, 14, 10, 20, 16, 18],
                )[0]
        created = self.now - datetime.timedelta(days=age)
        path = self.status_path(target)
        steps = [(Status.RECEIVED.value, created)]
        if path:
            # The first answer: within the delay mostly, later for some old contributions.
            if age <= delay or rng.random() < ON_TIME_SHARE:
                offset = rng.uniform(0.05, min(delay, age))
            else:
                offset = rng.uniform(delay, age)
            at = created + datetime.timedelta(days=offset)
            at = min(at, self.now - datetime.timedelta(minutes=len(path)))
            steps.append((path[0], at))
            for status in path[1:]:
                at = at + (self.now - at) * rng.uniform(0.1, 0.6)
                steps.append((status, at))
        return Planned(created_at=created, steps=steps)

    def status_path(self, target: str) -> list[str]:
        """The statuses after "received" that lead to `target`, each allowed by the last."""
        rng = self.rng
        study = [Status.UNDER_STUDY.value] if rng.random() < 0.3 else []
        accepted = rng.choice([Status.ACCEPTED, Status.PARTLY_ACCEPTED]).value
        paths = {
            Status.RECEIVED: [],
            Status.UNDER_STUDY: [Status.UNDER_STUDY.value],
            Status.ACCEPTED: [*study, Status.ACCEPTED.value],
            Status.PARTLY_ACCEPTED: [*study, Status.PARTLY_ACCEPTED.value],
            Status.REJECTED: [*study, Status.REJECTED.value],
            Status.IN_PROGRESS: [*study, accepted, Status.IN_PROGRESS.value],
            Status.DONE: [*study, accepted]
            + ([Status.IN_PROGRESS.value] if rng.random() < 0.7 else [])
            + [Status.DONE.value],
        }
        path = paths[Status(target)]
        previous = Status.RECEIVED.value
        for status in path:
            assert status in NEXT_STATUSES[previous], (previous, status)  # noqa: S101
            previous = status
        return path

    # --- Writing -------------------------------------------------------------------------

    def rendered(self, text: str) -> str:
        if text not in self.html:
            self.html[text] = render_markdown(text)
        return self.html[text]

    def write(
        self, model: type[M], rows: Iterable[M], label: str, total: int, done: int = 0
    ) -> Iterator[M]:
        """Insert `rows` in batches, one transaction each, with a progress line per batch.

        Yields the saved objects (with their primary keys) as each batch is written;
        `done` is how many of `total` earlier calls already wrote.
        """
        start = done
        batch: list[M] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= BATCH:
                yield from self.flush(model, batch)
                done += len(batch)
                batch = []
                self.progress(label, done, total)
        if batch or done == start:
            yield from self.flush(model, batch)
            done += len(batch)
            self.progress(label, done, total)

    def flush(self, model: type[M], batch: list[M]) -> list[M]:
        with transaction.atomic():
            return model.objects.bulk_create(batch, batch_size=500)

    def progress(self, label: str, done: int, total: int) -> None:
        self.stdout.write(f"  {label}… {done}/{total}")
        self.stdout.flush()

    def create_residents(self, count: int) -> list[int]:
        rng = self.rng
        tag = get_random_string(6, "abcdefghijklmnopqrstuvwxyz0123456789")
        password = make_password(None)  # unusable: these accounts never log in
        joined = self.now - datetime.timedelta(days=SPAN_DAYS + 30)

        def residents() -> Iterator[Resident]:
            for index in range(count):
                yield Resident(
                    email=f"charge-{tag}-{index:06d}@jeu-de-charge.invalid",
                    password=password,
                    display_name=f"{rng.choice(FIRST_NAMES)} {chr(65 + rng.randrange(26))}.",
                    neighbourhood_id=rng.choice(self.neighbourhoods)
                    if self.neighbourhoods
                    else None,
                    verification=Verification.EMAIL,
                    date_joined=joined,
                )

        ids = [r.pk for r in self.write(Resident, residents(), _("Residents"), count)]
        self.totals.residents = count
        return ids

    def create_contributions(self, plans: list[Planned], resident_ids: list[int]) -> None:
        rng = self.rng
        delay = datetime.timedelta(days=self.space.answer_delay_days)

        def contributions() -> Iterator[Contribution]:
            for index, plan in enumerate(plans):
                channel = rng.choices(
                    [Channel.ONLINE, Channel.PAPER, Channel.PHONE, Channel.MEETING],
                    weights=[85, 9, 4, 2],
                )[0]
                online = channel == Channel.ONLINE
                body = rng.choice(BODIES)
                title = f"{rng.choice(ACTIONS)} {rng.choice(THINGS)} {rng.choice(PLACES)}"
                if index == 0:
                    title = f"{title} (la plus commentée)"
                answered = [at for status, at in plan.steps if status != Status.RECEIVED]
                yield Contribution(
                    space=self.space,
                    kind=rng.choice(ContributionKind.values),
                    title=title[:150],
                    body=body,
                    body_html=self.rendered(body),
                    pillar=rng.choice(Pillar.values),
                    neighbourhood_id=rng.choice(self.neighbourhoods)
                    if self.neighbourhoods and rng.random() < 0.6
                    else None,
                    channel=channel,
                    author_id=rng.choice(resident_ids) if online else None,
                    author_name="" if online else rng.choice(OFFLINE_NAMES),
                    entered_by=None if online else self.agent,
                    status=plan.steps[-1][0],
                    created_at=plan.created_at,
                    due_on=timezone.localdate(plan.created_at) + delay,
                    first_answered_at=answered[0] if answered else None,
                    support_count=plan.supports,
                    comment_count=plan.comments,
                )

        saved = self.write(Contribution, contributions(), _("Contributions"), len(plans))
        for plan, contribution in zip(plans, saved, strict=True):
            plan.pk = contribution.pk
        self.totals.contributions = len(plans)

        def steps() -> Iterator[StatusChange]:
            for plan in plans:
                for status, at in plan.steps:
                    answer = rng.choice(ANSWERS[Status(status)]) if status in ANSWERS else ""
                    yield StatusChange(
                        contribution_id=plan.pk,
                        status=status,
                        answer=answer,
                        answer_html=self.rendered(answer) if answer else "",
                        service=self.service if answer else None,
                        recorded_by=self.agent if answer else None,
                        created_at=at,
                    )

        total = sum(len(plan.steps) for plan in plans)
        for _step in self.write(StatusChange, steps(), _("Status changes"), total):
            pass

    def create_supports(self, plans: list[Planned], resident_ids: list[int]) -> None:
        rng = self.rng

        def supports() -> Iterator[Support]:
            for plan in plans:
                for resident in rng.sample(resident_ids, plan.supports):
                    yield Support(
                        contribution_id=plan.pk,
                        resident_id=resident,
                        created_at=self.between(plan.created_at),
                    )

        total = sum(plan.supports for plan in plans)
        for _support in self.write(Support, supports(), _("Supports"), total):
            pass
        self.totals.supports = total

    def create_comments(self, plans: list[Planned], resident_ids: list[int]) -> None:
        """Top-level comments first, then replies, then replies to replies (for their pks)."""
        rng = self.rng
        total = sum(plan.comments for plan in plans)
        # How many comments at each depth, per contribution.
        levels = []
        for plan in plans:
            replies = int(plan.comments * 0.25)
            deeper = int(plan.comments * 0.1) if replies else 0
            levels.append((plan.comments - replies - deeper, replies, deeper))
        done = 0
        for depth in range(MAX_DEPTH + 1):

            def comments(depth: int = depth) -> Iterator[Comment]:
                for plan, counts in zip(plans, levels, strict=True):
                    parents = plan.parents.get(depth - 1, [])
                    for _n in range(counts[depth]):
                        parent_id, after = rng.choice(parents) if depth else (None, plan.created_at)
                        stance = rng.choices(Stance.values, weights=[50, 25, 25])[0]
                        body = rng.choice(COMMENTS[Stance(stance)])
                        yield Comment(
                            contribution_id=plan.pk,
                            parent_id=parent_id,
                            depth=depth,
                            author_id=rng.choice(resident_ids),
                            stance=stance,
                            body=body,
                            body_html=self.rendered(body),
                            created_at=self.between(after),
                        )

            owners = (
                plan
                for plan, counts in zip(plans, levels, strict=True)
                for _n in range(counts[depth])
            )
            saved = self.write(Comment, comments(), _("Comments"), total, done)
            for plan, comment in zip(owners, saved, strict=True):
                plan.parents.setdefault(depth, []).append((comment.pk, comment.created_at))
            done += sum(counts[depth] for counts in levels)
        self.totals.comments = total

    def create_decisions(self, plans: list[Planned]) -> None:
        """Decisions answering about half the accepted contributions, with commitments."""
        rng = self.rng
        kept = {Status.ACCEPTED, Status.PARTLY_ACCEPTED, Status.IN_PROGRESS, Status.DONE}
        candidates = [plan for plan in plans if any(status in kept for status, _at in plan.steps)]
        linked = [plan for plan in candidates if plan is plans[0] or rng.random() < 0.5]
        groups: list[list[Planned]] = []
        while linked:
            size = rng.randint(5, 20)
            groups.append(linked[:size])
            linked = linked[size:]
        if not groups:
            return

        decisions = []
        for number, group in enumerate(groups, start=1):
            accepted_on = max(
                timezone.localdate(at)
                for plan in group
                for status, at in plan.steps
                if status in kept
            )
            decided_on = min(accepted_on + datetime.timedelta(days=rng.randint(1, 20)), self.today)
            body = (
                f"Le conseil municipal, vu les contributions reçues lors de la consultation, "
                f"décide de donner suite à {len(group)} propositions et prend les engagements "
                "ci-dessous."
            )
            decisions.append(
                Decision(
                    space=self.space,
                    title=f"Délibération du conseil municipal n° {decided_on.year}-{number:03d}",
                    body=body,
                    body_html=self.rendered(body),
                    decided_by="Conseil municipal",
                    decided_on=decided_on,
                    recorded_by=self.agent,
                    created_at=self.now,
                )
            )
        decisions = list(self.write(Decision, decisions, _("Decisions"), len(decisions)))
        links = [
            DecisionContribution(decision=decision, contribution_id=plan.pk)
            for decision, group in zip(decisions, groups, strict=True)
            for plan in group
        ]
        for _link in self.write(DecisionContribution, links, _("Links to decisions"), len(links)):
            pass

        commitments = []
        for decision in decisions:
            for _n in range(rng.randint(1, 3)):
                commitments.append(
                    Commitment(
                        decision=decision,
                        title=rng.choice(COMMITMENTS),
                        owner_service=self.service,
                        target_date=decision.decided_on
                        + datetime.timedelta(days=rng.randint(30, 300)),
                    )
                )
        updates = []
        for commitment in commitments:
            start = datetime.datetime.combine(
                commitment.decision.decided_on, datetime.time(10), tzinfo=self.now.tzinfo
            )
            # A decision taken today: its updates still come before now, in order.
            start = min(start, self.now - datetime.timedelta(hours=1))
            at, progress = start, 0
            for text in PROGRESS_TEXTS[: rng.randint(0, len(PROGRESS_TEXTS))]:
                at = at + (self.now - at) * rng.uniform(0.1, 0.5)
                progress = (
                    100 if text == PROGRESS_TEXTS[-1] else min(95, progress + rng.randint(15, 40))
                )
                updates.append((commitment, progress, text, at))
            commitment.progress = progress
        commitments = list(self.write(Commitment, commitments, _("Commitments"), len(commitments)))
        rows = (
            ProgressUpdate(
                commitment=commitment,
                progress=progress,
                text=text,
                recorded_by=self.agent,
                created_at=at,
            )
            for commitment, progress, text, at in updates
        )
        for _update in self.write(ProgressUpdate, rows, _("Progress updates"), len(updates)):
            pass
        self.totals.decisions = len(decisions)
        self.totals.commitments = len(commitments)

    def between(self, after: datetime.datetime) -> datetime.datetime:
        """A moment between `after` and now, early ones more likely (activity fades)."""
        return after + (self.now - after) * (self.rng.random() ** 2)


def spread(rng: random.Random, total: int, n: int, *, cap: int) -> list[int]:
    """Split `total` into `n` counts of at most `cap`, with a long tail like real activity."""
    if n <= 0:
        return []
    if total > n * cap:
        raise CommandError(f"cannot spread {total} over {n} with at most {cap} each")
    weights = [rng.paretovariate(1.2) for _n in range(n)]
    scale = total / sum(weights)
    counts = [min(cap, int(weight * scale)) for weight in weights]
    left = total - sum(counts)
    open_slots = [index for index in range(n) if counts[index] < cap]
    while left > 0:
        index = rng.choice(open_slots)
        room = cap - counts[index]
        add = min(room, max(1, left // max(len(open_slots), 1)))
        counts[index] += add
        left -= add
        if counts[index] >= cap:
            open_slots.remove(index)
    return counts
