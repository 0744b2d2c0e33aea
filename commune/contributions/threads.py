"""Comment threads built in Python from one query, shown grouped by stance or in order."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils.http import urlencode

from commune.contributions.models import Comment, Contribution, Stance

GROUPED = "grouped"
CHRONOLOGICAL = "chronological"
COMMENT_ORDERS = (GROUPED, CHRONOLOGICAL)
THREADS_PER_PAGE = 50
STANCE_ORDER = {Stance.FOR: 0, Stance.AGAINST: 1, Stance.NEUTRAL: 2}


@dataclass
class Node:
    """A comment and its replies (which have their own replies, three levels in all)."""

    comment: Comment
    replies: list[Node] = field(default_factory=list)


@dataclass
class StanceGroup:
    stance: str
    label: str
    threads: list[Node]


def build_threads(comments: list[Comment]) -> list[Node]:
    """The top-level comments in the order given, each with its replies nested under it."""
    nodes = {comment.pk: Node(comment) for comment in comments}
    children: dict[int | None, list[Node]] = defaultdict(list)
    for comment in comments:
        children[comment.parent_id].append(nodes[comment.pk])
    for node in nodes.values():
        node.replies = children.get(node.comment.pk, [])
    return children.get(None, [])


def comment_page(
    contribution: Contribution, *, order: str, page_number: str | None
) -> tuple[Page, list[StanceGroup]]:
    """One page of threads, and the same page split into stance groups when grouped.

    All the comments of the contribution come in one query (with their authors), so the
    number of queries stays the same whatever the number of comments; the threads are
    then paged in Python, so a page never splits a thread.
    """
    comments = list(
        Comment.objects.filter(contribution=contribution)
        .select_related("author")
        .order_by("created_at", "id")
    )
    threads = build_threads(comments)
    if order == GROUPED:
        threads.sort(key=lambda node: STANCE_ORDER.get(node.comment.stance, 3))
    page = Paginator(threads, THREADS_PER_PAGE).get_page(page_number)
    groups: list[StanceGroup] = []
    if order == GROUPED:
        for node in page.object_list:
            stance = node.comment.stance
            if not groups or groups[-1].stance != stance:
                groups.append(StanceGroup(stance, str(Stance(stance).label), []))
            groups[-1].threads.append(node)
    return page, groups


def comment_url(comment: Comment) -> str:
    """The address of a comment on its contribution's page, in order, on the right page."""
    root = comment
    while root.parent_id is not None:
        root = root.parent
    earlier = (
        Comment.objects.filter(contribution_id=comment.contribution_id, parent__isnull=True)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, id__lt=root.pk))
        .count()
    )
    query = urlencode({"comments": CHRONOLOGICAL, "cpage": earlier // THREADS_PER_PAGE + 1})
    path = reverse("contributions:detail", kwargs={"pk": comment.contribution_id})
    return f"{path}?{query}#comment-{comment.pk}"
