"""Projects: a named project together with its stated total or agreed investment.

Reports write them as `总投资65亿元的X项目`, `X(投资30亿元)`, `X建设,总投资5.6亿元`,
`投资1.2亿元建设…的X学校`, `投资3000万元,实施X工程`, or as rows of a table of signed projects.
An amount that is only a threshold (`投资20亿元以上的项目`, `总投资超过60亿元`) names no project.
"""

from __future__ import annotations

import re

from .structure import Article
from .tables import MONEY_COLUMN, article_tables
from .textutil import sentence_span

NUM = r"\d+(?:\.\d+)?"
MONEY = r"(?:亿美元|万美元|亿元|万元)"
_AMOUNT = re.compile(
    rf"(计划总投资|项目总投资|总投资|总投入|计划总投入|计划投资|计划投入|协议投资|投资)(?:额|总额)?(?:为|达)?(约|近|超过|达)?"
    rf"\s*({NUM})\s*({MONEY})"
    r"(以上|多|左右)?")
_SUFFIX = re.compile(r"项目|工程|产业园|园区|园|基地|中心|酒店|学校|医院|大厦|广场|综合体|城|馆|小镇|公园|度假村|"
                     r"大道|大桥|厂|公司")
# Where the name of a project ends and the sentence goes on about it.
_PREDICATE = re.compile(r"(?:已经|已|正在|目前|即将|将|于|顺利|成功|正式|开始|全面|加快|进入|实现|预计|计划|等(?!项目)|"
                        r"[到在]?\d{4}年)")
# Money raised or granted is not a project: a fund, a subsidy, a loan.
_NOT_A_PROJECT = re.compile(r"基金|资金|补助|补贴|奖励|债券?|贷款|授信")
# An amount for a part or a period of the work (首期投资, 年度计划投资, 累计完成投资) is not its total.
_PART_AMOUNT = re.compile(r"(?:首期|一期|年度|年内|当年|累计|已完成|完成|今年|全年)$")
_BUILD_VERB = re.compile(r"\s*[,，]?\s*(?:用于|主要)?(建设|新建|建成|兴建|实施|启动|打造|改造|扩建)")
_SEGMENT_END = re.compile(r"[,，;；。:：\n]")
_QUOTES = str.maketrans("", "", "“”\"‘’'《》「」")
_LEAD_VERBS = re.compile(
    r"^(?:积极|全力|加快|加速|大力|重点|着力|继续|全面|推进|推动|协调|启动|实施|建设|开工|新建|引进了|引进|"
    r"完成|确保|成功|签约|签订|落户|力争|抓好|做好|配合|协助|支持|其中|以及|和|及|与|包括|了|有|的|年内|"
    r"新开工|开工建设|建成|投资建设)+")
_GENERIC = re.compile(r"^(?:签约|入区|在建|新建|续建|新开工|重点|重大|工业|产业|招商|引进|这些|该|各类|"
                      r"所有|全部|其中|共|一批|一个|新|大|好|上述|相关|配套|基础设施|亿元以上|这个)*"
                      r"(?:项目|工程|园区|基地|中心)$")
_TABLE_HEADER = re.compile(r"项目名称")
_TABLE_NAME = re.compile(r"(?<![\u4e00-\u9fffA-Za-z])(?:亿元|万元|亿美元|万美元)?([\u4e00-\u9fffA-Za-z·]{2,40}?项目)"
                         r"(?!名称|类别|类型|单位|地点|内容|编号)")
_TABLE_AMOUNT = re.compile(rf"({NUM})\s*({MONEY})")
_TABLE_STOP = re.compile(r"^\s*(?:[(（][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+、|第[一二三四五六七八九十]+篇)",
                         re.M)


