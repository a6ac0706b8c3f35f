from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentStatus(models.TextChoices):
    UPLOADED = "uploaded", _("已上传")
    READING = "reading", _("读取中")
    READ = "read", _("待审阅")
    FAILED = "failed", _("读取失败")
    COMMITTED = "committed", _("已提交")


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("接受")
    REJECTED = "rejected", _("拒绝")


KIND_LABELS = {"results": "实际完成", "targets": "预期目标", "tasks": "重点任务", "projects": "项目"}
