"""Every page a visitor can reach, crawled through its links and checked with axe-core.

Anonymous and logged in, in French and in English: each page answers 200, has a title,
one h1, the right html lang, and no WCAG 2.2 A/AA violation that axe can find.
"""

from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import Resolver404, resolve
from django.utils import translation
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, Response

from tests.e2e.helpers import (
    Axe,
    DemoCity,
    check_page,
    format_violations,
    html_lang,
    localized_url,
    log_in,
    main_form_with,
    submit_button,
)

pytestmark = pytest.mark.browser

# Raised with the collaborative texts (their versions, paragraphs, amendments and exports),
# then with the wiki (pages, histories, differences, revisions, and their exports).
MAX_PAGES = 300
# Pages of one kind (one URL pattern: a contribution, a space…) share their template, so a
# few of each are checked; that keeps every kind of page inside the cap as the city grows.
SAMPLES_PER_ROUTE = 5
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/")


@dataclass
class Crawl:
    """What a crawl saw: the pages checked, the problems found, and where each link was."""

    language: str
    pages: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    truncated: bool = False


def _skipped(path: str) -> bool:
    unprefixed = re.sub(r"^/(en|fr)(?=/)", "", path)
    return unprefixed.startswith(SKIPPED_PREFIXES)


def crawl(
    page: Page, axe: Axe, start: str, language: str, seeds: list[str] | tuple[str, ...] = ()
) -> Crawl:
    """Follow every same-origin link from `start` (and `seeds`), checking each page once.

    The page must already be on the live server: its origin bounds the crawl. Links to
    files (CSV exports, images) are checked for their status only.
    """
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(page.url))
    result = Crawl(language=language)
    queue: deque[tuple[str, str]] = deque([(start, "(start)")])
    queue.extend((seed, "(seed)") for seed in seeds if seed != start)
    seen = {start, *seeds}
    paths_with_query: set[str] = set()
    queued_per_route: dict[str, int] = {}
    failed_resources: list[str] = []

    def on_response(response: Response) -> None:
        # Stylesheets, images and scripts the page asks for must load too.
        if (
            response.status >= 400
            and response.url.startswith(origin)
            and response.request.resource_type != "document"
            and urlsplit(response.url).path != "/favicon.ico"
        ):
            failed_resources.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    try:
        while queue:
            if len(result.pages) + len(result.files) >= MAX_PAGES:
                result.truncated = True
                break
            url, found_on = queue.popleft()
            where = f"{url} (linked from {found_on})"
            failed_resources.clear()
            try:
                response = page.goto(url)
            except PlaywrightError as error:
                if "Download is starting" not in error.message:
                    raise
                response = None
            content_type = response.headers.get("content-type", "") if response else ""
            if response is None or not content_type.startswith("text/html"):
                file_response = page.request.get(url)
                result.files.append(url)
                if file_response.status != 200:
                    result.problems.append(f"{where}: answered {file_response.status}")
                continue

            result.pages.append(url)
            if response.status != 200:
                result.problems.append(f"{where}: answered {response.status}")
                continue
            if not page.title().strip():
                result.problems.append(f"{where}: empty <title>")
            if (h1_count := page.locator("h1").count()) != 1:
                result.problems.append(f"{where}: {h1_count} <h1> elements instead of one")
            if (lang := html_lang(page)) != language:
                result.problems.append(f'{where}: <html lang="{lang}">, expected "{language}"')
            if violations := axe(page):
                result.problems.append(format_violations(violations, where))
            if failed_resources:
                result.problems.append(f"{where}: resources failed to load: {failed_resources}")

            for target in _links(page, origin):
                if target in seen:
                    continue
                path, _, query = target.partition("?")
                if query:
                    # One instance of each filtered or paginated list is enough.
                    if path in paths_with_query:
                        continue
                    paths_with_query.add(path)
                route = _route(path, language)
                if queued_per_route.get(route, 0) >= SAMPLES_PER_ROUTE:
                    continue
                queued_per_route[route] = queued_per_route.get(route, 0) + 1
                seen.add(target)
                queue.append((target, url))
    finally:
        page.remove_listener("response", on_response)
    return result


def _route(path: str, language: str) -> str:
    """The URL pattern a path belongs to (its path itself when it matches none)."""
    with translation.override(language):
        try:
            return resolve(path).view_name
        except Resolver404:
            return path


def _links(page: Page, origin: str) -> list[str]:
    """The page's links to crawl: same origin, outside the admin and files, no fragment."""
    targets = []
    hrefs: list[str] = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    for href in hrefs:
        parts = urlsplit(urldefrag(href).url)
        if parts.scheme not in {"http", "https"} or f"{parts.scheme}://{parts.netloc}" != origin:
            continue
        if _skipped(parts.path):
            continue
        targets.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return targets


