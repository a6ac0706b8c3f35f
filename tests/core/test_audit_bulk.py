"""The bulk audit path (record_bulk) takes shortcuts for speed: snapshots convert the common kinds of
value directly, the entries are inserted as plain columns and hashed without a JSON round trip. Here:
what an auditor reads back is what the slow, obvious way would have written, and the chain holds."""

import datetime
import json
from decimal import Decimal

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from zonework.core import clock
from zonework.core.audit import diff, record_bulk, verify_chain
from zonework.core.audit_chain import FIELDS, GENESIS, digest, digest_with_json
from zonework.core.models import AuditEntry
from zonework.investment.choices import Stage
from zonework.investment.models import InvestmentProject, ProjectReminder

pytestmark = pytest.mark.django_db


def round_trip(obj):
    """A snapshot as it was first defined: every field through DjangoJSONEncoder and back."""
    data = {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields if f.name not in obj.audit_exclude}
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def project(zone, unit, **fields):
    return InvestmentProject(**{
        "zone": zone, "unit": unit, "name": "东风雷诺整车项目", "stage": Stage.SIGNED, "stage_date": clock.today(),
        "agreed_investment": Decimal("65000.5000"), "fortune500": True,
        "provenance": {"document": 3, "spans": [(1, 2)], 7: "键是数字"}, **fields})


def test_a_snapshot_reads_as_the_json_round_trip_would(zone, units):
    unit = units["invest"]
    obj = project(zone, unit, land_area=Decimal("12.50"), expected_signing_date=datetime.date(2020, 2, 29))
    assert obj.snapshot() == round_trip(obj)
    snap = obj.snapshot()
    # A stage is kept as its code, a sum as its text, a date as ISO, a mapping's keys as text.
    assert snap["stage"] == "signed" and type(snap["stage"]) is str
    assert snap["agreed_investment"] == "65000.5000" and snap["expected_signing_date"] == "2020-02-29"
    assert snap["provenance"] == {"document": 3, "spans": [[1, 2]], "7": "键是数字"}
    moment = datetime.datetime(2021, 3, 4, 5, 6, 7, 891011, tzinfo=datetime.UTC)
    reminder = ProjectReminder(project=obj, date=datetime.date(2021, 3, 4), message="请推进", answered_at=moment)
    assert reminder.snapshot() == round_trip(reminder)
    assert reminder.snapshot()["answered_at"] == "2021-03-04T05:06:07.891Z"


def test_a_snapshot_and_its_diff_hash_the_same_without_the_round_trip(zone, units):
    unit = units["invest"]
    obj = project(zone, unit)
    before = obj.snapshot()
    obj.agreed_investment, obj.investor = Decimal("70000"), "雷诺"
    after = obj.snapshot()
    values = dict.fromkeys(FIELDS, "") | {"time": clock.now(), "user_id": None, "ip": None, "content_type_id": 1,
                                          "zone_id": zone.pk, "before": before, "after": after,
                                          "changes": diff(before, after, InvestmentProject)}
    # The bulk path skips the JSON round trip and encodes the JSON fields once, for the digest and the
    # column: same hash as the log's own check, and the text it stores reads back as the values.
    hashed, texts = digest_with_json(values, GENESIS, plain=True)
    assert hashed == digest(values, GENESIS)
    assert json.loads(texts["after"]) == after and texts["before"] is not None
    odd = values | {"after": {"spans": (1, 2), 7: "键是数字"}}
    assert digest_with_json(odd, GENESIS)[0] == digest(odd, GENESIS)


def test_bulk_entries_read_back_complete_and_the_chain_verifies(zone, units, admin_user):
    unit = units["invest"]
    first, second = project(zone, unit, created_by=admin_user), project(zone, unit, name="神龙汽车项目")
    first.save()
    second.save()
    before = second.snapshot()
    second.investor = "东风汽车集团"
    second.save()
    count = AuditEntry.objects.count()
    # An event's `after` comes from the caller and may hold tuples and number keys: hashed as stored.
    written = record_bulk([(first, None, True), (second, before, False), (second, second.snapshot(), False)],
                          events=[("project.created", first, "新建招商项目“东风雷诺整车项目”", {"stage": ("signed",), 1: "一"})])
    assert written == 3  # the update that changed nothing leaves no entry
    created, updated, event = AuditEntry.objects.filter(pk__gt=0).order_by("-id")[:3][::-1]
    assert AuditEntry.objects.count() == count + 3
    assert created.action == "create" and created.before is None and created.after == first.snapshot()
    assert created.object_id == str(first.pk) and created.object_repr == "东风雷诺整车项目"
    assert created.zone_id == zone.pk and created.zone_name == zone.name
    assert updated.action == "update" and updated.before == before and updated.after["investor"] == "东风汽车集团"
    assert updated.changes == [{"field": "investor", "before": "", "after": "东风汽车集团"}]
    assert event.event == "project.created" and event.after == {"stage": ["signed"], "1": "一"}
    assert event.message == "新建招商项目“东风雷诺整车项目”" and event.changes == []
    broken, _head, total = verify_chain()
    assert broken is None and total == AuditEntry.objects.count()
