from django.db import models
from django.utils.translation import gettext_lazy as _


class ZoneLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    OTHER = "other", _("其他")


class ZoneKind(models.TextChoices):
    """The kind of zone (经开区 / 高新区 ...): comparisons group zones by it."""

    ETDZ = "etdz", _("经济技术开发区")
    HIGHTECH = "hightech", _("高新技术产业开发区")
    OTHER = "other", _("其他开发区")


class UnitKind(models.TextChoices):
    BUREAU = "bureau", _("局")
    OFFICE = "office", _("办")
    STREET = "street", _("街道")
    PARK = "park", _("园区")
    COMPANY = "company", _("公司")
    OTHER = "other", _("其他")


class DataScope(models.TextChoices):
    # Ordered from widest to narrowest; the union over a user's roles is taken (DOMAIN_NOTES §6).
    ALL = "all", _("全部")
    UNIT_AND_BELOW = "unit_and_below", _("本单位及下级")
    UNIT = "unit", _("本单位")
    SELF = "self", _("仅本人")


class RoleCode(models.TextChoices):
    ADMIN = "admin", _("系统管理员")
    LEADER = "leader", _("领导")
    SUPERVISOR = "supervisor", _("督查员")
    UNIT_USER = "unit_user", _("单位用户")
    AUDITOR = "auditor", _("审计管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")


class AuditAction(models.TextChoices):
    CREATE = "create", _("新增")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    EVENT = "event", _("业务事件")
    LOGIN = "login", _("登录")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOGOUT = "logout", _("退出")
    DENIED = "denied", _("越权拒绝")
    REFUSED = "refused", _("校验拒绝")
    EXPORT = "export", _("导出")


class IndustryLevel(models.TextChoices):
    SECTION = "section", _("门类")
    DIVISION = "division", _("大类")
    GROUP = "group", _("中类")
    CLASS = "class", _("小类")


class Light(models.TextChoices):
    """红黄绿灯 of a project, a milestone or a service request (work's task lights add more states)."""

    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")


class MessageKind(models.TextChoices):
    ASSIGNED = "assigned", _("交办")
    REMINDER = "reminder", _("提醒")
    URGED = "urged", _("催办")
    RETURNED = "returned", _("退回")
    INSTRUCTION = "instruction", _("领导批示")
    REPLY = "reply", _("批示回复")
    NOTICE = "notice", _("通知公告")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("待发送")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")
    SKIPPED = "skipped", _("无需发送")
