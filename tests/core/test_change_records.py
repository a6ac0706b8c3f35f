"""Issue 13 §6, the audit side: every detail page of a record carries its own 变更记录, and the audit
viewer and the record's history show the zone's local time (Asia/Shanghai), not UTC."""

import datetime

import pytest
import time_machine

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    from tests.cockpit_demo import load_cockpit_demo

    return load_cockpit_demo()


def _pages():
    """(what, url) for one record of each kind that has a page of its own."""
    from zonework.core.models import Notice, Park, Unit, Zone
    from zonework.documents.models import SourceDocument
    from zonework.economy.models import Indicator, Observation, StatisticsUpload, Target
    from zonework.enterprises.models import Enterprise, ServiceRequest
    from zonework.investment.models import InvestmentProject, MajorProject
    from zonework.work.models import Task

    pages = [
        ("任务", Task.objects.first().get_absolute_url()),
        ("企业诉求", f"/enterprises/requests/{ServiceRequest.objects.first().pk}/"),
        ("企业", f"/enterprises/companies/{Enterprise.objects.first().pk}/"),
        ("招商项目", f"/investment/projects/{InvestmentProject.objects.first().pk}/"),
        ("重大项目", f"/investment/major-projects/{MajorProject.objects.first().pk}/"),
        ("预期目标", f"/economy/targets/{Target.objects.first().pk}/"),
        ("统计数据", f"/economy/observations/{Observation.objects.first().pk}/"),
        ("指标", f"/economy/indicators/{Indicator.objects.first().pk}/"),
        ("开发区", f"/zones/{Zone.objects.first().pk}/"),
        ("园区", f"/parks/{Park.objects.first().pk}/"),
        ("单位", f"/units/{Unit.objects.first().pk}/"),
    ]
    document = SourceDocument.objects.first()
    if document:
        pages.append(("来源文件", f"/documents/{document.pk}/"))
    upload = StatisticsUpload.objects.first()
    if upload:
        pages.append(("统计上传", f"/economy/uploads/{upload.pk}/"))
    notice = Notice.objects.first()
    if notice:
        pages.append(("通知公告", f"/notices/{notice.pk}/"))
    return pages


def test_every_detail_page_has_its_change_record(demo, client, django_user_model):
    from zonework.core.actions import publish_notice

    admin = django_user_model.objects.get(username="admin")
    publish_notice({"zone": admin.unit.zone, "title": "关于报送年度总结的通知", "body": "请于月底前报送。"},
                   acting_user=admin)
    client.force_login(admin)
    missing = []
    for what, url in _pages():
        response = client.get(url)
        assert response.status_code == 200, (what, url, response.status_code)
        page = response.content.decode()
        if 'id="audit-history"' not in page or "变更记录" not in page:
            missing.append((what, url))
    assert missing == []
    assert {what for what, _url in _pages()} >= {"通知公告", "任务", "预期目标"}


@pytest.mark.dates
def test_the_audit_viewer_and_a_records_history_show_local_time(db, zone, units, unit_user, client):
    from tests.enterprises.factories import make_enterprise
    from tests.factories import role_user
    from zonework.core.models import AuditEntry

    # 16:30 UTC is 00:30 the next morning in Wuhan.
    with time_machine.travel(datetime.datetime(2026, 6, 1, 16, 30, tzinfo=datetime.UTC), tick=False):
        firm = make_enterprise(unit_user, zone, units["invest"], name="武汉某光电有限公司")
    entry = AuditEntry.objects.filter(content_type__model="enterprise", object_id=str(firm.pk), action="create").get()
    client.force_login(unit_user)
    history = client.get(f"/enterprises/companies/{firm.pk}/").content.decode().split('id="audit-history"', 1)[1]
    assert "2026-06-02 00:30" in history and "2026-06-01 16:30" not in history
    client.force_login(role_user("auditor", units["office"], username="auditor7"))
    detail = client.get(f"/audit/{entry.pk}/").content.decode()
    assert "2026-06-02 00:30:00" in detail
    listing = client.get("/audit/").content.decode()
    assert "2026-06-02 00:30:00" in listing and "2026-06-01 16:30:00" not in listing
