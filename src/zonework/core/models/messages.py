"""站内信, 通知公告 and the record of each message's sending through the other channels.

A Message is one person's copy of one event (a 交办, a 催办, a 批示, a notice ...): its `event_key`
names the event, and (recipient, event_key) is unique, so the same event never reaches a person
twice however often the code that raises it runs. A Delivery is one message through one channel
(e-mail, a group robot, SMS); (message, channel) is unique, so a retry resends the same row and a
message already sent is never sent again.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core.choices import DeliveryStatus, MessageKind

from .base import AuditedModel


class Notice(AuditedModel):
    """通知公告 published by the 管委会 office to a whole zone or to chosen units."""

    scope_unit = None

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.CASCADE, related_name="notices")
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("正文"))
    units = models.ManyToManyField("core.Unit", verbose_name=_("接收单位"), blank=True, related_name="notices",
                                   help_text=_("不选则发给全区各单位。"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知公告")
        verbose_name_plural = _("通知公告")
        ordering = ["-published_at", "-id"]
        permissions = [("publish_notice", _("发布通知公告"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("core:notice_detail", args=[self.pk])


class Message(AuditedModel):
    scope_zone = "zone"
    scope_unit = "recipient__unit"
    scope_owner = "recipient"

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("收件人"), on_delete=models.CASCADE,
                                  related_name="messages")
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="+")
    kind = models.CharField(_("类型"), max_length=20, choices=MessageKind.choices)
    title = models.CharField(_("标题"), max_length=200)
    body = models.TextField(_("内容"), blank=True)
    link = models.CharField(_("链接"), max_length=300, blank=True)
    event_key = models.CharField(_("事件"), max_length=120)
    notice = models.ForeignKey(Notice, verbose_name=_("通知公告"), null=True, blank=True, on_delete=models.CASCADE,
                               related_name="messages")
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息")
        verbose_name_plural = _("消息")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["recipient", "event_key"], name="message_once_per_event")]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self):
        return self.title

    def text(self):
        return f"【{self.get_kind_display()}】{self.title}" + (f"\n{self.body}" if self.body else "")


class Delivery(AuditedModel):
    scope_zone = "message__zone"
    scope_unit = "message__recipient__unit"
    scope_owner = "message__recipient"

    message = models.ForeignKey(Message, verbose_name=_("消息"), on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(_("渠道"), max_length=50)
    status = models.CharField(_("状态"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(_("尝试次数"), default=0)
    error = models.TextField(_("错误"), blank=True)
    address = models.CharField(_("发送地址"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("消息发送记录")
        verbose_name_plural = _("消息发送记录")
        ordering = ["-id"]
        constraints = [models.UniqueConstraint(fields=["message", "channel"], name="delivery_once_per_channel")]

    def __str__(self):
        return f"{self.message}（{self.channel}）"
