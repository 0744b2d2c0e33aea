"""What the public API shows and hides, its filters, pages and refusals, through HTTP."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.api.conftest import SECRET_EMAIL

LISTS = [
    "neighbourhoods",
    "spaces",
    "contributions",
    "comments",
    "decisions",
    "meetings",
    "budgets",
    "projects",
    "texts",
    "text-versions",
    "amendments",
    "documents",
]


def _get(client: Any, path: str, **params: Any) -> Any:
    return client.get(f"/api/v1/{path}", params)


def _titles(response: Any) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def test_every_list_answers_json_pages(client, city) -> None:
    """Each list is a JSON page with a count, next and previous links and results."""
    for name in LISTS:
        response = _get(client, f"{name}/")
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/json"
        body = response.json()
        assert set(body) == {"count", "next", "previous", "results"}, name
        assert body["count"] >= 1, name


def test_no_personal_data_anywhere(client, city) -> None:
    """No e-mail, demographics, supporter or voter comes out of any list or detail."""
    paths = [f"{name}/" for name in LISTS] + [
        f"contributions/{city.contribution.pk}/",
        f"meetings/{city.meeting.pk}/",
        f"amendments/{city.amendment.pk}/",
        f"budgets/{city.budget.pk}/",
    ]
    bodies = [_get(client, path).json() for path in paths]
    everything = json.dumps(bodies, ensure_ascii=False)
    assert "Camille du quai" in everything  # the name the author chose is there
    for secret in (SECRET_EMAIL, "soutien.secret@example.org", "@example.org", "woman", "30-44"):
        assert secret not in everything
    keys = set().union(*(_keys(body) for body in bodies))
    private = {"email", "gender", "age_band", "occupation", "resident", "supporters", "voters"}
    assert not keys & private
    assert not {key for key in keys if "ip" in key.split("_")}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(_keys(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(_keys(item) for item in value))
    return set()


def test_contribution_shows_its_timeline_answer_and_decision(client, city) -> None:
    body = _get(client, f"contributions/{city.contribution.pk}/").json()
    assert body["author"] == "Camille du quai"
    assert [step["status"] for step in body["timeline"]] == ["under_study"]
    assert body["timeline"][0]["answer"] == "Le service des espaces verts étudie la demande."
    assert body["timeline"][0]["signed_by"] == "Espaces verts"
    assert body["decisions"] == [city.decision.pk]


def test_hidden_and_draft_rows_are_left_out(client, city) -> None:
    """Hidden contributions and comments, and everything of a draft space, never show."""
    titles = _titles(_get(client, "contributions/"))
    assert titles == ["Des bancs sur le quai"]
    for row in (city.hidden_contribution, city.draft_contribution):
        assert _get(client, f"contributions/{row.pk}/").status_code == 404
    comments = _get(client, "comments/").json()["results"]
    assert [comment["body"] for comment in comments] == ["Bonne idée"]
    assert _get(client, f"comments/{city.hidden_comment.pk}/").status_code == 404
    assert _get(client, "spaces/brouillon/").status_code == 404
    assert "Réunion en brouillon" not in _titles(_get(client, "meetings/"))
    assert "Budget en brouillon" not in _titles(_get(client, "budgets/"))


def test_feasibility_review_shows_only_once_published(client, city) -> None:
    reviewed = _get(client, f"projects/{city.reviewed_project.pk}/").json()
    assert reviewed["review"]["reason"] == "Faisable sur le domaine public."
    waiting = _get(client, f"projects/{city.unreviewed_project.pk}/").json()
    assert waiting["review"] is None
    assert "Brouillon de l'avis" not in json.dumps(waiting)


def test_budget_results_only_once_counted(client, city) -> None:
    counted = _get(client, f"budgets/{city.budget.pk}/").json()
    assert counted["phase"] == "results"
    assert [row["id"] for row in counted["results"]["projects"]] == [city.reviewed_project.pk]
    city.budget.results = None
    city.budget.vote_closed_at = None
    city.budget.save()
    assert _get(client, f"budgets/{city.budget.pk}/").json()["results"] is None


def test_meeting_has_counts_agenda_and_minutes(client, city) -> None:
    body = _get(client, f"meetings/{city.meeting.pk}/").json()
    assert body["registered_count"] == 1
    assert body["attendance"] == {"total": 2, "registered_online": 1, "walk_in": 0, "paper": 1}
    assert [item["title"] for item in body["agenda"]] == ["Les bancs"]
    assert body["minutes"]["body"] == "Compte rendu."
    assert body["votes"][0]["result"] == "adopted"
    assert "Dominique" not in json.dumps(body)
    upcoming = _get(client, "meetings/", upcoming="true").json()["results"]
    assert [row["attendance"] for row in upcoming] == [None]


def test_amendment_counts_support_and_opposition(client, city) -> None:
    body = _get(client, f"amendments/{city.amendment.pk}/").json()
    assert (body["support_count"], body["oppose_count"], body["comment_count"]) == (2, 1, 1)
    assert body["paragraph_reference"] == "§1.1"


def test_text_versions_hold_sections_and_paragraphs(client, city) -> None:
    text = _get(client, f"texts/{city.text.pk}/").json()
    assert [version["number"] for version in text["versions"]] == [1]
    version = _get(client, f"text-versions/{text['versions'][0]['id']}/").json()
    assert [section["title"] for section in version["sections"]] == [
        "Droits des habitants",
        "Engagements de la ville",
    ]
    assert version["sections"][1]["paragraphs"][0]["reference"] == "§2.1"


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"space": "atelier-public"}, ["Des bancs sur le quai"]),
        ({"space": "brouillon"}, []),
        ({"status": "under_study"}, []),
        ({"status": "received"}, ["Des bancs sur le quai"]),
        ({"neighbourhood": "nantes-nord"}, ["Des bancs sur le quai"]),
        ({"kind": "proposal"}, []),
        ({"q": "bancs"}, ["Des bancs sur le quai"]),
        ({"q": "retiré"}, []),
    ],
)
def test_contribution_filters_match_the_web_list(client, city, params, expected) -> None:
    assert _titles(_get(client, "contributions/", **params)) == expected


def test_meeting_access_filter(client, city) -> None:
    titles = _titles(_get(client, "meetings/", step_free_access="true"))
    assert titles == [city.meeting.title]


@pytest.mark.parametrize(
    ("path", "params", "reason"),
    [
        ("contributions/", {"colour": "red"}, "colour"),
        ("contributions/", {"status": "lost"}, "lost"),
        ("contributions/", {"page": "2"}, "2"),
        ("contributions/", {"page": "two"}, "page"),
        ("contributions/", {"page": "0"}, "page"),
        ("contributions/", {"page_size": "1000"}, "100"),
        ("comments/", {"contribution": "abc"}, "contribution"),
        ("meetings/", {"childcare": "maybe"}, "childcare"),
        ("spaces/atelier-public/", {"kind": "process"}, "kind"),
        ("contributions/", {"space": "quai\x00"}, "NUL"),
        ("documents/", {"q": "\x00"}, "NUL"),
    ],
)
def test_bad_input_is_refused_with_a_reason(client, city, path, params, reason) -> None:
    response = _get(client, path, **params)
    assert response.status_code == 400
    assert reason in response.json()["detail"]


def test_pages_link_to_each_other(client, city) -> None:
    first = _get(client, "projects/", page_size="1").json()
    assert first["count"] == 2
    assert first["previous"] is None
    assert "page=2" in first["next"]
    second = client.get(first["next"]).json()
    assert second["next"] is None
    assert {first["results"][0]["id"], second["results"][0]["id"]} == {
        city.reviewed_project.pk,
        city.unreviewed_project.pk,
    }


def test_documents_published_only_with_their_text_in_the_detail(client, city) -> None:
    assert _titles(_get(client, "documents/")) == ["Dossier des quais"]
    assert "extracted_text" not in _get(client, "documents/").json()["results"][0]
    body = _get(client, f"documents/{city.document.pk}/").json()
    assert body["extracted_text"] == "Le quai sera ouvert."
    assert body["file_url"].endswith(".pdf")
    assert "published_by" not in body
    assert _titles(_get(client, "documents/", year="2025")) == []
    assert _get(client, "documents/", year="20x5").status_code == 400
