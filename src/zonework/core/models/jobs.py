"""A background job (Paperless-ngx's task record): what runs, for whom, how far it got, how it ended."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from zonework.core import clock


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


class Job(models.Model):
    """Plumbing, not domain data: what the job changes goes through the apps' actions and their audit
    events; the job row only says how far it got. `kind` names a function marked with @jobs.job."""

    kind = models.CharField(_("类型"), max_length=200)
    label = models.CharField(_("名称"), max_length=100)
    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(_("文件"), upload_to="jobs/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=255, blank=True, default="")
    params = models.JSONField(_("参数"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    message = models.TextField(_("结果"), blank=True, default="")
    errors = models.JSONField(_("错误"), default=list, blank=True)
    result = models.JSONField(_("结果数据"), default=dict, blank=True)
    return_url = models.CharField(_("返回页面"), max_length=300, blank=True, default="")
    created_at = models.DateTimeField(_("提交时间"), default=clock.now)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展"), null=True, blank=True)
    finished_at = models.DateTimeField(_("结束时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "heartbeat_at"], name="core_job_status_heartbeat")]

    def __str__(self):
        return f"{self.label}（{self.filename}）" if self.filename else self.label

    @property
    def is_busy(self):
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)
