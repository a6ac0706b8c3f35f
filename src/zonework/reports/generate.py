"""One entry point for every caller (pages, API, command, background job): kind + zone + period → files."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from . import bulletin, investment_report, official, plan_doc, summary, supervision_report
from .choices import MONTH_OPTIONAL, MONTHLY, ReportKind
from .common import ReportError
from .docx_format import Report, render_html, write_docx


@dataclass
class Output:
    kind: str
    zone: object
    year: int
    month: int | None
    report: Report
    xlsx_builder: object = None  # callable → bytes, for the bulletin
    period: tuple | None = None  # (first day, last day) of a 督查通报 for a chosen period
    _docx: bytes | None = None
    _xlsx: bytes | None = None
    _pdf: bytes | None = None

    @property
    def docx(self):
        if self._docx is None:
            self._docx = write_docx(self.report)
        return self._docx

    @property
    def pdf(self):
        """The .docx rendered by LibreOffice with its fonts embedded: the archive copy (bench/results/ofd.md)."""
        if self._pdf is None:
            self._pdf = docx_to_pdf(self.docx)
        return self._pdf

    @property
    def xlsx(self):
        if self.xlsx_builder is None:
            return None
        if self._xlsx is None:
            self._xlsx = self.xlsx_builder()
        return self._xlsx

    def html(self):
        return render_html(self.report)

    def filename(self, ext="docx"):
        name = self.zone.short_name or self.zone.name
        label = ReportKind(self.kind).label
        if self.kind in MONTHLY:
            period = f"{self.year}年{bulletin.period_label(self.month)}"
        elif self.period is not None:
            first, last = self.period
            period = f"{first:%Y%m%d}-{last:%Y%m%d}"
        elif self.kind in MONTH_OPTIONAL and self.month:
            period = f"{self.year}年{self.month}月"
        else:
            period = f"{self.year}年"
        if self.kind == ReportKind.SUMMARY and "工作要点" in self.report.title.lines[-1]:
            label = f"工作总结和{self.year + 1}年工作要点"
        return f"{name}{period}{label}.{ext}"


def docx_to_pdf(data):
    """PDF bytes of a .docx; ReportError when LibreOffice is missing or fails (the page says why)."""
    from . import render

    if not render.tools_available():
        raise ReportError("服务器未安装LibreOffice，暂不能生成PDF，请下载Word文档。")
    with tempfile.TemporaryDirectory(prefix="zonework-pdf-") as tmp:
        folder = Path(tmp)
        source = folder / "report.docx"
        source.write_bytes(data)
        try:
            return render.docx_to_pdf(source, folder).read_bytes()
        except (subprocess.SubprocessError, RuntimeError, OSError) as exc:
            raise ReportError("PDF转换失败，请稍后重试或下载Word文档。") from exc


def generate(kind, zone, year, month=None, *, user=None, plan=None, date=None, now=None, charts=True, period=None,
             options=None):
    """The report of `kind` for `zone`; raises ReportError (bad input, no data) or ScopeDenied.
    `period` (first day, last day) is a 督查通报's chosen period instead of `year` / `month`; `options`
    (official.DocumentOptions) adds the zone's 版头, 主送机关 and 版记."""
    if period is not None and any(period) and kind != ReportKind.SUPERVISION:
        raise ReportError("只有督查通报可以按自定义期间生成，其他报告请选择年份和月份。")
    period = period if period is not None and any(period) else None
    if kind == ReportKind.SUMMARY:
        report = summary.build(zone, year, user=user, date=date, now=now)
        out = Output(kind, zone, int(year), None, report)
    elif kind == ReportKind.PLAN:
        report = plan_doc.build(zone, year, plan=plan, user=user, date=date)
        out = Output(kind, zone, plan.year if plan is not None else int(year), None, report)
    elif kind == ReportKind.BULLETIN:
        result = bulletin.build(zone, year, month, user=user, date=date, now=now, charts=charts)
        out = Output(kind, zone, result.year, result.month, result.report, xlsx_builder=result.xlsx)
    elif kind == ReportKind.SUPERVISION:
        report = supervision_report.build(zone, year, month, user=user, date=date, now=now, plan=plan, period=period)
        if period is not None:
            out = Output(kind, zone, period[0].year, None, report, period=tuple(period))
        else:
            out = Output(kind, zone, int(year), int(month) if month not in (None, "") else None, report)
    elif kind == ReportKind.INVESTMENT:
        report = investment_report.build(zone, year, month, user=user, date=date, now=now)
        out = Output(kind, zone, int(year), int(month), report)
    else:
        names = "、".join(str(label) for label in ReportKind.labels)
        raise ReportError(f"未知的报告类型“{kind}”，应为{names}。")
    official.dress(out.report, zone, options)
    return out
