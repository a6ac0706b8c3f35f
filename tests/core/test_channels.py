"""Channels beyond the page: a message reaches a local SMTP server and local 企业微信 / 钉钉 webhook
servers with the documented JSON; a failing webhook is retried, shown to the admin as failed, and
sent by 重试 once the far end works again; a message is never sent twice."""

import base64
import hashlib
import hmac

import pytest

from tests.core.servers import WebhookServer, smtp_server
from tests.factories import role_user
from zonework.core import actions, delivery
from zonework.core.models import Delivery

ROBOT = "zonework.core.channels.WeComRobotChannel"
DING = "zonework.core.channels.DingTalkRobotChannel"


@pytest.fixture
def person(units):
    return role_user("unit_user", units["invest"], username="zs", email="zs@example.cn", display_name="张三",
                     phone="13800000000")


def send(recipients, key="task:1:assigned", **kw):
    return actions.send_message(recipients, kind="assigned", title="新交办任务：着力打造世界知名车都",
                                body="完成时限12月底，请及时签收。", link="/work/tasks/1/", event_key=key, **kw)


def test_email_reaches_a_local_smtp_server(person, settings, django_capture_on_commit_callbacks):
    with smtp_server() as (port, recorder):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
        settings.ZONEWORK_CHANNELS = [{"class": "zonework.core.channels.EmailChannel"}]
        settings.ZONEWORK_SITE_URL = "https://zw.example.cn"
        with django_capture_on_commit_callbacks(execute=True):
            send([person])
        with django_capture_on_commit_callbacks(execute=True):
            send([person])  # the same event again: no message, no mail
    [envelope] = recorder.envelopes
    assert envelope.rcpt_tos == ["zs@example.cn"]
    text = envelope.content.decode()
    assert "https://zw.example.cn/work/tasks/1/" in text
    row = Delivery.objects.get()
    assert (row.status, row.attempts, row.address) == ("sent", 1, "zs@example.cn")


def test_a_user_without_email_is_skipped_not_failed(units, settings, django_capture_on_commit_callbacks):
    nobody = role_user("unit_user", units["invest"], username="nomail", email="")
    settings.ZONEWORK_CHANNELS = [{"class": "zonework.core.channels.EmailChannel"}]
    with django_capture_on_commit_callbacks(execute=True):
        send([nobody])
    assert Delivery.objects.get().status == "skipped"
    assert not delivery.failed_deliveries().exists()


def test_wecom_robot_posts_the_documented_json_once_per_event(person, units, settings,
                                                              django_capture_on_commit_callbacks):
    other = role_user("unit_user", units["invest"], username="ls", display_name="李四")
    with WebhookServer() as hook:
        settings.ZONEWORK_CHANNELS = [{"class": ROBOT, "webhook": f"{hook.url}/cgi-bin/webhook/send?key=abc"}]
        with django_capture_on_commit_callbacks(execute=True):
            send([person, other])
    [post] = hook.posts  # a group robot: one post for the event, not one per person
    assert post["path"] == "/cgi-bin/webhook/send" and post["query"] == {"key": "abc"}
    assert post["json"]["msgtype"] == "text"
    assert set(post["json"]) == {"msgtype", "text"}
    content = post["json"]["text"]["content"]
    assert content.startswith("【交办】新交办任务：着力打造世界知名车都")
    assert "张三" in content and "李四" in content
    assert post["content_type"].startswith("application/json")


def test_dingtalk_robot_signs_with_the_secret(person, settings, django_capture_on_commit_callbacks):
    secret = "SEC0123456789abcdef"
    with WebhookServer() as hook:
        settings.ZONEWORK_CHANNELS = [{"class": DING, "webhook": f"{hook.url}/robot/send?access_token=t0k",
                                       "secret": secret}]
        with django_capture_on_commit_callbacks(execute=True):
            send([person])
    [post] = hook.posts
    assert post["json"] == {"msgtype": "text", "text": {"content": post["json"]["text"]["content"]}}
    query = post["query"]
    assert query["access_token"] == "t0k"
    # DingTalk's rule: sign = base64(HMAC-SHA256(secret, "{timestamp}\n{secret}")), URL-encoded.
    expected = base64.b64encode(hmac.new(secret.encode(), f"{query['timestamp']}\n{secret}".encode(),
                                         hashlib.sha256).digest()).decode()
    assert query["sign"] == expected  # parse_qsl has undone the URL encoding


