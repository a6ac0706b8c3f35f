"""Re-importing a revised report updates what was committed from it; the review page shows the diff."""

import re
import time

import pytest

from zonework.core.models import AuditEntry
from zonework.core.similarity import pair, text_similarity
from zonework.documents import actions
from zonework.documents.models import SourceDocument
from zonework.documents.revisions import find_original
from zonework.work.models import Plan, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhan(admin_user):
    from zonework.core import demo as core_demo

    return core_demo.load()["zones"]["武汉经济技术开发区"]


@pytest.fixture
def seed_001(shared_dir):
    return sorted((shared_dir / "seeds").glob("001_*.txt"))[0].read_text("utf-8")


def imported(zone, name, text, user):
    document, created = actions.upload_document(zone, name, text.encode("utf-8"), acting_user=user)
    assert created
    return actions.read_document(document.pk)


def test_explore(wuhan, seed_001, admin_user):
    doc = imported(wuhan, "001.txt", seed_001, admin_user)
    print(doc.record_counts())
    for t in doc.kind_records("tasks")[:3]:
        print(t)
    print(doc.kind_records("projects")[:3], doc.kind_records("targets")[:3])
    doc = actions.commit_document(doc, acting_user=admin_user, options={"expand_groups": True})
    print(doc.commit_summary)
    assert 0
