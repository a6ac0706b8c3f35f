"""Hundreds of reports in one upload: a .zip of them is unpacked (after the zip-bomb checks) and read
file by file; past Django's limit on files in one POST the user is told what to do, in Chinese."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.factories import PASSWORD
from zonework.documents.models import SourceDocument

from .helpers import PLAN

pytestmark = pytest.mark.django_db


def archive(members, name="报告.zip"):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for member, data in members.items():
            zf.writestr(member, data)
    return SimpleUploadedFile(name, buf.getvalue())


def messages_after(client, response):
    assert response.status_code == 302
    return client.get(response["Location"]).content.decode()


def test_a_zip_of_reports_is_unpacked_and_each_one_read(login, statistician, zone):
    client = login(statistician)
    members = {f"2013/要点{n}.txt": PLAN.replace("500", str(500 + n)).encode() for n in range(12)}
    members["说明.exe"] = b"MZ"  # not a document: skipped
    page = messages_after(client, client.post("/documents/", {"files": [archive(members)]}))
    assert SourceDocument.objects.count() == 12
    assert sorted(SourceDocument.objects.values_list("filename", flat=True))[0] == "要点0.txt"
    # Twelve files are summed up in one line, not twelve.
    assert "共12个文件：已读取12个" in page


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(login, statistician, zone, settings):
    settings.ZONEWORK_FILE_LIMITS = {"zip_members": 3}
    client = login(statistician)
    members = {f"要点{n}.txt": PLAN.encode() for n in range(5)}
    page = messages_after(client, client.post("/documents/", {"files": [archive(members)]}))
    assert "内含5个部件，超过上限3个" in page and not SourceDocument.objects.exists()


def test_a_file_named_zip_that_is_not_one_is_refused(login, statistician, zone):
    client = login(statistician)
    page = messages_after(client, client.post("/documents/", {"files": [SimpleUploadedFile("坏.zip", b"nope")]}))
    assert "不是有效的 .zip 压缩文件" in page and not SourceDocument.objects.exists()


def test_more_files_than_the_limit_get_a_chinese_message(statistician, zone, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    # The CSRF check enforced, as in a browser: it is there that Django refuses the POST.
    client = Client(enforce_csrf_checks=True)
    client.get("/login/")
    client.post("/login/", {"username": statistician.username, "password": PASSWORD,
                            "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    client.get("/documents/")
    files = [SimpleUploadedFile(f"要点{n}.txt", PLAN.encode()) for n in range(5)]
    response = client.post("/documents/", {"files": files, "csrfmiddlewaretoken": client.cookies["csrftoken"].value})
    page = messages_after(client, response)
    assert "一次最多上传3个文件" in page and ".zip 压缩文件" in page
    assert not SourceDocument.objects.exists()
