"""Tasks and their responsible units, in every layout plans use."""

from zonework.reading import read_text
from zonework.reading.tasks import parse_units


def tasks(text):
    return [{k: v for k, v in t.items() if k != "provenance"} for t in read_text(text).tasks]


def test_square_brackets_and_lead_units():
    text = ("一、2021年主要目标\n(一)地区生产总值增长11%。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,某经济开发区]\n"
            "(二)固定资产投资增长12%。(牵头单位:县财政局;责任单位:县税务局)\n")
    assert tasks(text) == [
        {"title": "地区生产总值增长11%", "units": ["县发改局(粮食局)", "各镇人民政府", "某经济开发区"],
         "lead_units": ["县发改局(粮食局)"]},
        {"title": "固定资产投资增长12%", "units": ["县财政局", "县税务局"], "lead_units": ["县财政局"]}]


def test_tortoise_brackets_with_notes_for_all_tasks():
    """〔责任单位:…按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕 keeps only the units."""
    text = ("一、深化改革\n(一)加强市场体系建设。推进高标准市场体系建设。〔责任单位:省发展改革委、省市场监管局、商务厅按职责分工负责。"
            "具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕\n(二)优化市场准入环境。实施改革。〔责任单位:省市场监管局〕\n")
    assert [(t["title"], t["units"]) for t in tasks(text)] == [
        ("加强市场体系建设", ["省发展改革委", "省市场监管局", "商务厅"]), ("优化市场准入环境", ["省市场监管局"])]


def test_host_and_co_host_lines_under_an_item():
    text = ("一、人居环境提升工程\n(1)实施老旧小区改造提升。改造两个老旧小区。\n\n主办单位:县城投公司,协办单位:住建局、凤城镇。\n"
            "(2)建设民俗公园。\n主办单位:住建局、榕发公司,协办单位:凤城镇。\n")
    assert tasks(text) == [
        {"title": "实施老旧小区改造提升", "units": ["县城投公司", "住建局", "凤城镇"], "lead_units": ["县城投公司"]},
        {"title": "建设民俗公园", "units": ["住建局", "榕发公司", "凤城镇"], "lead_units": ["住建局", "榕发公司"]}]


def test_lead_and_support_words_after_the_units_and_a_leader_line():
    """部门分工:X牵头,Y、Z配合 under 分管省领导:张三: the leader is a person, not a unit."""
    text = "一、主要预期目标\n1.地区生产总值增长6%以上。\n分管省领导:张三\n部门分工:省发展改革委牵头,各地、各部门配合。\n"
    assert tasks(text) == [{"title": "地区生产总值增长6%以上", "units": ["省发展改革委", "各地", "各部门"],
                            "lead_units": ["省发展改革委"]}]


def test_unit_line_with_a_trailing_note():
    text = ("附件1\n一、市长主抓重点工作\n1.坚定不移支持企业发展。落实各项政策。\n"
            "责任单位:市经信局、市财政局、市税务局(列第一位者为工作牵头单位或汇总单位,下同)\n")
    assert [t["units"] for t in tasks(text)] == [["市经信局", "市财政局", "市税务局"]]


def test_a_cut_note_yields_no_task():
    """The excerpt stops inside the list of units: the list may go on, so nothing is claimed."""
    assert tasks("一、目标\n(六)城乡居民收入同步增长。[牵头单位:县发改局、县农业农") == []
    assert tasks("一、工程\n(8)整治提升路网。\n主办单位:某交通建设发展有") == []


def test_site_footer_is_not_a_task():
    text = ("二、任务\n3.营造良好氛围。加强宣传。\n\n链接: 区人大 | 区政协\n"
            "主办单位:某区党政办公室    地址:某区某路1号\n承办单位:某区大数据中心\n")
    assert tasks(text) == []


def test_pipe_table_with_a_leader_column():
    text = ("2023年区政府重点民生实事项目推进情况\n序号 |\n主要任务 |\n全年目标任务 |\n分管 领导 |\n牵头 单位 |\n"
            "责任主体与协同单位 |\n推进情况 |\n24 |\n优化提升50条背街后巷交通组织。 |\n张三 |\n城管局 |\n市政局、相关街道 |\n"
            "已进场施工,完成30%。 |\n25 |\n新建中转站8个。 |\n张三 |\n城管局 |\n环卫处、各街道 |\n已建成3个。 |\n")
    assert [(t["title"], t["units"]) for t in tasks(text)] == [
        ("优化提升50条背街后巷交通组织", ["城管局", "市政局", "相关街道"]), ("新建中转站8个", ["城管局", "环卫处", "各街道"])]