_LIST_TAIL = re.compile(r"(?:和|及|与|以及)$")
_ETC = re.compile(r"等(?=项目$)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_BARE_PROJECT = re.compile(r"[\u4e00-\u9fff]?项目")
_BATCH = re.compile(r"\d+\s*[个家项批]|会上|签约|签订")


def _clean(name: str) -> str | None:
    name = name.translate(_QUOTES).strip(" \t、,，的")
    name = _LIST_TAIL.sub("", name)  # the list goes on with the next project's amount
    name = _ETC.sub("", name)
    if not (2 <= len(name) <= 80) or not _HAN.search(name):
        return None
    if _GENERIC.match(name) or _BARE_PROJECT.fullmatch(name):
        return None
    # A count (签约21个项目) or a venue (洽谈会上) describes a batch of projects, not one.
    if _BATCH.search(name):
        return None
    return name


_WORKS_WORD = re.compile(r"(?<=[\u4e00-\u9fff]{2})建设$")


def _name_from_segment(seg: str) -> str | None:
    """The project named at the start of `seg`: up to its first 项目, else the whole noun phrase.

    "港城电力工程二期新型节能变压器" and "洪川实业有限公司冶金阀门" are names as written although
    they end in no 项目; the phrase stops where the sentence goes on (已投产, 正在建设).
    """
    k = seg.find("项目")
    if k >= 0:
        return _clean(seg[:k + 2])
    stop = _PREDICATE.search(seg)
    if stop:
        seg = seg[:stop.start()]
    seg = _WORKS_WORD.sub("", seg.strip())  # 推进…新院区建设: the works, not the word
    name = _clean(seg)
    return None if name and _NOT_A_PROJECT.search(name) else name


def _segment(text: str, pos: int, hi: int) -> str:
    m = _SEGMENT_END.search(text, pos, min(hi, pos + 80))
    seg = text[pos:m.start() if m else min(hi, pos + 80)]
    nxt = _AMOUNT.search(seg)
    if nxt:
        seg = seg[:nxt.start()]
    return seg


def _record(art: Article, text: str, name: str, amount: str, unit: str, start: int, end: int,
            to_original) -> dict:
    s, e = sentence_span(text, start, art.start, art.end)
    value = float(amount)
    return {"name": name, "investment": int(value) if value.is_integer() else value, "unit": unit,
            "provenance": {"article": art.index, "start": to_original(start), "end": to_original(end - 1) + 1,
                           "sentence": text[s:e].strip(), "norm_start": start, "norm_end": end}}


def _before(text: str, lo: int, pos: int) -> str:
    """The clause that ends at `pos` (what a trailing amount is about); a 、 or , inside
    parentheses (40万千瓦(一、二期30万千瓦)风电项目) does not end it."""
    window = text[max(lo, pos - 90):pos]
    depth = 0
    for k in range(len(window) - 1, -1, -1):
        ch = window[k]
        if ch in ")）":
            depth += 1
        elif ch in "(（":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in ",，;；。:：\n、":
            return window[k + 1:]
    return window


_OF_NAME = re.compile(r"(?:[、,，](?:(?!投资|投入|亿元|万元|美元)[^。;；的]){0,24})?的")
_SPENT = re.compile(r"(?:全年|今年|年内)?(?:完成|累计|共计|共)")
_BUILD_TAIL = re.compile(r"(?:工程)?建设$")


def _from_amount(text: str, art: Article, m: re.Match, to_original) -> dict | None:
    keyword, hedge, amount, unit, after = m.groups()
    if hedge in ("超过", "近") or after in ("以上", "多"):
        return None
    if _PART_AMOUNT.search(text[max(art.start, m.start() - 4):m.start()]):
        return None
    end = m.end()
    rest = text[end:min(art.end, end + 80)]
    # 总投资X亿元(、具有…|,年产量5万吨)的NAME
    of = _OF_NAME.match(rest)
    if of:
        name = _name_from_segment(_segment(text, end + of.end(), art.end))
        return _record(art, text, name, amount, unit, m.start(), end, to_original) if name else None
    # 投资X亿元(,)建设/实施 …(的)NAME
    verb = _BUILD_VERB.match(rest)
    if verb and keyword == "投资":
        seg = _segment(text, end + verb.end(), art.end)
        if "的" in seg:
            seg = seg[seg.rfind("的") + 1:]
        name = _name_from_segment(seg)
        return _record(art, text, name, amount, unit, m.start(), end, to_original) if name else None
    # NAME(投资X亿元)
    if text[m.start() - 1:m.start()] in "(（" and rest[:1] in ")）":
        clause = _before(text, art.start, m.start() - 1)
        name = _clean(_LEAD_VERBS.sub("", clause))
        return _record(art, text, name, amount, unit, m.start() - 1 - len(clause), end + 1,
                       to_original) if name else None
    # NAME(建设|项目),总投资X亿元; NAME项目投资X亿元 (a project's own amount, no comma between)
    direct = keyword in ("投资", "计划投资", "计划投入") and text[m.start() - 2:m.start()] == "项目"
    if keyword in ("总投资", "项目总投资", "计划总投资", "总投入", "计划总投入") or direct:
        lo = m.start()
        prefix = text[max(art.start, lo - 1):lo]
        if prefix in (",", "，"):
            lo -= 1
        clause = _before(text, art.start, lo)
        if _SPENT.match(clause):
            return None  # 完成…总投资 reports spending on many works, not one project's size
        if keyword == "项目总投资":
            clause += "项目"
        if not (clause.endswith("建设") or _SUFFIX.search(clause[-4:] or "")):
            return None
        clause = _BUILD_TAIL.sub("", clause)
        name = _clean(_LEAD_VERBS.sub("", clause))
        return _record(art, text, name, amount, unit, lo - len(clause), end, to_original) if name else None
    return None


def _from_tables(text: str, art: Article, to_original) -> list[dict]:
    records = []
    for header in _TABLE_HEADER.finditer(text, art.start, art.end):
        stop = _TABLE_STOP.search(text, header.end(), art.end)
        region_end = stop.start() if stop else min(art.end, header.end() + 4000)
        names = [n for n in _TABLE_NAME.finditer(text, header.end(), region_end)]
        for k, n in enumerate(names):
            limit = names[k + 1].start(1) if k + 1 < len(names) else region_end
            amount = _TABLE_AMOUNT.search(text, n.end(), limit)
            name = _clean(n.group(1))
            if amount and name:
                records.append(_record(art, text, name, amount.group(1), amount.group(2), n.start(1),
                                       amount.end(), to_original))
    return records


_WORKS_VERB = re.compile(r"^(?:实施|新建|建设|建成|改造|扩建|续建|推进|完成|开展|启动|打造)")
_WORKS_TAIL = re.compile(r"(?:开工|竣工|完工|投用|投运)?[。;；]?$")
_COUNTED = re.compile(r"\d+\s*(?:个|座|处|所|家|条|项|户|套|公里|万?平方米|米)$")


def _from_column_tables(text: str, art: Article, to_original) -> list[dict]:
    """Rows of a table with a 总投资(万元) column: each works cell and the amount beside it.

    The works cell is the project as written, without its verb: "实施洋市河道整治工程。" names
    洋市河道整治工程. Works counted rather than named ("新建未来社区4个") name no project.
    """
    records = []
    for table in article_tables(text, art):
        if not table.has(MONEY_COLUMN):
            continue
        header = "".join(c.text for c in table.header)
        unit = "万元" if "万元" in header else "亿元" if "亿元" in header else None
        if unit is None:
            continue
        for row in table.rows:
            for works, amount in zip(row.cells[1:], row.cells[2:], strict=False):
                if not re.fullmatch(NUM, amount.text) or not _WORKS_VERB.match(works.text):
                    continue
                name = _WORKS_TAIL.sub("", _WORKS_VERB.sub("", works.text)).strip()
                if not name or _COUNTED.search(re.split(r"[,，]", name)[0]) or _NOT_A_PROJECT.search(name):
                    continue
                records.append(_record(art, text, name, amount.text, unit, works.start, amount.end, to_original))
    return records


def extract_projects(text: str, art: Article, to_original) -> list[dict]:
    records = _from_tables(text, art, to_original) + _from_column_tables(text, art, to_original)
    for m in _AMOUNT.finditer(text, art.start, art.end):
        rec = _from_amount(text, art, m, to_original)
        if rec:
            records.append(rec)
    return records
