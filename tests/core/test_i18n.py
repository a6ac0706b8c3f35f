import re

import pytest


def test_english_switch_translates_the_layout_and_pages(login, supervisor):
    """The header's English button sets the language; navigation and page text follow it."""
    client = login(supervisor)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Welcome" in page and "Log out" in page and "Home" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "欢迎" in client.get("/").content.decode()


def test_the_cockpit_follows_the_english_switch(login, leader):
    client = login(leader)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Leader's cockpit" in page and "Key tasks" in page and "Service requests" in page
    assert "领导驾驶舱" not in page and "重点任务" not in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "领导驾驶舱" in client.get("/").content.decode()


def test_chinese_is_shown_to_an_english_browser_until_english_is_chosen(login, supervisor):
    client = login(supervisor)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "欢迎" in page and 'lang="zh-hans"' in page


def test_opening_the_api_schema_leaves_every_filter_label_in_chinese(login, admin_user):
    """After someone opens the API docs, the list pages still label their filters 状态, 类型, 来源 ...,
    not the English field names (Status, Kind, Source)."""
    import re

    from tests.core.pages import labels, list_urls

    client = login(admin_user)
    urls = list_urls()
    assert "/economy/observations/" in urls and "/units/" in urls, urls
    before = {url: labels(client.get(url).content.decode()) for url in urls}
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200
    after = {url: labels(client.get(url).content.decode()) for url in urls}
    assert after == before
    chinese = re.compile(r"[\u4e00-\u9fff]")
    english = {url: [t for t in texts if t and not chinese.search(t)] for url, texts in after.items()}
    assert not any(english.values()), english
    assert "来源" in after["/economy/observations/"] and "类型" in after["/units/"]



def test_home_cards_follow_the_english_switch(login, admin_user):
    client = login(admin_user)
    chinese = client.get("/").content.decode()
    assert "在办企业诉求" in chinese and "新签约项目" in chinese
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "open service requests" in page and "projects signed in" in page and "Source documents" in page
    assert "在办企业诉求" not in page and "新签约项目" not in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "在办企业诉求" in client.get("/").content.decode()


# Page bodies in English: one test per page, on the demo the cockpit tests load. Data (unit names, task
# titles, amounts in 亿元) stays Chinese; the assertions name the page's own labels.
@pytest.fixture
def english(client, django_user_model):
    from tests.cockpit_demo import load_cockpit_demo

    load_cockpit_demo()

    def as_user(username):
        client.force_login(django_user_model.objects.get(username=username))
        client.post("/i18n/setlang/", {"language": "en", "next": "/"})
        return client
    return as_user


def _body(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.dates
def test_the_economy_dashboard_body_is_english(english):
    page = _body(english("leader"), "/economy/")
    assert "Targets and results by year" in page and "By month" in page and "How the lights are set" in page
    assert "Monthly statistics" in page and "Indicator library" in page
    assert "YoY" in page and "Growth vs target" in page and "Met" in page
    for chinese in ("目标与实际", "按月走势", "红黄绿灯的规则", "同比", "增速较目标", "上传记录", "指标库", "未完成"):
        assert chinese not in page, chinese


@pytest.mark.dates
def test_the_home_cards_and_to_do_list_are_english(english):
    client = english("admin")
    home = _body(client, "/")
    assert "To-do" in home and "Red task" in home and "Welcome, " in home
    assert "待办事项" not in home and "红灯任务" not in home
    todos = _body(client, "/todos/")
    assert "Handle service request" in todos and "Move stalled project" in todos and "An item leaves the list" in todos
    for chinese in ("办理企业诉求", "推进停滞项目", "事项办完后", "待办事项", ">已办<"):
        assert chinese not in todos, chinese


@pytest.mark.dates
def test_the_task_board_is_english(english):
    page = _body(english("supervisor"), "/work/")
    assert "Light rules" in page and "Red: past the deadline" in page and "Select all" in page
    assert "Export selected" in page and "days past the deadline" in page
    for chinese in ("灯色规则", "红灯：", "对勾选的任务", "全选", "导出选中", "已超过完成时限", "按计划推进"):
        assert chinese not in page, chinese


@pytest.mark.dates
def test_the_investment_board_and_funnel_are_english(english):
    client = english("leader")
    board = _body(client, "/investment/")
    assert "Investment project board" in board and "招商项目看板" not in board
    funnel = _body(client, "/investment/funnel/")
    assert "Investment funnel" in funnel and "Period" in funnel
    for chinese in ("招商漏斗", "期间", " 至 ", "月</option>"):
        assert chinese not in funnel, chinese


@pytest.mark.dates
def test_the_cockpit_cards_are_english(english):
    page = _body(english("leader"), "/")
    assert "Leader's cockpit" in page and "YoY" in page and "Target" in page
    for chinese in ("领导驾驶舱", "同比", "增速较目标", "年度指标", "重点任务"):
        assert chinese not in page, chinese


def test_the_message_and_notice_pages_are_english(english):
    client = english("supervisor")
    for url in ("/messages/", "/notices/"):
        page = _body(client, url)
        main = page[page.index("<main"):]

        labels = re.findall(r"<(?:h1|h2|th|button|label)[^>]*>([^<]*[\u4e00-\u9fff][^<]*)<", main)
        assert labels == [], (url, labels)
