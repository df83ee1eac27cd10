"""The API against its own OpenAPI schema (schemathesis): generated GET requests never get a 500, and
every response, errors included, matches the schema.

Kept fast: a few examples per operation on the examples store; path ids are mostly random, so most
detail requests exercise the 404 error shape, and the list filters get arbitrary values.
(schemathesis' lazy ``from_fixture`` does not run under pytest 9, so the operations are walked here.)
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.web.test_api import build_examples_store

EXAMPLES_PER_OPERATION = 15


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory, nlp):
    from newstrace.web import create_app

    db = build_examples_store(tmp_path_factory.mktemp("web"), nlp)
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(db)).include(method="GET")


def check_case(case) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query}: {response.text}"
    case.validate_response(response)
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"} and body["error"]["status"] == response.status_code


def test_get_endpoints_conform_to_the_schema(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    labels = sorted(op.label for op in operations)
    assert "GET /api/articles" in labels and "GET /api/series/{series_id}" in labels
    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def run(case):
            check_case(case)

        run()