def assert_crawl_clean(result: Crawl, must_include: list[str]) -> None:
    missing = [path for path in must_include if path not in result.pages]
    report = "\n".join(result.problems)
    print(  # noqa: T201 - a short account of the crawl, shown with -rP or on failure
        f"crawled {len(result.pages)} pages and {len(result.files)} files in {result.language}"
        + (" (stopped at the cap)" if result.truncated else "")
    )
    assert not missing, f"the crawl never reached {missing}; it saw {result.pages}"
    assert not result.truncated, (
        f"the crawl stopped at {MAX_PAGES} pages before checking every kind of page"
    )
    assert not result.problems, (
        f"{len(result.problems)} problem(s) on {len(result.pages)} crawled pages:\n{report}"
    )


def _one_space_of_each_kind(language: str) -> list[str]:
    """A space of every kind and status, so each variant of the space page is checked."""
    from commune.spaces.models import Space, SpaceKind, SpaceStatus

    spaces = Space.objects.published()
    picks = [spaces.filter(kind=kind).first() for kind in SpaceKind.values]
    picks += [spaces.with_status(status).first() for status in SpaceStatus.values]
    slugs = dict.fromkeys(space.slug for space in picks if space is not None)
    return [localized_url(language, "spaces:detail", slug=slug) for slug in slugs]


def _a_meeting_with_minutes(language: str) -> str:
    """A past assembly of the demo, with its minutes, room votes, decisions and a PDF."""
    from commune.meetings.models import Meeting

    meeting = (
        Meeting.objects.filter(minutes__isnull=False, votes__isnull=False, decisions__isnull=False)
        .order_by("pk")
        .first()
    )
    assert meeting is not None, "the demo city has no meeting with minutes"
    return localized_url(language, "meetings:detail", pk=meeting.pk)


def _budget_pages(language: str) -> list[str]:
    """Each demo budget's page, and the results of the counted one (chart, explanations)."""
    from commune.budgets.models import Budget

    pages = [localized_url(language, "budgets:list")]
    for budget in Budget.objects.visible().order_by("pk"):
        pages.append(localized_url(language, "budgets:detail", pk=budget.pk))
        if budget.is_closed:
            pages.append(localized_url(language, "budgets:results", pk=budget.pk))
    return pages


def _charter_pages(language: str) -> list[str]:
    """The demo charter (current version, with its margins) and its synthesis page."""
    from commune.texts.models import Text

    text = Text.objects.get(space__slug="charte-gouvernement-ouvert")
    return [
        localized_url(language, "texts:detail", pk=text.pk),
        localized_url(language, "texts:synthesis", pk=text.pk, number=2),
    ]


def _wiki_pages(language: str) -> list[str]:
    """Each demo wiki's index, and one page with its history (tabs, word differences)."""
    from commune.wiki.models import WikiPage

    pages = []
    for page in WikiPage.objects.filter(slug="accueil").select_related("space").order_by("pk"):
        pages.append(localized_url(language, "wiki:index", space_slug=page.space.slug))
    rooms = WikiPage.objects.select_related("space").get(slug="salles-de-repetition")
    kwargs = {"space_slug": rooms.space.slug, "page_slug": rooms.slug}
    pages.append(localized_url(language, "wiki:page", **kwargs))
    pages.append(localized_url(language, "wiki:history", **kwargs))
    return pages


def _insights_pages(language: str) -> list[str]:
    """The participation figures of the city, of Doulon – Bottière (its neighbourhood, its
    council and a workshop) and the council's evaluation report."""
    from commune.meetings.models import Meeting
    from commune.spaces.models import Space

    council = Space.objects.get(kind="neighbourhood_council", neighbourhood__slug="doulon-bottiere")
    workshop = Meeting.objects.filter(space=council, kind="workshop").order_by("pk").first()
    assert workshop is not None, "the demo has no workshop in Doulon – Bottière"
    return [
        localized_url(language, "insights:city"),
        localized_url(language, "insights:neighbourhood", slug="doulon-bottiere"),
        localized_url(language, "insights:space", slug=council.slug),
        localized_url(language, "insights:report", slug=council.slug),
        localized_url(language, "insights:meeting", pk=workshop.pk),
    ]


def _open_budget_pk() -> int:
    from commune.budgets.models import Budget

    return next(b.pk for b in Budget.objects.visible() if b.is_vote_open)


