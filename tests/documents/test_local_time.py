"""Dates of uploads and audit entries are Beijing dates: a report uploaded at 00:30 in Beijing (16:30 UTC
the day before) is listed, and named in the duplicate message, on the Beijing date."""

import datetime

import pytest
import time_machine
from django.test import Client

from tests.factories import PASSWORD
from zonework.core.models import AuditEntry
from zonework.documents.models import SourceDocument

from .helpers import plan_file

pytestmark = pytest.mark.django_db

HALF_PAST_MIDNIGHT_IN_BEIJING = datetime.datetime(2026, 6, 30, 16, 30, tzinfo=datetime.UTC)


def test_an_upload_after_midnight_is_dated_by_beijing(login, statistician):
    with time_machine.travel(HALF_PAST_MIDNIGHT_IN_BEIJING, tick=False):
        client = login(statistician)
        client.post("/documents/", {"files": [plan_file("a.txt")]})
        listing = client.get("/documents/").content.decode()
        page = client.get(client.post("/documents/", {"files": [plan_file("copy.txt")]})["Location"]).content.decode()
    assert "2026-07-01 00:30" in listing and "2026-06-30 16:30" not in listing
    assert "与已上传的“a.txt”内容相同（2026-07-01）" in page
    assert SourceDocument.objects.count() == 1


def test_audit_entries_show_beijing_time(login, statistician, auditor):
    with time_machine.travel(HALF_PAST_MIDNIGHT_IN_BEIJING, tick=False):
        login(statistician).post("/documents/", {"files": [plan_file("a.txt")]})
        entry = AuditEntry.objects.filter(content_type__model="sourcedocument").order_by("pk").first()
        assert entry is not None
        auditor_client = Client()
        assert auditor_client.post("/login/", {"username": auditor.username, "password": PASSWORD}).status_code == 302
        page = auditor_client.get("/audit/").content.decode()
        detail = auditor_client.get(f"/audit/{entry.pk}/").content.decode()
    assert "2026-07-01 00:30" in page
    assert "2026-07-01 00:30" in detail and "2026-06-30 16:30" not in detail
