"""The statistics commit is set-based: its query count does not grow with the rows, every row it
changes has its audit entry with before and after, the audit chain still verifies, and a failure
leaves nothing written."""

from decimal import Decimal as D
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from zonework.core.audit import verify_chain
from zonework.core.models import AuditEntry
from zonework.economy import actions
from zonework.economy.models import Indicator, Observation, StatisticsUpload

pytestmark = pytest.mark.django_db


def staged(zone, user, indicators, ytd):
    rows = [{"indicator_id": i.pk, "unit": "亿元", "month_value": None, "ytd_value": str(ytd + n),
             "yoy_pct": "5.5"} for n, i in enumerate(indicators)]
    return StatisticsUpload.objects.create(zone=zone, year=2013, month=5, rows=rows, status="staged",
                                           filename="月报.xlsx", sha256="0" * 64, created_by=user)


def make_indicators(count, start=0):
    return Indicator.objects.bulk_create([Indicator(name=f"批量指标{start + n}", unit="亿元", family="test")
                                          for n in range(count)])


def commit_queries(zone, user, indicators, ytd):
    upload = staged(zone, user, indicators, ytd)
    with CaptureQueriesContext(connection) as queries:
        actions.commit_statistics_upload(upload, acting_user=user)
    return len(queries)


def observation_entries():
    return AuditEntry.objects.filter(content_type__model="observation")


def batches(rows):
    """How many INSERT/UPDATE batches the database takes for `rows` rows of the widest write (the
    audit entry): PostgreSQL takes them all at once, SQLite caps the parameters of a statement."""
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    size = min(actions._BATCH, connection.ops.bulk_batch_size(fields, [None] * rows) or rows)
    return -(-rows // size)


def test_query_count_grows_with_the_batches_not_the_rows(statistician, zone):
    few, many = make_indicators(50), make_indicators(500, start=50)
    # Three writes a batch at most: observations inserted or updated, their audit entries.
    allowed = 3 * (batches(500) - batches(50))
    # A first month of new rows, then the same month again: every row an update.
    for ytd in (100, 200):
        small, large = commit_queries(zone, statistician, few, ytd), commit_queries(zone, statistician, many, ytd)
        assert large - small <= allowed, (small, large, allowed)
    if connection.vendor == "postgresql":
        assert allowed == 0


def test_every_changed_row_has_its_entry_and_the_chain_verifies(statistician, zone):
    indicators = make_indicators(120)
    actions.commit_statistics_upload(staged(zone, statistician, indicators, 100), acting_user=statistician)
    assert Observation.objects.filter(zone=zone).count() == 120
    assert observation_entries().filter(action="create").count() == 120
    # Committing the same upload's rows again changes nothing: no entry.
    first = StatisticsUpload.objects.get()
    actions._write_month(zone, 2013, 5, first.rows, acting_user=statistician, source="statistics", upload=first)
    assert not observation_entries().filter(action="update").exists()
    # A second upload: every row now comes from it, so every row has its update entry.
    actions.commit_statistics_upload(staged(zone, statistician, indicators, 99), acting_user=statistician)
    updates = observation_entries().filter(action="update")
    assert updates.count() == 120
    entry = updates.get(object_id=str(Observation.objects.get(indicator=indicators[5]).pk))
    assert D(entry.before["ytd_value"]) == D(105)
    assert D(entry.after["ytd_value"]) == D(104)
    assert entry.changes[0]["field"] == "ytd_value" and entry.user_name == statistician.username
    assert entry.zone_id == zone.pk and entry.zone_name == zone.name
    broken, _head, total = verify_chain()
    assert broken is None and total == AuditEntry.objects.count()


def test_a_failure_mid_commit_writes_nothing(statistician, zone):
    indicators = make_indicators(60)
    actions.commit_statistics_upload(staged(zone, statistician, indicators, 100), acting_user=statistician)
    upload = staged(zone, statistician, indicators, 500)
    before = (AuditEntry.objects.count(), list(Observation.objects.order_by("pk").values_list("ytd_value", flat=True)))
    failing = mock.patch("zonework.core.audit._insert_entries", side_effect=RuntimeError("disk full"))
    with failing, pytest.raises(RuntimeError):
        actions.commit_statistics_upload(upload, acting_user=statistician)
    after = (AuditEntry.objects.count(), list(Observation.objects.order_by("pk").values_list("ytd_value", flat=True)))
    assert after == before
    upload.refresh_from_db()
    assert upload.status == "staged"
    assert verify_chain()[0] is None


def test_the_page_commits_through_a_background_job(login, statistician, zone):
    from zonework.core.models import Job

    upload = staged(zone, statistician, make_indicators(30), 100)
    client = login(statistician)
    response = client.post(f"/economy/uploads/{upload.pk}/")
    assert response.status_code == 302 and "/economy/" in response["Location"]
    job = Job.objects.get(kind="zonework.economy.actions.commit_statistics_job")
    assert job.status == "done" and job.progress == 100 and "已入库（30项指标）" in job.message
    assert Observation.objects.filter(zone=zone).count() == 30
    # A second commit of the same upload is refused with the reason, nothing written twice.
    page = client.post(f"/economy/uploads/{upload.pk}/", follow=True).content.decode()
    assert "已经入库，不能重复提交" in page
    assert Observation.objects.filter(zone=zone).count() == 30
