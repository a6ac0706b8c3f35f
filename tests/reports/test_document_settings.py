"""The 公文设置 page: the zone's office edits its 发文机关标志, 机关代字, 印发机关 and 抄送; a user of
another zone is not told the page exists; a bad value gets a Chinese message and changes nothing."""

import pytest

from tests.factories import role_user
from zonework.core import clock
from zonework.core.models import AuditEntry
from zonework.reports.models import DocumentSettings

GOOD = {"mark": "武汉经济技术开发区管理委员会文件", "number_prefix": "武开管", "printer": "武汉经开区党政办公室",
        "copy_to": "市商务局、市统计局。", "first_number": 12}


def url(zone):
    return f"/reports/settings/{zone.pk}/"


def test_the_office_sees_the_defaults_then_saves_its_settings(zone, supervisor, login):
    client = login(supervisor)
    response = client.get("/reports/settings/")
    assert response.status_code == 302 and response["Location"] == url(zone)
    page = client.get(url(zone)).content.decode()
    assert "尚未保存设置" in page and "武汉经济技术开发区管委会文件" in page  # default from the issuer's name
    assert f"武开〔{clock.today().year}〕1号" in page  # the next 发文字号

    response = client.post(url(zone), GOOD, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "已保存" in page and f"武开管〔{clock.today().year}〕12号" in page
    saved = DocumentSettings.objects.get(zone=zone)
    assert saved.mark == GOOD["mark"] and saved.copy_to == "市商务局、市统计局"  # the closing 。 is dropped
    assert saved.first_number_year == clock.today().year
    assert AuditEntry.objects.filter(event="report.document_settings_saved").exists()
    created = AuditEntry.objects.filter(content_type__model="documentsettings", object_id=str(saved.pk))
    assert created.exclude(event="report.document_settings_saved").exists()  # the field snapshot

    client.post(url(zone), {**GOOD, "printer": "武汉经开区办公室"})
    saved.refresh_from_db()
    assert saved.printer == "武汉经开区办公室" and DocumentSettings.objects.count() == 1


def test_a_user_of_another_zone_gets_404_and_changes_nothing(zone, units, login):
    far = role_user("supervisor", units["far"], username="far_supervisor")
    client = login(far)
    assert client.get(url(zone)).status_code == 404
    assert client.post(url(zone), GOOD).status_code == 404
    assert not DocumentSettings.objects.filter(zone=zone).exists()


def test_a_unit_user_is_refused(zone, unit_user, login):
    assert login(unit_user).get(url(zone)).status_code == 403


@pytest.mark.parametrize("field, value, message", [
    ("number_prefix", "武开〔2026〕", "不含括号、年份、序号"),
    ("mark", "", "请填写发文机关标志。"),
    ("first_number", "0", "起始序号应为正整数。"),
    ("mark", "文" * 41, "发文机关标志不超过40个字。"),
])
def test_a_bad_value_gets_a_chinese_message(zone, supervisor, login, field, value, message):
    response = login(supervisor).post(url(zone), {**GOOD, field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentSettings.objects.filter(zone=zone).exists()


def test_the_action_refuses_another_zone(zone, other_zone, supervisor):
    from zonework.core.scope import ScopeDenied
    from zonework.reports import actions

    with pytest.raises(ScopeDenied, match="不在您的数据范围内"):
        actions.save_document_settings(other_zone, GOOD, acting_user=supervisor)
    assert AuditEntry.objects.filter(action="denied").exists()


def test_a_user_of_two_zones_switches_between_them(zone, other_zone, supervisor, login):
    supervisor.zones.add(other_zone)
    client = login(supervisor)
    page = client.get(url(zone)).content.decode()
    assert 'id="settings-zone-form"' in page and other_zone.name in page
    response = client.get("/reports/settings/", {"zone": other_zone.pk})
    assert response["Location"] == url(other_zone)
    page = client.get(url(other_zone)).content.decode()
    assert "宁波国家高新区管委会文件" in page and f"宁高〔{clock.today().year}〕1号" in page
