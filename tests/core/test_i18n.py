def test_english_switch_translates_the_layout_and_pages(login, leader):
    """The header's English button sets the language; navigation and page text follow it."""
    client = login(leader)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert "Welcome" in page and "Log out" in page and "Home" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    assert "欢迎" in client.get("/").content.decode()
