"""Reports that would inflate past the file limits are refused at upload, or fail when read."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.core.test_filelimits import bomb
from zonework.documents import actions as doc_actions
from zonework.documents.models import SourceDocument


def media_dir(settings):
    from pathlib import Path

    return Path(settings.MEDIA_ROOT)


@pytest.mark.django_db
def test_uploading_a_docx_bomb_is_refused_and_stores_nothing(login, statistician, settings):
    client = login(statistician)
    response = client.post("/documents/", {"files": [SimpleUploadedFile("炸弹.docx", bomb("word/document.xml"))]})
    page = client.get(response["Location"]).content.decode()
    assert "“炸弹.docx”解压后约300 MB，超过上限64 MB" in page
    assert SourceDocument.objects.count() == 0
    assert not list(media_dir(settings).rglob("*.docx"))


@pytest.mark.django_db
def test_a_stored_document_over_the_limits_fails_when_read_instead_of_being_parsed(
        statistician, zone, settings):
    """A file stored before the limits were lowered is checked again by the reading job."""
    data = bomb("word/document.xml", mb=3)
    document, _created = doc_actions.upload_document(zone, "旧.docx", data, acting_user=statistician)
    settings.ZONEWORK_FILE_LIMITS = {"zip_uncompressed_mb": 2}
    document = doc_actions.read_document(document.pk)
    assert document.status == "failed"
    assert document.error == "“旧.docx”解压后约3 MB，超过上限2 MB（可能是压缩炸弹），拒绝读取。"


