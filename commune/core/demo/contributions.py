"""The demo city's contributions, answers and decisions: the whole loop, in every state.

About thirty ideas and proposals across the neighbourhood councils, the Loire debate,
the charter and the thematic councils, on all three pillars, online and typed in by the
demo agent (Karim) from paper, the phone or a meeting for people without an account.
The demo residents support them and discuss them in threads, with stances. The city has
answered most of them: received and still within the delay, overdue, under study,
accepted, partly accepted and rejected (with reasons), in progress and done, signed by a
service, and once by the elected official (Jean-Marc). Two municipal council
deliberations answer several of them, with commitments and progress updates, one late.

Everything goes through the real services (submit_contribution, toggle_support,
add_comment, answer_contribution, record_decision, add_commitment, record_progress), so
the demo obeys the same rules as the site: allowed status steps, reasons for partial
answers and rejections, counters, audit events. The services date everything "now";
a story needs a past (an answer twenty days after the proposal, an overdue one), so the
dates are then moved back with queryset.update(), keeping them consistent: the
timeline in order, the due date from the submission date and the space's delay, the
first answer, supports and comments after the submission, all before today.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accountability.models import Decision, ProgressUpdate, StatusChange
from commune.accountability.services import (
    add_commitment,
    answer_contribution,
    record_decision,
    record_progress,
)
from commune.accounts.models import CityService, Resident
from commune.contributions.models import (
    Channel,
    Comment,
    Contribution,
    ContributionKind,
    Pillar,
    Stance,
    Status,
    Support,
)
from commune.contributions.services import add_comment, submit_contribution, toggle_support
from commune.core.demo.accounts import CITY_SERVICES
from commune.spaces.models import Space
from commune.territory.models import Neighbourhood

# Called after each object with (what, how many done, how many in all).
Progress = Callable[[str, int, int], None]

AGENT = "agent@demo.commune.fr"
ELECTED = "elu@demo.commune.fr"
AWA = "habitante@demo.commune.fr"
YANNICK = "habitant.bellevue@demo.commune.fr"
FATOU = "habitante.malakoff@demo.commune.fr"
THEO = "habitant.ile@demo.commune.fr"
MONIQUE = "habitante.sud@demo.commune.fr"
CLAIRE = "moderatrice@demo.commune.fr"

PARTICIPATION, PUBLIC_SPACE, EDUCATION = CITY_SERVICES
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


class Step(NamedTuple):
    """An answer: the new status, how many days after the submission, and its text."""

    status: Status
    day: float
    answer: str
    service: str = ""  # signed by this service; the agent's own by default
    signed_by_elected: bool = False


class Remark(NamedTuple):
    """A comment and the replies to it."""

    author: str
    stance: Stance
    body: str
    replies: tuple[Remark, ...] = ()


class DemoContribution(NamedTuple):
    key: str
    space: str
    title: str
    body: str
    pillar: Pillar
    age: int  # days since it was submitted
    author: str = ""  # a demo resident's e-mail; empty for someone without an account
    author_name: str = ""  # then their name, typed in by the agent
    channel: Channel = Channel.ONLINE
    kind: ContributionKind = ContributionKind.IDEA
    neighbourhood: str = ""
    steps: tuple[Step, ...] = ()
    supporters: tuple[str, ...] = ()
    remarks: tuple[Remark, ...] = ()


class DemoCommitment(NamedTuple):
    title: str
    service: str
    target: int  # days from today (negative: in the past)
    # (days from today, percentage, what was done)
    updates: tuple[tuple[int, int, str], ...] = ()


class DemoDecision(NamedTuple):
    title: str  # "{date}" becomes the date of the decision, in French
    body: str
    decided_by: str
    decided: int  # days from today (negative)
    space: str
    contributions: tuple[str, ...]  # keys of DemoContribution
    commitments: tuple[DemoCommitment, ...] = ()


def _council(neighbourhood: str) -> str:
    return f"conseil-de-quartier-{neighbourhood}"


CONTRIBUTIONS: list[DemoContribution] = [
    # --- Nantes Nord -------------------------------------------------------------------
    DemoContribution(
        key="abri-cardo",
        space=_council("nantes-nord"),
        neighbourhood="nantes-nord",
        title="Un abri et des bancs à l'arrêt de tram Le Cardo",
        body=(
            "À l'arrêt Le Cardo, on attend le tram sous la pluie et debout. Beaucoup de "
            "personnes âgées et de parents avec des poussettes le prennent pour aller au "
            "marché de la place Mendès-France.\n\nJe propose un **abri** et deux ou trois "
            "**bancs avec dossier**, comme à l'arrêt Orvault-Grand-Val."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=AWA,
        age=170,
        steps=(
            Step(
                Status.ACCEPTED,
                18,
                "La proposition est retenue. Le service de l'espace public a vérifié avec "
                "la TAN que le quai permet un abri ; les bancs seront choisis avec le "
                "conseil de quartier lors de l'atelier de mars.",
                service=PUBLIC_SPACE,
            ),
            Step(
                Status.IN_PROGRESS,
                135,
                "Les travaux ont commencé : le quai est fermé pour une semaine, "
                "l'arrêt provisoire est 50 mètres plus loin.",
                service=PUBLIC_SPACE,
            ),
            Step(
                Status.DONE,
                155,
                "C'est fait : l'abri et trois bancs ont été posés. Merci à celles et ceux "
                "qui ont participé à l'atelier pour choisir le mobilier.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(YANNICK, FATOU, MONIQUE, CLAIRE),
        remarks=(
            Remark(
                MONIQUE,
                Stance.FOR,
                "À mon âge, attendre le tram debout dix minutes, c'est long. Merci pour "
                "cette idée !",
                replies=(
                    Remark(
                        AWA,
                        Stance.NEUTRAL,
                        "Merci Monique. Venez à l'atelier du conseil de quartier pour "
                        "choisir les bancs : on a besoin de votre avis.",
                    ),
                ),
            ),
            Remark(
                YANNICK,
                Stance.AGAINST,
                "Un abri à cet endroit risque d'être vite dégradé. Il faudrait d'abord "
                "savoir qui l'entretiendra.",
                replies=(
                    Remark(
                        FATOU,
                        Stance.FOR,
                        "À Malakoff, l'abri refait l'an dernier est bien éclairé et il "
                        "n'a jamais été abîmé. L'éclairage change tout.",
                        replies=(
                            Remark(
                                YANNICK,
                                Stance.NEUTRAL,
                                "Bon argument. Si l'éclairage suit, je change d'avis.",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    DemoContribution(
        key="jardin-boissiere",
        space=_council("nantes-nord"),
        neighbourhood="nantes-nord",
        title="Un jardin partagé au pied des immeubles de la Boissière",
        body=(
            "La pelouse entre les immeubles de la Boissière ne sert à personne. Avec "
            "l'amicale des locataires, nous voudrions y faire un **jardin partagé** : "
            "quelques bacs surélevés (accessibles en fauteuil), un récupérateur d'eau de "
            "pluie et un abri à outils.\n\nNous nous occupons de l'entretien ; il nous "
            "faut l'accord du bailleur et un coup de main pour l'installation."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=AWA,
        age=120,
        steps=(
            Step(
                Status.UNDER_STUDY,
                12,
                "Merci. Nous avons pris contact avec Nantes Métropole Habitat, propriétaire "
                "du terrain, pour savoir si une convention d'occupation est possible.",
            ),
            Step(
                Status.ACCEPTED,
                40,
                "Le bailleur est d'accord. La ville fournit les bacs, la terre et "
                "l'abri ; l'amicale des locataires s'engage à entretenir le jardin.",
                service=PUBLIC_SPACE,
            ),
            Step(
                Status.IN_PROGRESS,
                90,
                "Les bacs sont commandés. Un chantier participatif d'installation aura "
                "lieu un samedi matin, annoncé au conseil de quartier.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(MONIQUE, FATOU, THEO),
        remarks=(
            Remark(
                THEO,
                Stance.FOR,
                "Très bonne idée. Pensez à un point d'eau : porter des arrosoirs depuis "
                "les appartements, ça décourage vite.",
            ),
            Remark(
                MONIQUE,
                Stance.FOR,
                "Les bacs surélevés, c'est parfait pour les anciens qui ne peuvent plus "
                "se baisser.",
            ),
        ),
    ),
    DemoContribution(
        key="comptes-rendus",
        space=_council("nantes-nord"),
        neighbourhood="nantes-nord",
        title="Publier le compte rendu de chaque assemblée sous huit jours",
        body=(
            "Contribution déposée sur papier à la mairie annexe de Nantes Nord :\n\n"
            "« Après l'assemblée du conseil de quartier, on attend des mois le compte "
            "rendu. Il faudrait le publier dans la semaine, en ligne et affiché à la "
            "mairie annexe, pour ceux qui n'ont pas internet. »"
        ),
        pillar=Pillar.TRANSPARENCY,
        author_name="Josiane Le Floch",
        channel=Channel.PAPER,
        age=70,
        steps=(
            Step(
                Status.ACCEPTED,
                16,
                "La proposition est retenue pour tous les conseils de quartier : le compte "
                "rendu sera publié sous huit jours sur la page du conseil et affiché dans "
                "les mairies annexes.",
            ),
        ),
        supporters=(AWA, CLAIRE),
    ),
    DemoContribution(
        key="chemin-bout-des-landes",
        space=_council("nantes-nord"),
        neighbourhood="nantes-nord",
        title="Éclairer le chemin piéton entre le Bout-des-Landes et le lycée",
        body=(
            "Appel reçu à l'accueil de la mairie annexe : « Le chemin qui longe le parc "
            "jusqu'au lycée n'est pas éclairé. L'hiver, les élèves le prennent de nuit à "
            "7 h 30 et à 18 h, et plusieurs parents ont peur pour leurs enfants. »"
        ),
        pillar=Pillar.PARTICIPATION,
        author_name="Abdel Haddad",
        channel=Channel.PHONE,
        age=47,
        supporters=(AWA, FATOU),
        remarks=(
            Remark(
                AWA,
                Stance.FOR,
                "Ma fille le prend tous les jours. Même une lumière qui s'allume au "
                "passage suffirait.",
            ),
        ),
    ),
    # --- Centre-ville ------------------------------------------------------------------
    DemoContribution(
        key="toilettes-centre",
        space=_council("centre-ville"),
        neighbourhood="centre-ville",
        title="Des toilettes publiques gratuites et accessibles place Royale",
        body=(
            "Dans le centre-ville, les seules toilettes publiques sont payantes et pas "
            "accessibles en fauteuil. Pour les personnes âgées, les familles et les "
            "personnes malades, c'est une vraie raison de ne plus venir en ville.\n\n"
            "Je propose des toilettes **gratuites**, **accessibles** et nettoyées "
            "plusieurs fois par jour, place Royale."
        ),
        pillar=Pillar.PARTICIPATION,
        kind=ContributionKind.PROPOSAL,
        author=MONIQUE,
        age=80,
        steps=(
            Step(
                Status.PARTLY_ACCEPTED,
                24,
                "Nous retenons des toilettes gratuites et accessibles dans le centre, mais "
                "pas place Royale : la place est un site protégé et l'architecte des "
                "bâtiments de France refuse toute construction. Elles seront installées "
                "cours des 50-Otages, à deux minutes à pied, près de l'arrêt de tram.",
                signed_by_elected=True,
            ),
        ),
        supporters=(AWA, YANNICK, CLAIRE, THEO),
        remarks=(
            Remark(
                CLAIRE,
                Stance.FOR,
                "Merci pour cette proposition très concrète. Un plan des toilettes "
                "accessibles sur le site de la ville serait aussi utile.",
            ),
            Remark(
                THEO,
                Stance.NEUTRAL,
                "Qui paiera le nettoyage plusieurs fois par jour ? Ce serait bien que la "
                "réponse de la ville le dise.",
            ),
        ),
    ),
    DemoContribution(
        key="cout-chantiers",
        space=_council("centre-ville"),
        neighbourhood="centre-ville",
        title="Afficher le coût et la durée des travaux sur chaque chantier",
        body=(
            "Sur les panneaux de chantier, on lit le nom de l'entreprise mais jamais ce "
            "que coûtent les travaux ni quand ils finiront. Afficher le **coût**, la "
            "**date de fin prévue** et un lien vers le projet permettrait à chacun de "
            "suivre ce que la ville fait de l'argent public."
        ),
        pillar=Pillar.TRANSPARENCY,
        author=THEO,
        age=20,
        steps=(
            Step(
                Status.UNDER_STUDY,
                6,
                "Merci. Nous étudions avec la direction des finances comment afficher un "
                "coût fiable dès le début du chantier, avenants compris.",
            ),
        ),
        supporters=(MONIQUE, YANNICK),
    ),
    DemoContribution(
        key="pietonnisation-strasbourg",
        space=_council("centre-ville"),
        neighbourhood="centre-ville",
        title="Rendre la rue de Strasbourg aux piétons le dimanche",
        body=(
            "Le dimanche, la rue de Strasbourg pourrait être fermée aux voitures de 10 h "
            "à 19 h, comme les bords de l'Erdre l'été : les familles et les cyclistes "
            "profiteraient du centre en toute tranquillité."
        ),
        pillar=Pillar.PARTICIPATION,
        author=CLAIRE,
        age=95,
        steps=(
            Step(
                Status.UNDER_STUDY,
                10,
                "Nous étudions l'effet d'une fermeture sur les lignes de bus et les "
                "accès des riverains.",
            ),
            Step(
                Status.REJECTED,
                35,
                "La proposition n'est pas retenue : la rue de Strasbourg porte quatre "
                "lignes de bus, dont les seules qui desservent le CHU le dimanche, et "
                "aucun itinéraire de remplacement n'est possible. Le conseil de quartier "
                "étudiera au printemps la piétonnisation de rues voisines sans bus.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(THEO,),
        remarks=(
            Remark(
                MONIQUE,
                Stance.AGAINST,
                "Je prends le bus C3 le dimanche pour aller voir ma sœur au CHU : s'il ne "
                "passe plus, je ne peux plus y aller.",
            ),
            Remark(
                THEO,
                Stance.FOR,
                "Dommage, mais la réponse est claire. Et pourquoi pas la rue de la "
                "Barillerie, où il n'y a pas de bus ?",
            ),
        ),
    ),
    # --- Île de Nantes -------------------------------------------------------------------
    DemoContribution(
        key="atelier-velo",
        space=_council("ile-de-nantes"),
        neighbourhood="ile-de-nantes",
        title="Un atelier vélo participatif sous les Nefs",
        body=(
            "Un atelier où chacun répare son vélo avec des outils en commun et les "
            "conseils de bénévoles. L'association Vélocampus est prête à l'animer deux "
            "soirs par semaine si la ville prête un local sous les Nefs."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=THEO,
        age=110,
        steps=(
            Step(
                Status.ACCEPTED,
                21,
                "Retenue : un local de 40 m² sous les Nefs sera mis à disposition de "
                "l'association par une convention d'un an renouvelable.",
            ),
            Step(
                Status.IN_PROGRESS,
                75,
                "La convention est signée ; l'électricité du local est en cours de mise "
                "aux normes, l'ouverture est prévue le mois prochain.",
            ),
        ),
        supporters=(FATOU, AWA, CLAIRE),
        remarks=(
            Remark(
                FATOU,
                Stance.FOR,
                "Génial ! Il faudrait des créneaux réservés aux femmes, beaucoup n'osent "
                "pas venir dans ce genre d'atelier.",
                replies=(
                    Remark(
                        THEO,
                        Stance.FOR,
                        "Bonne idée, je la transmets à l'association.",
                    ),
                ),
            ),
        ),
    ),
    DemoContribution(
        key="fontaines-chantiers",
        space=_council("ile-de-nantes"),
        neighbourhood="ile-de-nantes",
        title="Des fontaines d'eau potable le long du parc des Chantiers",
        body=(
            "L'été, il n'y a pas un point d'eau entre l'éléphant et la pointe de l'île. "
            "Quelques fontaines aideraient les promeneurs, les sportifs et les enfants."
        ),
        pillar=Pillar.PARTICIPATION,
        author=THEO,
        age=4,
        supporters=(MONIQUE,),
    ),
    # --- Bellevue – Chantenay – Sainte-Anne ------------------------------------------------
    DemoContribution(
        key="belvedere-sainte-anne",
        space=_council("bellevue-chantenay-sainte-anne"),
        neighbourhood="bellevue-chantenay-sainte-anne",
        title="Ouvrir le belvédère de Sainte-Anne toute l'année",
        body=(
            "Le belvédère offre la plus belle vue sur la Loire, mais le square est fermé "
            "l'hiver à 17 h. Pourquoi ne pas l'ouvrir jusqu'à 20 h toute l'année, avec "
            "un éclairage doux ?"
        ),
        pillar=Pillar.PARTICIPATION,
        author=YANNICK,
        age=60,
        steps=(
            Step(
                Status.ACCEPTED,
                27,
                "Retenue : à partir du 1er novembre, le square du belvédère ferme à 20 h "
                "toute l'année. L'éclairage existant suffit selon nos mesures.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(THEO, AWA),
    ),
    DemoContribution(
        key="samedi-matin",
        space=_council("bellevue-chantenay-sainte-anne"),
        neighbourhood="bellevue-chantenay-sainte-anne",
        title="Réunir le conseil de quartier le samedi matin",
        body=(
            "Les assemblées ont lieu en semaine à 18 h 30 : impossible pour les parents "
            "qui récupèrent leurs enfants et pour ceux qui travaillent tard. Une "
            "assemblée sur deux le samedi matin, avec un accueil des enfants, "
            "permettrait à d'autres habitants de venir."
        ),
        pillar=Pillar.PARTICIPATION,
        kind=ContributionKind.PROPOSAL,
        author=YANNICK,
        age=200,
        steps=(
            Step(
                Status.ACCEPTED,
                14,
                "Retenue : l'assemblée de printemps aura lieu un samedi matin, avec un "
                "accueil des enfants assuré par le centre socioculturel.",
            ),
            Step(
                Status.DONE,
                120,
                "Fait : l'assemblée du samedi a réuni 140 personnes, deux fois plus que "
                "d'habitude. Le conseil alterne désormais semaine et samedi.",
            ),
        ),
        supporters=(AWA, FATOU, MONIQUE, CLAIRE),
        remarks=(
            Remark(
                FATOU,
                Stance.FOR,
                "Oui ! Et merci pour l'accueil des enfants, sans ça je ne pourrais pas venir.",
            ),
        ),
    ),
    # --- Malakoff – Saint-Donatien -----------------------------------------------------------
    DemoContribution(
        key="local-devoirs",
        space=_council("malakoff-saint-donatien"),
        neighbourhood="malakoff-saint-donatien",
        title="Un local pour faire ses devoirs, ouvert le soir",
        body=(
            "Beaucoup d'élèves de Malakoff n'ont pas de bureau calme à la maison. Un "
            "local ouvert de 17 h à 21 h, avec une connexion internet et des étudiants "
            "bénévoles pour aider, changerait beaucoup de choses."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=FATOU,
        age=40,
        # Answered late: eight days after the due date.
        steps=(
            Step(
                Status.UNDER_STUDY,
                38,
                "Merci, et pardon pour le délai. La direction de l'éducation recense les "
                "salles libres le soir dans les écoles et le centre socioculturel du "
                "quartier ; nous reviendrons vers vous avant les vacances.",
                service=EDUCATION,
            ),
        ),
        supporters=(AWA, THEO, YANNICK),
        remarks=(
            Remark(
                YANNICK,
                Stance.FOR,
                "Je suis enseignant à la retraite, je veux bien donner un soir par semaine.",
                replies=(Remark(FATOU, Stance.FOR, "Merci Yannick, je note !"),),
            ),
        ),
    ),
    DemoContribution(
        key="affiches-langues",
        space=_council("malakoff-saint-donatien"),
        neighbourhood="malakoff-saint-donatien",
        title="Traduire les affiches du conseil de quartier en plusieurs langues",
        body=(
            "Proposition écrite déposée dans l'urne de la maison de quartier :\n\n"
            "« Beaucoup de voisins ne lisent pas bien le français. Les affiches des "
            "assemblées pourraient être traduites en arabe, en turc, en wolof et en "
            "anglais, avec un pictogramme pour dire qu'on peut venir avec un interprète. »"
        ),
        pillar=Pillar.PARTICIPATION,
        author_name="Aminata Sow",
        channel=Channel.PAPER,
        age=55,
        steps=(
            Step(
                Status.ACCEPTED,
                20,
                "Retenue : les affiches de la prochaine assemblée seront traduites dans "
                "ces quatre langues, avec l'aide des associations du quartier.",
            ),
        ),
        supporters=(FATOU, CLAIRE, AWA),
    ),
    # --- Other neighbourhoods ----------------------------------------------------------------
    DemoContribution(
        key="bancs-clisson",
        space=_council("nantes-sud"),
        neighbourhood="nantes-sud",
        title="Des bancs tous les deux cents mètres route de Clisson",
        body=(
            "Appel reçu par la mairie annexe : « Je marche avec une canne et la route de "
            "Clisson est longue jusqu'au marché. Un banc de temps en temps me permettrait "
            "de faire mes courses à pied. »"
        ),
        pillar=Pillar.PARTICIPATION,
        author_name="René Bouvier",
        channel=Channel.PHONE,
        age=2,
        supporters=(MONIQUE,),
    ),
    DemoContribution(
        key="traversee-ecole",
        space=_council("doulon-bottiere"),
        neighbourhood="doulon-bottiere",
        title="Sécuriser la traversée devant l'école Urbain-Le-Verrier",
        body=(
            "Proposition recueillie lors de l'assemblée du conseil de quartier (atelier "
            "« rues et écoles ») :\n\nles voitures roulent vite devant l'école aux heures "
            "d'entrée et de sortie. Les parents demandent un plateau surélevé et une "
            "rue aux enfants fermée aux voitures quinze minutes matin et soir."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author_name="Collectif des parents d'élèves",
        channel=Channel.MEETING,
        age=90,
        steps=(
            Step(
                Status.ACCEPTED,
                25,
                "Retenue : un plateau surélevé sera construit, et la rue sera fermée aux "
                "voitures aux heures d'école à titre d'essai, avec des barrières tenues "
                "par des parents volontaires.",
                service=PUBLIC_SPACE,
            ),
            Step(
                Status.IN_PROGRESS,
                60,
                "L'essai de rue aux enfants a commencé ; le plateau surélevé sera "
                "construit pendant les vacances scolaires.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(AWA, FATOU, MONIQUE),
    ),
    DemoContribution(
        key="terrain-multisport",
        space=_council("dervallieres-zola"),
        neighbourhood="dervallieres-zola",
        title="Un terrain multisport pour les filles et les garçons aux Dervallières",
        body=(
            "Le city-stade est occupé par les mêmes groupes de garçons. Un deuxième "
            "terrain, avec des créneaux animés par les éducateurs sportifs, donnerait "
            "leur place aux filles et aux plus jeunes."
        ),
        pillar=Pillar.PARTICIPATION,
        author=FATOU,
        age=28,
        steps=(
            Step(
                Status.UNDER_STUDY,
                9,
                "Merci. Le service des sports étudie deux emplacements possibles et "
                "proposera des créneaux animés dès la rentrée sur le terrain existant.",
            ),
        ),
        supporters=(AWA,),
    ),
    # --- The Loire debate ----------------------------------------------------------------------
    DemoContribution(
        key="passerelle-loire",
        space="grand-debat-loire",
        neighbourhood="ile-de-nantes",
        title="Une passerelle pour les piétons et les vélos entre l'île et Rezé",
        body=(
            "Pour aller de l'île de Nantes à Rezé à pied ou à vélo, il faut emprunter le "
            "pont des Trois-Continents, bruyant et dangereux. Une **passerelle légère** "
            "réservée aux piétons et aux vélos raccourcirait les trajets de milliers "
            "d'élèves et de salariés."
        ),
        pillar=Pillar.PARTICIPATION,
        kind=ContributionKind.PROPOSAL,
        author=THEO,
        age=85,
        steps=(
            Step(
                Status.PARTLY_ACCEPTED,
                26,
                "Nous retenons l'objectif d'une traversée à pied et à vélo, mais pas "
                "encore le choix d'une passerelle : une étude comparera une passerelle "
                "et l'élargissement des voies cyclables du pont existant, dont le coût "
                "serait quatre fois moindre. Ses résultats seront publiés ici.",
            ),
        ),
        supporters=(FATOU, YANNICK, AWA, CLAIRE),
        remarks=(
            Remark(
                YANNICK,
                Stance.AGAINST,
                "Une passerelle de plus sur la Loire, c'est des dizaines de millions "
                "d'euros. Élargissons d'abord les pistes du pont existant.",
                replies=(
                    Remark(
                        THEO,
                        Stance.FOR,
                        "Les pistes du pont restent au milieu des camions. Mais d'accord "
                        "pour comparer les deux, c'est ce que la ville propose.",
                    ),
                ),
            ),
            Remark(
                FATOU,
                Stance.FOR,
                "Les lycéens de Rezé qui vont au lycée Léonard-de-Vinci en seraient les "
                "premiers bénéficiaires.",
            ),
        ),
    ),
    DemoContribution(
        key="navettes-fluviales",
        space="grand-debat-loire",
        title="Une navette fluviale toutes les quinze minutes aux heures de pointe",
        body=(
            "Le Navibus entre Trentemoult et la gare maritime est plein le matin. Une "
            "navette toutes les quinze minutes entre 7 h et 9 h et entre 17 h et 19 h "
            "ferait passer plus de monde de la voiture au bateau."
        ),
        pillar=Pillar.PARTICIPATION,
        author=YANNICK,
        age=88,
        steps=(
            Step(
                Status.ACCEPTED,
                22,
                "Retenue : la fréquence passera à quinze minutes aux heures de pointe à "
                "la rentrée, avec un deuxième bateau loué en attendant la livraison d'un "
                "bateau électrique.",
            ),
        ),
        supporters=(THEO, MONIQUE, CLAIRE),
    ),
    DemoContribution(
        key="qualite-eau",
        space="grand-debat-loire",
        title="Publier chaque semaine la qualité de l'eau de la Loire",
        body=(
            "Avant de parler de baignade, publions les mesures : bactéries, température "
            "et niveau de l'eau, chaque semaine, en **données ouvertes** que chacun peut "
            "télécharger."
        ),
        pillar=Pillar.TRANSPARENCY,
        author=AWA,
        age=75,
        steps=(
            Step(
                Status.ACCEPTED,
                15,
                "Retenue : les mesures de l'agence de l'eau et de la ville seront "
                "publiées chaque semaine, de mai à septembre, dans le catalogue de "
                "données ouvertes.",
            ),
            Step(
                Status.IN_PROGRESS,
                50,
                "Les trois points de mesure sont installés ; les premières séries seront "
                "publiées après la validation du laboratoire.",
            ),
        ),
        supporters=(THEO, FATOU),
    ),
    DemoContribution(
        key="baignade-trentemoult",
        space="grand-debat-loire",
        title="Une baignade surveillée dans la Loire à Trentemoult",
        body=(
            "D'autres villes ont rouvert la baignade dans leur fleuve. Une plage "
            "surveillée l'été à Trentemoult rendrait la Loire aux habitants, surtout "
            "à ceux qui ne partent pas en vacances."
        ),
        pillar=Pillar.PARTICIPATION,
        author=FATOU,
        age=60,
        steps=(
            Step(
                Status.UNDER_STUDY,
                25,
                "Merci. La baignade dépend de la qualité de l'eau et des courants : une "
                "étude sanitaire et de sécurité est lancée, ses conclusions seront "
                "discutées lors des controverses publiques du débat.",
            ),
        ),
        supporters=(AWA, THEO, YANNICK),
        remarks=(
            Remark(
                MONIQUE,
                Stance.AGAINST,
                "Les courants de la Loire sont dangereux, on a eu des noyades. Je ne "
                "suis pas rassurée.",
                replies=(
                    Remark(
                        FATOU,
                        Stance.NEUTRAL,
                        "C'est pour ça que je propose une baignade surveillée, dans un "
                        "bassin délimité. L'étude dira si c'est possible.",
                    ),
                ),
            ),
        ),
    ),
    DemoContribution(
        key="quais-pietons",
        space="grand-debat-loire",
        title="Fermer le quai de la Fosse aux voitures tous les dimanches",
        body=(
            "Le quai de la Fosse est une autoroute urbaine au bord du fleuve. Le "
            "fermer aux voitures le dimanche permettrait enfin de se promener le long "
            "de la Loire en centre-ville."
        ),
        pillar=Pillar.PARTICIPATION,
        author=CLAIRE,
        age=75,
        steps=(
            Step(
                Status.REJECTED,
                29,
                "Nous ne retenons pas une fermeture chaque dimanche : le quai est "
                "l'itinéraire de délestage quand le périphérique est fermé, et les "
                "secours l'empruntent. Nous proposons plutôt quatre dimanches sans "
                "voitures par an, à discuter lors des controverses publiques.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(THEO,),
    ),
    DemoContribution(
        key="estuaire-ecoles",
        space="grand-debat-loire",
        title="Des sorties sur l'estuaire pour toutes les classes de CM2",
        body=(
            "Lettre d'une enseignante, déposée à l'accueil de l'hôtel de ville :\n\n"
            "« Beaucoup de mes élèves n'ont jamais vu l'estuaire. Une sortie en bateau "
            "avec un guide naturaliste pour chaque classe de CM2 leur ferait découvrir "
            "le fleuve de leur ville. »"
        ),
        pillar=Pillar.CO_PRODUCTION,
        author_name="Gaëlle Le Bihan, enseignante",
        channel=Channel.PAPER,
        age=40,
        supporters=(FATOU, AWA),
    ),
    DemoContribution(
        key="foret-mauves",
        space="grand-debat-loire",
        title="Planter une forêt urbaine sur la prairie de Mauves",
        body=(
            "La prairie de Mauves est une friche inondable. Une forêt de bord de "
            "fleuve, plantée avec les écoles et les habitants, rafraîchirait l'est de "
            "la ville et accueillerait les oiseaux de l'estuaire."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=MONIQUE,
        age=6,
        supporters=(THEO, AWA),
    ),
    # --- Thematic councils ---------------------------------------------------------------------
    DemoContribution(
        key="composteurs",
        space="conseil-transition-ecologique",
        title="Un composteur collectif dans chaque rue qui en demande",
        body=(
            "Dès que dix foyers d'une rue le demandent, la ville installe un composteur "
            "collectif et forme deux référents. Les déchets de cuisine ne finissent plus "
            "à l'incinérateur."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=YANNICK,
        age=150,
        steps=(
            Step(
                Status.ACCEPTED,
                20,
                "Retenue : la règle des dix foyers sera appliquée dans toute la ville, "
                "avec une formation des référents par l'association Compostri.",
            ),
            Step(
                Status.DONE,
                110,
                "Fait : 42 composteurs de rue sont installés et 85 référents formés. Les "
                "nouvelles demandes se font en ligne.",
            ),
        ),
        supporters=(AWA, THEO, FATOU, MONIQUE),
    ),
    DemoContribution(
        key="plans-relief",
        space="conseil-handicap-accessibilite",
        title="Des plans en relief et en braille à l'accueil des mairies annexes",
        body=(
            "Message téléphonique transmis par l'accueil : « Quand on est aveugle, on ne "
            "sait pas où se trouvent les guichets dans les mairies annexes. Un plan en "
            "relief à l'entrée et les numéros des guichets en braille aideraient "
            "beaucoup. »"
        ),
        pillar=Pillar.PARTICIPATION,
        author_name="Patrick Guillou",
        channel=Channel.PHONE,
        age=65,
        steps=(
            Step(
                Status.ACCEPTED,
                19,
                "Retenue : les onze mairies annexes auront un plan en relief et une "
                "signalétique en braille, conçus avec l'association Valentin-Haüy.",
            ),
        ),
        supporters=(MONIQUE, CLAIRE),
    ),
    DemoContribution(
        key="numerique-seniors",
        space="conseil-seniors",
        title="Aider les seniors à faire leurs démarches en ligne dans les médiathèques",
        body=(
            "Impôts, retraite, rendez-vous médicaux : tout se fait en ligne. Des "
            "permanences d'aide au numérique dans chaque médiathèque, sans rendez-vous, "
            "éviteraient que des personnes renoncent à leurs droits."
        ),
        pillar=Pillar.CO_PRODUCTION,
        author=MONIQUE,
        age=100,
        steps=(
            Step(
                Status.ACCEPTED,
                23,
                "Retenue : des conseillers numériques tiendront une permanence par "
                "semaine dans chaque médiathèque.",
            ),
            Step(
                Status.IN_PROGRESS,
                70,
                "Les permanences ont commencé dans six médiathèques sur dix ; les "
                "quatre autres ouvrent après le recrutement de deux conseillers.",
            ),
        ),
        supporters=(YANNICK, AWA),
        remarks=(
            Remark(
                YANNICK,
                Stance.FOR,
                "Celle de la médiathèque Jacques-Demy m'a aidé pour ma retraite. Merci.",
            ),
        ),
    ),
    DemoContribution(
        key="lieu-jeunes",
        space="conseil-jeunesse",
        title="Un lieu pour les jeunes, ouvert le soir et le week-end",
        body=(
            "Un lieu sans inscription ni consommation obligatoire, où l'on peut se "
            "retrouver, répéter de la musique ou travailler, ouvert jusqu'à 22 h et le "
            "week-end, géré avec les jeunes eux-mêmes."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author=FATOU,
        age=12,
        supporters=(THEO,),
        remarks=(
            Remark(
                THEO,
                Stance.FOR,
                "L'ancienne maison des syndicats, sur l'île, serait parfaite.",
            ),
        ),
    ),
    DemoContribution(
        key="budget-genre",
        space="conseil-egalite-femmes-hommes",
        title="Publier chaque année un budget sensible au genre",
        body=(
            "Savoir qui profite des dépenses de la ville : équipements sportifs, "
            "subventions aux clubs, aires de jeux. Un rapport annuel qui compte les "
            "femmes et les hommes bénéficiaires permettrait de corriger les écarts."
        ),
        pillar=Pillar.TRANSPARENCY,
        kind=ContributionKind.PROPOSAL,
        author=CLAIRE,
        age=90,
        steps=(
            Step(
                Status.PARTLY_ACCEPTED,
                28,
                "Retenue pour les sports et la culture, qui représentent la moitié des "
                "subventions : le premier rapport sera publié avec le budget de l'an "
                "prochain. Les autres politiques suivront quand nos logiciels "
                "permettront de compter les bénéficiaires sans données personnelles.",
            ),
        ),
        supporters=(FATOU, AWA, MONIQUE),
    ),
    DemoContribution(
        key="concerts-quartiers",
        space="conseil-culture",
        title="Des concerts gratuits dans tous les quartiers l'été",
        body=(
            "Les grands concerts ont lieu au centre-ville. Un concert gratuit par "
            "quartier chaque été rapprocherait la culture de ceux qui ne se déplacent "
            "pas."
        ),
        pillar=Pillar.PARTICIPATION,
        author=THEO,
        age=50,
        steps=(
            Step(
                Status.REJECTED,
                17,
                "Nous ne créons pas un nouveau programme : le festival « Aux heures "
                "d'été » propose déjà des concerts gratuits dans neuf quartiers sur onze. "
                "Nous l'étendrons aux deux derniers, Nantes Erdre et Breil – Barberie, "
                "dès cet été.",
            ),
        ),
        supporters=(YANNICK,),
        remarks=(
            Remark(
                YANNICK,
                Stance.NEUTRAL,
                "Je ne savais pas que le festival passait par Bellevue. Il faudrait "
                "mieux le faire connaître !",
            ),
        ),
    ),
    DemoContribution(
        key="trottinettes",
        space="conseil-usage-espace-public",
        title="Des emplacements obligatoires pour les trottinettes en libre-service",
        body=(
            "Proposition adoptée par l'atelier « trottoirs » du conseil :\n\nles "
            "trottinettes garées en travers des trottoirs gênent les personnes "
            "aveugles, en fauteuil ou avec une poussette. Les opérateurs devraient "
            "n'autoriser la fin de location que sur des emplacements marqués au sol."
        ),
        pillar=Pillar.CO_PRODUCTION,
        kind=ContributionKind.PROPOSAL,
        author_name="Association Place aux piétons",
        channel=Channel.MEETING,
        age=33,
        steps=(
            Step(
                Status.UNDER_STUDY,
                11,
                "La proposition sera intégrée au prochain appel d'offres des "
                "trottinettes ; le service étudie l'emplacement de 300 zones de "
                "stationnement.",
                service=PUBLIC_SPACE,
            ),
        ),
        supporters=(MONIQUE, CLAIRE, YANNICK),
    ),
    DemoContribution(
        key="cantine-solidaire",
        space="conseil-solidarites",
        title="Une cantine à un euro pour les familles aux plus faibles revenus",
        body=(
            "Lettre déposée à la mairie annexe de Bellevue :\n\n« Avec trois enfants à "
            "la cantine, c'est plus de 200 euros par mois. Un tarif à un euro pour les "
            "plus petits quotients familiaux, comme dans d'autres villes, permettrait "
            "à tous les enfants de manger un vrai repas le midi. »"
        ),
        pillar=Pillar.PARTICIPATION,
        author_name="Nadia Brahimi",
        channel=Channel.PAPER,
        age=52,
        supporters=(FATOU, AWA, YANNICK),
        remarks=(
            Remark(
                FATOU,
                Stance.FOR,
                "Ça fait plus d'un mois et demi et toujours pas de réponse…",
            ),
        ),
    ),
    # --- The charter -------------------------------------------------------------------------
    DemoContribution(
        key="charte-delai",
        space="charte-gouvernement-ouvert",
        title="Inscrire dans la charte une réponse à chaque contribution sous 30 jours",
        body=(
            "Le droit à une réponse doit être écrit noir sur blanc : chaque "
            "contribution, en ligne ou sur papier, reçoit une réponse motivée sous 30 "
            "jours, et les retards sont affichés publiquement."
        ),
        pillar=Pillar.TRANSPARENCY,
        kind=ContributionKind.PROPOSAL,
        author=CLAIRE,
        age=20,
        steps=(
            Step(
                Status.ACCEPTED,
                8,
                "Retenue : l'article 4 de la charte sera réécrit en ce sens et soumis "
                "aux amendements.",
            ),
        ),
        supporters=(AWA, THEO, MONIQUE, YANNICK, FATOU),
    ),
    DemoContribution(
        key="charte-tirage",
        space="charte-gouvernement-ouvert",
        title="Tirer au sort une partie des membres des conseils de quartier",
        body=(
            "Ce sont souvent les mêmes personnes qui viennent. Tirer au sort un tiers "
            "des membres, avec la parité et tous les âges, ferait entendre d'autres voix."
        ),
        pillar=Pillar.PARTICIPATION,
        kind=ContributionKind.PROPOSAL,
        author=THEO,
        age=8,
        supporters=(FATOU,),
        remarks=(
            Remark(
                YANNICK,
                Stance.AGAINST,
                "Ceux qui s'engagent depuis des années risquent de se sentir écartés.",
                replies=(
                    Remark(
                        THEO,
                        Stance.NEUTRAL,
                        "Un tiers seulement : les volontaires restent les deux tiers.",
                    ),
                ),
            ),
        ),
    ),
]

DECISIONS: list[DemoDecision] = [
    DemoDecision(
        title=(
            "Délibération du conseil municipal du {date} : aménagements de proximité "
            "proposés par les habitants"
        ),
        body=(
            "Le conseil municipal, après avoir pris connaissance des propositions "
            "déposées dans les conseils de quartier et le conseil de la transition "
            "écologique, **approuve** les aménagements suivants et leur budget "
            "(412 000 €) :\n\n"
            "- un abri et des bancs à l'arrêt de tram Le Cardo ;\n"
            "- un jardin partagé à la Boissière, en convention avec le bailleur ;\n"
            "- des toilettes publiques gratuites et accessibles cours des 50-Otages ;\n"
            "- la sécurisation de la traversée devant l'école Urbain-Le-Verrier ;\n"
            "- un composteur collectif dans chaque rue où dix foyers le demandent.\n\n"
            "Le maire est chargé de rendre compte de l'avancement de ces engagements "
            "sur cette page."
        ),
        decided_by="Conseil municipal de Nantes",
        decided=-45,
        space="",
        contributions=(
            "abri-cardo",
            "jardin-boissiere",
            "toilettes-centre",
            "traversee-ecole",
            "composteurs",
        ),
        commitments=(
            DemoCommitment(
                "Installer un abri et trois bancs à l'arrêt Le Cardo",
                PUBLIC_SPACE,
                target=-12,
                updates=(
                    (-38, 40, "Mobilier choisi en atelier avec le conseil de quartier."),
                    (-15, 100, "Abri et bancs posés, quai rouvert."),
                ),
            ),
            DemoCommitment(
                "Ouvrir des toilettes gratuites et accessibles cours des 50-Otages",
                PUBLIC_SPACE,
                target=-5,
                updates=(
                    (-30, 20, "Emplacement validé, commande passée."),
                    (
                        -9,
                        60,
                        "Cabine posée, mais le raccordement au réseau d'eau a pris du "
                        "retard : ouverture repoussée de trois semaines.",
                    ),
                ),
            ),
            DemoCommitment(
                "Créer le jardin partagé de la Boissière avec l'amicale des locataires",
                PUBLIC_SPACE,
                target=75,
                updates=((-20, 35, "Convention signée avec le bailleur, bacs commandés."),),
            ),
            DemoCommitment(
                "Construire un plateau surélevé devant l'école Urbain-Le-Verrier",
                PUBLIC_SPACE,
                target=40,
                updates=((-14, 50, "Rue aux enfants en place aux heures d'école."),),
            ),
        ),
    ),
    DemoDecision(
        title=(
            "Délibération du conseil municipal du {date} : premières suites du grand "
            "débat sur la Loire"
        ),
        body=(
            "Sans attendre la synthèse de la commission du débat, le conseil municipal "
            "retient trois propositions qui ne préjugent pas de ses conclusions : "
            "renforcer la navette fluviale, publier la qualité de l'eau et étudier une "
            "traversée à pied et à vélo vers Rezé."
        ),
        decided_by="Conseil municipal de Nantes",
        decided=-20,
        space="grand-debat-loire",
        contributions=("navettes-fluviales", "qualite-eau", "passerelle-loire"),
        commitments=(
            DemoCommitment(
                "Une navette fluviale toutes les quinze minutes aux heures de pointe",
                PUBLIC_SPACE,
                target=60,
            ),
            DemoCommitment(
                "Publier chaque semaine la qualité de l'eau en données ouvertes",
                PARTICIPATION,
                target=15,
                updates=((-6, 70, "Premières mesures validées par le laboratoire."),),
            ),
            DemoCommitment(
                "Comparer une passerelle et l'élargissement du pont des Trois-Continents",
                PUBLIC_SPACE,
                target=180,
                updates=((-3, 10, "Bureau d'études retenu."),),
            ),
        ),
    ),
]


def french_date(day: datetime.date) -> str:
    """The date as a French title writes it: « 1er mars 2026 », « 12 avril 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS[day.month - 1]} {day.year}"


