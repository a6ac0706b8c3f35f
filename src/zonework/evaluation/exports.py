"""The ranking of a run as .xlsx (core/excel.py) and as a GB/T 9704 通报 (reports/docx_format.py)."""

from zonework.core import clock, excel
from zonework.reports import docx_format as fmt

from .compute import group_ranks

HEADER = ["总排名", "开发区", "级别", "城市", "总分", "一票否决", "同级别排名", "同城市排名"]


def ranking_rows(run, results):
    """The ranking table, one row per zone, with the ranks per group computed in one pass."""
    results = sorted(results, key=lambda r: (r.rank, r.zone.name))
    by_level = group_ranks(results, lambda r: r.zone.level)
    by_city = group_ranks(results, lambda r: r.zone.city)
    return [[r.rank, r.zone.name, r.zone.get_level_display(), r.zone.city, str(r.total),
             "是" if r.vetoed else "", by_level[r.pk], by_city[r.pk]] for r in results]


def ranking_workbook(run, results):
    return excel.rows_to_workbook(f"{run.year}年度考核排名", [HEADER, *ranking_rows(run, results)])


def ranking_report(run, results, issuer="", *, zone=None, options=None):
    """The ranking 通报; with `zone` and `options` (reports.official.DocumentOptions) it carries that
    zone's 版头, 主送机关 and 版记, as every other 公文 does."""
    rows = ranking_rows(run, results)
    report = fmt.Report(title=fmt.Title([f"关于{run.year}年度开发区综合发展水平考核评价结果的通报"]))
    report.para(f"根据《{run.scheme}》，对{len(rows)}个开发区{run.year}年度综合发展水平进行了考核评价，"
                f"现将结果通报如下。")
    report.heading(1, "考核结果")
    report.add(fmt.Table(header=HEADER[:6], rows=[[str(c) for c in row[:6]] for row in rows]))
    report.heading(1, "有关说明")
    report.para(run.scheme.source_note or "各项得分的数据和公式见系统考核明细。")
    report.signature = fmt.Signature(date=clock.today(), issuer=issuer)
    if zone is not None and options is not None:
        from zonework.reports.official import dress

        dress(report, zone, options)
    return report.number_headings()


def ranking_docx(run, results, issuer="", *, zone=None, options=None):
    return fmt.write_docx(ranking_report(run, results, issuer, zone=zone, options=options))
