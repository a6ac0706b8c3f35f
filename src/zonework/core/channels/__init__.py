"""Channels beyond the page: each message can also go out by e-mail, to a 企业微信 or 钉钉 group
robot, or by SMS. Which ones run is configuration, `ZONEWORK_CHANNELS` in settings: a list of
{"class": "dotted.path", "name": "...", ...options}; the options go to the class's constructor.

    ZONEWORK_CHANNELS = [
        {"class": "zonework.core.channels.EmailChannel"},
        {"class": "zonework.core.channels.WeComRobotChannel", "webhook": "https://qyapi.weixin.qq.com/..."},
        {"class": "zonework.core.channels.DingTalkRobotChannel", "webhook": "...", "secret": "SEC..."},
        {"class": "zonework.core.channels.HttpJsonSmsChannel", "url": "https://sms.example/send", "token": "..."},
    ]

A channel has a `name` (its Delivery rows' key; unique in the list), `address(message)`: where the
message goes, or "" when it cannot go this way (a user without e-mail), and `send(message, address)`,
which raises ChannelError (or any exception) when the far end refuses. A group robot posts to one
group, so it sends one post per event, not one per recipient (`per_event = True`).
"""

from django.conf import settings
from django.utils.module_loading import import_string

from .base import Channel, ChannelError
from .email import EmailChannel
from .robots import DingTalkRobotChannel, WeComRobotChannel
from .sms import HttpJsonSmsChannel, SmsChannel

__all__ = ["Channel", "ChannelError", "DingTalkRobotChannel", "EmailChannel", "HttpJsonSmsChannel", "SmsChannel",
           "WeComRobotChannel", "configured_channels", "get_channel"]


def configured_channels():
    """The channels in settings, built afresh on each call so a changed setting (a test) takes effect."""
    out = []
    for entry in getattr(settings, "ZONEWORK_CHANNELS", []) or []:
        options = dict(entry) if isinstance(entry, dict) else {"class": entry}
        cls = import_string(options.pop("class"))
        out.append(cls(**options))
    return out


def get_channel(name):
    return next((c for c in configured_channels() if c.name == name), None)
