"""Source documents (来源文件): an imported report, what the reader found in it, and its review."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zonework.core.models import AuditedModel
from zonework.reading import KINDS

from .choices import Decision, DocumentStatus

__all__ = ["KINDS", "SourceDocument"]


class SourceDocument(AuditedModel):
    """An imported report. Every record read from it keeps its article and character span in `text`.

    `records` holds the reader's records by kind ({"results": [...], "targets": [...], ...}); each
    record also carries the reviewer's "decision" (accepted/rejected). `unit` is the uploader's unit.
    """

    audit_exclude = (*AuditedModel.audit_exclude, "text", "records", "articles", "progress", "ocr_page", "ocr_pages")

    zone = models.ForeignKey("core.Zone", verbose_name=_("开发区"), on_delete=models.PROTECT,
                             related_name="source_documents")
    unit = models.ForeignKey("core.Unit", verbose_name=_("上传单位"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    file = models.FileField(_("文件"), upload_to="documents/%Y/%m/", blank=True)
    filename = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("哈希"), max_length=64)
    size = models.PositiveIntegerField(_("大小(字节)"), default=0)
    status = models.CharField(_("状态"), max_length=12, choices=DocumentStatus.choices,
                              default=DocumentStatus.UPLOADED)
    error = models.TextField(_("失败原因"), blank=True, default="")
    progress = models.PositiveSmallIntegerField(_("读取进度(%)"), default=0)
    # While a scanned PDF goes through OCR: the page being read (1-based) and the pages to read.
    ocr_page = models.PositiveSmallIntegerField(_("正在识别的页"), default=0)
    ocr_pages = models.PositiveSmallIntegerField(_("需识别的页数"), default=0)
    zone_name_read = models.CharField(_("文中开发区"), max_length=100, blank=True, default="")
    report_year = models.PositiveSmallIntegerField(_("总结年份"), null=True, blank=True)
    plan_year = models.PositiveSmallIntegerField(_("计划年份"), null=True, blank=True)
    text = models.TextField(_("原文"), blank=True, default="")
    records = models.JSONField(_("读取结果"), default=dict, blank=True)
    articles = models.JSONField(_("篇目"), default=list, blank=True)
    source_info = models.JSONField(_("文件信息"), default=dict, blank=True)
    read_started_at = models.DateTimeField(_("开始读取"), null=True, blank=True)
    read_finished_at = models.DateTimeField(_("读取完成"), null=True, blank=True)
    read_seconds = models.FloatField(_("读取耗时(秒)"), null=True, blank=True)
    committed_at = models.DateTimeField(_("提交时间"), null=True, blank=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("提交人"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    commit_summary = models.TextField(_("提交结果"), blank=True, default="")
    revision_of = models.ForeignKey("self", verbose_name=_("修订自"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="revisions",
                                    help_text=_("提交时更新了这份已提交文件的记录（修订版）。"))

    class Meta:
        verbose_name = _("来源文件")
        verbose_name_plural = _("来源文件")
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["zone", "sha256"], name="documents_sourcedocument_unique_zone_sha256")]

    def __str__(self):
        return self.filename

    def get_absolute_url(self):
        return reverse("documents:review", args=[self.pk])

    @property
    def ocr_running(self):
        return self.is_busy and 0 < self.ocr_page <= self.ocr_pages

    @property
    def ocr_read_pages(self):
        """Pages of the file read by OCR (1-based), from the last reading."""
        return list((self.source_info or {}).get("ocr_pages") or [])

    @property
    def is_busy(self):
        return self.status in (DocumentStatus.UPLOADED, DocumentStatus.READING)

    def kind_records(self, kind):
        return list((self.records or {}).get(kind, []))

    def accepted(self, kind):
        """The accepted records of a kind, each with its "index" in the document's list."""
        out = []
        for index, record in enumerate(self.kind_records(kind)):
            if record.get("decision", Decision.ACCEPTED) == Decision.ACCEPTED:
                out.append({**{k: v for k, v in record.items() if k != "decision"}, "index": index})
        return out

    def record_counts(self):
        return {kind: len(self.kind_records(kind)) for kind in KINDS}
