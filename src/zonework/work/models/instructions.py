from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel

from .plans import Task


class Instruction(AuditedModel):
    """领导批示 / 圈阅 on a task: the leader's words to the lead unit, and the unit's reply.

    It stands on the unit's to-do list until the reply is written (work.instruction).
    """

    scope_zone = "task__plan__zone"
    scope_unit = "unit"

    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="instructions")
    unit = models.ForeignKey("core.Unit", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                             related_name="work_instructions")
    text = models.TextField(_("批示内容"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("批示领导"), null=True, on_delete=models.SET_NULL,
                           related_name="+")
    at = models.DateTimeField(_("批示时间"), default=clock.now)
    reply = models.TextField(_("办理回复"), blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("回复人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    replied_at = models.DateTimeField(_("回复时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("领导批示")
        verbose_name_plural = _("领导批示")
        ordering = ["-at", "-id"]
        permissions = [("instruct_task", _("批示任务"))]

    def __str__(self):
        return f"批示：{self.task}"
