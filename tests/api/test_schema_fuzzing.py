"""Property-based fuzzing of the read API against its own generated OpenAPI schema
(schemathesis): on SQLite and PostgreSQL alike, every answer to any input the schema allows,
and to many it does not, conforms to the schema and is never a 5xx."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as examples

from glossary.wsgi import application

pytestmark = pytest.mark.django_db


@pytest.fixture
def wsgi_in_the_test_transaction():
    """The WSGI application closes the database connection after each request; in a test
    that would close the test's own transaction (Django's test client keeps it the same way)."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield application
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


EXAMPLES = 40


def check_operation(operation, mode):
    @given(case=operation.as_strategy(generation_mode=schemathesis.GenerationMode(mode)))
    @examples(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def conforms(case):
        response = case.call()
        assert response.status_code < 500, (case.path, case.query, response.text[:500])
        case.validate_response(response)

    conforms()


@pytest.mark.parametrize("mode", ["positive", "negative"])
def test_every_answer_conforms_and_none_is_a_server_error(
    roles, settings, mode, wsgi_in_the_test_transaction
):
    settings.API_RATE = "100000/m"  # the fuzzer's many requests are not abuse
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", wsgi_in_the_test_transaction)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 6
    for operation in operations:
        if mode == "negative" and not operation.definition.raw.get("parameters"):
            continue  # nothing to get wrong in a request without parameters
        check_operation(operation, mode)