def _sortition_pages(language: str) -> list[str]:
    """The demo conseil citoyen's panel drawn by lot, and the panels of its space."""
    from commune.sortition.models import Panel

    panel = Panel.objects.public().select_related("space").order_by("pk").first()
    assert panel is not None, "the demo has no panel drawn by lot"
    return [
        localized_url(language, "sortition:detail", pk=panel.pk),
        localized_url(language, "sortition:space", space_slug=panel.space.slug),
    ]


def _a_space_path(language: str) -> str:
    from commune.spaces.models import Space

    space = Space.objects.published().order_by("title").first()
    assert space is not None, "the demo city has no published space"
    return localized_url(language, "spaces:detail", slug=space.slug)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_is_accessible_to_a_visitor(
    page: Page, axe: Axe, demo_city: DemoCity, language: str
) -> None:
    """An anonymous visitor can reach no broken, untitled or inaccessible page."""
    start = localized_url(language, "home")
    page.goto(start)
    minutes_page = _a_meeting_with_minutes(language)
    seeds = [
        *_one_space_of_each_kind(language),
        minutes_page,
        *_budget_pages(language),
        *_charter_pages(language),
        *_wiki_pages(language),
        *_insights_pages(language),
        *_sortition_pages(language),
        localized_url(language, "documents:list"),
        localized_url(language, "search:results") + "?q=jardin",
        f"/api/v1/docs/?lang={language}",  # the API's docs: outside the language prefix
    ]
    result = crawl(page, axe, start, language, seeds=seeds)
    assert_crawl_clean(
        result,
        [
            start,
            localized_url(language, "spaces:list"),
            _a_space_path(language),
            minutes_page,
            *_budget_pages(language),
            *_charter_pages(language),
            *_wiki_pages(language),
            *_insights_pages(language),
            *_sortition_pages(language),
            localized_url(language, "accounts:signup"),
            localized_url(language, "accounts:login"),
        ],
    )
    assert len(result.pages) > demo_city.neighbourhood_count


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_is_accessible_to_a_resident(
    page: Page, axe: Axe, demo_city: DemoCity, language: str
) -> None:
    """A logged-in resident can reach no broken, untitled or inaccessible page."""
    log_in(page, demo_city.resident, demo_city.password)
    start = localized_url(language, "home")
    page.goto(start)
    minutes_page = _a_meeting_with_minutes(language)
    seeds = [
        *_one_space_of_each_kind(language),
        minutes_page,
        *_budget_pages(language),
        *_charter_pages(language),
        *_wiki_pages(language),
        *_insights_pages(language),
        *_sortition_pages(language),
    ]
    result = crawl(page, axe, start, language, seeds=seeds)
    assert_crawl_clean(
        result,
        [
            start,
            localized_url(language, "spaces:list"),
            _a_space_path(language),
            minutes_page,
            *_budget_pages(language),
            *_charter_pages(language),
            *_wiki_pages(language),
            *_insights_pages(language),
            localized_url(language, "budgets:vote", pk=_open_budget_pk()),
            localized_url(language, "accounts:profile"),
        ],
    )


@pytest.mark.parametrize("language", ["fr", "en"])
def test_sign_up_errors_are_accessible(
    page: Page, axe: Axe, demo_city: DemoCity, language: str
) -> None:
    """Sending the sign-up form empty shows errors that are themselves accessible."""
    page.goto(localized_url(language, "accounts:signup"))
    form = main_form_with(page, "input[type='password']")
    # Skip the browser's own checks of required fields to get the server's error page.
    form.evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        submit_button(form).click()
    errors = page.locator("main .errorlist, main [id$='-error'], main [id$='-errors']")
    assert errors.count() > 0, f"no error shown after sending an empty sign-up form: {page.url}"
    check_page(page, axe, language)


def test_log_in_errors_are_accessible(page: Page, axe: Axe, demo_city: DemoCity) -> None:
    """A wrong password gives an error page that is itself accessible."""
    page.goto(localized_url("fr", "accounts:login"))
    form = main_form_with(page, "input[type='password']")
    form.locator("input[name='username'], input[name='email']").first.fill(demo_city.resident)
    form.locator("input[type='password']").first.fill("not-the-password")
    with page.expect_navigation():
        submit_button(form).click()
    assert "/compte/connexion/" in page.url
    check_page(page, axe, "fr")


@pytest.mark.parametrize(("language", "prefix"), [("fr", ""), ("en", "/en")])
def test_page_not_found_is_accessible(
    page: Page, axe: Axe, demo_city: DemoCity, language: str, prefix: str
) -> None:
    """A mistyped address answers 404 with a real page of the site, in the visitor's language."""
    response = page.goto(f"{prefix}/espaces/cet-espace-n-existe-pas/")
    assert response is not None
    assert response.status == 404
    check_page(page, axe, language)
    assert page.locator("header nav a").count() > 0, "the 404 page has no way back into the site"
