"""Uploaded files on an S3-compatible store (ZONEWORK_STORAGE=s3, django-storages), as a deployment
with several hosts may choose instead of a shared directory. Against moto's S3 server on this machine:
a report uploaded by a user lands in the bucket, not on the web host's disk, the worker reads it from
there, and report files written by a job are served from the bucket."""

import importlib
import io
import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from django.test import override_settings

from zonework.documents import actions as document_actions
from zonework.documents.choices import DocumentStatus

pytest.importorskip("storages.backends.s3")
moto_server = pytest.importorskip("moto.server")
boto3 = pytest.importorskip("boto3")

REPO = Path(__file__).resolve().parents[2]
BUCKET = "zonework-test"
KEYS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


@pytest.fixture
def s3(tmp_path):
    server = moto_server.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="testing", aws_secret_access_key="testing")
    client.create_bucket(Bucket=BUCKET)
    storages = {
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": {
            "bucket_name": BUCKET, "endpoint_url": endpoint, "access_key": "testing", "secret_key": "testing",
            "region_name": "us-east-1", "default_acl": None, "querystring_auth": True, "file_overwrite": False}},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # MEDIA_ROOT points at an empty folder: anything written to the local disk instead of the bucket shows.
    local = tmp_path / "local-media"
    with override_settings(STORAGES=storages, MEDIA_ROOT=str(local)):
        yield client, local
    server.stop()


def _keys(client):
    return [o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])]


def test_an_uploaded_report_is_kept_in_the_bucket_and_read_from_it(s3, zone, admin_user):
    client, local = s3
    text = ("2012年工作总结\n一、主要指标\n全年完成规模以上工业总产值2020亿元，增长20%。\n").encode()
    document, created = document_actions.upload_document(zone, "2012年工作总结.txt", text, acting_user=admin_user)
    assert created
    document_actions.start_reading(document)
    document.refresh_from_db()

    assert document.status == DocumentStatus.READ, document.error
    assert document.file.name in _keys(client)
    assert client.get_object(Bucket=BUCKET, Key=document.file.name)["Body"].read() == text
    assert not any(local.rglob("*")), "a file was written to the web host's disk instead of the bucket"


def test_a_report_job_file_is_served_from_the_bucket(s3, login, admin_user, zone, units):
    from tests.reports import data

    client, local = s3
    data.full_year(zone, units)
    c = login(admin_user)
    response = c.post("/reports/jobs/", {"kind": "summary", "zones": [zone.pk], "year": 2012})
    assert response.status_code == 302
    detail = c.get(response["Location"]).content.decode()
    stored = [k for k in _keys(client) if k.startswith("reports/jobs/")]
    assert [k.rsplit(".", 1)[-1] for k in stored] == ["docx"]  # the summary is a .docx only
    name = stored[0].rsplit("/", 1)[-1]
    assert "files/" in detail
    file = c.get(f"{response['Location']}files/{name}")
    assert file.status_code == 200
    assert docx.Document(io.BytesIO(b"".join(file.streaming_content))).paragraphs[0].text == zone.name
    assert not any(local.rglob("*"))


def _settings_with(**env):
    """Import the settings module afresh in a child process with `env`; returns (exit code, output)."""
    code = "import zonework.settings as s; print(s.STORAGES['default']['BACKEND'])"
    full = {**os.environ, "PYTHONPATH": str(REPO / "src"), **env}
    done = subprocess.run([sys.executable, "-c", code], env=full, capture_output=True, text=True, timeout=60)
    return done.returncode, done.stdout + done.stderr


def test_the_storage_is_chosen_by_a_setting_with_a_clear_refusal():
    assert importlib.import_module("zonework.settings")  # the test run's own settings import
    ok, out = _settings_with(ZONEWORK_STORAGE="s3", ZONEWORK_S3_BUCKET="files")
    assert ok == 0 and "storages.backends.s3.S3Storage" in out
    code, out = _settings_with(ZONEWORK_STORAGE="s3", ZONEWORK_S3_BUCKET="")
    assert code != 0 and "ZONEWORK_S3_BUCKET" in out
    code, out = _settings_with(ZONEWORK_STORAGE="ftp")
    assert code != 0 and "filesystem" in out and "s3" in out
    ok, out = _settings_with(ZONEWORK_STORAGE="filesystem")
    assert ok == 0 and "FileSystemStorage" in out
