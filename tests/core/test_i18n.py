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
