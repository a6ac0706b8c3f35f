from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core.choices import DataScope, RoleCode


class Role(models.Model):
    """A named set of permissions with a data scope (RuoYi's 角色 with 数据权限)."""

    # Roles belong to the whole installation, not to a zone or unit: whoever may view them sees all.
    scope_zone = None
    scope_unit = None

    code = models.CharField(_("代码"), max_length=50, unique=True)
    name = models.CharField(_("名称"), max_length=50, unique=True)
    data_scope = models.CharField(_("数据范围"), max_length=20, choices=DataScope.choices, default=DataScope.UNIT)
    permissions = models.ManyToManyField(Permission, verbose_name=_("权限"), blank=True)
    description = models.TextField(_("说明"), blank=True)
    builtin = models.BooleanField(_("内置"), default=False)

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        ordering = ["id"]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person. Belongs to one unit; may be granted further zones (e.g. province staff)."""

    scope_zone = "unit__zone"
    scope_unit = "unit"
    scope_owner = "pk"
    audit_exclude = ("password", "last_login", "date_joined", "password_changed_at")

    display_name = models.CharField(_("姓名"), max_length=50, blank=True)
    phone = models.CharField(_("电话"), max_length=30, blank=True)
    unit = models.ForeignKey(
        "core.Unit", verbose_name=_("所属单位"), null=True, blank=True, on_delete=models.PROTECT, related_name="users"
    )
    zones = models.ManyToManyField(
        "core.Zone", verbose_name=_("可访问的开发区"), blank=True, related_name="granted_users",
        help_text=_("所属单位的开发区之外另行授权的开发区。"),
    )
    roles = models.ManyToManyField(Role, verbose_name=_("角色"), blank=True, related_name="users")
    # Password policy (core.passwords): set by every set_password; a password set by someone else
    # (a new account, an admin's reset) must be changed by its owner at the next login.
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    must_change_password = models.BooleanField(_("须修改密码"), default=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")
        ordering = ["username"]
        permissions = [("unlock_user", _("解锁被锁定的用户"))]

    def __str__(self):
        return self.display_name or self.username

    def set_password(self, raw_password):
        from zonework.core import clock

        super().set_password(raw_password)
        self.password_changed_at = clock.now()

    def role_codes(self):
        if not hasattr(self, "_role_codes"):
            self._role_codes = set(self.roles.values_list("code", flat=True))
        return self._role_codes

    @property
    def is_system_admin(self):
        return self.is_superuser or RoleCode.ADMIN in self.role_codes()

    def snapshot(self):
        from .base import snapshot

        return snapshot(self, exclude=self.audit_exclude)

    def audit_zone_id(self):
        return self.unit.zone_id if self.unit_id else None


class PasswordHistory(models.Model):
    """The hashes of a user's earlier passwords, so the last few cannot be chosen again."""

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField(_("密码散列"), max_length=128)
    created_at = models.DateTimeField(_("时间"))

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"