def test_one_row_per_line_pipe_table():
    text = ("序号 | 实事项目 | 工作举措及实施计划 | 责任单位 | 配合单位 |\n"
            "1 | 新建成幼儿园7所,新增学位6800个。 | 1.4月底前主体完工。 | 教育局 | 发改局、住建局,锦城街道、昌化镇 |\n"
            "2 | 新建照护驿站7家。 | 3月底前新建成2家。 | 卫生健康局 | 财政局、妇联,各镇(街道) |\n")
    assert [(t["title"], t["units"]) for t in tasks(text)] == [
        ("新建成幼儿园7所,新增学位6800个", ["教育局", "发改局", "住建局", "锦城街道", "昌化镇"]),
        ("新建照护驿站7家", ["卫生健康局", "财政局", "妇联", "各镇(街道)"])]


def test_one_cell_per_line_table_with_sub_rows_and_wrapped_unit_names():
    text = ("2023年民生实事项目目标任务与责任分解表\n序号\n项目\n责任单位\n建设内容\n总投资\n(万元)\n目标进度\n"
            "1\n完善交通基础设施\n区新兴产业\n服务中心\n实施宏图路提升改造工程。\n48414\n一季度开工。\n\n\n"
            "区住建局\n实施寺慈线路面提升工程。\n1000\n6月开工。\n"
            "2\n提升区域防洪能力\n区综合行政\n执法局\n区公建中心\n实施江堤修复提升工程。\n4950\n7月底\n具备挡水条件\n\n"
            "慈城镇\n实施泵站改造。\n3200\n7月完工。\n3\n打造友好人居环境\n区住建局\n新建未来社区4个。\n13400\n年内完成\n区审管办\n建成")
    assert [(t["title"], t["units"]) for t in tasks(text)] == [
        ("完善交通基础设施", ["区新兴产业服务中心", "区住建局"]),
        ("提升区域防洪能力", ["区综合行政执法局", "区公建中心", "慈城镇"])]


def test_units_split_on_separators_but_not_on_ji():
    assert parse_units("责任单位:经信局、招商局,汽车及零部件产业园;组织部")[0] == [
        "经信局", "招商局", "汽车及零部件产业园", "组织部"]


def test_lead_marked_in_parentheses_and_an_unlabelled_role_line():
    text = ("一、目标\n3.社会消费品零售总额增长10%。【责任单位:区商务局(牵头)、区市场监管局】\n"
            "二、任务\n2.培育壮大新兴产业。\n区科技局牵头,区发改局、区经信局配合。\n")
    assert tasks(text) == [
        {"title": "社会消费品零售总额增长10%", "units": ["区商务局", "区市场监管局"], "lead_units": ["区商务局"]},
        {"title": "培育壮大新兴产业", "units": ["区科技局", "区发改局", "区经信局"], "lead_units": ["区科技局"]}]


def test_unit_lines_at_the_end_of_a_complete_text_are_kept():
    text = "一、任务\n(二)优化营商环境。深化改革。\n牵头单位:行政审批局\n责任单位:市场监管局、税务分局"
    assert [t["units"] for t in tasks(text)] == [["行政审批局", "市场监管局", "税务分局"]]


def test_word_table_of_tasks(tmp_path):
    """A .docx task table (cells read as tab-separated lines) gives one task per row."""
    import docx

    from zonework.reading import read_path

    document = docx.Document()
    document.add_paragraph("2024年重点工作任务分解表")
    rows = [("序号", "重点任务", "牵头单位", "配合单位", "完成时限"),
            ("1", "加快建设新能源产业园。", "区发改局", "区财政局、区自然资源局", "2024年12月"),
            ("2", "优化营商环境。", "区行政审批局", "各街道", "2024年6月")]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "tasks.docx"
    document.save(path)
    got = [(t["title"], t["units"], t.get("lead_units")) for t in read_path(path).tasks]
    assert got == [("加快建设新能源产业园", ["区发改局", "区财政局", "区自然资源局"], ["区发改局"]),
                   ("优化营商环境", ["区行政审批局", "各街道"], ["区行政审批局"])]


def test_a_bracket_of_role_words_without_a_label():
    text = "二、重点工作\n1.推进产业链招商。开展精准招商。(区投促局牵头,区发改局、各街道配合)\n2.加快数字化转型。(由区工信局牵头)\n"
    assert [(t["title"], t["units"]) for t in tasks(text)] == [
        ("推进产业链招商", ["区投促局", "区发改局", "各街道"]), ("加快数字化转型", ["区工信局"])]
