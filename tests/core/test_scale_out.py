"""Scale-out on this machine: two gunicorn web processes and one Celery worker, as deploy/ runs them,
against a PostgreSQL database and Redis (broker and shared cache), with the uploaded files on one shared
directory.

What an operator relies on when putting a load balancer in front of N web processes:
- a login made through one process is valid on the other (sessions live in the database);
- a report uploaded through one process is read by the worker, not by the web request, and is then
  visible through the other process;
- a report job started on one process runs on the worker, and its file is downloaded through the other.

Runs when the suite runs on PostgreSQL (`DATABASE_URL=postgres://...`, as `.ci/run`'s second pass) and
Redis answers on ZONEWORK_TEST_REDIS (redis://127.0.0.1:6379/15); skipped otherwise with the reason.
The processes get their own database, created and dropped here, and their own Celery queue.
"""

import http.cookiejar
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
REDIS_URL = os.environ.get("ZONEWORK_TEST_REDIS", "redis://127.0.0.1:6379/15")
SEED = REPO.parent / "shared" / "seeds"

SETUP = """
import django
django.setup()
from tests.factories import UnitFactory, ZoneFactory, role_user
from tests.reports import data
zone = ZoneFactory(name="武汉经济技术开发区", short_name="武汉经开区")
office = UnitFactory(zone=zone, name="党政办公室", kind="office")
units = {"office": office, "supervision": UnitFactory(zone=zone, name="督查室", kind="office", parent=office),
         "invest": UnitFactory(zone=zone, name="招商局"), "econ": UnitFactory(zone=zone, name="经信局")}
units["invest_sub"] = UnitFactory(zone=zone, name="招商一科", parent=units["invest"])
data.full_year(zone, units)
role_user("admin", office, username="ops")
print(zone.pk)
"""
PASSWORD = "Test@Pass1234"  # tests/factories.PASSWORD


def _postgres_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else None


def _redis_answers():
    parts = urllib.parse.urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=2) as s:
            s.sendall(b"PING\r\n")
            return s.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(_postgres_url() is None, reason="scale-out test runs on PostgreSQL (DATABASE_URL=postgres://…)"),
    pytest.mark.skipif(not _redis_answers(), reason=f"Redis does not answer at {REDIS_URL}"),
]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def cluster(tmp_path):
    """Database, shared media directory, two gunicorn processes and a worker; torn down afterwards."""
    import psycopg

    base = urllib.parse.urlsplit(_postgres_url())
    name = f"zw_scaleout_{os.getpid()}_{secrets.token_hex(3)}"
    admin_url = base._replace(path="/postgres").geturl()
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    media = tmp_path / "shared-media"
    media.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": base._replace(path=f"/{name}").geturl(),
        "ZONEWORK_CELERY_BROKER_URL": REDIS_URL,
        "ZONEWORK_CELERY_QUEUE": f"zonework-test-{uuid.uuid4().hex[:8]}",
        "ZONEWORK_CACHE_URL": REDIS_URL,
        "ZONEWORK_MEDIA_ROOT": str(media),
        "ZONEWORK_VAR_DIR": str(tmp_path / "var"),
        "ZONEWORK_DEBUG": "0",
        "ZONEWORK_SECRET_KEY": secrets.token_urlsafe(50),
        "ZONEWORK_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "ZONEWORK_MANIFEST_STATIC": "0",
        "ZONEWORK_STATIC_ROOT": str(tmp_path / "static"),
        "PYTHONPATH": os.pathsep.join([str(REPO / "src"), str(REPO)]),
        "DJANGO_SETTINGS_MODULE": "zonework.settings",
    }
    env.pop("ZONEWORK_CELERY_EAGER", None)
    env.pop("ZONEWORK_TEST_TODAY", None)
    manage = [sys.executable, "-m", "zonework.manage"]
    procs = []
    logs = {}
    try:
        subprocess.run([*manage, "migrate", "--noinput", "-v", "0"], env=env, cwd=REPO, check=True, timeout=600)
        zone_pk = int(subprocess.run([sys.executable, "-c", SETUP], env=env, cwd=REPO, check=True, timeout=300,
                                     capture_output=True, text=True).stdout.split()[-1])
        ports = [free_port(), free_port()]
        for n, port in enumerate(ports):
            logs[f"web{n}"] = tmp_path / f"web{n}.log"
            procs.append(subprocess.Popen(
                [str(VENV_BIN / "gunicorn"), "-c", str(REPO / "deploy" / "gunicorn.conf.py"), "zonework.wsgi",
                 "-b", f"127.0.0.1:{port}", "-w", "1"],
                env=env, cwd=REPO, stdout=logs[f"web{n}"].open("w"), stderr=subprocess.STDOUT))
        logs["worker"] = tmp_path / "worker.log"
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "zonework", "worker", "--pool=solo", "-l", "info",
             "--without-heartbeat", "--without-gossip", "--without-mingle"],
            env=env, cwd=REPO, stdout=logs["worker"].open("w"), stderr=subprocess.STDOUT))
        urls = [f"http://127.0.0.1:{p}" for p in ports]
        for url in urls:
            _wait_for(url + "/login/", logs)
        _wait_for_worker(logs["worker"])
        yield {"urls": urls, "zone_pk": zone_pk, "media": media, "logs": logs, "procs": procs}
    finally:
        for proc in procs:
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _tail(logs):
    return "\n".join(f"--- {k}\n{p.read_text(errors='replace')[-3000:]}" for k, p in logs.items() if p.exists())


