"""The domain rules the database and the models enforce."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import (
    make_label,
    make_relation,
    make_responsibility,
    make_title,
)
from titles.models import Label, Relation, Title
from titles.normalize import compact, normalize

pytestmark = pytest.mark.django_db


def test_normalize_folds_case_diacritics_and_separators():
    assert normalize("  Marknads-KOORDINATÖR ") == "marknads koordinator"
    assert normalize("Säljare/Sales  Executive") == "saljare sales executive"
    assert compact("marknads koordinator") == "marknadskoordinator"
    assert compact("Google Ads-specialist") == "googleadsspecialist"


def test_saving_a_title_keeps_one_preferred_label_per_language():
    title = make_title("Marknadskoordinator", "Marketing Coordinator")
    preferred = title.labels.filter(kind="preferred").order_by("language")
    assert [(label.language, label.text) for label in preferred] == [
        ("en", "Marketing Coordinator"),
        ("sv", "Marknadskoordinator"),
    ]

    title.name_en = "Marketing Co-ordinator"
    title.save()
    preferred = title.labels.filter(kind="preferred", language="en")
    assert [label.text for label in preferred] == ["Marketing Co-ordinator"]


def test_renaming_to_an_existing_alternative_label_absorbs_it():
    title = make_title("Kundansvarig", "Account Manager")
    make_label(title, "Account Executive", language="en")
    title.name_en = "account executive"
    title.save()
    english = title.labels.filter(language="en")
    assert [(label.kind, label.text) for label in english] == [("preferred", "account executive")]


def test_label_stores_normalized_and_compact_forms():
    label = make_label(make_title(), "Webbredaktör", language="sv")
    assert (label.normalized, label.compact) == ("webbredaktor", "webbredaktor")
    label = make_label(make_title(), "Key Account-Manager", language="en")
    assert (label.normalized, label.compact) == ("key account manager", "keyaccountmanager")


def test_database_refuses_a_second_preferred_label_in_one_language():
    title = make_title()
    with pytest.raises(IntegrityError), transaction.atomic():
        Label.objects.create(title=title, text="Annat namn", language="sv", kind="preferred")


def test_validation_explains_a_second_preferred_label():
    title = make_title()
    label = Label(title=title, text="Annat namn", language="sv", kind="preferred")
    with pytest.raises(ValidationError) as error:
        label.full_clean()
    assert "already has a preferred name" in str(error.value.message_dict["kind"])


def test_a_title_cannot_have_the_same_label_twice_in_one_language():
    title = make_title()
    make_label(title, "Marknadsassistent", language="sv")
    duplicate = Label(title=title, text="marknads-assistent", language="sv", kind="hidden")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already" in str(error.value.message_dict["text"])
    # The same spelling in the other language is a different label.
    Label(title=title, text="Marknadsassistent", language="en", kind="alternative").full_clean()


def test_two_titles_may_share_an_alternative_label():
    first, second = make_title(), make_title()
    make_label(first, "Marketing Manager", language="en")
    shared = make_label(second, "Marketing Manager", language="en")
    assert [label.title for label in shared.collisions()] == [first]


def test_empty_label_is_refused_with_a_reason():
    label = Label(title=make_title(), text=" - ", language="sv", kind="alternative")
    with pytest.raises(ValidationError) as error:
        label.full_clean()
    assert "letters or digits" in str(error.value.message_dict["text"])


def test_title_needs_a_name_in_both_languages():
    title = Title(slug="x", name_sv="Namn", name_en="  ", field="marketing", seniority="mid")
    title.focus, title.profile = "both", "generalist"
    with pytest.raises(ValidationError) as error:
        title.full_clean()
    assert "name_en" in error.value.message_dict


def test_database_refuses_a_relation_to_itself():
    title = make_title()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_relation(title, title)
    with pytest.raises(ValidationError) as error:
        Relation(source=title, target=title, type="related").full_clean()
    assert "itself" in str(error.value)


def test_database_refuses_a_duplicate_relation():
    a, b = make_title(), make_title()
    make_relation(a, b, "next_step")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_relation(a, b, "next_step")
    with pytest.raises(ValidationError) as error:
        Relation(source=a, target=b, type="next_step").full_clean()
    assert "exists already" in str(error.value)


def test_a_symmetric_relation_is_stored_once():
    a, b = make_title(), make_title()
    make_relation(a, b, "confused_with")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_relation(b, a, "confused_with")
    with pytest.raises(ValidationError) as error:
        Relation(source=b, target=a, type="confused_with").full_clean()
    assert "both pages" in str(error.value)


def test_a_directed_relation_may_not_loop_back():
    a, b = make_title(), make_title()
    make_relation(a, b, "next_step")
    with pytest.raises(ValidationError) as error:
        Relation(source=b, target=a, type="next_step").full_clean()
    assert "loop" in str(error.value)
    # A different type between the same two titles is a different fact.
    Relation(source=b, target=a, type="related").full_clean()


def test_published_hides_drafts():
    published = make_title(status="published")
    make_title(status="draft")
    assert list(Title.objects.published()) == [published]


def test_with_counts_counts_each_thing_once():
    title, other, third = make_title(), make_title(), make_title()
    make_label(title, "Ett", language="sv")
    make_label(title, "Two", language="en")
    make_label(title, "Three", language="en")
    make_responsibility(title)
    make_responsibility(title)
    make_relation(title, other)
    make_relation(third, title, "next_step")
    counted = Title.objects.with_counts().get(pk=title.pk)
    # Each language also has its preferred label.
    assert (counted.labels_sv, counted.labels_en) == (2, 3)
    assert (counted.responsibility_count, counted.relation_count) == (2, 2)


def test_missing_text_finds_titles_with_a_gap_in_one_language():
    complete = make_title()
    no_english_definition = make_title(definition_en="")
    untranslated_duty = make_title()
    make_responsibility(untranslated_duty, text_en="")
    make_responsibility(complete)
    missing = set(Title.objects.missing_text("en"))
    assert missing == {no_english_definition, untranslated_duty}
    assert not Title.objects.missing_text("sv").exists()
