"""The wiki's rules, through its services: editing, conflicts, revert, lock, verification."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from commune.accounts.models import Verification
from commune.core.models import AuditEvent
from commune.core.worddiff import counts, word_diff
from commune.wiki import services
from commune.wiki.markup import render_wiki
from commune.wiki.models import WikiPage
from tests.factories import ResidentFactory, SpaceFactory, WikiPageFactory, days_from_today

pytestmark = pytest.mark.django_db


def _edit(page, author, body, summary="Une précision"):
    page.refresh_from_db()
    return services.edit_page(
        page=page,
        body=body,
        summary=summary,
        author=author,
        base_number=page.current_revision.number,
    )


def test_a_resident_creates_a_page_with_its_first_revision(space, resident) -> None:
    page = services.create_page(
        space=space, title="  Jardins   partagés ", body="Texte", summary="Début", author=resident
    )
    assert page.title == "Jardins partagés"
    assert page.slug == "jardins-partages"
    assert page.current_revision.number == 1
    assert page.current_revision.author == resident
    assert AuditEvent.objects.filter(action="wiki:create", target_id=str(page.pk)).exists()


def test_a_title_that_clashes_by_case_or_accents_is_refused(space, resident, wiki_page) -> None:
    with pytest.raises(ValidationError) as error:
        services.create_page(
            space=space, title="JARDINS PARTAGES", body="Texte", summary="Début", author=resident
        )
    assert "title" in error.value.message_dict
    assert WikiPage.objects.count() == 1


def test_an_empty_summary_is_refused_and_nothing_is_saved(resident, wiki_page) -> None:
    with pytest.raises(ValidationError) as error:
        _edit(wiki_page, resident, "Un autre texte", summary="   ")
    assert "summary" in error.value.message_dict
    assert wiki_page.revisions.count() == 1


def test_each_edit_is_a_new_numbered_revision(resident, wiki_page) -> None:
    second = _edit(wiki_page, resident, "Le jardin ouvre le dimanche.")
    third = _edit(wiki_page, resident, "Le jardin ouvre tous les jours.")
    wiki_page.refresh_from_db()
    assert (second.number, third.number) == (2, 3)
    assert wiki_page.current_revision == third
    assert wiki_page.revisions.get(number=1).body == "Le jardin ouvre le samedi."


def test_an_edit_based_on_an_old_revision_is_a_conflict(resident, wiki_page) -> None:
    """Two residents open revision 1; the second to save gets a conflict, not an overwrite."""
    _edit(wiki_page, ResidentFactory(), "Le jardin ouvre le dimanche.")
    with pytest.raises(services.EditConflictError) as conflict:
        services.edit_page(
            page=wiki_page, body="Mon texte", summary="Moi", author=resident, base_number=1
        )
    assert conflict.value.current.number == 2
    wiki_page.refresh_from_db()
    assert wiki_page.current_revision.body == "Le jardin ouvre le dimanche."
    assert wiki_page.revisions.count() == 2


def test_revert_brings_back_an_old_text_as_a_new_revision(resident, wiki_page) -> None:
    _edit(wiki_page, resident, "Vandalisme")
    with translation.override("fr"):  # the summary is written in the reverter's language
        reverted = services.revert_page(
            page=wiki_page, to=wiki_page.revisions.get(number=1), author=resident
        )
    assert reverted.number == 3
    assert reverted.body == "Le jardin ouvre le samedi."
    assert reverted.reverted_from.number == 1
    assert reverted.summary == "Retour à la révision 1"
    assert wiki_page.revisions.count() == 3  # nothing erased
    assert AuditEvent.objects.filter(action="wiki:revert").exists()


def test_revert_to_the_current_text_is_refused(resident, wiki_page) -> None:
    with pytest.raises(ValidationError):
        services.revert_page(page=wiki_page, to=wiki_page.current_revision, author=resident)


def test_a_locked_page_refuses_residents_but_not_moderators(resident, moderator, wiki_page):
    services.lock_page(page=wiki_page, actor=moderator, reason="Guerre d'édition")
    wiki_page.refresh_from_db()
    assert wiki_page.is_locked
    with pytest.raises(PermissionDenied):
        _edit(wiki_page, resident, "Mon texte")
    with pytest.raises(PermissionDenied):
        services.revert_page(page=wiki_page, to=wiki_page.current_revision, author=resident)
    assert _edit(wiki_page, moderator, "Texte apaisé").number == 2
    services.unlock_page(page=wiki_page, actor=moderator)
    assert _edit(wiki_page, resident, "Mon texte").number == 3
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"wiki:lock", "wiki:unlock"} <= actions


def test_only_moderators_lock_and_a_reason_is_required(resident, moderator, wiki_page) -> None:
    with pytest.raises(PermissionDenied):
        services.lock_page(page=wiki_page, actor=resident, reason="Non")
    with pytest.raises(ValidationError):
        services.lock_page(page=wiki_page, actor=moderator, reason=" ")
    wiki_page.refresh_from_db()
    assert not wiki_page.is_locked


@pytest.mark.parametrize(
    ("space_asks", "resident_has", "may_edit"),
    [
        (Verification.UNVERIFIED, Verification.UNVERIFIED, False),  # never below an e-mail
        (Verification.UNVERIFIED, Verification.EMAIL, True),
        (Verification.EMAIL, Verification.EMAIL, True),
        (Verification.IN_PERSON, Verification.EMAIL, False),
        (Verification.IN_PERSON, Verification.IN_PERSON, True),
    ],
)
def test_editing_needs_the_spaces_verification_and_at_least_an_email(
    space_asks, resident_has, may_edit
) -> None:
    space = SpaceFactory(components=["wiki"], support_verification=space_asks)
    author = ResidentFactory(verification=resident_has)
    if may_edit:
        services.create_page(
            space=space, title="Page", body="Texte", summary="Début", author=author
        )
    else:
        with pytest.raises(PermissionDenied):
            services.create_page(
                space=space, title="Page", body="Texte", summary="Début", author=author
            )


def test_the_wiki_of_a_closed_space_is_read_only(resident) -> None:
    space = SpaceFactory(
        components=["wiki"], opens_on=days_from_today(-60), closes_on=days_from_today(-1)
    )
    page = WikiPageFactory(space=space)
    with pytest.raises(PermissionDenied):
        _edit(page, resident, "Trop tard")


# --- Differences and links --------------------------------------------------------------


def test_the_diff_keeps_accented_words_whole() -> None:
    pieces = word_diff("L'été à Nantes est doux.", "L'été à Nantes était très doux.")
    assert [(p.op, p.text) for p in pieces if p.op != "equal"] == [
        ("delete", "est"),
        ("insert", "était très"),
    ]
    assert counts(pieces) == {"deleted": 1, "inserted": 2}


def test_the_diff_treats_decomposed_accents_as_the_same_letters() -> None:
    """ "é" typed as e + combining accent equals the precomposed "é": no false change."""
    decomposed = "Le cafe\u0301 du quartier"
    assert all(p.op == "equal" for p in word_diff("Le café du quartier", decomposed))


def test_the_diff_of_a_long_page_finds_the_one_changed_word() -> None:
    paragraph = "La ville de Nantes et ses quartiers, de la Loire à l'Erdre. " * 200
    changed = paragraph.replace("l'Erdre", "la Sèvre", 1)
    pieces = word_diff(paragraph, changed)
    changes = [(p.op, p.text) for p in pieces if p.op != "equal"]
    assert changes == [("delete", "l'Erdre"), ("insert", "la Sèvre")]


def test_wiki_links_point_at_pages_or_at_the_form_that_creates_them(space, wiki_page) -> None:
    html = render_wiki(
        "Voir [[Jardins partagés]], [[jardins partages|le jardin]] et [[Compost]].", space
    )
    assert f'<a href="{wiki_page.get_absolute_url()}">Jardins partagés</a>' in html
    assert f'<a href="{wiki_page.get_absolute_url()}">le jardin</a>' in html
    assert 'class="wiki-missing"' in html
    assert "nouvelle-page/?title=Compost" in html


def test_wiki_text_is_sanitised_and_headings_stay_below_the_title(space) -> None:
    html = render_wiki("# Titre\n\n<script>alert(1)</script> [[<b>x</b>]]", space)
    assert "<script>" not in html
    assert "<b>" not in html
    assert "<h3>Titre</h3>" in html
    assert "<h1>" not in html
