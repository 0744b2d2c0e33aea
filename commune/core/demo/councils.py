"""The ten thematic councils of the demo city."""

from __future__ import annotations

from commune.core.demo.spaces import DemoSpace, thematic_council
from commune.spaces.models import PowerLevel

THEMATIC_COUNCILS: list[DemoSpace] = [
    thematic_council(
        "Conseil de la réussite éducative",
        "conseil-reussite-educative",
        "Parents, enseignants, associations et jeunes construisent ensemble le projet "
        "éducatif de la ville.",
        "Le projet éducatif de territoire, l'accompagnement des enfants et des familles, "
        "les temps périscolaires, la rénovation des cours d'écoles.",
    ),
    thematic_council(
        "Conseil pour l'égalité femmes-hommes",
        "conseil-egalite-femmes-hommes",
        "Faire de l'égalité entre les femmes et les hommes une réalité dans toutes les "
        "politiques de la ville.",
        "Le plan d'action municipal pour l'égalité, le budget sensible au genre, la lutte "
        "contre le harcèlement et les violences sexistes dans l'espace public, la place "
        "des femmes dans le sport et la culture.",
    ),
    thematic_council(
        "Conseil de l'usage de l'espace public",
        "conseil-usage-espace-public",
        "Comment partager les rues, les places et les quais entre piétons, vélos, "
        "terrasses, marchés et voitures.",
        "Les règles d'occupation de l'espace public (terrasses, marchés, événements), les "
        "projets de piétonnisation, le mobilier urbain, la propreté et l'éclairage.",
    ),
    thematic_council(
        "Conseil de la transition écologique",
        "conseil-transition-ecologique",
        "Construire avec les habitants le plan climat et la végétalisation de la ville.",
        "Le plan climat de la ville, la végétalisation des rues et des cours, la rénovation "
        "énergétique des logements, la réduction des déchets.",
        power_level=PowerLevel.CO_CONSTRUCTION,
    ),
    thematic_council(
        "Conseil de la vie associative",
        "conseil-vie-associative",
        "Les associations et la ville discutent des moyens de la vie associative.",
        "Les critères d'attribution des subventions, le prêt de salles et de matériel, "
        "la maison des associations, la reconnaissance du bénévolat.",
    ),
    thematic_council(
        "Conseil handicap et accessibilité",
        "conseil-handicap-accessibilite",
        "Rendre la ville, ses bâtiments, ses transports et ses services accessibles à "
        "toutes et à tous.",
        "Le plan de mise en accessibilité de la voirie et des bâtiments publics, "
        "l'accessibilité des démarches en ligne, l'accueil dans les équipements.",
        who_may_take_part=(
            "Toute personne qui habite Nantes et a 16 ans ou plus, quelle que soit sa "
            "nationalité, en particulier les personnes en situation de handicap, leurs "
            "proches et les associations qui les représentent. Les séances sont "
            "interprétées en langue des signes et les documents existent en FALC."
        ),
    ),
    thematic_council(
        "Conseil des seniors",
        "conseil-seniors",
        "Les Nantaises et Nantais de 60 ans et plus donnent leur avis sur la ville.",
        "Le plan « ville amie des aînés », la lutte contre l'isolement, le logement "
        "adapté, les bancs et toilettes publiques, l'accès au numérique.",
        who_may_take_part=(
            "Toute personne qui habite Nantes et a 60 ans ou plus, quelle que soit sa "
            "nationalité. Les séances ont lieu en journée, dans des salles accessibles."
        ),
    ),
    thematic_council(
        "Conseil nantais de la jeunesse",
        "conseil-jeunesse",
        "Les jeunes de 16 à 30 ans proposent et portent des projets pour la ville.",
        "Les politiques jeunesse de la ville, les lieux pour les jeunes, le logement "
        "étudiant, l'emploi et la mobilité des jeunes.",
        who_may_take_part=(
            "Toute personne de 16 à 30 ans qui habite, étudie ou travaille à Nantes, quelle "
            "que soit sa nationalité."
        ),
        power_level=PowerLevel.CO_CONSTRUCTION,
    ),
    thematic_council(
        "Conseil de la culture",
        "conseil-culture",
        "Artistes, publics et habitants discutent de la politique culturelle de la ville.",
        "L'accès à la culture dans tous les quartiers, les festivals et événements, les "
        "bibliothèques, les lieux de création et d'enseignement artistique.",
    ),
    thematic_council(
        "Conseil des solidarités",
        "conseil-solidarites",
        "Lutter contre la pauvreté et l'exclusion, avec les personnes concernées.",
        "L'accès aux droits, l'aide alimentaire, l'hébergement d'urgence, la tarification "
        "sociale des services municipaux.",
        who_may_take_part=(
            "Toute personne qui habite Nantes et a 16 ans ou plus, quelle que soit sa "
            "nationalité, dont des personnes concernées par la précarité, qui sont "
            "défrayées de leurs frais de transport et de garde d'enfants."
        ),
    ),
]
