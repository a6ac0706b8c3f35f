"""Projects: the name as written and the stated total, in the ways news items and tables state them."""

from zonework.reading import read_text


def projects(text):
    return [(p["name"], p["investment"], p["unit"]) for p in read_text(text).projects]


def test_a_modifying_clause_between_amount_and_name():
    text = ("总投资约1.5亿元,年产量5万吨的钢结构生产项目一期已投产。投资8亿元,预计年产10万个车厢的车厢厂生产项目正在建设。"
            "总投资2.4亿元,位于北部大项目区的重油等项目都在加快建设。")
    assert projects(text) == [("钢结构生产项目", 1.5, "亿元"), ("车厢厂生产项目", 8, "亿元"), ("重油项目", 2.4, "亿元")]


def test_names_without_xiangmu_are_kept_whole():
    text = ("集中开工的项目有总投资3.3亿元的电力工程二期新型节能变压器、总投资2.6亿元的某实业有限公司冶金阀门、"
            "总投资10亿元的某木业一期工程已正式投产。")
    assert projects(text) == [("电力工程二期新型节能变压器", 3.3, "亿元"), ("某实业有限公司冶金阀门", 2.6, "亿元"),
                              ("某木业一期工程", 10, "亿元")]


def test_company_named_projects_and_other_amount_verbs():
    text = "某生物能源有限公司总投资1500万美元,设计年产10万吨生物柴油。总投入3000万美元的某某公司正在建设。"
    assert projects(text) == [("某生物能源有限公司", 1500, "万美元"), ("某某公司", 3000, "万美元")]


def test_long_names_with_parentheses_before_a_planned_total():
    text = ("其中某新能源发电有限公司40万千瓦(一、二期30万千瓦)风电供暖示范项目配套220KV送出工程项目,计划总投资为2344万元,"
            "年内投资完成。另外,某风力发电有限公司一期12万千瓦风电场配套220KV送出线路工程,计划总投资3633万元。")
    assert projects(text) == [
        ("某新能源发电有限公司40万千瓦(一、二期30万千瓦)风电供暖示范项目配套220KV送出工程项目", 2344, "万元"),
        ("某风力发电有限公司一期12万千瓦风电场配套220KV送出线路工程", 3633, "万元")]


def test_partial_amounts_funds_and_batches_are_not_projects():
    text = ("推动设立总规模100亿元、首期投资30亿元的海洋产业基金。10个重大项目年度计划投资168亿元,包括总投资99.2亿元的乘用车基地项目。"
            "总投资7亿元的氯乙烯单体等5个重大项目已经竣工投产。")
    assert projects(text) == [("乘用车基地项目", 99.2, "亿元")]


def test_rows_of_a_table_with_an_investment_column():
    text = ("2023年民生实事项目目标任务与责任分解表\n序号\n项目\n责任单位\n建设内容\n总投资\n(万元)\n目标进度\n"
            "1\n完善交通基础设施\n区住建局\n实施宏图路提升改造工程。\n48414\n一季度开工。\n"
            "2\n打造友好人居环境\n区住建局\n新建未来社区4个,完成30个小区的整治。\n13400\n年内完成\n"
            "区城管局\n实施泵站改造,东大河整治工程开工。\n3200\n7月完工。\n")
    assert projects(text) == [("宏图路提升改造工程", 48414, "万元"), ("泵站改造,东大河整治工程", 3200, "万元")]


def test_a_list_of_projects_joined_by_he_and_the_works_word():
    text = "加快推进总投资20亿元的智慧物流园和总投资8亿元的人民医院新院区建设。"
    assert projects(text) == [("智慧物流园", 20, "亿元"), ("人民医院新院区", 8, "亿元")]


def test_a_project_followed_directly_by_its_amount():
    assert projects("引进比亚迪电池项目投资50亿元,已开工建设。") == [("比亚迪电池项目", 50, "亿元")]
