from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel

from .plans import Plan, Task


class Instruction(AuditedModel):
    """领导批示 / 圈阅: the leader's words on a task, a plan or another app's record (an indicator's
    target), and the reply of whoever must act on them.

    A task's 批示 goes to its lead unit; a plan's to the supervision office, which turns the plan into
    tasks; a record's to its responsible unit (`unit`), or to the supervision office when it has none
    (`unit` empty). It stands on the recipient's to-do list until the reply is written. A record of
    another app is held by content type, so the supervision app does not depend on that app.
    """

    scope_zone = "zone"
    scope_unit = "unit"

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="work_instructions")
    task = models.ForeignKey(Task, verbose_name=_("任务"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="instructions")
    plan = models.ForeignKey(Plan, verbose_name=_("计划"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="instructions")
    subject_type = models.ForeignKey("contenttypes.ContentType", verbose_name=_("批示对象类型"), null=True,
                                     blank=True, on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField(_("批示对象编号"), null=True, blank=True)
    subject_label = models.CharField(_("批示对象"), max_length=300, blank=True,
                                     help_text=_("批示时对象的名称，对象删除后仍可读。"))
    unit = models.ForeignKey("core.Unit", verbose_name=_("承办单位"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="work_instructions", help_text=_("为空时由督查室承办。"))
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
        constraints = [
            # Exactly one subject: a task, a plan, or another app's record.
            models.CheckConstraint(
                name="work_instruction_one_subject",
                condition=(models.Q(task__isnull=False, plan__isnull=True, subject_type__isnull=True)
                           | models.Q(task__isnull=True, plan__isnull=False, subject_type__isnull=True)
                           | models.Q(task__isnull=True, plan__isnull=True, subject_type__isnull=False,
                                      subject_id__isnull=False)),
            ),
        ]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="work_instr_subject")]

    def __str__(self):
        return f"批示：{self.subject_text()}"

    @property
    def subject(self):
        if self.task_id:
            return self.task
        if self.plan_id:
            return self.plan
        model = self.subject_type.model_class() if self.subject_type_id else None
        return None if model is None else model._default_manager.filter(pk=self.subject_id).first()

    def subject_text(self):
        if self.task_id:
            return str(self.task)
        if self.plan_id:
            return str(self.plan)
        return self.subject_label

    def get_absolute_url(self):
        from django.urls import reverse

        if self.task_id:
            return f"{self.task.get_absolute_url()}#instruction-{self.pk}"
        return reverse("work:instruction_detail", args=[self.pk])
