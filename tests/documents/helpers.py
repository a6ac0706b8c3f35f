from django.core.files.uploadedfile import SimpleUploadedFile

PLAN = """武汉经济技术开发区2012年工作总结和2013年工作要点
一、2012年工作回顾
2012年，全区完成地区生产总值500亿元，增长10%；完成固定资产投资255亿元，增长25%。
二、2013年工作要点
2013年开发区经济社会发展主要预期目标是：规模以上工业总产值增长不低于20%，固定资产投资增长25%左右，社会消费品零售总额达到120亿元。
"""


def plan_file(name="2013年工作要点.txt", text=PLAN):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/plain")
