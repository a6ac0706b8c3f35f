"""A progress report's attachment (issue 12 item 7): allowed types and size, refused in Chinese with
nothing saved; served by a view that checks the scope, as a download the browser does not render."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import role_user
from zonework.work.models import ProgressReport

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def post_report(client, task, upload):
    return client.post(f"/work/tasks/{task.pk}/report/", {"text": "签约项目3个", "progress": "35",
                                                           "attachment": upload})


def test_a_pdf_attachment_is_saved_linked_and_downloaded_by_those_in_scope(login, unit_user, tasks, client):
    task = tasks["t_invest"]
    client = login(unit_user)
    response = post_report(client, task, SimpleUploadedFile("签约情况.pdf", PDF, content_type="application/pdf"))
    assert response.status_code == 302
    report = ProgressReport.objects.get(task=task)
    page = client.get(f"/work/tasks/{task.pk}/").content.decode()
    link = re.search(r'<a href="([^"]+)" download[^>]*>附件</a>', page)[1]
    assert link == f"/work/reports/{report.pk}/attachment/"
    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert b"".join(download.streaming_content) == PDF


def test_the_download_is_refused_outside_the_data_scope(login, unit_user, tasks, client, units):
    task = tasks["t_invest"]
    post_report(login(unit_user), task, SimpleUploadedFile("a.pdf", PDF))
    report = ProgressReport.objects.get(task=task)
    client.logout()
    outsider = role_user("unit_user", units["office"], username="office1")  # sees 深化重点领域改革 only
    client.force_login(outsider)
    assert client.get(f"/work/reports/{report.pk}/attachment/").status_code == 404
    client.logout()
    assert client.get(f"/work/reports/{report.pk}/attachment/").status_code == 302  # to the login page


@pytest.mark.parametrize(("name", "content", "words"), [
    ("page.html", b"<script>alert(1)</script>", "附件类型不允许"),
    ("tool.exe", b"MZ\x90\x00", "附件类型不允许"),
    ("noext", b"abc", "附件类型不允许"),
    ("report.pdf", b"<html><script>alert(1)</script></html>", "内容与扩展名 .pdf 不符"),
    ("notes.txt", b"\x00\x01\x02binary", "不是文本文件"),
])
def test_a_disallowed_or_disguised_file_is_refused_and_nothing_is_saved(login, unit_user, tasks, name, content,
                                                                         words):
    task = tasks["t_invest"]
    client = login(unit_user)
    response = post_report(client, task, SimpleUploadedFile(name, content))
    assert words in response.content.decode() or any(words in str(m) for m in response.wsgi_request._messages)
    assert not ProgressReport.objects.filter(task=task).exists()


def test_a_file_over_the_size_limit_is_refused(login, unit_user, tasks, settings):
    settings.ZONEWORK_ATTACHMENT_MAX_MB = 1
    task = tasks["t_invest"]
    response = post_report(login(unit_user), task, SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1)))
    assert any("附件过大" in str(m) and "不能超过 1 MB" in str(m) for m in response.wsgi_request._messages)
    assert not ProgressReport.objects.filter(task=task).exists()


def test_the_api_refuses_a_bad_attachment_and_links_a_good_one_to_the_download(api_client, unit_user, tasks):
    api_client.force_authenticate(unit_user)
    task = tasks["t_invest"]
    bad = api_client.post(f"/api/work/tasks/{task.pk}/report/",
                          {"text": "x", "progress": "10", "attachment": SimpleUploadedFile("x.svg", b"<svg/>")},
                          format="multipart")
    assert bad.status_code == 400 and "附件类型不允许" in str(bad.json())
    good = api_client.post(f"/api/work/tasks/{task.pk}/report/",
                           {"text": "x", "progress": "10", "attachment": SimpleUploadedFile("x.png",
                                                                                            b"\x89PNG\r\n\x1a\n....")},
                           format="multipart")
    assert good.status_code == 201, good.content
    report = ProgressReport.objects.get(task=task)
    listed = api_client.get("/api/work/reports/").json()["results"][0]
    assert listed["attachment"].endswith(f"/work/reports/{report.pk}/attachment/")
    api_client.force_login(unit_user)
    assert api_client.get(f"/work/reports/{report.pk}/attachment/").status_code == 200
