"""Reading a document again is a change of its status, on record with who asked for it."""

import pytest
from django.core.exceptions import ValidationError

from zonework.core.choices import AuditAction
from zonework.core.models import AuditEntry
from zonework.documents import actions
from zonework.documents.choices import DocumentStatus
from zonework.documents.models import SourceDocument

from .helpers import PLAN

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_document(zone, statistician):
    document, _ = actions.upload_document(zone, "要点.txt", PLAN.encode("utf-8"), acting_user=statistician)
    return actions.read_document(document.pk)


def entries(document, **filters):
    return AuditEntry.objects.filter(content_type__model="sourcedocument", object_id=str(document.pk), **filters)


def test_reread_is_logged_and_the_document_is_read_again_after_commit(read_document, statistician,
                                                                      django_capture_on_commit_callbacks):
    assert read_document.status == DocumentStatus.READ
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.reread_document(read_document, acting_user=statistician)
    event = entries(read_document, event="document.reread").get()
    assert event.user == statistician and "重新读取" in event.message
    assert (event.before, event.after) == ({"status": "read"}, {"status": "uploaded"})
    change = entries(read_document, action=AuditAction.UPDATE, user=statistician).latest("id")
    assert {"field": "status", "before": "read", "after": "uploaded"} in change.changes
    assert SourceDocument.objects.get(pk=read_document.pk).status == DocumentStatus.UPLOADED
    for callback in callbacks:  # the reading starts only once the reset has committed
        callback()
    assert SourceDocument.objects.get(pk=read_document.pk).status == DocumentStatus.READ


def test_a_committed_document_is_not_reread(read_document, statistician):
    SourceDocument.objects.filter(pk=read_document.pk).update(status=DocumentStatus.COMMITTED)
    with pytest.raises(ValidationError, match="已经提交，不能重新读取"):
        actions.reread_document(read_document, acting_user=statistician)
    assert SourceDocument.objects.get(pk=read_document.pk).status == DocumentStatus.COMMITTED
    assert not entries(read_document, event="document.reread").exists()
