"""A document a dead worker left 读取中 is failed by the watchdog with the reason, and can be retried."""

import datetime

import pytest
import time_machine
from django.core.management import call_command

from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.documents.models import SourceDocument

from .helpers import plan_file

pytestmark = pytest.mark.django_db


def test_watchdog_fails_a_document_stuck_reading_and_the_list_offers_retry(login, statistician, zone, settings,
                                                                            django_capture_on_commit_callbacks):
    settings.ZONEWORK_JOB_TIMEOUT_MINUTES = 30
    client = login(statistician)
    client.post("/documents/", {"files": [plan_file()]})
    document = SourceDocument.objects.get()
    # As a worker that died mid-reading leaves it.
    SourceDocument.objects.filter(pk=document.pk).update(status="reading", progress=40,
                                                         read_started_at=clock.now())
    call_command("watchdog")
    assert SourceDocument.objects.get().status == "reading"  # not yet past the timeout

    with time_machine.travel(clock.now() + datetime.timedelta(minutes=31)):
        call_command("watchdog")
    document.refresh_from_db()
    assert document.status == "failed"
    assert document.error == "读取超时：超过30分钟仍未读完（读取进程可能已中断），已标记为失败，可点“重试”重新读取。"
    assert AuditEntry.objects.filter(event="document.failed", object_id=str(document.pk)).exists()
    page = client.get("/documents/").content.decode()
    assert "读取超时" in page and f'action="/documents/{document.pk}/reread/"' in page and "重试" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/documents/{document.pk}/reread/")
    document.refresh_from_db()
    assert (document.status, document.error) == ("read", "")
