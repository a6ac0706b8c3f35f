"""Bad input on every writable API endpoint, as the administrator: never a 5xx, never a changed row.

The endpoints and their fields come from the OpenAPI schema (so an endpoint added tomorrow is fuzzed
too); the rows are compared before and after by count and by a digest of every column.
"""

import hashlib
import io
import json
import re

import pytest
from django.apps import apps
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator

from zonework.core.models import User

HUGE = "99999999999999999999999"
# JSON bodies are written by hand: "\ud800" must reach the server as an escape, 1e999 as a literal.
FIELD_VALUES = {
    "nul": '"a\\u0000b"',
    "surrogate": '"\\ud800"',
    "surrogate-in-object": '{"x": "\\ud800"}',
    "huge-int": HUGE,
    "huge-negative-int": "-" + HUGE,
    "inf": "1e999",
    "nested": "[" * 2000 + "]" * 2000,
}
# Only for numbers, ids and dates: in a text field these are fine texts.
NUMBER_VALUES = {
    "huge-int-string": f'"{HUGE}"',
    "inf-string": '"1e999"',
    "huge-negative-string": f'"-{HUGE}"',
    "nan-string": '"NaN"',
}
BODIES = {
    "null": "null",
    "list": "[]",
    "string": '"str"',
    "number": "1e999",
    "nested": '{"a": ' * 3000 + "1" + "}" * 3000,
    "nul-key": '{"\\u0000": 1}',
    "not-json": "{",
}
QUERY_VALUES = {
    "nul": "a%00b",
    "surrogate": "%ED%A0%80",
    "huge-int": HUGE,
    "inf": "1e999",
    "huge-negative": "-" + HUGE,
}


def snapshot():
    """{model label: (row count, digest of every row)} for the product's own models."""
    state = {}
    for model in apps.get_models():
        if not model.__module__.startswith("zonework."):
            continue
        rows = model._base_manager.order_by("pk").values_list()
        digest = hashlib.sha256(repr(list(rows)).encode("utf-8", "backslashreplace")).hexdigest()
        state[model._meta.label] = (len(rows), digest)
    return state


def endpoints():
    """(path template, method, {request body field: is it a number/id/date}, query parameter names)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    found = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            params = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
            fields = {}
            content = operation.get("requestBody", {}).get("content", {})
            body = content.get("application/json", {}).get("schema", {})
            ref = body.get("$ref")
            if ref:
                component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
                fields = {name: prop.get("type") in {"integer", "number"} or prop.get("format") in {"decimal", "date", "date-time"}
                          for name, prop in component.get("properties", {}).items()}
            found.append((path, method.upper(), fields, params))
    return found


def fill(path, first_ids):
    """The path with {id}-like parameters replaced by the first row of the endpoint's model."""
    key = path.split("{")[0]
    return re.sub(r"\{[^}]+\}", str(first_ids.get(key, 1)), path)


@pytest.mark.django_db
@pytest.mark.slow
def test_fuzz_every_writable_endpoint_gives_no_5xx_and_changes_nothing(api_client, tmp_path, monkeypatch, settings):
    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    admin = User.objects.get(username="admin")
    api_client.force_authenticate(admin)
    api_client.raise_request_exception = False  # a 500 is counted, not raised

    # A detail path gets a row that exists (so the body is read, not a 404): the list's first result.
    found = endpoints()
    first_ids = {}
    for path, method, _fields, _params in found:
        if method == "GET" and "{" not in path:
            response = api_client.get(path)
            data = response.json() if response.status_code == 200 else None
            rows = data.get("results", data) if isinstance(data, dict) else data
            if isinstance(rows, list) and rows and isinstance(rows[0], dict) and "id" in rows[0]:
                first_ids[path] = rows[0]["id"]

    before = snapshot()
    failures, sent = [], 0

    def send(method, path, body=None, query=""):
        nonlocal sent
        sent += 1
        url = path + (f"?{query}" if query else "")
        kwargs = {"content_type": "application/json", "data": body} if body is not None else {}
        response = getattr(api_client, method.lower())(url, **kwargs)
        if response.status_code >= 500:
            failures.append(f"{method} {url} {(body or '')[:60]!r} → {response.status_code}")
        return response

    for path, method, fields, params in found:
        url = fill(path, first_ids)
        if method == "GET":
            for name in params + ["limit", "offset", "page_size"]:
                for value in QUERY_VALUES.values():
                    send("GET", url, query=f"{name}={value}")
            if "{" in path:
                for value in (HUGE, "1e999", "-1", "a%00b"):
                    send("GET", re.sub(r"\{[^}]+\}", value, path))
            continue
        if method not in {"POST", "PUT", "PATCH"}:
            continue
        for body in BODIES.values():
            send(method, url, body)
        for field, numeric in fields.items():
            for value in [*FIELD_VALUES.values(), *(NUMBER_VALUES.values() if numeric else ())]:
                send(method, url, f'{{"{field}": {value}}}')

    assert sent > 500
    assert failures == [], f"{len(failures)} of {sent} requests gave 5xx:\n" + "\n".join(failures[:60])
    after = snapshot()
    changed = sorted(label for label in before if before[label] != after.get(label))
    assert changed == [], changed


def test_bodies_are_written_as_escapes():
    # The fuzz values must reach the server as JSON escapes, not as raw characters the client rejects.
    assert json.loads(FIELD_VALUES["surrogate"]) == "\ud800"
    assert json.loads(FIELD_VALUES["nul"]) == "a\x00b"
