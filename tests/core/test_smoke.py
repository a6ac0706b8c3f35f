def test_unit_user_sees_chinese_home_page(login, unit_user):
    client = login(unit_user)
    page = client.get("/").content.decode()
    assert "欢迎" in page and "招商局" in page
