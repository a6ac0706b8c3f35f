"""Importing reports: upload, duplicate, unreadable files, review with highlighted spans, commit."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from zonework.documents import actions
from zonework.documents.models import SourceDocument
from zonework.economy.models import Indicator, Observation, Target

from .helpers import PLAN, plan_file

pytestmark = pytest.mark.django_db


def upload(client, *files):
    return client.post("/documents/", {"files": list(files)})


def test_upload_reads_the_document_and_shows_it_for_review(login, statistician, zone):
    client = login(statistician)
    response = upload(client, plan_file())
    assert response.status_code == 302
    doc = SourceDocument.objects.get()
    assert (doc.status, doc.zone, doc.unit, doc.plan_year, doc.report_year) == ("read", zone, statistician.unit,
                                                                                2013, 2012)
    assert doc.read_seconds is not None and doc.progress == 100
    assert doc.record_counts() == {"results": 2, "targets": 3, "tasks": 0, "projects": 0}
    page = client.get(response["Location"]).content.decode()
    assert "已读取，请审阅后提交" in page and "2013年工作要点.txt" in page


def test_several_files_at_once_and_the_same_file_twice(login, statistician, zone):
    client = login(statistician)
    upload(client, plan_file("a.txt"), plan_file("b.txt", PLAN.replace("500", "510")))
    assert SourceDocument.objects.count() == 2
    page = client.get(upload(client, plan_file("copy.txt"))["Location"]).content.decode()
    assert "与已上传的“a.txt”内容相同" in page
    assert SourceDocument.objects.count() == 2


@pytest.mark.parametrize("name, data, reason", [
    ("scan.pdf", b"%PDF-1.4 garbage", "PDF 文件已损坏或不完整"),
    ("blob.txt", b"\x00\x01\x02binary" * 10, "二进制数据"),
    ("broken.docx", b"PK\x03\x04junk", "Word 文件已损坏"),
])
def test_an_unreadable_document_is_marked_failed_with_the_reason(login, statistician, name, data, reason):
    client = login(statistician)
    page = client.get(upload(client, SimpleUploadedFile(name, data))["Location"]).content.decode()
    doc = SourceDocument.objects.get()
    assert doc.status == "failed" and reason in doc.error
    assert reason in page
    with pytest.raises(Exception) as exc:
        actions.commit_document(doc, acting_user=statistician)
    assert "不能提交" in str(exc.value)
    assert Target.objects.count() == 0 and Observation.objects.count() == 0


def test_what_may_be_uploaded_is_what_the_reader_reads(login, statistician, zone):
    """A Markdown report is read like a text file; the size limit is the reader's 64 MB; a .zip of such files is offered too."""
    client = login(statistician)
    page = client.get("/documents/").content.decode()
    assert 'accept=".csv,.doc,.docx,.htm,.html,.md,.pdf,.shtml,.text,.txt,.wps,.xhtml,.zip"' in page
    assert "csv、doc、docx、htm、html、md、pdf、shtml、text、txt、wps、xhtml" in page
    upload(client, plan_file("2013年工作要点.md"))
    assert SourceDocument.objects.get().status == "read"
    with pytest.raises(ValidationError) as exc:
        actions.upload_document(zone, "big.txt", b"x" * (64 * 1024 * 1024 + 1), acting_user=statistician)
    assert exc.value.messages == ["“big.txt”超过 64 MB，不能上传。"]
    assert SourceDocument.objects.count() == 1


def test_unsupported_and_empty_files_are_refused(login, statistician):
    client = login(statistician)
    page = client.get(upload(client, SimpleUploadedFile("a.exe", b"MZ"))["Location"]).content.decode()
    assert "格式不支持" in page
    page = client.get(upload(client, SimpleUploadedFile("a.txt", b""))["Location"]).content.decode()
    assert "空文件" in page
    assert SourceDocument.objects.count() == 0


def test_review_page_highlights_each_record_beside_the_table(login, statistician):
    client = login(statistician)
    upload(client, plan_file())
    doc = SourceDocument.objects.get()
    page = client.get(f"/documents/{doc.pk}/?start=124&end=141").content.decode()
    assert re.findall(r'data-record="(\w+-\d)"', page) == ["results-0", "results-1", "targets-0", "targets-1",
                                                             "targets-2"]
    assert 'class="zw-targets zw-focus"' in page and 'id="span-124"' in page
    assert 'name="targets-0-indicator" value="规模以上工业总产值"' in page and "提交入库" in page


