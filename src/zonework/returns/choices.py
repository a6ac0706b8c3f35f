from django.db import models
from django.utils.translation import gettext_lazy as _


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("月报")
    QUARTERLY = "quarterly", _("季报")
    YEARLY = "yearly", _("年报")


class FilingStatus(models.TextChoices):
    DRAFT = "draft", _("未报")
    SUBMITTED = "submitted", _("已报")
    RETURNED = "returned", _("退回")
    APPROVED = "approved", _("通过")


class FigureStatus(models.TextChoices):
    DRAFT = "draft", _("未报")
    SUBMITTED = "submitted", _("已报")
    RETURNED = "returned", _("退回")
    CORRECTED = "corrected", _("已更正")
    APPROVED = "approved", _("通过")


class FigureEventKind(models.TextChoices):
    SUBMITTED = "submitted", _("报送")
    RETURNED = "returned", _("退回")
    CORRECTED = "corrected", _("更正")
    APPROVED = "approved", _("通过")
