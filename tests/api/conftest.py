"""Test data shared by the read API's tests."""

import pytest

from tests.factories import (
    make_label,
    make_relation,
    make_responsibility,
    make_source,
    make_tag,
    make_title,
    make_topic,
)
from titles.models import Status


@pytest.fixture
def roles(db):
    assistant = make_title("Marknadsassistent", "Marketing Assistant", slug="marknadsassistent",
                           seniority="entry", ssyk_code="3322", isco_code="3322")  # fmt: skip
    coordinator = make_title("Marknadskoordinator", "Marketing Coordinator",
                             slug="marknadskoordinator")  # fmt: skip
    seller = make_title("Säljare", "Salesperson", slug="saljare", field="sales")
    draft = make_title("Hemlig roll", "Secret role", slug="hemlig", status=Status.DRAFT)
    make_relation(assistant, coordinator, "next_step", note_sv="Mer ansvar.", note_en="More.")
    make_relation(assistant, draft, "related")
    make_relation(seller, assistant, "confused_with")
    make_label(assistant, "MA", "sv", "abbreviation")
    make_label(assistant, "marknadsasistent", "sv", "hidden")
    make_responsibility(assistant, "Planera kampanjer", "Plan campaigns")
    tag = make_tag("b2b", "Företag", "Business")
    assistant.tags.add(tag)
    seller.tags.add(tag)
    topic = make_topic(assistant, "nyhetsbrev", "newsletters")
    assistant.sources.add(make_source(title="Yrkesbeskrivning", url="https://example.org/a"))
    return {"assistant": assistant, "coordinator": coordinator, "seller": seller,
            "draft": draft, "tag": tag, "topic": topic}  # fmt: skip
