"""The demo processes and working groups: the Loire debate, the charter, two groups."""

from __future__ import annotations

from commune.core.demo.spaces import CITY_WIDE_PARTICIPANTS, DemoPhase, DemoSpace
from commune.spaces.models import Component, PowerLevel, SpaceKind

LOIRE_DEBATE = DemoSpace(
    kind=SpaceKind.PROCESS,
    title="Grand débat : la Loire et nous",
    slug="grand-debat-loire",
    summary=(
        "Un débat au long cours sur l'avenir du fleuve au cœur de la ville : rives, "
        "traversées, navigation, loisirs et nature."
    ),
    description=(
        "La Loire a longtemps tourné le dos à la ville. Pendant près d'un an, habitants, "
        "associations, entreprises et experts débattent de ce que le fleuve peut devenir : "
        "de nouvelles traversées, la navigation, la baignade, la nature en ville, les quais. "
        "Une commission indépendante anime le débat et en rédige la synthèse."
    ),
    power_level=PowerLevel.CONCERTATION,
    who_may_take_part=CITY_WIDE_PARTICIPANTS,
    stakes=(
        "Les orientations de la ville pour les rives de la Loire pour les quinze prochaines "
        "années : franchissements, transport fluvial, aménagement des quais, baignade et "
        "loisirs, biodiversité de l'estuaire."
    ),
    city_commitment=(
        "La commission du débat publie une synthèse de toutes les contributions. Le conseil "
        "municipal délibère dans les trois mois qui suivent et dit, pour chaque proposition, "
        "si elle est retenue, adaptée ou écartée, avec ses raisons. Chaque contribution reçoit "
        "une réponse dans un délai de 30 jours."
    ),
    components=(
        Component.CONTRIBUTIONS,
        Component.MEETINGS,
        Component.DEBATES,
        Component.DOCUMENTS,
    ),
    opens=-150,
    closes=200,
    phases=(
        DemoPhase(
            "Ouverture et information",
            "Publication du dossier du débat, expositions dans les quartiers et croisières-débats.",
            -150,
            -91,
        ),
        DemoPhase(
            "Contributions et ateliers au fil du fleuve",
            "Chacun dépose ses idées en ligne, sur papier en mairie annexe ou lors des ateliers.",
            -90,
            60,
        ),
        DemoPhase(
            "Controverses publiques",
            "Des soirées contradictoires entre experts et habitants sur les sujets qui divisent.",
            61,
            120,
        ),
        DemoPhase(
            "Synthèse de la commission du débat",
            "La commission rédige et publie la synthèse de toutes les contributions.",
            121,
            170,
        ),
        DemoPhase(
            "Délibération du conseil municipal",
            "Le conseil municipal répond à chaque proposition et prend ses engagements.",
            171,
            200,
        ),
    ),
)

CHARTER = DemoSpace(
    kind=SpaceKind.PROCESS,
    title="Charte nantaise du gouvernement ouvert",
    slug="charte-gouvernement-ouvert",
    summary=(
        "Écrire ensemble la charte qui fixe les engagements de la ville en matière de "
        "transparence, de participation et de coproduction."
    ),
    description=(
        "Un premier texte a été rédigé par un atelier d'habitants tirés au sort, d'élus et "
        "d'agents. Chacun peut maintenant l'amender, paragraphe par paragraphe."
    ),
    power_level=PowerLevel.CO_CONSTRUCTION,
    who_may_take_part=CITY_WIDE_PARTICIPANTS,
    stakes=(
        "Le texte de la charte : les droits des habitants (à l'information, à une réponse, à "
        "un suivi), les engagements de la ville et les règles communes à tous les espaces de "
        "participation."
    ),
    city_commitment=(
        "Chaque amendement est examiné lors de la synthèse, et la raison de son adoption ou "
        "de son rejet est publiée. Le texte issu de la synthèse est soumis sans modification "
        "au vote du conseil municipal."
    ),
    components=(Component.CONTRIBUTIONS, Component.MEETINGS, Component.TEXTS),
    opens=-45,
    closes=120,
    phases=(
        DemoPhase(
            "Amendements",
            "Proposez des modifications au texte et soutenez celles des autres.",
            -45,
            30,
        ),
        DemoPhase(
            "Synthèse",
            "Un atelier ouvert examine chaque amendement et publie ses raisons.",
            31,
            75,
        ),
        DemoPhase(
            "Adoption par le conseil municipal",
            "Le conseil municipal vote la charte issue de la synthèse.",
            76,
            120,
        ),
    ),
)

SCHOOLYARDS_GROUP = DemoSpace(
    kind=SpaceKind.WORKING_GROUP,
    title="Groupe de travail : des cours d'école oasis",
    slug="groupe-cours-ecole-oasis",
    summary="Parents, enfants et enseignants ont dessiné les cours d'école végétalisées.",
    description="Le groupe a rendu ses propositions ; les travaux des cinq premières cours "
    "sont programmés.",
    power_level=PowerLevel.CO_CONSTRUCTION,
    who_may_take_part=(
        "Les parents d'élèves, les enseignants, les animateurs périscolaires et les élèves "
        "des écoles concernées, quelle que soit leur nationalité."
    ),
    stakes="Le programme de végétalisation des cours des écoles publiques de la ville.",
    city_commitment=(
        "La ville réalise les aménagements dessinés par le groupe, dans la limite du budget "
        "voté, et explique publiquement chaque écart."
    ),
    components=(Component.MEETINGS, Component.DOCUMENTS),
    opens=-300,
    closes=-30,
    phases=(
        DemoPhase("Diagnostic des cours", "Visites et relevés dans dix écoles.", -300, -200),
        DemoPhase("Ateliers de conception", "Plans dessinés avec les enfants.", -199, -30),
    ),
)

BUDGET_RULES_GROUP = DemoSpace(
    kind=SpaceKind.WORKING_GROUP,
    title="Groupe de travail : le règlement du budget participatif",
    slug="groupe-reglement-budget-participatif",
    summary=(
        "Des habitants tirés au sort et volontaires écrivent les règles du prochain budget "
        "participatif."
    ),
    power_level=PowerLevel.CO_DECISION,
    who_may_take_part=(
        "Vingt-quatre habitants de 16 ans ou plus, quelle que soit leur nationalité : douze "
        "volontaires et douze tirés au sort, avec la parité et au moins un habitant par "
        "quartier."
    ),
    stakes=(
        "Le règlement du budget participatif : montant par quartier, projets recevables, "
        "manière de voter et de compter les voix."
    ),
    city_commitment=(
        "Le règlement écrit par le groupe est appliqué tel quel au prochain budget "
        "participatif, sauf motif juridique expliqué publiquement."
    ),
    components=(Component.CONTRIBUTIONS, Component.MEETINGS, Component.DOCUMENTS),
    opens=21,
    closes=141,
    phases=(
        DemoPhase("Appel à volontaires et tirage au sort", "", 21, 50),
        DemoPhase("Séances de travail", "Six séances le samedi matin.", 51, 141),
    ),
)

PROCESSES: list[DemoSpace] = [LOIRE_DEBATE, CHARTER, SCHOOLYARDS_GROUP, BUDGET_RULES_GROUP]
