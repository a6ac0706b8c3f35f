"""Stored text never runs as script: a payload in every free-text field of the demo, every page crawled.

A unit named 经信局</script><script>…</script> used to run script on /work/statistics/ (the chart data
went into a <script> with |safe). Here the payload goes into every plain text column of every demo row
the pages show, and the pages an administrator reaches from the home page are read for it unescaped.
"""

import io
import re
from collections import deque
from html import unescape

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from tests.core.pages import links, list_urls
from zonework.core.models import User

PAYLOAD = '</script><script>zwXss(1)</script><img src=x onerror=zwXss(2)>"\'<b id=zwb>'
DANGEROUS = ("<script>zwXss", "<img src=x onerror", "<b id=zwb>", '"\'<b')
# Columns the product reads as identifiers or structure, not as free text shown to users.
NOT_FREE_TEXT = {"password", "username", "path", "code", "request_id", "sha256", "file", "event",
                 "object_id", "object_repr", "ip", "language", "content_hash", "email", "credit_code",
                 "key", "token", "slug", "mime_type", "extension", "format"}
SKIP_URL = re.compile(r"^/(logout|i18n|static|media)/|[?&](export|format|download)=|/download/|\.xlsx|\.docx")
MAX_PAGES = 400
PER_SHAPE = 3  # pages of one kind (/work/tasks/N/) read: enough to see every template, not every row


def poison():
    """The payload appended to every free-text column of up to 20 rows per product model."""
    changed = 0
    for model in apps.get_models():
        if not model.__module__.startswith("zonework.") or model._meta.label in {"core.AuditEntry"}:
            continue
        fields = [f for f in model._meta.concrete_fields
                  if isinstance(f, models.CharField | models.TextField) and not f.choices
                  and f.name not in NOT_FREE_TEXT and not f.unique and f.editable]
        if not fields:
            continue
        for row in model._base_manager.order_by("pk")[:20]:
            for f in fields:
                value = getattr(row, f.attname) or ""
                room = (f.max_length or 10_000) - len(PAYLOAD)
                if room < 0:
                    continue
                setattr(row, f.attname, value[:room] + PAYLOAD)
            # Raw row writes on purpose: the payload is test data planted past the forms' own checks.
            model._base_manager.filter(pk=row.pk).update(**{f.attname: getattr(row, f.attname) for f in fields})
            changed += 1
    return changed


@pytest.mark.django_db
@pytest.mark.slow
def test_a_script_payload_in_every_text_field_never_reaches_a_page_unescaped(client, tmp_path, monkeypatch,
                                                                               settings):
    monkeypatch.setenv("ZONEWORK_DEMO_REPORTS", str(tmp_path / "no-reports"))
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())
    assert poison() > 50
    client.force_login(User.objects.get(username="admin"))

    queue = deque(["/", *list_urls()])
    seen, found, pages, shapes = set(queue), [], 0, {}
    while queue and pages < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        pages += 1
        html = response.content.decode()
        for bad in DANGEROUS:
            if bad in html:
                at = html.index(bad)
                found.append(f"{url}: …{html[max(0, at - 80):at + 40]!r}")
        for link in links(html):
            link = unescape(link)
            shape = re.sub(r"\d+", "N", link)
            if link not in seen and not SKIP_URL.search(link) and shapes.get(shape, 0) < PER_SHAPE:
                seen.add(link)
                shapes[shape] = shapes.get(shape, 0) + 1
                queue.append(link)
    assert pages > 60, pages
    # The payload is shown, escaped, on the pages that list the poisoned rows.
    assert found == [], "\n".join(found[:30])
