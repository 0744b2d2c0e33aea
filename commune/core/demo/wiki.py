"""The demo wikis: two councils' pages, written by several residents over several revisions.

- **The culture council**: a home page linking to the others (and to one page nobody has
  written yet), the rehearsal rooms page edited four times, including a careless edit
  that another resident reverted, and useful contacts.
- **The council for the use of public space**: a home page, the benches page with a long
  history, and the café-terraces rules, locked by the moderator after an edit war.

Everything goes through the wiki's services (so audit events and revisions are real); the
revisions are then spread over the past weeks with queryset.update(), as other demo
loaders move their objects back in time.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.spaces.models import Component, Space
from commune.wiki import services
from commune.wiki.models import Revision, WikiPage

Progress = Callable[[str, int, int], None]

CULTURE = "conseil-culture"
PUBLIC_SPACE = "conseil-usage-espace-public"
WIKI_SPACES = (CULTURE, PUBLIC_SPACE)

AWA = "habitante@demo.commune.fr"
YANNICK = "habitant.bellevue@demo.commune.fr"
FATOU = "habitante.malakoff@demo.commune.fr"
THEO = "habitant.ile@demo.commune.fr"
MONIQUE = "habitante.sud@demo.commune.fr"
MODERATOR = "moderatrice@demo.commune.fr"

# (title, [(author, summary, text), …]) : the first entry creates the page.
CULTURE_PAGES = [
    (
        "Accueil",
        [
            (
                YANNICK,
                "Création de la page d'accueil du wiki",
                "Bienvenue sur le wiki du conseil de la culture.\n\nOn y note ce que le "
                "conseil sait et veut garder :\n\n"
                "- [[Salles de répétition]]\n- [[Contacts utiles]]\n",
            ),
            (
                AWA,
                "Ajout d'une page à écrire sur la fête de la musique",
                "Bienvenue sur le wiki du conseil de la culture.\n\nOn y note ce que le "
                "conseil sait et veut garder :\n\n"
                "- [[Salles de répétition]]\n- [[Contacts utiles]]\n- [[Fête de la musique]] "
                "(à écrire : scènes ouvertes, inscriptions, accès)\n\nChacun peut compléter "
                "ces pages ; l'historique garde toutes les versions.\n",
            ),
        ],
    ),
    (
        "Salles de répétition",
        [
            (
                YANNICK,
                "Première version",
                "## Où\n\nDeux salles : au Pannonica et à la maison de quartier de "
                "Doulon.\n\n## Quand\n\nLes salles se réservent le samedi, de 10 h à "
                "18 h.\n",
            ),
            (
                AWA,
                "Créneaux du mercredi",
                "## Où\n\nDeux salles : au Pannonica et à la maison de quartier de "
                "Doulon.\n\n## Quand\n\nLes salles se réservent le samedi, de 10 h à "
                "18 h. Pendant l'année scolaire, aussi le mercredi soir, de 18 h à 22 h.\n",
            ),
            (
                THEO,
                "Simplification",
                "Les salles sont ouvertes.\n",
            ),
        ],
    ),
    (
        "Contacts utiles",
        [
            (
                FATOU,
                "Les contacts du quartier",
                "- **Direction de la culture** : accueil du lundi au vendredi.\n"
                "- **Maison de quartier de Doulon** : salle de réunion prêtée au conseil.\n\n"
                "Pour répéter, voir [[Salles de répétition|la page des salles]].\n",
            ),
        ],
    ),
]

PUBLIC_SPACE_PAGES = [
    (
        "Accueil",
        [
            (
                THEO,
                "Création du wiki du conseil",
                "Le conseil de l'usage de l'espace public rassemble ce qu'il apprend sur "
                "les rues, places et parcs de la ville.\n\n- [[Bancs et assises]]\n"
                "- [[Règles des terrasses]]\n",
            ),
        ],
    ),
    (
        "Bancs et assises",
        [
            (
                MONIQUE,
                "Première version",
                "Il manque des bancs sur les trajets vers les commerces. Un banc tous les "
                "200 mètres permet aux personnes âgées de marcher jusqu'au marché.\n",
            ),
            (
                THEO,
                "Ajout des endroits signalés",
                "Il manque des bancs sur les trajets vers les commerces. Un banc tous les "
                "200 mètres permet aux personnes âgées de marcher jusqu'au marché.\n\n"
                "### Endroits signalés\n\n- rue de Strasbourg\n- quai de la Fosse\n",
            ),
            (
                MONIQUE,
                "Bancs à l'ombre et avec accoudoirs",
                "Il manque des bancs sur les trajets vers les commerces. Un banc tous les "
                "200 mètres permet aux personnes âgées de marcher jusqu'au marché ; à "
                "l'ombre l'été, et avec des accoudoirs pour se relever.\n\n"
                "### Endroits signalés\n\n- rue de Strasbourg\n- quai de la Fosse\n"
                "- place du Bouffay\n",
            ),
        ],
    ),
    (
        "Règles des terrasses",
        [
            (
                FATOU,
                "Ce que dit le règlement",
                "Une terrasse laisse au moins 1,40 m de trottoir libre pour les fauteuils "
                "roulants et les poussettes.\n",
            ),
            (
                THEO,
                "Précision",
                "Une terrasse laisse au moins 1,40 m de trottoir libre pour les fauteuils "
                "roulants et les poussettes, mesurés depuis la façade ou le mobilier le "
                "plus proche.\n",
            ),
        ],
    ),
]


def _write(space: Space, pages: list, people: dict[str, Resident]) -> list[WikiPage]:
    written = []
    for title, revisions in pages:
        (author, summary, body), *edits = revisions
        page = services.create_page(
            space=space, title=title, body=body, summary=summary, author=people[author]
        )
        for author, summary, body in edits:
            page.refresh_from_db()
            services.edit_page(
                page=page,
                body=body,
                summary=summary,
                author=people[author],
                base_number=page.current_revision.number,
            )
        written.append(page)
    return written


def load_wiki(today: datetime.date, progress: Progress) -> None:
    """Switch the wiki on in two councils and write their pages (see the module docstring)."""
    people = {r.email: r for r in Resident.objects.filter(email__contains="@demo.commune.fr")}
    spaces = {space.slug: space for space in Space.objects.filter(slug__in=WIKI_SPACES)}
    for space in spaces.values():
        space.components = [*space.components, str(Component.WIKI)]
        space.save(update_fields=["components"])

    _write(spaces[CULTURE], CULTURE_PAGES, people)
    rooms = WikiPage.objects.get(space=spaces[CULTURE], slug="salles-de-repetition")
    # The careless edit of revision 3 is undone by another resident.
    services.revert_page(
        page=rooms,
        to=rooms.revisions.get(number=2),
        author=people[YANNICK],
        summary="La simplification effaçait les créneaux",
    )
    progress(str(_("Wiki")), 1, len(WIKI_SPACES))

    _write(spaces[PUBLIC_SPACE], PUBLIC_SPACE_PAGES, people)
    terraces = WikiPage.objects.get(space=spaces[PUBLIC_SPACE], slug="regles-des-terrasses")
    services.lock_page(
        page=terraces,
        actor=people[MODERATOR],
        reason="Le texte reprend le règlement municipal : il ne change qu'avec lui.",
    )
    progress(str(_("Wiki")), 2, len(WIKI_SPACES))

    # Spread the revisions over the past weeks, oldest first, two days apart.
    now = timezone.now()
    revisions = Revision.objects.filter(page__space__slug__in=WIKI_SPACES).order_by("pk")
    count = revisions.count()
    for index, pk in enumerate(revisions.values_list("pk", flat=True)):
        Revision.objects.filter(pk=pk).update(
            created_at=now - datetime.timedelta(days=2 * (count - index), hours=index)
        )
