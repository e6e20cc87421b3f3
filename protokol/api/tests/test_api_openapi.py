"""Must show: schemathesis against /api/openapi.json finds no server error and no undocumented status code.

Runs in-process against the WSGI application (no network server) with a bounded number of examples per
operation: data that fits the schema and data that does not, with random ids and with the ids of real
objects, each example once as the public and once with a token (so that writes reach the services).
"""

from typing import get_args

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.generation.modes import GenerationMode

from protokol.api.schemas import OutcomeValue
from protokol.meetings.enums import Outcome

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MAX_EXAMPLES = 20


def _run(operation, mode: GenerationMode, secret: str, path_parameters: dict | None) -> None:
    @given(case=operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        database=None,
        derandomize=True,
    )
    def check(case) -> None:
        case.call_and_validate(checks=CHECKS)
        case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)

    try:
        check()
    except Unsatisfiable:
        # An operation without any input (GET /bodies) has no invalid data to send.
        assert not mode.is_positive


@pytest.fixture
def keep_connection():
    """The real WSGI application closes the database connection after each request, as in production;
    inside a test transaction it must stay open (what Django's test client does too)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_api_answers_only_documented_statuses(two_bodies, token_a, keep_connection):
    from protokol.people.models import Statement, Vote
    from protokol.people.tests.factories import seat
    from protokol.wsgi import application

    _token, secret = token_a
    a = two_bodies["Direktionen"]
    membership = seat(a["body"], "Anna Andersen", letter="A")
    real = {
        "meeting_id": a["draft"].pk,
        "item_id": a["open"].pk,
        "case_id": a["open"].case_id,
        "attachment_id": a["open"].attachments.first().pk,
        "person_id": membership.person_id,
        "membership_id": membership.pk,
        # Stored as such: the services take votes only once the meeting is held, and it is not.
        "vote_id": Vote.objects.create(item=a["open"], question="Indstillingen", result="adopted").pk,
        "statement_id": Statement.objects.create(item=a["open"], text="Imod.").pk,
    }
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15
    for operation in operations:
        names = {p.name for p in operation.path_parameters}
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            _run(operation, mode, secret, None)
        if names:
            _run(operation, GenerationMode.POSITIVE, secret, {n: real[n] for n in names})


def test_every_operation_declares_its_error_statuses(client):
    doc = client.get("/api/openapi.json").json()
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            codes = set(op["responses"])
            assert {"400", "401", "404"} <= codes, (method, path)
            if method != "get":
                assert {"403", "409"} <= codes, (method, path)


def test_the_outcome_literal_of_the_api_is_the_models_outcome_choices():
    assert list(get_args(OutcomeValue)) == list(Outcome.values)
