import django_tables2 as tables
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import SourceDocument

STATUS_CLASS = {"uploaded": "secondary", "reading": "info", "read": "warning", "failed": "danger",
                "committed": "success"}


class SourceDocumentTable(tables.Table):
    filename = tables.Column(linkify=True)
    status = tables.Column()
    counts = tables.Column(verbose_name=_("读取结果"), accessor="records", orderable=False)
    created_by = tables.Column(verbose_name=_("上传人"))
    created_at = tables.DateTimeColumn(verbose_name=_("上传时间"), format="Y-m-d H:i")

    class Meta:
        model = SourceDocument
        fields = ("filename", "zone", "status", "report_year", "plan_year", "counts", "created_by", "created_at")
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_status(self, record, value):
        if record.is_busy:
            pages = format_html("（识别第 {}/{} 页）", record.ocr_page, record.ocr_pages) if record.ocr_running else ""
            return format_html(
                '<span hx-get="{}" hx-trigger="load delay:1s" hx-swap="outerHTML" class="badge text-bg-info">{} {}%{}</span>',
                reverse("documents:status", args=[record.pk]), value, record.progress, pages)
        badge = format_html('<span class="badge text-bg-{}">{}</span>', STATUS_CLASS.get(record.status, "light"), value)
        if record.error:
            badge = format_html('{} <small class="text-danger">{}</small>', badge, record.error[:80])
        request = getattr(self, "request", None)
        if record.status == "failed" and request is not None and request.user.has_perm("documents.change_sourcedocument"):
            badge = format_html(
                '{} <form method="post" action="{}" class="d-inline"><input type="hidden" name="csrfmiddlewaretoken" '
                'value="{}"><button class="btn btn-sm btn-outline-primary py-0">重试</button></form>',
                badge, reverse("documents:reread", args=[record.pk]), get_token(request))
        return badge

    def render_counts(self, record):
        c = record.record_counts()
        return f"实际完成{c['results']} · 目标{c['targets']} · 任务{c['tasks']} · 项目{c['projects']}"

    def value_counts(self, record):
        return self.render_counts(record)
