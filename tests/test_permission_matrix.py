"""Every URL × every role → the status each one gets (GET), so no page forgets a check.

A new URL that is not in MATRIX fails `test_every_url_is_in_the_matrix`: whoever adds a
page must decide, here, who may open it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from commune.accountability.models import Commitment, Decision
from commune.accounts.models import CityService, Resident, Role
from commune.accounts.services import set_role
from commune.budgets.models import Budget, Project
from commune.contributions.models import Channel, Comment, Contribution, Pillar
from commune.meetings.models import Meeting, MeetingKind
from commune.sortition.models import DrawRecord, Panel, PanelStatus, PoolMember
from commune.sortition.models import Quota as SortitionQuota
from commune.spaces.models import PowerLevel, Space, SpaceKind
from commune.territory.models import City, Neighbourhood
from commune.texts.models import Amendment, Paragraph, Section, Text, Version
from commune.wiki.models import Revision, WikiPage
from tests.api import matrix_rows as api_rows
from tests.assisted import matrix_rows as assisted_rows
from tests.documents import matrix_rows as documents_rows
from tests.opendata import matrix_rows as opendata_rows

ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]

# Shorthands for a row: the same status for everyone, or one for visitors and one for members.
EVERYONE_200 = dict.fromkeys(ROLES, 200)
MEMBERS_ONLY = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 200)
VISITORS_ONLY = {"anonymous": 200} | dict.fromkeys(ROLES[1:], 302)
STAFF_ONLY = {
    "anonymous": 302,
    "resident": 302,
    "moderator": 200,
    "agent": 200,
    "elected": 302,
    "administrator": 200,
}


def _row(**statuses: int) -> dict[str, int]:
    assert set(statuses) == set(ROLES)
    return statuses


# Agents' pages: nothing to see for visitors (404), refused to other accounts (403).
AGENTS_ONLY = _row(
    anonymous=404, resident=403, moderator=403, agent=200, elected=403, administrator=200
)
# The contribution, decision and commitment the accountability rows open (a pk far from
# the ones sequences hand out, so other fixtures never collide with it).
ACCOUNTABILITY_PK = 9001


# The space, contribution and comment the contributions rows open (pks far from the ones
# sequences hand out); the contribution is written by someone who is none of the roles.
CONTRIBUTIONS_SPACE = "atelier-des-quais"
CONTRIBUTIONS_PK = "7001"
ONLY_AUTHOR = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 403)
MODERATORS_ONLY = _row(
    anonymous=302, resident=403, moderator=200, agent=403, elected=403, administrator=200
)

# Pages behind a login that only city agents (and administrators) may open.
AGENT_PAGE = _row(
    anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200
)

# The space and meeting the meetings rows open.
MEETINGS_SPACE = "rencontres-des-quais"
MEETINGS_PK = "8001"

# The space, budget and project the budgets rows open.
BUDGETS_SPACE = "budget-des-quais"
BUDGETS_PK = "6001"

# The panel drawn by lot the sortition rows open (in the budgets' space), and a draft.
SORTITION_PK = "4001"

# The space, text (a version 1 and its synthesis version 2), paragraph and amendment the
# texts rows open.
TEXTS_SPACE = "charte-des-quais"
TEXTS_PK = "5001"
TEXT_ROWS = {"pk": TEXTS_PK}
POST_ONLY = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)

# The space and page (with revisions 1 and 2) the wiki rows open.
WIKI_SPACE = "wiki-des-quais"
WIKI_ROWS = {"space_slug": WIKI_SPACE, "page_slug": "jardins-partages"}


# url name -> (kwargs, expected status per role)
MATRIX: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "home": ({}, EVERYONE_200),
    "health": ({}, EVERYONE_200),
    "set_language": ({}, dict.fromkeys(ROLES, 302)),
    "spaces:list": ({}, EVERYONE_200),
    "spaces:export": ({}, EVERYONE_200),
    "spaces:detail": ({"slug": "conseil-nantes-nord"}, EVERYONE_200),
    "spaces:join": (
        {"slug": "conseil-nantes-nord"},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "spaces:leave": (
        {"slug": "conseil-nantes-nord"},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "territory:list": ({}, EVERYONE_200),
    "territory:export": ({}, EVERYONE_200),
    "territory:neighbourhood": ({"slug": "nantes-nord"}, EVERYONE_200),
    "accounts:signup": ({}, VISITORS_ONLY),
    "accounts:signup_sent": ({}, EVERYONE_200),
    "accounts:resend_confirmation": ({}, EVERYONE_200),
    # A forged or expired confirmation link: the page explains and offers a new link.
    "accounts:confirm": ({"token": "forged-token"}, dict.fromkeys(ROLES, 400)),
    "accounts:choose_neighbourhood": ({}, MEMBERS_ONLY),
    "accounts:login": ({}, VISITORS_ONLY),
    "accounts:logout": ({}, dict.fromkeys(ROLES, 405)),
    "accounts:password_reset": ({}, EVERYONE_200),
    "accounts:password_reset_done": ({}, EVERYONE_200),
    "accounts:password_reset_complete": ({}, EVERYONE_200),
    # Django answers an invalid reset link with a page saying so (200), never the form.
    "accounts:password_reset_confirm": ({"uidb64": "MQ", "token": "forged"}, EVERYONE_200),
    "accounts:profile": ({}, MEMBERS_ONLY),
    "accounts:password_change": ({}, MEMBERS_ONLY),
    "accounts:demographics": ({}, MEMBERS_ONLY),
    "accounts:export": ({}, MEMBERS_ONLY),
    "accounts:delete": ({}, MEMBERS_ONLY),
    # Accountability: public figures and decisions; agents' forms are 404 for visitors.
    "accountability:city": ({}, EVERYONE_200),
    "accountability:space": ({"space_slug": "conseil-nantes-nord"}, EVERYONE_200),
    "accountability:overdue_export": ({}, EVERYONE_200),
    "accountability:decisions": ({}, EVERYONE_200),
    "accountability:decisions_export": ({}, EVERYONE_200),
    "accountability:decision": ({"pk": str(ACCOUNTABILITY_PK)}, EVERYONE_200),
    "accountability:new_decision": ({}, AGENTS_ONLY),
    "accountability:new_commitment": ({"pk": str(ACCOUNTABILITY_PK)}, AGENTS_ONLY),
    "accountability:commitment_progress": ({"pk": str(ACCOUNTABILITY_PK)}, AGENTS_ONLY),
    "accountability:answer": ({"pk": str(ACCOUNTABILITY_PK)}, AGENTS_ONLY),
    # Participation figures: public aggregates (small groups hidden), no personal data.
    "insights:city": ({}, EVERYONE_200),
    "insights:neighbourhood": ({"slug": "nantes-nord"}, EVERYONE_200),
    "insights:space": ({"slug": "conseil-nantes-nord"}, EVERYONE_200),
    "insights:report": ({"slug": "conseil-nantes-nord"}, EVERYONE_200),
    "insights:report_export": ({"slug": "conseil-nantes-nord"}, EVERYONE_200),
    "insights:meeting": ({"pk": MEETINGS_PK}, EVERYONE_200),
    # Contributions: public lists and pages; writing needs an account, hiding a moderator.
    "notifications:list": ({}, MEMBERS_ONLY),
    "notifications:settings": ({}, MEMBERS_ONLY),
    # Follow buttons are POST forms: a GET is refused once logged in.
    "notifications:follow_contribution": (
        {"pk": str(ACCOUNTABILITY_PK)},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "notifications:follow_space": (
        {"slug": "conseil-nantes-nord"},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "contributions:all": ({}, EVERYONE_200),
    "contributions:export_all": ({}, EVERYONE_200),
    "contributions:list": ({"space_slug": CONTRIBUTIONS_SPACE}, EVERYONE_200),
    "contributions:export": ({"space_slug": CONTRIBUTIONS_SPACE}, EVERYONE_200),
    "contributions:new": ({"space_slug": CONTRIBUTIONS_SPACE}, MEMBERS_ONLY),
    "contributions:enter": (
        {"space_slug": CONTRIBUTIONS_SPACE},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "contributions:detail": ({"pk": CONTRIBUTIONS_PK}, EVERYONE_200),
    "contributions:edit": ({"pk": CONTRIBUTIONS_PK}, ONLY_AUTHOR),
    "contributions:withdraw": ({"pk": CONTRIBUTIONS_PK}, ONLY_AUTHOR),
    # Supporting is a POST (a plain form); a GET is not allowed.
    "contributions:support": (
        {"pk": CONTRIBUTIONS_PK},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "contributions:comment": ({"pk": CONTRIBUTIONS_PK}, MEMBERS_ONLY),
    "contributions:report": ({"pk": CONTRIBUTIONS_PK}, MEMBERS_ONLY),
    "contributions:report_comment": ({"pk": CONTRIBUTIONS_PK}, MEMBERS_ONLY),
    "contributions:hide": ({"pk": CONTRIBUTIONS_PK}, MODERATORS_ONLY),
    "contributions:hide_comment": ({"pk": CONTRIBUTIONS_PK}, MODERATORS_ONLY),
    # Meetings: public lists, pages and calendars; registering is a POST for members;
    # agents register people by phone.
    "meetings:upcoming": ({}, EVERYONE_200),
    "meetings:export": ({}, EVERYONE_200),
    "meetings:city_ics": ({}, EVERYONE_200),
    "meetings:list": ({"space_slug": MEETINGS_SPACE}, EVERYONE_200),
    "meetings:space_ics": ({"space_slug": MEETINGS_SPACE}, EVERYONE_200),
    "meetings:detail": ({"pk": MEETINGS_PK}, EVERYONE_200),
    "meetings:ics": ({"pk": MEETINGS_PK}, EVERYONE_200),
    "meetings:register": ({"pk": MEETINGS_PK}, {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)),
    "meetings:cancel": ({"pk": MEETINGS_PK}, {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)),
    "meetings:phone_registration": (
        {"pk": MEETINGS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "meetings:attendance": (
        {"pk": MEETINGS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "meetings:agenda_manage": (
        {"pk": MEETINGS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "meetings:create": ({"space_slug": MEETINGS_SPACE}, AGENT_PAGE),
    "meetings:edit": ({"pk": MEETINGS_PK}, AGENT_PAGE),
    "meetings:cancel_meeting": ({"pk": MEETINGS_PK}, AGENT_PAGE),
    "meetings:mine": ({}, MEMBERS_ONLY),
    "meetings:popolo": ({}, EVERYONE_200),
    "meetings:space_popolo": ({"space_slug": MEETINGS_SPACE}, EVERYONE_200),
    "meetings:reset_feed": ({}, {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)),
    # Only the owner knows a token; an unknown one is no calendar for anybody.
    "meetings:personal_ics": ({"token": "not-a-real-token"}, dict.fromkeys(ROLES, 404)),
    "meetings:agenda_propose": (
        {"pk": MEETINGS_PK},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    "meetings:agenda_support": (
        {"pk": MEETINGS_PK, "item_pk": "1"},
        {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405),
    ),
    # Minutes, room votes, decisions and documents of a meeting: city agents only.
    "meetings:minutes_manage": (
        {"pk": MEETINGS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    # Participatory budgets: public pages and exports; voting and proposing need an
    # account; agents review projects, enter paper ballots and close the vote. The budget
    # is open for voting, so its results CSV and its ballots file do not exist yet (404).
    "budgets:list": ({}, EVERYONE_200),
    "budgets:export": ({}, EVERYONE_200),
    "budgets:space": ({"space_slug": BUDGETS_SPACE}, EVERYONE_200),
    "budgets:detail": ({"pk": BUDGETS_PK}, EVERYONE_200),
    "budgets:projects_export": ({"pk": BUDGETS_PK}, EVERYONE_200),
    "budgets:project": ({"pk": BUDGETS_PK, "project_pk": BUDGETS_PK}, EVERYONE_200),
    "budgets:submit": ({"pk": BUDGETS_PK}, MEMBERS_ONLY),
    "budgets:vote": ({"pk": BUDGETS_PK}, MEMBERS_ONLY),
    "budgets:review": (
        {"pk": BUDGETS_PK, "project_pk": BUDGETS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "budgets:paper_ballot": (
        {"pk": BUDGETS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "budgets:close": (
        {"pk": BUDGETS_PK},
        _row(anonymous=302, resident=403, moderator=403, agent=200, elected=403, administrator=200),
    ),
    "budgets:results": ({"pk": BUDGETS_PK}, EVERYONE_200),
    "budgets:results_export": ({"pk": BUDGETS_PK}, dict.fromkeys(ROLES, 404)),
    "budgets:ballots_pb": ({"pk": BUDGETS_PK}, dict.fromkeys(ROLES, 404)),
    # Panels drawn by lot: the drawn panel and its files are public; agents prepare and
    # draw (publishing and drawing are POST only); a draft is seen by agents only.
    "sortition:space": ({"space_slug": BUDGETS_SPACE}, EVERYONE_200),
    "sortition:create": ({"space_slug": BUDGETS_SPACE}, AGENT_PAGE),
    "sortition:detail": ({"pk": SORTITION_PK}, EVERYONE_200),
    "sortition:manage": ({"pk": SORTITION_PK}, AGENT_PAGE),
    "sortition:publish": ({"pk": SORTITION_PK}, POST_ONLY),
    "sortition:draw": ({"pk": SORTITION_PK}, POST_ONLY),
    "sortition:quotas": ({"pk": SORTITION_PK}, POST_ONLY),
    "sortition:withdraw": ({"pk": SORTITION_PK}, POST_ONLY),
    "sortition:pool_csv": ({"pk": SORTITION_PK}, EVERYONE_200),
    "sortition:quotas_csv": ({"pk": SORTITION_PK}, EVERYONE_200),
    # Collaborative texts: reading and exports are public; commenting and amending need an
    # account; moderators decide amendments; agents create texts, versions and syntheses.
    "texts:list": ({}, EVERYONE_200),
    "texts:space": ({"space_slug": TEXTS_SPACE}, EVERYONE_200),
    "texts:new": ({"space_slug": TEXTS_SPACE}, AGENT_PAGE),
    "texts:detail": (TEXT_ROWS, EVERYONE_200),
    "texts:history": (TEXT_ROWS, EVERYONE_200),
    "texts:compare": (TEXT_ROWS, EVERYONE_200),
    "texts:debated": (TEXT_ROWS, EVERYONE_200),
    "texts:version": (TEXT_ROWS | {"number": "1"}, EVERYONE_200),
    "texts:synthesis": (TEXT_ROWS | {"number": "2"}, EVERYONE_200),
    "texts:export": (TEXT_ROWS | {"number": "1", "fmt": "md"}, EVERYONE_200),
    "texts:paragraph": (TEXT_ROWS | {"paragraph_pk": TEXTS_PK}, EVERYONE_200),
    "texts:amend": (TEXT_ROWS | {"paragraph_pk": TEXTS_PK}, MEMBERS_ONLY),
    "texts:amendments": (TEXT_ROWS, EVERYONE_200),
    "texts:amendment": (TEXT_ROWS | {"amendment_pk": TEXTS_PK}, EVERYONE_200),
    "texts:vote": (TEXT_ROWS | {"amendment_pk": TEXTS_PK}, POST_ONLY),
    "texts:decide": (TEXT_ROWS | {"amendment_pk": TEXTS_PK}, MODERATORS_ONLY),
    "texts:new_version": (TEXT_ROWS, AGENT_PAGE),
    "texts:synthesize": (TEXT_ROWS, AGENT_PAGE),
    "texts:set_open": (TEXT_ROWS, POST_ONLY),
    "texts:comments_export": (TEXT_ROWS, EVERYONE_200),
    "texts:amendments_export": (TEXT_ROWS, EVERYONE_200),
    # The wiki: reading, history, differences and exports are public; writing needs an
    # account (the form explains a missing verification); moderators lock pages.
    "wiki:index": ({"space_slug": WIKI_SPACE}, EVERYONE_200),
    "wiki:index_export": ({"space_slug": WIKI_SPACE}, EVERYONE_200),
    "wiki:create": ({"space_slug": WIKI_SPACE}, MEMBERS_ONLY),
    "wiki:page": (WIKI_ROWS, EVERYONE_200),
    "wiki:edit": (WIKI_ROWS, MEMBERS_ONLY),
    "wiki:history": (WIKI_ROWS, EVERYONE_200),
    "wiki:history_export": (WIKI_ROWS, EVERYONE_200),
    "wiki:diff": (WIKI_ROWS, EVERYONE_200),
    "wiki:revision": (WIKI_ROWS | {"number": "1"}, EVERYONE_200),
    "wiki:revert": (WIKI_ROWS | {"number": "1"}, MEMBERS_ONLY),
    "wiki:lock": (WIKI_ROWS, MODERATORS_ONLY),
    "wiki:export_markdown": (WIKI_ROWS, EVERYONE_200),
    "wiki:export_html": (WIKI_ROWS, EVERYONE_200),
    "wiki:export_pdf": (WIKI_ROWS, EVERYONE_200),
}
# The newer apps keep their rows beside their tests, so each can grow without touching this file.
for _extra in (api_rows, documents_rows, opendata_rows, assisted_rows):
    assert not set(_extra.ROWS) & set(MATRIX), "a url name is in two row lists"
    MATRIX.update(_extra.ROWS)

# Drafts: the public gets 404, staff may preview.
DRAFT_SPACE = _row(
    anonymous=404, resident=404, moderator=200, agent=200, elected=404, administrator=200
)

ADMIN_PAGES: dict[str, dict[str, int]] = {
    "admin:index": STAFF_ONLY,
    "admin:spaces_space_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=200, elected=302, administrator=200
    ),
    "admin:spaces_space_add": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:spaces_membership_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:accounts_resident_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:core_auditevent_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    "admin:accountability_decision_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:accountability_decision_add": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:accountability_commitment_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:contributions_contribution_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=200, elected=302, administrator=200
    ),
    "admin:contributions_contribution_add": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:contributions_comment_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    "admin:contributions_report_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    "admin:meetings_meeting_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:meetings_meeting_add": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    # The meetings' records are read-only in the back office (written on the minutes page).
    "admin:meetings_minutes_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:meetings_roomvote_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:meetings_meetingdocument_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:budgets_budget_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:budgets_budget_add": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:budgets_project_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:sortition_panel_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:sortition_drawrecord_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:texts_text_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=200, elected=302, administrator=200
    ),
    "admin:texts_amendment_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=200, elected=302, administrator=200
    ),
    "admin:texts_paragraphcomment_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    # Texts are written on the site (typed or imported), never added in the back office.
    "admin:texts_text_add": _row(
        anonymous=302, resident=302, moderator=403, agent=403, elected=302, administrator=403
    ),
    # Wiki pages are written, reverted and locked on the site; read here by moderators.
    "admin:wiki_wikipage_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    "admin:wiki_revision_changelist": _row(
        anonymous=302, resident=302, moderator=200, agent=403, elected=302, administrator=200
    ),
    "admin:wiki_wikipage_add": _row(
        anonymous=302, resident=302, moderator=403, agent=403, elected=302, administrator=403
    ),
    "admin:auth_group_changelist": _row(
        anonymous=302, resident=302, moderator=403, agent=403, elected=302, administrator=200
    ),
}

for _extra in (api_rows, documents_rows, opendata_rows, assisted_rows):
    assert not set(_extra.ADMIN_ROWS) & set(ADMIN_PAGES), "an admin page is in two row lists"
    ADMIN_PAGES.update(_extra.ADMIN_ROWS)


def _named_urls(patterns: list, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "admin":
                continue  # Django's own admin: checked through ADMIN_PAGES.
            names |= _named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


@pytest.fixture
def city_data(db) -> None:
    city = City.objects.create(name="Nantes", slug="nantes")
    nord = Neighbourhood.objects.create(city=city, name="Nantes Nord", slug="nantes-nord")
    common = {
        "summary": "Résumé",
        "power_level": PowerLevel.CONCERTATION,
        "who_may_take_part": "Tout le monde",
        "stakes": "Enjeux",
        "city_commitment": "Engagement",
        "opens_on": timezone.localdate() - datetime.timedelta(days=10),
    }
    Space.objects.create(
        kind=SpaceKind.NEIGHBOURHOOD_COUNCIL,
        title="Conseil de quartier Nantes Nord",
        slug="conseil-nantes-nord",
        neighbourhood=nord,
        **common,
    )
    Space.objects.create(
        kind=SpaceKind.PROCESS, title="Brouillon", slug="brouillon", is_published=False, **common
    )
    _accountability_data(Space.objects.get(slug="conseil-nantes-nord"))
    _contributions_data(common)
    _meetings_data(common)
    _budgets_data(common)
    _sortition_data()
    _texts_data(common)
    _wiki_data(common)
    for extra in (api_rows, documents_rows, opendata_rows, assisted_rows):
        extra.make_data(common)


def _accountability_data(space: Space) -> None:
    """A contribution answered by a decision that carries a commitment (accountability rows)."""
    contribution = Contribution.objects.create(
        pk=ACCOUNTABILITY_PK,
        space=space,
        title="Des bancs place du marché",
        body="Des bancs à l'ombre.",
        body_html="<p>Des bancs à l'ombre.</p>",
        pillar=Pillar.PARTICIPATION,
        channel=Channel.PAPER,
        author_name="Jeanne",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    decision = Decision.objects.create(
        pk=ACCOUNTABILITY_PK,
        space=space,
        title="Délibération sur le mobilier urbain",
        body="Adoptée.",
        body_html="<p>Adoptée.</p>",
        decided_by="Conseil municipal",
        decided_on=timezone.localdate(),
    )
    decision.contributions.add(contribution)
    Commitment.objects.create(
        pk=ACCOUNTABILITY_PK,
        decision=decision,
        title="Installer dix bancs",
        owner_service=CityService.objects.create(name="Espace public"),
        target_date=timezone.localdate() + datetime.timedelta(days=90),
    )


def _contributions_data(common: dict) -> None:
    """An open space taking contributions, one contribution and one comment on it."""
    space = Space.objects.create(
        kind=SpaceKind.PROCESS,
        title="Atelier des quais",
        slug=CONTRIBUTIONS_SPACE,
        components=["contributions"],
        **common,
    )
    author = Resident.objects.create_user(
        "autrice@example.org", "a long enough password", display_name="Autrice"
    )
    contribution = Contribution.objects.create(
        pk=int(CONTRIBUTIONS_PK),
        space=space,
        title="Des bancs sur les quais",
        body="Des bancs à l'ombre.",
        body_html="<p>Des bancs à l'ombre.</p>",
        pillar=Pillar.PARTICIPATION,
        author=author,
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    Comment.objects.create(
        pk=int(CONTRIBUTIONS_PK),
        contribution=contribution,
        author=author,
        body="Je précise.",
        body_html="<p>Je précise.</p>",
    )


def _meetings_data(common: dict) -> None:
    """A space with the meetings tool and one meeting taking registrations."""
    space = Space.objects.create(
        kind=SpaceKind.PROCESS,
        title="Rencontres des quais",
        slug=MEETINGS_SPACE,
        components=["meetings"],
        **common,
    )
    starts_at = timezone.now() + datetime.timedelta(days=7)
    Meeting.objects.create(
        pk=int(MEETINGS_PK),
        space=space,
        kind=MeetingKind.WORKSHOP,
        title="Atelier des quais",
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        place_name="Maison de quartier",
        registration_required=True,
        capacity=20,
    )


def _budgets_data(common: dict) -> None:
    """A space with the budget tool, its budget open for voting, and one project on it."""
    space = Space.objects.create(
        kind=SpaceKind.PROCESS,
        title="Budget des quais",
        slug=BUDGETS_SPACE,
        components=["budget"],
        **common,
    )
    today = timezone.localdate()

    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    budget = Budget.objects.create(
        pk=int(BUDGETS_PK),
        space=space,
        title="Budget participatif des quais",
        amount=100_000,
        submission_opens_on=day(-40),
        submission_closes_on=day(-30),
        review_closes_on=day(-11),
        vote_opens_on=day(-10),
        vote_closes_on=day(10),
        results_on=day(15),
        rule="greedy",
    )
    Project.objects.create(
        pk=int(BUDGETS_PK),
        budget=budget,
        title="Des arbres sur les quais",
        description="Des arbres.",
        description_html="<p>Des arbres.</p>",
        estimated_cost=40_000,
        status="eligible",
        review_reason="Faisable.",
    )


def _sortition_data() -> None:
    """A drawn panel of two among four, with its quotas, pool and draw record."""
    space = Space.objects.get(slug=BUDGETS_SPACE)
    panel = Panel.objects.create(
        pk=int(SORTITION_PK),
        space=space,
        title="Jury des quais",
        panel_size=2,
        status=PanelStatus.DRAWN,
        seed_commitment="0" * 64,
    )
    for position, value in enumerate(("F", "H"), start=1):
        SortitionQuota.objects.create(
            panel=panel, position=position, category="genre", value=value, minimum=1, maximum=1
        )
    for number, value in enumerate("FFHH"):
        PoolMember.objects.create(panel=panel, public_id=f"P-{number}", values={"genre": value})
    DrawRecord.objects.create(
        panel=panel,
        seed="graine",
        panel_ids=["P-0", "P-2"],
        probabilities={f"P-{n}": 0.5 for n in range(4)},
        min_probability=0.5,
    )


def _texts_data(common: dict) -> None:
    """A space with the texts tool; its text has a version 1, an amendment, and a synthesis."""
    space = Space.objects.create(
        kind=SpaceKind.PROCESS,
        title="Charte des quais",
        slug=TEXTS_SPACE,
        components=["texts"],
        **common,
    )
    pk = int(TEXTS_PK)
    text = Text.objects.create(pk=pk, space=space, title="Charte des quais")
    first = Version.objects.create(pk=pk, text=text, number=1)
    section = Section.objects.create(pk=pk, version=first, number=1, title="Principes")
    paragraph = Paragraph.objects.create(
        pk=pk, section=section, number=1, body="Les quais à tous.", body_html="<p>Les quais.</p>"
    )
    author = Resident.objects.create_user(
        "amendement@example.org", "a long enough password", display_name="Amendeuse"
    )
    Amendment.objects.create(
        pk=pk,
        text=text,
        paragraph=paragraph,
        kind="edit",
        original_body=paragraph.body,
        proposed_body="Les quais à toutes et à tous.",
        justification="Plus inclusif.",
        author=author,
    )
    Version.objects.create(pk=pk + 1, text=text, number=2, is_synthesis=True, note="Réponse.")


def _wiki_data(common: dict) -> None:
    """A space with the wiki tool and one page with two revisions."""
    space = Space.objects.create(
        kind=SpaceKind.PROCESS,
        title="Wiki des quais",
        slug=WIKI_SPACE,
        components=["wiki"],
        **common,
    )
    page = WikiPage.objects.create(space=space, title="Jardins partagés", slug="jardins-partages")
    for number in (1, 2):
        page.current_revision = Revision.objects.create(
            page=page, number=number, body=f"Texte {number}", summary="Modif"
        )
    page.save()


@pytest.fixture
def log_in_as(client, city_data) -> Callable[[str], None]:
    def log_in(role: str) -> None:
        if role == "anonymous":
            return
        resident = Resident.objects.create_user(
            f"{role}@example.org", "a long enough password", display_name=role.title()
        )
        set_role(resident=resident, role=Role(role))
        client.force_login(resident)

    return log_in


def test_every_url_is_in_the_matrix() -> None:
    assert _named_urls(get_resolver().url_patterns) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_public_and_account_pages(client, log_in_as, role: str, name: str) -> None:
    kwargs, expected = MATRIX[name]
    log_in_as(role)
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == expected[role]


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_space_is_hidden_from_the_public(client, log_in_as, role: str) -> None:
    log_in_as(role)
    response = client.get(reverse("spaces:detail", kwargs={"slug": "brouillon"}))
    assert response.status_code == DRAFT_SPACE[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(ADMIN_PAGES))
def test_back_office_pages(client, log_in_as, role: str, name: str) -> None:
    log_in_as(role)
    assert client.get(reverse(name)).status_code == ADMIN_PAGES[name][role]
