"""The demo charter: its 14 principles as version 1, commented and amended, and the synthesis.

Everything goes through the texts services: an agent creates the text, residents comment
with a stance and propose amendments (change, add after, delete) that others support or
oppose, the moderator decides each one with a public reason, the agent publishes the
synthesis (version 2) adopted by a council decision; a few amendments written afterwards
stay under discussion, one of them against a paragraph the synthesis changed (a conflict).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from commune.accountability.services import record_decision
from commune.accounts.models import Resident
from commune.spaces.models import Space
from commune.texts import services
from commune.texts.models import AmendmentVote, Paragraph, Text

Progress = Callable[[str, int, int], None]

CHARTER_SLUG = "charte-gouvernement-ouvert"
AGENT = "agent@demo.commune.fr"
MODERATOR = "moderatrice@demo.commune.fr"
RESIDENTS = [
    "habitante@demo.commune.fr",
    "habitant.bellevue@demo.commune.fr",
    "habitante.malakoff@demo.commune.fr",
    "habitant.ile@demo.commune.fr",
    "habitante.sud@demo.commune.fr",
]

PRINCIPLES = [
    (
        "Un droit pour toutes et tous",
        "Toute personne qui vit à Nantes peut participer, quels que soient sa nationalité, "
        "son âge ou sa situation. Aucune condition de nationalité n'est demandée.",
    ),
    (
        "Le droit à l'information",
        "La ville publie les informations utiles pour participer : les dossiers, les "
        "budgets, les calendriers et les décisions, dans un langage clair.",
    ),
    (
        "Le droit à une réponse",
        "Chaque contribution reçoit une réponse motivée de la ville dans un délai annoncé "
        "à l'avance. Un retard est affiché publiquement.",
    ),
    (
        "Des règles du jeu publiées",
        "Chaque démarche de participation publie ses règles du jeu : ce qui est en jeu, "
        "le niveau de pouvoir donné aux habitants et ce que la ville s'engage à faire du "
        "résultat.",
    ),
    (
        "Le suivi des engagements",
        "Les engagements pris par la ville sont suivis publiquement, avec leur avancement "
        "et leur date prévue, jusqu'à leur réalisation.",
    ),
    (
        "L'accessibilité",
        "Les réunions ont lieu dans des salles accessibles, avec garde d'enfants, "
        "interprétariat et boucle magnétique quand c'est demandé.",
    ),
    (
        "Aller vers ceux qu'on entend peu",
        "La ville va à la rencontre des habitants qui participent peu : sur les marchés, "
        "au pied des immeubles, dans les écoles.",
    ),
    (
        "Plusieurs façons de participer",
        "On participe en ligne, sur papier, par téléphone ou en réunion ; chaque "
        "contribution compte de la même façon.",
    ),
    (
        "Des données ouvertes",
        "Les données publiques sont ouvertes, réutilisables et publiées dans des formats libres.",
    ),
    (
        "La coproduction",
        "Les habitants peuvent porter des projets avec l'appui des services de la ville.",
    ),
    (
        "Le tirage au sort",
        "Certaines assemblées sont tirées au sort pour représenter la diversité de la population.",
    ),
    (
        "La protection des personnes",
        "Les données personnelles ne sont jamais publiées ; les figures sur la "
        "représentativité ne montrent jamais de petits groupes.",
    ),
    (
        "L'évaluation",
        "La charte est évaluée chaque année avec les habitants.",
    ),
    (
        "La révision de la charte",
        "La charte peut être révisée à la demande des conseils de quartier.",
    ),
]

SOURCE = "\n\n".join(f"# {title}\n\n{body}" for title, body in PRINCIPLES) + "\n"

# (section, author index, stance, argument side, comment)
COMMENTS_V1 = [
    (1, 1, "agree", "for", "Enfin écrit noir sur blanc : on habite ici, on participe ici."),
    (2, 2, "mixed", "", "Oui, mais « langage clair » ne veut rien dire sans exemples."),
    (2, 3, "agree", "", "Les dossiers des commissions devraient être en ligne avant la séance."),
    (3, 4, "disagree", "against", "Un délai annoncé, c'est bien ; un délai maximum, c'est mieux."),
    (3, 1, "mixed", "", "Il faut dire qui répond : un service, un élu ?"),
    (3, 2, "agree", "for", "La réponse motivée, c'est ce qui manque le plus aujourd'hui."),
    (5, 3, "agree", "", "Avec des dates, sinon ce ne sont pas des engagements."),
    (7, 4, "agree", "for", "Les permanences au marché de Talensac marchent très bien."),
    (11, 2, "disagree", "against", "Tirer au sort, c'est écarter ceux qui veulent s'engager."),
    (11, 3, "agree", "for", "C'est le seul moyen d'entendre ceux qu'on n'entend jamais."),
]

COMMENTS_V2 = [
    (3, 0, "agree", "", "Le délai maximum de deux mois est une vraie avancée."),
    (5, 2, "mixed", "", "Qui vérifie que l'avancement publié est exact ?"),
    (3, 3, "mixed", "against", "Deux mois, c'est encore long pour une question simple."),
]


def load_texts(today: datetime.date, progress: Progress) -> Text:
    """The charter of the demo, with its comments, amendments and synthesis."""
    space = Space.objects.get(slug=CHARTER_SLUG)
    agent = Resident.objects.get(email=AGENT)
    moderator = Resident.objects.get(email=MODERATOR)
    people = [Resident.objects.get(email=email) for email in RESIDENTS]
    text = services.create_text(
        space=space,
        title="Charte nantaise du gouvernement ouvert",
        introduction=(
            "Quatorze principes rédigés par un atelier d'habitants tirés au sort, d'élus et "
            "d'agents. Commentez chaque paragraphe, proposez des amendements : chacun reçoit "
            "une réponse motivée dans la synthèse."
        ),
        source=SOURCE,
        actor=agent,
        note="Le texte de l'atelier, soumis aux habitants.",
    )

    def paragraph(section: int, number: int = 1) -> Paragraph:
        return Paragraph.objects.get(
            section__version=text.current_version(), section__number=section, number=number
        )

    for section, who, stance, side, body in COMMENTS_V1:
        services.comment_paragraph(
            paragraph=paragraph(section),
            author=people[who],
            stance=stance,
            argument_side=side,
            body=body,
        )

    def amend(section: int, who: int, kind: str, body: str, why: str, voters=()):
        amendment = services.propose_amendment(
            paragraph=paragraph(section),
            author=people[who],
            kind=kind,
            proposed_body=body,
            justification=why,
        )
        for voter, value in voters:
            services.vote_amendment(amendment=amendment, resident=people[voter], value=value)
        return amendment

    support, oppose = AmendmentVote.SUPPORT, AmendmentVote.OPPOSE
    deadline = amend(
        3,
        4,
        "edit",
        "Chaque contribution reçoit une réponse motivée de la ville dans un délai de deux "
        "mois au plus, signée par le service qui répond. Un retard est affiché publiquement.",
        "Un délai « annoncé » peut être de six mois. Fixons un maximum et disons qui répond.",
        [(0, support), (1, support), (2, support), (3, oppose)],
    )
    clear = amend(
        2,
        2,
        "edit",
        "La ville publie les informations utiles pour participer, en langage clair et en "
        "Facile à lire et à comprendre (FALC).",
        "Le FALC est une méthode reconnue : c'est plus précis que « langage clair ».",
        [(1, support), (3, support)],
    )
    market = amend(
        7,
        3,
        "add_after",
        "Chaque conseil de quartier tient au moins une permanence par trimestre hors de la mairie.",
        "Pour que « aller vers » devienne un engagement qu'on peut vérifier.",
        [(0, support), (4, support)],
    )
    no_lottery = amend(
        11,
        2,
        "delete",
        "",
        "Les assemblées doivent rester ouvertes à celles et ceux qui veulent s'engager.",
        [(1, support), (3, oppose), (4, oppose)],
    )
    yearly = amend(
        13,
        1,
        "edit",
        "La charte est évaluée tous les mois avec les habitants.",
        "Une fois par an, c'est trop peu pour corriger le tir.",
        [(2, oppose)],
    )
    decisions = [
        (
            deadline,
            "accepted",
            "",
            "Adopté : le délai de deux mois et la signature du "
            "service répondent aux commentaires les plus nombreux sur ce principe.",
        ),
        (
            clear,
            "merged",
            "La ville publie les informations utiles pour participer : les "
            "dossiers, les budgets, les calendriers et les décisions, en langage clair, et en "
            "FALC pour les documents principaux.",
            "Retenu en partie : le FALC pour les "
            "documents principaux ; tout traduire en FALC n'est pas réaliste tout de suite.",
        ),
        (
            market,
            "accepted",
            "",
            "Adopté : les conseils de quartier ont confirmé qu'ils "
            "peuvent tenir une permanence par trimestre.",
        ),
        (
            no_lottery,
            "rejected",
            "",
            "Non retenu : le tirage au sort complète les "
            "assemblées ouvertes, il ne les remplace pas ; le principe 1 reste valable.",
        ),
        (
            yearly,
            "rejected",
            "",
            "Non retenu : une évaluation mensuelle demanderait plus "
            "de moyens que la démarche elle-même ; le bilan annuel sera public.",
        ),
    ]
    for amendment, status, kept, reason in decisions:
        services.decide_amendment(
            amendment=amendment, actor=moderator, status=status, reason=reason, merged_body=kept
        )
    # Written against version 1, still under discussion when the synthesis changed §3.1:
    # the demo's conflicting amendment.
    amend(
        3,
        0,
        "edit",
        "Chaque contribution reçoit une réponse motivée de la ville dans un délai d'un mois.",
        "Un mois suffit pour une première réponse.",
        [(4, support)],
    )
    progress(str(_("Collaborative texts")), 1, 2)

    decision = record_decision(
        title="Délibération adoptant la charte nantaise du gouvernement ouvert",
        body=(
            "Le conseil municipal adopte la charte issue de la synthèse des amendements et "
            "des commentaires des habitants (version 2)."
        ),
        decided_by="Conseil municipal",
        decided_on=today - datetime.timedelta(days=1),
        act_url="",
        contributions=[],
        space=space,
        actor=agent,
    )
    services.publish_synthesis(
        text=text,
        actor=agent,
        note=(
            "Merci aux habitantes et habitants qui ont commenté et amendé la charte. Trois "
            "amendements sont retenus, dont un en partie : le délai de réponse de deux mois, "
            "le FALC pour les documents principaux et une permanence par trimestre hors de la "
            "mairie. Deux amendements ne sont pas retenus ; la raison de chaque choix est "
            "donnée ci-dessous."
        ),
        decision=decision,
    )
    for section, who, stance, side, body in COMMENTS_V2:
        services.comment_paragraph(
            paragraph=paragraph(section),
            author=people[who],
            stance=stance,
            argument_side=side,
            body=body,
        )
    amend(
        5,
        2,
        "edit",
        "Les engagements pris par la ville sont suivis publiquement, avec leur avancement, "
        "leur date prévue et le service responsable, jusqu'à leur réalisation.",
        "Savoir quel service est responsable permet de le contacter.",
        [(3, support)],
    )
    progress(str(_("Collaborative texts")), 2, 2)
    return text