def test_a_failing_webhook_is_retried_then_shown_to_the_admin_who_retries_it(
        person, admin_user, unit_user, settings, login, client, django_capture_on_commit_callbacks):
    settings.ZONEWORK_DELIVERY_ATTEMPTS = 3
    with WebhookServer(replies=[(500, {"errcode": -1}), (200, {"errcode": 93000, "errmsg": "invalid webhook url"}),
                                (502, {}), (200, {"errcode": 0, "errmsg": "ok"})]) as hook:
        settings.ZONEWORK_CHANNELS = [{"class": ROBOT, "name": "wecom", "webhook": f"{hook.url}/send?key=k"}]
        with django_capture_on_commit_callbacks(execute=True):
            send([person])
        row = Delivery.objects.get()
        assert len(hook.posts) == 3  # tried three times, each refused
        assert (row.status, row.attempts) == ("failed", 3)
        assert "HTTP 502" in row.error

        login(admin_user)
        page = client.get("/deliveries/").content.decode()
        assert "新交办任务：着力打造世界知名车都" in page and "发送失败" in page and "HTTP 502" in page
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/deliveries/{row.pk}/retry/", follow=True)
        # (In the test the send runs when the captured on-commit callbacks do, after the response.)
        assert "已重试" in response.content.decode() or "已重新发送" in response.content.decode()
        assert len(hook.posts) == 4
        row.refresh_from_db()
        assert (row.status, row.attempts, row.error) == ("sent", 4, "")
        assert "没有发送失败的消息" in client.get("/deliveries/").content.decode()

        # Sent is final: another attempt or 重试 posts nothing.
        assert delivery.attempt(row.pk) is None
        response = client.post(f"/deliveries/{row.pk}/retry/", follow=True)
        assert "无需重试" in response.content.decode() and len(hook.posts) == 4

    client.logout()
    login(unit_user)
    assert client.get("/deliveries/").status_code == 403


def test_a_webhook_that_fails_once_succeeds_on_the_retry(person, settings, django_capture_on_commit_callbacks):
    with WebhookServer(replies=[(503, {}), (200, {"errcode": 0})]) as hook:
        settings.ZONEWORK_CHANNELS = [{"class": ROBOT, "webhook": f"{hook.url}/send"}]
        with django_capture_on_commit_callbacks(execute=True):
            send([person])
    assert len(hook.posts) == 2
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == ("sent", 2)


def test_sms_gateway_gets_the_phone_and_text(person, settings, django_capture_on_commit_callbacks):
    with WebhookServer(replies=[(200, {"code": 0})]) as hook:
        settings.ZONEWORK_CHANNELS = [{"class": "zonework.core.channels.HttpJsonSmsChannel", "url": f"{hook.url}/sms",
                                       "token": "tk", "sign_name": "武汉经开区", "kinds": ["assigned"]}]
        with django_capture_on_commit_callbacks(execute=True):
            send([person])
            actions.send_message([person], kind="notice", title="不发短信的通知", event_key="notice:1")
    [post] = hook.posts
    assert post["json"] == {"phone": "13800000000", "text": "【武汉经开区】交办：新交办任务：着力打造世界知名车都", "token": "tk"}


def test_a_rolled_back_event_sends_nothing(person, settings, django_capture_on_commit_callbacks):
    from django.db import transaction

    with WebhookServer() as hook:
        settings.ZONEWORK_CHANNELS = [{"class": ROBOT, "webhook": f"{hook.url}/send"}]
        with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
            send([person])
            raise RuntimeError("the event failed")
    assert hook.posts == [] and not Delivery.objects.exists()
