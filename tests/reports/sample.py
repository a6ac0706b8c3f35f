"""A fixed report in the block model, for format and visual tests (no database)."""

import datetime

from zonework.reports.docx_format import Figure, Report, Signature, Table, Title


def sample_report(pages=2):
    report = Report(Title(["武汉经济技术开发区", "2012年工作总结和2013年工作要点"]))
    report.heading(1, "2012年工作总结")
    report.para(
        "2012年，在市委、市政府的正确领导下，开发区全面提速“工业倍增”计划，全年完成规模以上工业总产值",
        Figure("2020亿元", "规模以上工业总产值 2012年1-12月", "/economy/observations/1/", "economy.observation:1"),
        "，增长",
        Figure("20%", "规模以上工业总产值 同比", "/economy/observations/1/", "economy.observation:1"),
        "，完成年度目标的101.0%；完成固定资产投资255亿元，增长25%。",
    )
    report.heading(2, "招商引资实现新突破")
    report.para("全年实现签约项目投资总额332.46亿元，引进世界500强企业4家。")
    report.para("继续做大做强汽车产业，紧盯关键领域和薄弱环节。（责任单位：经信局、招商局）",
                lead="着力打造世界知名车都。", lead_level=3)
    report.heading(3, "重大项目建设有力推进")
    report.heading(4, "基础设施项目进展顺利")
    for n in range(pages * 8):
        report.para(f"第{n + 1}段：开发区持续优化营商环境，健全“企有所呼、我必有应”工作机制，"
                    "大幅提升政务服务效能，企业满意度持续提高。")
    report.add(Table(["指标", "1-12月", "同比(%)"], [["规模以上工业总产值（亿元）", "2020", "20.0"]],
                     caption="主要经济指标完成情况"))
    report.signature = Signature(datetime.date(2013, 1, 5), issuer="武汉经济技术开发区管委会")
    return report