def test_reviewer_corrects_rejects_and_commits(login, statistician):
    client = login(statistician)
    upload(client, plan_file())
    doc = SourceDocument.objects.get()
    response = client.post(f"/documents/{doc.pk}/", {
        "do": "commit",
        "targets-0-decision": "accepted", "targets-0-growth_pct": "22", "targets-0-bound": "min",
        "targets-1-decision": "rejected",
        "results-1-decision": "rejected",
    })
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.status == "committed" and doc.committed_by == statistician
    targets = dict(Target.objects.values_list("indicator__name", "growth_pct"))
    assert targets == {"规模以上工业总产值": 22, "社会消费品零售总额": None}
    assert list(Observation.objects.values_list("indicator__name", flat=True)) == ["地区生产总值"]
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "已于" in page and "预期目标：新增2条" in page


def test_unknown_indicators_are_offered_for_creation(login, statistician):
    client = login(statistician)
    upload(client, plan_file())
    doc = SourceDocument.objects.get()
    client.post(f"/documents/{doc.pk}/", {"do": "save", "targets-2-decision": "accepted",
                                          "targets-2-indicator": "高新技术产业产值"})
    page = client.get(f"/documents/{doc.pk}/").content.decode()
    assert 'name="create_indicator" value="高新技术产业产值"' in page
    page = client.get(client.post(f"/documents/{doc.pk}/", {"do": "commit"})["Location"]).content.decode()
    assert "提交失败，未写入任何数据" in page and "指标“高新技术产业产值”不在指标库中" in page
    assert Target.objects.count() == 0
    client.post(f"/documents/{doc.pk}/", {"do": "commit", "create_indicator": "高新技术产业产值"})
    assert Target.objects.filter(indicator__name="高新技术产业产值", value=120).exists()
    assert Indicator.objects.filter(name="高新技术产业产值").exists()


def test_bad_corrections_are_refused_in_chinese(login, statistician):
    client = login(statistician)
    upload(client, plan_file())
    doc = SourceDocument.objects.get()
    page = client.get(client.post(f"/documents/{doc.pk}/", {"do": "commit", "targets-0-decision": "accepted",
                                                            "targets-0-growth_pct": "二十"})["Location"]).content.decode()
    assert "“二十”不是数字" in page and Target.objects.count() == 0


def test_status_fragment_polls_while_reading(login, statistician, zone):
    doc, _ = actions.upload_document(zone, "plan.txt", PLAN.encode(), acting_user=statistician)
    html = login(statistician).get(f"/documents/{doc.pk}/status/").content.decode()
    assert 'hx-trigger="load delay:1s"' in html and "progressbar" in html
    actions.read_document(doc.pk)
    html = login(statistician).get(f"/documents/{doc.pk}/status/").content.decode()
    assert "hx-get" not in html and "待审阅" in html


def test_unit_users_see_only_their_units_documents(login, statistician, unit_user, zone):
    actions.upload_document(zone, "plan.txt", PLAN.encode(), acting_user=statistician)
    assert "plan.txt" not in login(unit_user).get("/documents/").content.decode()


def test_import_command_reads_and_optionally_commits(tmp_path, zone, admin_user, capsys):
    path = tmp_path / "2013年工作要点.txt"
    path.write_text(PLAN, encoding="utf-8")
    call_command("import", str(path), zone="武汉经开区")
    assert SourceDocument.objects.get().status == "read" and Target.objects.count() == 0
    call_command("import", str(path), zone="武汉经济技术开发区", commit=True)
    out = capsys.readouterr().out
    assert "（已导入过）" in out and "已提交" in out
    assert Target.objects.count() == 3
    with pytest.raises(CommandError):
        call_command("import", str(path), zone="不存在的开发区")


def test_import_command_reports_an_unreadable_file(tmp_path, zone, admin_user):
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.4 garbage")
    with pytest.raises(CommandError):
        call_command("import", str(path), zone="武汉经济技术开发区", commit=True)
    assert SourceDocument.objects.get().status == "failed"


def test_api_lists_documents_with_their_records(api_client, statistician, leader, zone):
    api_client.force_authenticate(statistician)
    response = api_client.post("/api/documents/documents/", {"zone": zone.pk, "file": plan_file()},
                               format="multipart")
    assert response.status_code == 201 and response.json()["status"] == "read"
    doc_id = response.json()["id"]
    response = api_client.post(f"/api/documents/documents/{doc_id}/commit/", {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "committed"
    api_client.force_authenticate(leader)
    rows = api_client.get(f"/api/documents/documents/?zone={zone.pk}&plan_year=2013").json()["results"]
    assert rows[0]["records"]["targets"][0]["provenance"]["start"] == 124
    detail = api_client.get(f"/api/documents/documents/{doc_id}/").json()
    assert detail["text"].startswith("武汉经济技术开发区")
