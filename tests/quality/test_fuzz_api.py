"""Fuzzing the JSON API (issue 8, item 4): schemathesis generates requests from the OpenAPI schema
(/api/v1/schema/) and sends them in process to the WSGI app, as every role (token) and anonymously.
No answer may be a 5xx, and every documented answer must match the schema (status, body, content
type). Bounded: SIKSD_FUZZ_CONTOH examples per operation (default 12), valid and invalid data alike.

One pytest test per API operation, with the operation in its id, so one operation can be rerun by name:
    pytest "tests/quality/test_fuzz_api.py::test_api_tanpa_5xx_dan_sesuai_skema[GET /api/v1/ksdd/]"
We parametrize with pytest itself and draw cases from schemathesis's documented `as_strategy()`: with
pytest 9.2, `schema.parametrize()` gives all its items one node id, so pytest could neither select an
operation by name nor count progress past 1 %."""

import os

from django.core.wsgi import get_wsgi_application

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

from .matriks import ANONIM, SEMUA

CONTOH = int(os.environ.get("SIKSD_FUZZ_CONTOH", "12"))


def _skema() -> dict:
    """The schema /api/v1/schema/ serves, generated in process: the endpoint is for signed-in users only
    (docs/keamanan.md), and at import time there is no database to sign anyone in."""
    import json

    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    return json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(_skema())
schema.app = get_wsgi_application()
schema.location = "/api/v1/schema/"
PERIKSA = [not_a_server_error, response_schema_conformance, content_type_conformance]
# A schema the loader cannot turn into operations fails here, at collection, with its own error.
OPERASI = {hasil.ok().label: hasil.ok() for hasil in schema.get_all_operations()}


@pytest.fixture(autouse=True)
def _koneksi_tetap_terbuka():
    """schemathesis calls the WSGI app directly, so Django's close_old_connections runs at the end
    of each request and would close the test's connection inside its transaction (on PostgreSQL:
    "connection already closed"). Django's own test client disconnects it the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def objek_nyata(dunia):
    """Real ids per resource, so that fuzzed requests also reach real objects (owned and not)."""
    t = dunia.kasus_dishub.tenggat.first()
    return {
        "/api/v1/kerjasama/": [dunia.kasus_dishub.pk, dunia.kasus_disbudpar.pk],
        "/api/v1/tenggat/": [t.pk],
        "/api/v1/perangkat-daerah/": [dunia.pd_dishub.pk],
        "/api/v1/mitra/": [dunia.mitra_bogor.pk, dunia.mitra_pt.pk],
    }


@pytest.fixture
def token(dunia):
    """`token(peran)` → a valid token of that role. Fresh when needed: fuzzed calls of /auth/token/perbarui/,
    DELETE /auth/token/ and /auth/keluar-semua/ rotate or revoke the role's token on the way."""
    return lambda u: Token.objects.get_or_create(user=dunia.pengguna[u])[0].key


@pytest.mark.django_db
@pytest.mark.parametrize("label", sorted(OPERASI))
def test_api_tanpa_5xx_dan_sesuai_skema(label, token, objek_nyata):
    operasi = OPERASI[label]
    kasus = st.one_of(operasi.as_strategy(GenerationMode.POSITIVE), operasi.as_strategy(GenerationMode.NEGATIVE))

    @settings(max_examples=CONTOH, deadline=None, derandomize=True, database=None,
              phases=[Phase.generate],
              suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                     HealthCheck.filter_too_much, HealthCheck.data_too_large])
    @given(case=kasus, peran=st.sampled_from([*sorted(SEMUA), ANONIM]), nyata=st.integers(min_value=0, max_value=1))
    def periksa(case, peran, nyata):
        if "id" in (case.path_parameters or {}):
            for awalan, ids in objek_nyata.items():
                if case.path.startswith(awalan.removeprefix("/api/v1")) or case.formatted_path.startswith(awalan):
                    case.path_parameters["id"] = ids[nyata % len(ids)]
        headers = {} if peran == ANONIM else {"Authorization": f"Token {token(peran)}"}
        response = case.call(headers=headers)
        case.validate_response(response, checks=PERIKSA)

    periksa()
