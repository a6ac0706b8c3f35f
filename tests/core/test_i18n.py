def test_english_switch_translates_the_layout_and_pages(login, leader):
    """The header's English button sets the language; navigation and page text follow it."""
    client = login(leader)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Welcome" in page and "Log out" in page and "Home" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "欢迎" in client.get("/").content.decode()


def test_chinese_is_shown_to_an_english_browser_until_english_is_chosen(login, leader):
    client = login(leader)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "欢迎" in page and 'lang="zh-hans"' in page
