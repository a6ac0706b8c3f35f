"""One entry point for every caller (pages, API, command, background job): kind + zone + period → files."""

from __future__ import annotations

from dataclasses import dataclass

from . import bulletin, official, plan_doc, summary
from .choices import ReportKind
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
    _docx: bytes | None = None
    _xlsx: bytes | None = None

    @property
    def docx(self):
        if self._docx is None:
            self._docx = write_docx(self.report)
        return self._docx

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
        if self.kind == ReportKind.BULLETIN:
            period = f"{self.year}年{bulletin.period_label(self.month)}"
        else:
            period = f"{self.year}年"
        if self.kind == ReportKind.SUMMARY and "工作要点" in self.report.title.lines[-1]:
            label = f"工作总结和{self.year + 1}年工作要点"
        return f"{name}{period}{label}.{ext}"


def generate(kind, zone, year, month=None, *, user=None, plan=None, date=None, now=None, charts=True,
             options=None):
    """The report of `kind` for `zone`; raises ReportError (bad input, no data) or ScopeDenied.
    `options` (official.DocumentOptions) adds the zone's 版头, 主送机关 and 版记."""
    if kind == ReportKind.SUMMARY:
        report = summary.build(zone, year, user=user, date=date, now=now)
        out = Output(kind, zone, int(year), None, report)
    elif kind == ReportKind.PLAN:
        report = plan_doc.build(zone, year, plan=plan, user=user, date=date)
        out = Output(kind, zone, plan.year if plan is not None else int(year), None, report)
    elif kind == ReportKind.BULLETIN:
        result = bulletin.build(zone, year, month, user=user, date=date, now=now, charts=charts)
        out = Output(kind, zone, result.year, result.month, result.report, xlsx_builder=result.xlsx)
    else:
        raise ReportError(f"未知的报告类型“{kind}”，应为工作总结、工作要点或经济运行月报。")
    official.dress(out.report, zone, options)
    return out
