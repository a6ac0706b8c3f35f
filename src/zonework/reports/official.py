"""A zone's 公文 settings applied to a report: the 版头 (发文机关标志, 发文字号), 主送机关 and 版记.

`settings_for(zone)` is the zone's saved DocumentSettings or its defaults; `suggest_number(zone, year)`
the next 发文字号 number; `dress(report, zone, options)` gives a built report its layout. Every kind of
document (summary, plan, bulletin, supervision notice, ranking 通报) is dressed here, so the layout
options mean the same in all of them.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Max

from .common import ReportError, issuer_for, today
from .docx_format import SECRECY_LEVELS, URGENCY_LEVELS, Colophon, Masthead, Report, document_number


def default_prefix(zone):
    """A first guess at the 机关代字: the short name's first character and 开 (高 for a 高新区)."""
    name = zone.short_name or zone.name
    return name[:1] + ("高" if "高新" in zone.name else "开")


def defaults_for(zone):
    """The settings of a zone that has saved none (not saved)."""
    from .models import DocumentSettings

    issuer = issuer_for(zone)
    return DocumentSettings(zone=zone, mark=f"{issuer}文件", number_prefix=default_prefix(zone),
                            printer=f"{issuer}办公室", copy_to="")


def settings_for(zone):
    from .models import DocumentSettings

    return DocumentSettings.objects.filter(zone=zone).first() or defaults_for(zone)


def suggest_number(zone, year):
    """The next 发文字号 number of `zone` in `year`: one more than the highest issued, and not below
    the first number the office set for that year."""
    from .models import IssuedNumber

    highest = IssuedNumber.objects.filter(zone=zone, year=year).aggregate(m=Max("number"))["m"] or 0
    settings = settings_for(zone)
    floor = settings.first_number if settings.first_number_year == year else 1
    return max(highest + 1, floor)


@dataclass
class DocumentOptions:
    """What a user chooses for one document beyond its content (all off by default)."""

    masthead: bool = False  # 版头 and 版记
    number: int | None = None  # 发文字号 number; None: the suggested one
    signer: str = ""  # 签发人 (上行文)
    recipient: str = ""  # 主送机关
    copy_to: str | None = None  # 抄送机关; None: the zone's default
    secrecy: str = ""
    secrecy_term: str = ""
    urgency: str = ""
    copy_number: str = ""  # 份号
    letter: bool = False  # 信函格式

    def check(self):
        """Refuse what GB/T 9704 does not allow, with a Chinese message."""
        if self.secrecy and self.secrecy not in SECRECY_LEVELS:
            raise ReportError(f"密级“{self.secrecy}”无效，应为{'、'.join(SECRECY_LEVELS)}之一。")
        if self.urgency and self.urgency not in URGENCY_LEVELS:
            raise ReportError(f"紧急程度“{self.urgency}”无效，应为{'、'.join(URGENCY_LEVELS)}之一。")
        if self.secrecy_term and not self.secrecy:
            raise ReportError("填写了保密期限，请同时选择密级。")
        if self.copy_number and not (len(self.copy_number) == 6 and self.copy_number.isdigit()):
            raise ReportError(f"份号“{self.copy_number}”无效，应为6位阿拉伯数字，如000001。")
        if self.number is not None and not 1 <= int(self.number) <= 99999:
            raise ReportError(f"发文字号序号{self.number}无效，应为1至99999的整数。")
        return self


def dress(report: Report, zone, options: DocumentOptions | None, *, date: datetime.date | None = None,
          settings=None):
    """Give `report` the zone's 版头, 主送机关 and 版记 as `options` ask; returns the report."""
    if options is None:
        return report
    options.check()
    if options.recipient.strip():
        report.recipient = options.recipient.strip()
    if not options.masthead:
        return report
    settings = settings or settings_for(zone)
    date = date or (report.signature.date if report.signature else today())
    number = options.number if options.number is not None else reprint_number(zone, date.year, report) \
        or suggest_number(zone, date.year)
    mark = settings.mark
    if options.letter and mark.endswith("文件"):
        mark = mark[:-2]  # 信函: the 机关 name without 文件
    report.masthead = Masthead(
        mark=mark, number=document_number(settings.number_prefix, date.year, number),
        signer=options.signer.strip(), copy_number=options.copy_number, secrecy=options.secrecy,
        secrecy_term=options.secrecy_term.strip(), urgency=options.urgency, letter=options.letter)
    copy_to = settings.copy_to if options.copy_to is None else options.copy_to
    report.colophon = Colophon(copy_to=copy_to, printer=settings.printer, print_date=date)
    return report


def reprint_number(zone, year, report):
    """The number this document already took this year (a second download is a reprint, not a new
    document), or None."""
    from .models import IssuedNumber

    title = "".join(report.title.lines)[:200]
    return IssuedNumber.objects.filter(zone=zone, year=year, title=title).values_list("number", flat=True).first()


def options_from(params):
    """DocumentOptions from a query string or form data (the LayoutFields names); a Chinese
    ReportError for a bad value. For pages that take the layout beside their own parameters."""
    from .forms import LayoutFields

    form = LayoutFields(params)
    if not form.is_valid():
        raise ReportError([e for errs in form.errors.values() for e in errs])
    return form.layout_options()


def number_of(report):
    """(year, number) of the 发文字号 a dressed report carries, or None."""
    import re

    if not report.masthead or not report.masthead.number:
        return None
    found = re.search(r"〔(\d{4})〕(\d+)号$", report.masthead.number)
    return (int(found.group(1)), int(found.group(2))) if found else None
