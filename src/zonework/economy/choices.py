from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorKind(models.TextChoices):
    FLOW = "flow", _("流量")
    STOCK = "stock", _("存量")


class PriceBasis(models.TextChoices):
    COMPARABLE = "comparable", _("可比价")
    CURRENT = "current", _("现价")


class Bound(models.TextChoices):
    MIN = "min", _("不低于")
    APPROX = "approx", _("左右")
    EXACT = "exact", _("确定值")


class TargetSource(models.TextChoices):
    DOCUMENT = "document", _("来源文件")
    MANUAL = "manual", _("手工录入")


class ObservationSource(models.TextChoices):
    STATISTICS = "statistics", _("统计月报上传")
    MANUAL = "manual", _("手工录入")
    DOCUMENT = "document", _("来源文件")
    DEMO = "demo", _("演示统计数据")
    RETURN = "return", _("数据填报")


class UploadStatus(models.TextChoices):
    STAGED = "staged", _("待确认")
    COMMITTED = "committed", _("已入库")


class Light(models.TextChoices):
    GREEN = "green", _("绿灯")
    YELLOW = "yellow", _("黄灯")
    RED = "red", _("红灯")
    GREY = "grey", _("灰灯")
