from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.audit_chain import GENESIS
from zonework.core.choices import AuditAction, RoleCode

# pg_advisory_xact_lock key of the audit chain ("zwaudit" in ASCII).
CHAIN_LOCK = 0x7A7761756469


class AuditImmutable(Exception):
    pass


def _kept(related, **kwargs):
    """A reference an entry keeps after its row is gone: no constraint, no cascade, never nulled
    (the names it had are stored beside it)."""
    return models.ForeignKey(related, null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False,
                             **kwargs)


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AuditImmutable("审计日志不可修改。")

    def delete(self):
        raise AuditImmutable("审计日志不可删除。")


class AuditEntry(models.Model):
    """One line of the audit log: a field-level change, a business event, or a login.

    Entries are append-only: the model refuses updates and deletes, and no page or API offers them;
    on PostgreSQL a trigger refuses them below the ORM too. Each entry carries `hash`, a SHA-256 over
    its content and the previous entry's hash (core.audit_chain), so a change made around all of that
    (raw SQL on SQLite, a file edited) is found by `zonework audit-verify`.
    """

    scope_zone = "zone"
    scope_unit = None
    scope_owner = "user"
    scope_all_roles = (RoleCode.AUDITOR,)
    scope_hidden_from_system_admin = True

    time = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    user = _kept(settings.AUTH_USER_MODEL, verbose_name=_("操作人"), related_name="+")
    user_name = models.CharField(_("操作人账号"), max_length=150, blank=True, db_index=True)
    ip = models.GenericIPAddressField(_("IP地址"), null=True, blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True, db_index=True)
    source = models.CharField(_("来源"), max_length=20, blank=True)
    action = models.CharField(_("操作"), max_length=20, choices=AuditAction.choices, db_index=True)
    event = models.CharField(_("事件"), max_length=80, blank=True, db_index=True)
    content_type = _kept(ContentType, verbose_name=_("对象类型"), related_name="+")
    object_id = models.CharField(_("对象编号"), max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    zone = _kept("core.Zone", verbose_name=_("开发区"), related_name="+")
    zone_name = models.CharField(_("开发区名称"), max_length=200, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    changes = models.JSONField(_("变更字段"), default=list, blank=True)
    message = models.TextField(_("说明"), blank=True)
    prev_hash = models.CharField(_("前一条校验值"), max_length=64, blank=True, editable=False)
    hash = models.CharField(_("校验值"), max_length=64, blank=True, editable=False, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计日志")
        verbose_name_plural = _("审计日志")
        ordering = ["-time", "-id"]
        default_permissions = ("view",)
        # Django's plain base manager would let `_base_manager.filter().update()` past the refusals.
        base_manager_name = "objects"

    def __str__(self):
        return f"{self.time:%Y-%m-%d %H:%M} {self.user_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditImmutable("审计日志不可修改。")
        from zonework.core.audit_chain import FIELDS, digest

        # Holding the chain's lock until commit keeps two transactions from both linking to the same
        # head; on SQLite writers are serialised by the database itself.
        with transaction.atomic(using=kwargs.get("using") or "default"):
            conn = transaction.get_connection(kwargs.get("using") or "default")
            if conn.vendor == "postgresql":
                with conn.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])
            head = type(self).objects.order_by("-id").values_list("hash", flat=True).first()
            values = {name: getattr(self, name) for name in FIELDS}
            values["ip"] = self._meta.get_field("ip").get_prep_value(self.ip)
            self.prev_hash = head if head is not None else GENESIS
            self.hash = digest(values, self.prev_hash)
            super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditImmutable("审计日志不可删除。")
