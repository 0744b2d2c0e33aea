"""The whole accountability loop in a real browser, as the issue tells it.

A resident proposes an idea, a second resident supports and comments, a city agent
answers it (partly accepted, with a reason), the first resident sees the notification and
the timeline; an agent types in a paper contribution; a script typed into a title never
runs; axe-core checks every new page on the way.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse
from playwright.sync_api import BrowserContext, Page

from commune.contributions.models import Channel, Contribution, Status
from commune.spaces.models import Space
from tests.e2e.helpers import Axe, DemoCity, log_in, main_form_with, submit_button

pytestmark = pytest.mark.browser

SECOND_RESIDENT = "habitant.bellevue@demo.commune.fr"
XSS_TITLE = (
    'Des bancs <script>window.pwned = true</script> <img src=x onerror="window.pwned = true">'
)


def _checked(page: Page, axe: Axe) -> None:
    assert page.locator("h1").count() == 1, page.url
    assert page.title().strip(), page.url
    axe.assert_clean(page)
    assert page.evaluate("window.pwned === undefined"), f"a script ran on {page.url}"


def _submit(page: Page) -> None:
    form = page.locator("main form").filter(has=page.locator("button[type='submit']")).last
    with page.expect_navigation():
        submit_button(form).click()


def test_a_contribution_is_answered_and_its_author_sees_it(
    new_context: Callable[..., BrowserContext], axe: Axe, demo_city: DemoCity
) -> None:
    space = Space.objects.get(slug="grand-debat-loire")

    # 1. A resident proposes an idea (with markup in its title, which must stay text).
    author = new_context().new_page()
    log_in(author, demo_city.resident)
    author.goto(reverse("contributions:new", kwargs={"space_slug": space.slug}))
    _checked(author, axe)
    form = main_form_with(author, "input[name='title']")
    form.locator("input[name='title']").fill(XSS_TITLE)
    form.locator("textarea[name='body']").fill("Le long de la Loire, **à l'ombre**.")
    form.locator("input[name='pillar'][value='participation']").check()
    with author.expect_navigation():
        submit_button(form).click()
    idea = Contribution.objects.get(title=XSS_TITLE)
    assert author.url.endswith(idea.get_absolute_url())
    _checked(author, axe)
    assert author.locator("h1").inner_text() == XSS_TITLE
    author.goto(reverse("contributions:list", kwargs={"space_slug": space.slug}))
    _checked(author, axe)
    assert author.get_by_text(XSS_TITLE).count() >= 1

    # 2. A second resident supports it and comments.
    neighbour = new_context().new_page()
    log_in(neighbour, SECOND_RESIDENT)
    neighbour.goto(idea.get_absolute_url())
    with neighbour.expect_navigation():
        neighbour.locator("form.support-form button[type='submit']").click()
    form = main_form_with(neighbour, "textarea[name='body']")
    form.locator("input[name='stance'][value='for']").check()
    form.locator("textarea[name='body']").fill("Oui, et des fontaines aussi.")
    with neighbour.expect_navigation():
        submit_button(form).click()
    _checked(neighbour, axe)
    idea.refresh_from_db()
    assert (idea.support_count, idea.comment_count) == (1, 1)

    # 3. An agent answers: partly accepted, with a reason.
    unread_before = _unread(author)
    agent = new_context().new_page()
    log_in(agent, demo_city.agent)
    agent.goto(reverse("accountability:answer", kwargs={"pk": idea.pk}))
    _checked(agent, axe)
    form = main_form_with(agent, "textarea[name='answer']")
    form.locator(f"input[name='status'][value='{Status.PARTLY_ACCEPTED}']").check()
    form.locator("textarea[name='answer']").fill(
        "Des bancs oui, sur le quai de la Fosse ; pas de fontaines cette année."
    )
    with agent.expect_navigation():
        submit_button(form).click()
    idea.refresh_from_db()
    assert idea.status == Status.PARTLY_ACCEPTED
    assert idea.first_answered_at is not None

    # 4. The author sees the notification, follows it to the timeline with the reason.
    assert _unread(author) == unread_before + 1
    with author.expect_navigation():
        author.locator("header a[href='/notifications/']").click()
    _checked(author, axe)
    notification = author.locator(f"main a[href='{idea.get_absolute_url()}']").first
    assert notification.inner_text().startswith("La ville a répondu à « Des bancs <script>")
    assert "Partiellement retenue" in notification.inner_text()
    with author.expect_navigation():
        notification.click()
    assert author.url.endswith(idea.get_absolute_url())
    timeline = author.locator("main").inner_text()
    assert "Partiellement retenue" in timeline
    assert "pas de fontaines cette année" in timeline
    assert agent_name_hidden(timeline)
    _checked(author, axe)


def _unread(page: Page) -> int:
    """The unread count the header shows, e.g. 3 for "Notifications (3)"."""
    page.goto("/")
    label = page.locator("header a[href='/notifications/']").inner_text()
    return int(label.rsplit("(", 1)[1].rstrip(")"))


def agent_name_hidden(text: str) -> bool:
    """The answer is signed by the agent's service, never by the agent's own name."""
    from commune.accounts.models import Resident

    agent = Resident.objects.get(email="agent@demo.commune.fr")
    return agent.display_name not in text and agent.service.name in text


def test_an_agent_types_in_a_paper_contribution(page: Page, axe: Axe, demo_city: DemoCity) -> None:
    space = Space.objects.get(slug="grand-debat-loire")
    log_in(page, demo_city.agent)
    page.goto(reverse("contributions:enter", kwargs={"space_slug": space.slug}))
    _checked(page, axe)
    form = main_form_with(page, "input[name='title']")
    form.locator("[name='channel'] >> nth=0").evaluate("el => el")  # the field is there
    channel = form.locator("[name='channel']")
    if channel.first.evaluate("el => el.tagName") == "SELECT":
        channel.select_option(Channel.PAPER)
    else:
        form.locator(f"input[name='channel'][value='{Channel.PAPER}']").check()
    form.locator("input[name='author_name']").fill("Mme Le Goff")
    form.locator("input[name='title']").fill("Un ponton pour les canoës")
    form.locator("textarea[name='body']").fill("Déposé à la mairie annexe de Chantenay.")
    form.locator("input[name='pillar'][value='co_production']").check()
    with page.expect_navigation():
        submit_button(form).click()
    entered = Contribution.objects.get(title="Un ponton pour les canoës")
    assert (entered.channel, entered.author_id, entered.author_name) == (
        Channel.PAPER,
        None,
        "Mme Le Goff",
    )
    assert entered.status_changes.filter(status=Status.RECEIVED).exists()
    page.goto(entered.get_absolute_url())
    _checked(page, axe)
    text = page.locator("main").inner_text()
    assert "Mme Le Goff" in text
    assert "papier" in text.lower()
    # It counts like an online one: it is in the space's list with the others.
    page.goto(reverse("contributions:list", kwargs={"space_slug": space.slug}) + "?channel=paper")
    assert page.get_by_text("Un ponton pour les canoës").count() == 1
