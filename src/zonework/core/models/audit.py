from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.choices import AuditAction


class AuditImmutable(Exception):
    pass


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("审计日志不可修改。")

    def delete(self):
        raise AuditImmutable("审计日志不可删除。")


class AuditEntry(models.Model):
    """One line of the audit log: a field-level change, a business event, or a login.

    Entries are append-only: the model refuses updates and deletes, and no page or API offers them.
    """

    scope_zone = "zone"
    scope_unit = None
    scope_owner = "user"

    time = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    user_name = models.CharField(_("操作人账号"), max_length=150, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("来源"), max_length=20, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices, db_index=True)
    event = models.CharField(_("事件"), max_length=80, blank=True, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("对象类型"), null=True, blank=True, on_delete=models.SET_NULL
    )
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    zone = models.ForeignKey(
        "core.Zone", verbose_name=_("开发区"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    changes = models.JSONField(_("变更字段"), default=list, blank=True)
    message = models.TextField(_("说明"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-time", "-id"]
        default_permissions = ("view",)

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M} {self.user_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditImmutable("审计日志不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("审计日志不可删除。")