def _wait_for(url, logs, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.3)
    pytest.fail(f"{url} did not answer in {seconds} s\n{_tail(logs)}")


def _wait_for_worker(log, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if "ready." in log.read_text(errors="replace"):
            return
        time.sleep(0.3)
    pytest.fail(f"the Celery worker did not start in {seconds} s\n{log.read_text(errors='replace')[-3000:]}")


class Browser:
    """A cookie jar and urllib: what a browser sends, without one (no redirects followed)."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self):
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), self._NoRedirect)

    def csrf(self):
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def get(self, url):
        try:
            with self.opener.open(url, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def post(self, url, fields=(), files=(), referer=None):
        boundary = uuid.uuid4().hex
        body = bytearray()
        for key, value in fields:
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n').encode()
        for key, filename, data in files:
            body += (f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
                     f'filename="{filename}"\r\nContent-Type: application/octet-stream\r\n\r\n').encode()
            body += data + b"\r\n"
        body += f"--{boundary}--\r\n".encode()
        request = urllib.request.Request(url, data=bytes(body), method="POST", headers={
            "Content-Type": f"multipart/form-data; boundary={boundary}", "X-CSRFToken": self.csrf(),
            "Referer": referer or url})
        try:
            with self.opener.open(request, timeout=120) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()


def _poll(fetch, done, seconds=120, what=""):
    deadline = time.monotonic() + seconds
    last = None
    while time.monotonic() < deadline:
        last = fetch()
        if done(last):
            return last
        time.sleep(0.5)
    pytest.fail(f"{what} not done in {seconds} s; last answer: {str(last)[:1500]}")


def _report_text():
    seeds = sorted(SEED.glob("*.txt")) if SEED.is_dir() else []
    if seeds:
        return seeds[0].name, seeds[0].read_bytes()
    return "2012年工作总结.txt", (
        "武汉经济技术开发区2012年工作总结\n一、主要经济指标\n全年完成规模以上工业总产值2020亿元，增长20%。\n"
        "完成固定资产投资255亿元，增长25%。\n").encode()


def test_two_web_processes_and_a_worker_share_logins_files_and_jobs(cluster):
    a, b = cluster["urls"]
    logs = cluster["logs"]
    browser = Browser()

    # Log in on process A.
    status, _, _ = browser.get(a + "/login/")
    assert status == 200 and browser.csrf()
    status, headers, body = browser.post(a + "/login/", [("username", "ops"), ("password", PASSWORD)])
    assert status == 302, body.decode(errors="replace")[:2000]

    # The same session cookie is valid on process B; a stranger on B is sent to the login page.
    status, _, body = browser.get(b + "/")
    assert status == 200, f"B refused A's session ({status})\n{_tail(logs)}"
    assert "退出" in body.decode()
    stranger_status, stranger_headers, _ = Browser().get(b + "/")
    assert stranger_status == 302 and "/login/" in stranger_headers["Location"]

    # Upload a report through A: the web request only queues it ("正在读取"), the worker reads it.
    filename, content = _report_text()
    browser.get(a + "/documents/")
    status, headers, _ = browser.post(a + "/documents/", files=[("files", filename, content)])
    assert status == 302
    _, _, listing = browser.get(b + "/documents/")
    listing = listing.decode()
    assert filename in listing, "the document uploaded through A is not listed by B"
    pk = re.search(r'/documents/(\d+)/status/', listing) or re.search(r'href="/documents/(\d+)/"', listing)
    assert pk, listing[:2000]
    pk = pk.group(1)
    _, _, status_html = _poll(lambda: browser.get(f"{b}/documents/{pk}/status/"),
                              lambda r: "hx-trigger" not in r[2].decode(), what="reading the document")
    assert "失败" not in status_html.decode(), status_html.decode()
    worker_log = logs["worker"].read_text(errors="replace")
    assert re.search(r"Task documents\.read_document\[[^\]]+\] succeeded", worker_log), worker_log[-3000:]
    # B shows the review page of what the worker read (the figures of the report).
    status, _, review = browser.get(f"{b}/documents/{pk}/")
    assert status == 200 and "规模以上工业总产值" in review.decode()

    # A report job started on A runs on the worker; its file comes back through B.
    browser.get(a + "/reports/")
    status, headers, body = browser.post(a + "/reports/jobs/", [("kind", "summary"), ("zones", cluster["zone_pk"]),
                                                                 ("year", "2012")])
    assert status == 302, body.decode(errors="replace")[:2000]
    job_url = headers["Location"]
    _, _, progress = _poll(lambda: browser.get(b + job_url + "progress/"),
                           lambda r: "hx-get" not in r[2].decode(), what="the report job")
    assert "已完成" in progress.decode(), progress.decode()
    worker_log = logs["worker"].read_text(errors="replace")
    assert re.search(r"Task reports\.run_report_job\[[^\]]+\] succeeded", worker_log), worker_log[-3000:]
    _, _, detail = browser.get(b + job_url)
    link = re.search(r'href="(/reports/jobs/\d+/files/[^"]+\.docx)"', detail.decode())
    assert link, detail.decode()[:3000]
    status, headers, docx = browser.get(b + link.group(1))
    assert status == 200 and docx[:2] == b"PK", "the .docx the worker wrote is not served by B"
    # Written to the shared directory by the worker, not to a process's own disk.
    assert list((cluster["media"] / "reports" / "jobs").rglob("*.docx"))

    # What the operator would look at: the worker's own account of the two jobs, kept for the record.
    out = REPO / "test-artifacts" / "scale-out"
    out.mkdir(parents=True, exist_ok=True)
    lines = [line for line in worker_log.splitlines() if re.search(r"Task \S+\[[^\]]+\] (received|succeeded)", line)]
    (out / "worker.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (out / "summary.txt").write_text(
        f"web A {a}, web B {b}, worker (Celery, Redis broker), PostgreSQL, shared media {cluster['media']}\n"
        f"login on A valid on B: yes (B answered 200 with A's session; a fresh client got 302 to /login/)\n"
        f"document {filename} uploaded on A, read by the worker, review page served by B\n"
        f"report job {job_url} started on A, ran on the worker, {link.group(1)} served by B ({len(docx)} bytes)\n",
        encoding="utf-8")