def load_contributions(today: datetime.date, progress: Progress) -> int:
    """Create the demo contributions and decisions; return how many contributions."""
    loader = _Loader(today)
    for done, demo in enumerate(CONTRIBUTIONS, start=1):
        loader.contribution(demo)
        progress(str(_("Contributions")), done, len(CONTRIBUTIONS))
    for done, demo in enumerate(DECISIONS, start=1):
        loader.decision(demo)
        progress(str(_("Decisions")), done, len(DECISIONS))
    return len(CONTRIBUTIONS)


class _Loader:
    def __init__(self, today: datetime.date) -> None:
        self.today = today
        self.residents = {resident.email: resident for resident in Resident.objects.all()}
        self.agent = self.residents[AGENT]
        self.elected = self.residents[ELECTED]
        self.services = {service.name: service for service in CityService.objects.all()}
        self.spaces = {space.slug: space for space in Space.objects.all()}
        self.neighbourhoods = {n.slug: n for n in Neighbourhood.objects.all()}
        self.created: dict[str, Contribution] = {}
        # Midnight at the start of `today`: every moment of the stories is before it.
        self.midnight = datetime.datetime.combine(
            today, datetime.time(), tzinfo=timezone.get_current_timezone()
        )

    def moment(self, days_ago: float, hour: int = 10) -> datetime.datetime:
        return self.midnight - datetime.timedelta(days=days_ago) + datetime.timedelta(hours=hour)

    def contribution(self, demo: DemoContribution) -> Contribution:
        space = self.spaces[demo.space]
        contribution = submit_contribution(
            space=space,
            author=self.residents[demo.author] if demo.author else None,
            author_name=demo.author_name,
            title=demo.title,
            body=demo.body,
            pillar=demo.pillar,
            neighbourhood=self.neighbourhoods.get(demo.neighbourhood),
            kind=demo.kind,
            channel=demo.channel,
            entered_by=None if demo.channel == Channel.ONLINE else self.agent,
        )
        for email in demo.supporters:
            toggle_support(contribution=contribution, resident=self.residents[email])
        comments = self.comments(contribution, demo.remarks)
        for step in demo.steps:
            answer_contribution(
                contribution=contribution,
                status=step.status,
                answer=step.answer,
                actor=self.agent,
                service=self.services.get(step.service),
                signed_by=self.elected if step.signed_by_elected else None,
            )
        self.backdate(contribution, demo, comments)
        self.created[demo.key] = contribution
        return contribution

    def comments(
        self, contribution: Contribution, remarks: tuple[Remark, ...], parent: Comment | None = None
    ) -> list[Comment]:
        """Add the remarks and their replies, depth first (the order they are dated in)."""
        written = []
        for remark in remarks:
            comment = add_comment(
                contribution=contribution,
                author=self.residents[remark.author],
                body=remark.body,
                stance=remark.stance,
                parent=parent,
            )
            written.append(comment)
            written.extend(self.comments(contribution, remark.replies, comment))
        return written

    def backdate(
        self, contribution: Contribution, demo: DemoContribution, comments: list[Comment]
    ) -> None:
        """Move the story into the past: the services dated every step today."""
        submitted = self.moment(demo.age, hour=9) + datetime.timedelta(
            minutes=37 * (len(self.created) % 12)
        )
        # Supports and comments come during the first days, each a few hours apart, and
        # always at least a day before today.
        window = max(demo.age - 1, 0.5)

        def after(index: int, count: int) -> datetime.datetime:
            return submitted + datetime.timedelta(days=window * (index + 1) / (count + 1))

        for index, support in enumerate(Support.objects.filter(contribution=contribution)):
            Support.objects.filter(pk=support.pk).update(
                created_at=after(index, len(demo.supporters))
            )
        for index, comment in enumerate(comments):
            Comment.objects.filter(pk=comment.pk).update(created_at=after(index, len(comments)))

        first_answer = None
        last = submitted
        for step in demo.steps:
            at = submitted + datetime.timedelta(days=step.day)
            first_answer = first_answer or at
            last = at
            StatusChange.objects.filter(contribution=contribution, status=step.status).update(
                created_at=at
            )
        StatusChange.objects.filter(contribution=contribution, status=Status.RECEIVED).update(
            created_at=submitted
        )
        due_on = timezone.localdate(submitted) + datetime.timedelta(
            days=contribution.space.answer_delay_days
        )
        Contribution.objects.filter(pk=contribution.pk).update(
            created_at=submitted, due_on=due_on, first_answered_at=first_answer, updated_at=last
        )
        contribution.refresh_from_db()

    def decision(self, demo: DemoDecision) -> None:
        decided_on = self.today + datetime.timedelta(days=demo.decided)
        decision = record_decision(
            title=demo.title.format(date=french_date(decided_on)),
            body=demo.body,
            decided_by=demo.decided_by,
            decided_on=decided_on,
            act_url="",
            contributions=[self.created[key] for key in demo.contributions],
            space=self.spaces.get(demo.space),
            actor=self.agent,
        )
        Decision.objects.filter(pk=decision.pk).update(
            created_at=self.moment(-demo.decided - 1, hour=18)
        )
        for commitment_demo in demo.commitments:
            commitment = add_commitment(
                decision=decision,
                title=commitment_demo.title,
                owner_service=self.services[commitment_demo.service],
                target_date=self.today + datetime.timedelta(days=commitment_demo.target),
                actor=self.agent,
            )
            for days, percent, text in commitment_demo.updates:
                update = record_progress(
                    commitment=commitment, progress=percent, text=text, actor=self.agent
                )
                ProgressUpdate.objects.filter(pk=update.pk).update(
                    created_at=self.moment(-days, hour=11)
                )
