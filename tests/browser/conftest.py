"""Browser tests: Playwright for Python driving Debian's Chromium (no browser download)."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("ZONEWORK_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# live_server runs in a thread of this process; Playwright's sync API runs an event loop here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    if not shutil.which(CHROMIUM):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS,
                              env={**os.environ, "XDG_CONFIG_HOME": str(home), "XDG_CACHE_HOME": str(home)})
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(15000)
    yield pg
    context.close()


@pytest.fixture
def browser_login(page, live_server):
    def do(username, password):
        page.goto(f"{live_server.url}/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return do


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def sign_in(browser, live_server):
    """sign_in(username, phone=False) -> a page of its own browser context (a 390×844 touch phone when
    asked), logged in through the login page; several people can be signed in at once."""
    contexts = []

    def do(username, password="Zonework@2026", *, phone=False):
        context = browser.new_context(locale="zh-CN", **(PHONE if phone else {"viewport": {"width": 1400, "height": 900}}))
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        pg.goto(f"{live_server.url}/login/")
        pg.fill("#id_username", username)
        pg.fill("#id_password", password)
        pg.click("button[type=submit]")
        pg.wait_for_load_state("networkidle")
        return pg

    yield do
    for context in contexts:
        context.close()


@pytest.fixture
def channel_servers(settings):
    """A local SMTP server and a local 企业微信 robot, with the product's channels pointed at them:
    yields (smtp, hook) whose envelopes and posts are what left the product."""
    from tests.core.servers import WebhookServer, smtp_server

    with smtp_server() as (port, smtp), WebhookServer() as hook:
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.ZONEWORK_CHANNELS = [{"class": "zonework.core.channels.EmailChannel"},
                                      {"class": "zonework.core.channels.WeComRobotChannel",
                                       "webhook": f"{hook.url}/cgi-bin/webhook/send?key=test"}]
        yield smtp, hook


@pytest.fixture
def work_demo(transactional_db):
    """The demo's organisation and plans, with one more task of 招商局 (drafted, not yet handed over):
    work_demo(title, deadline) -> its plan."""
    import io

    from django.apps import apps

    from zonework.core import demo as core_demo
    from zonework.core.models import Unit, User
    from zonework.work import actions
    from zonework.work.models import Plan

    context = core_demo.load()
    apps.get_app_config("work").load_demo(context, io.StringIO())

    def add(title, deadline, number="15"):
        plan = Plan.objects.get(zone__name="武汉经济技术开发区")
        unit = Unit.objects.get(zone=plan.zone, name="招商局")
        actions.create_task(plan, {"title": title, "lead_unit": unit, "number": number, "position": int(number),
                                   "deadline": deadline(plan) if callable(deadline) else deadline},
                            acting_user=User.objects.get(username="supervisor"))
        return plan

    return add
