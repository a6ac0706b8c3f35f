"""Enterprises in the zone, their leaders' visits (重点企业联系制度) and their service requests (诉求)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core import clock
from zonework.core.models import AuditedModel
from zonework.core.validation import same_zone_errors

from . import limits
from .choices import RequestCategory, RequestState
from .credit_code import normalise, validate_credit_code


class Enterprise(AuditedModel):
    """A company in the zone."""

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="enterprises")
    unit = models.ForeignKey("core.Unit", verbose_name=_("服务单位"), on_delete=models.PROTECT,
                             related_name="enterprises")
    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    industry = models.ForeignKey("core.Industry", verbose_name=_("行业"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="enterprises")
    park = models.ForeignKey("core.Park", verbose_name=_("园区"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="enterprises")
    above_scale = models.BooleanField(_("规模以上"), default=False)
    high_tech = models.BooleanField(_("高新技术企业"), default=False)
    listed = models.BooleanField(_("上市企业"), default=False)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    liaison_leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("联系领导"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="liaison_enterprises")

    class Meta:
        verbose_name = _("企业")
        verbose_name_plural = _("企业")
        ordering = ["zone__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["zone", "credit_code"], name="enterprises_enterprise_unique_code"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("enterprises:enterprise_detail", args=[self.pk])

    def clean(self):
        self.name = (self.name or "").strip()
        self.credit_code = normalise(self.credit_code)
        errors = {}
        if not self.name:
            errors["name"] = _("企业名称不能为空。")
        errors.update(same_zone_errors(self, {"unit": _("服务单位必须属于本开发区。"),
                                              "park": _("园区必须属于本开发区。")}))
        if self.zone_id and self.credit_code and Enterprise.objects.filter(
                zone_id=self.zone_id, credit_code=self.credit_code).exclude(pk=self.pk).exists():
            errors["credit_code"] = _("本开发区已有统一社会信用代码为%(c)s的企业。") % {"c": self.credit_code}
        if errors:
            raise ValidationError(errors)


class LiaisonVisit(AuditedModel):
    """A leader's visit to an enterprise assigned to them (走访)."""

    scope_zone = "enterprise__zone"
    scope_unit = "enterprise__unit"
    scope_owner = "leader"

    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.CASCADE, related_name="visits")
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("走访领导"), on_delete=models.PROTECT,
                               related_name="liaison_visits")
    date = models.DateField(_("走访日期"))
    summary = models.TextField(_("走访情况"), blank=True)
    issues = models.TextField(_("企业反映问题"), blank=True)

    class Meta:
        verbose_name = _("走访记录")
        verbose_name_plural = _("走访记录")
        ordering = ["-date", "-id"]

    def __str__(self):
        return f"{self.leader} 走访 {self.enterprise}（{self.date}）"

    def clean(self):
        if self.date and self.date > clock.today():
            raise ValidationError({"date": _("走访日期不能晚于今天。")})


class ServiceRequest(AuditedModel):
    """A problem an enterprise asks the zone to solve, answered within its time limit."""

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="service_requests")
    unit = models.ForeignKey("core.Unit", verbose_name=_("承办单位"), on_delete=models.PROTECT,
                             related_name="service_requests")
    enterprise = models.ForeignKey(Enterprise, verbose_name=_("企业"), on_delete=models.PROTECT,
                                   related_name="requests")
    category = models.CharField(_("类别"), max_length=20, choices=RequestCategory.choices,
                                default=RequestCategory.OTHER)
    title = models.CharField(_("诉求标题"), max_length=200)
    text = models.TextField(_("诉求内容"), blank=True)
    received_date = models.DateField(_("受理日期"), default=clock.today)
    is_complex = models.BooleanField(_("复杂诉求"), default=False, help_text=_("复杂诉求的办结时限为25个工作日。"))
    state = models.CharField(_("状态"), max_length=20, choices=RequestState.choices, default=RequestState.RECEIVED,
                             editable=False)
    clock_date = models.DateField(_("计时起点"), null=True, blank=True, editable=False,
                                  help_text=_("受理日期；重新办理时为重新办理的日期。"))
    assigned_date = models.DateField(_("交办日期"), null=True, blank=True, editable=False)
    started_date = models.DateField(_("开始办理日期"), null=True, blank=True, editable=False)
    replied_date = models.DateField(_("答复日期"), null=True, blank=True, editable=False)
    closed_date = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    reply = models.TextField(_("答复内容"), blank=True, editable=False)
    satisfaction = models.PositiveSmallIntegerField(
        _("满意度"), null=True, blank=True, editable=False,
        validators=[MinValueValidator(1, _("满意度应为1至5分。")), MaxValueValidator(5, _("满意度应为1至5分。"))])
    # The rating is the enterprise's answer, not the bureau's opinion of its own work: who at the
    # enterprise gave it and on what day are kept with it.
    satisfaction_by = models.CharField(_("评价人（企业）"), max_length=100, blank=True, editable=False)
    satisfaction_date = models.DateField(_("评价日期"), null=True, blank=True, editable=False)
    reopen_count = models.PositiveSmallIntegerField(_("重新办理次数"), default=0, editable=False)

    class Meta:
        verbose_name = _("企业诉求")
        verbose_name_plural = _("企业诉求")
        ordering = ["-received_date", "-id"]
        indexes = [models.Index(fields=["zone", "state"], name="enterprises_request_zone_state")]

    def __str__(self):
        return f"{self.enterprise}：{self.title}"

    def get_absolute_url(self):
        return reverse("enterprises:servicerequest_detail", args=[self.pk])

    def clean(self):
        self.title = (self.title or "").strip()
        errors = {}
        if not self.title:
            errors["title"] = _("诉求标题不能为空。")
        if self.received_date and self.received_date > clock.today():
            errors["received_date"] = _("受理日期不能晚于今天。")
        errors.update(same_zone_errors(self, {"unit": _("承办单位必须属于本开发区。"),
                                              "enterprise": _("企业必须属于本开发区。")}))
        if errors:
            raise ValidationError(errors)

    # --- time limits ---------------------------------------------------------------------

    def done_dates(self):
        return {"start": self.assigned_date, "reply": self.replied_date, "resolve": self.closed_date}

    def due_dates(self):
        return limits.due_dates(self.clock_date or self.received_date, self.category, self.is_complex)

    def light(self, today=None):
        return limits.light(self.clock_date or self.received_date, self.done_dates(), today or limits.today(),
                            self.category, self.is_complex, closed=self.state == RequestState.CLOSED)

    @property
    def status_light(self):
        return self.light()[0]

    @property
    def light_note(self):
        return self.light()[1]
