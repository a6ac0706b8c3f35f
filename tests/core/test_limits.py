"""Bad input is a Chinese 400 and changes nothing: the findings of issue 12 item 6, one by one."""

import pytest
from knox.models import AuthToken

from tests.work.factories import PlanFactory
from zonework.core.limits import InputRefused, parse_json
from zonework.core.models import Unit


@pytest.fixture
def admin_api(api_client, admin_user):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(admin_user)[1]}")
    return api_client


def raw(client, method, url, text):
    return getattr(client, method)(url, data=text, content_type="application/json")


def test_lone_surrogate_in_provenance_is_refused_and_the_lists_still_work(admin_api, zone, units, auditor):
    plan = PlanFactory(zone=zone)
    response = raw(admin_api, "patch", f"/api/work/plans/{plan.pk}/", '{"provenance": {"x": "\\ud800"}}')
    assert response.status_code == 400
    assert "代理码位" in response.json()["detail"]
    plan.refresh_from_db()
    assert plan.provenance != {"x": "\ud800"}
    for url in ("/api/work/plans/", "/api/work/tasks/"):
        assert admin_api.get(url).status_code == 200, url
    # the audit list is the audit administrator's (三员分立); it must still answer too
    admin_api.credentials(HTTP_AUTHORIZATION=f"Token {AuthToken.objects.create(auditor)[1]}")
    assert admin_api.get("/api/audit-entries/").status_code == 200


@pytest.mark.parametrize(("text", "words"), [
    ('{"name": "a\\u0000b"}', "空字符"),
    ('{"name": "\\udfff"}', "代理码位"),
    ('{"parent": 1e999}', "超出允许范围"),
    ('{"parent": 99999999999999999999999}', "超出允许范围"),
    ('{"aliases": ' + "[" * 100 + "]" * 100 + "}", "嵌套层数"),
    ('{"aliases": ' + "[" * 5000 + "]" * 5000 + "}", "嵌套层数"),
    ('{"name": NaN}', "NaN"),
    ("null", "JSON 对象"),
    ("[]", "JSON 对象"),
    ('"str"', "JSON 对象"),
    ("{", "有效的 JSON"),
])
def test_bad_json_is_a_chinese_400_and_saves_nothing(admin_api, units, text, words):
    unit = units["invest_sub"]
    response = raw(admin_api, "patch", f"/api/units/{unit.pk}/", text)
    assert response.status_code == 400
    assert words in str(response.json())
    assert Unit.objects.get(pk=unit.pk).name == "招商一科"


def test_an_oversized_json_body_is_refused(admin_api, units, settings):
    settings.ZONEWORK_JSON_MAX_BYTES = 1000
    response = raw(admin_api, "patch", f"/api/units/{units['econ'].pk}/", '{"name": "' + "经" * 2000 + '"}')
    assert response.status_code == 400 and "过大" in response.json()["detail"]


@pytest.mark.parametrize("query", [
    "limit=99999999999999999999999", "offset=99999999999999999999999", "parent=99999999999999999999999",
    "zone=-99999999999999999999999", "q=a%00b",
])
def test_bad_query_values_are_a_chinese_400(admin_api, units, query):
    response = admin_api.get(f"/api/units/?{query}")
    assert response.status_code == 400
    assert "查询参数" in response.json()["detail"]


def test_a_huge_id_in_the_path_is_a_400_not_a_500(admin_api, units):
    response = admin_api.get("/api/units/99999999999999999999999/")
    assert response.status_code == 400 and "访问地址" in response.json()["detail"]


def test_the_page_size_is_capped(admin_api, units, settings):
    settings.ZONEWORK_PAGE_MAX_LIMIT = 2
    data = admin_api.get("/api/units/?limit=999999").json()
    assert data["count"] > 2 and len(data["results"]) == 2


def test_a_nul_in_a_form_field_is_refused_on_pages_too(client, login, admin_user, units):
    client = login(admin_user)
    unit = units["econ"]
    response = client.post(f"/units/{unit.pk}/", {"name": "经信\x00局", "kind": unit.kind})
    assert response.status_code == 400
    assert "空字符" in response.content.decode()
    assert Unit.objects.get(pk=unit.pk).name == "经信局"


def test_parse_json_keeps_good_bodies_and_names_the_field():
    assert parse_json('{"name": "经信局", "n": -5, "x": 1.5, "ok": [true, null]}') == {
        "name": "经信局", "n": -5, "x": 1.5, "ok": [True, None]}
    with pytest.raises(InputRefused, match="^title：文本中含有不允许的空字符"):
        parse_json('{"title": "a\\u0000"}')
