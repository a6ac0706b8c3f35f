"""Group robots (群机器人) of 企业微信 and 钉钉: a webhook URL per group, a text message as JSON.

企业微信: POST {"msgtype": "text", "text": {"content": ...}} to the webhook; the reply is
{"errcode": 0, "errmsg": "ok"} on success.
钉钉: the same body; a robot with 加签 (a secret "SEC...") also needs `timestamp` (milliseconds) and
`sign` = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))) in the query.
"""

import base64
import hashlib
import hmac
import time
import urllib.parse

from .base import Channel, ChannelError


def _check(reply):
    code = reply.get("errcode", 0)
    if code not in (0, "0"):
        raise ChannelError(f"机器人返回错误{code}：{reply.get('errmsg', '')}")


def _content(message):
    people = getattr(message, "event_recipients", None)
    text = message.text()
    if people:
        text += f"\n（致：{'、'.join(people)}）"
    return text


class WeComRobotChannel(Channel):
    name = "wecom"
    label = "企业微信群机器人"
    per_event = True

    def address(self, message):
        return self.options["webhook"]

    def send(self, message, address):
        _check(self.post_json(address, {"msgtype": "text", "text": {"content": _content(message)}}))


def dingtalk_sign(secret, timestamp_ms):
    to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), to_sign, digestmod=hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


class DingTalkRobotChannel(Channel):
    name = "dingtalk"
    label = "钉钉群机器人"
    per_event = True

    def address(self, message):
        return self.options["webhook"]

    def send(self, message, address):
        url = address
        secret = self.options.get("secret")
        if secret:
            # The timestamp is the robot's own freshness check (an hour's window), not business time.
            timestamp = int(time.time() * 1000)
            url += ("&" if "?" in url else "?") + f"timestamp={timestamp}&sign={dingtalk_sign(secret, timestamp)}"
        _check(self.post_json(url, {"msgtype": "text", "text": {"content": _content(message)}}))
