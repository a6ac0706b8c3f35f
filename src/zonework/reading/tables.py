"""Tables flattened to text: pipe-separated cells, or one cell per line.

A scraped page or a converted Word file gives a table as `1 | 任务 | 教育局 | 发改局、财政局 |`, as one
`cell |` per line, or as one bare cell per line with blank lines between sub-rows. Whichever it is, a
table here is its header cells and its rows; a row opens at its serial number (序号 1, 2, 3 … or 24,
25, 26 …), so a row split into sub-rows or a cell wrapped over two lines stays in its row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADER_KEY = re.compile(r"^序\s*号$")
_TASK_COLUMN = re.compile(r"任务|项目|事项|工作内容|实事")
UNIT_COLUMN = re.compile(r"单\s*位|部\s*门|主\s*体")
PERSON_COLUMN = re.compile(r"领\s*导|负责人|联系人")
MONEY_COLUMN = re.compile(r"投\s*资|金\s*额|资\s*金")
_STOP = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]+篇|附件)", re.M)
_SERIAL = re.compile(r"\d{1,3}")
_SERIAL_HEADER = re.compile(r"序\s*号")
_ONLY_SPACE = re.compile(r"\s*\Z")
_TAB_OR_LINE = re.compile(r"[\t\n]")
_MAX_TABLE = 30000  # characters a table may run to: a longer stretch is text, not one table

# How a responsible unit's name ends: an office, a bureau, a town, a company … (各镇(街道) as 各镇).
UNIT_END = re.compile(
    r"(?:局|委|办|处|室|科|中心|站|所|院|馆|队|部|厅|署|会|联|团|公司|政府|街道|街办|镇|乡|村|社区|区|县|市|州|"
    r"园|场|管委会|指挥部|单位|部门|各地|集团|银行|学校|医院|企业|小组|组|行|社|台|厂|垸)$")
_NOTE = re.compile(r"[(（][^()（）]{0,12}[)）]")
# What is left on the next line when a unit's name does not fit its cell: a generic office word.
_NAME_REST = re.compile(r"(?:[\u4e00-\u9fff]{0,2}(?:服务中心|执法局|管理局|管理处|管理中心|办公室|委员会|指挥部|事务所)|"
                        r"局|办|处|委|中心|站|所|公司|集团|分局)")


@dataclass
class Cell:
    text: str
    start: int
    end: int


@dataclass
class Row:
    number: int
    cells: list[Cell] = field(default_factory=list)
    complete: bool = True  # False when the text stops inside the row


@dataclass
class Table:
    header: list[Cell]
    rows: list[Row]
    start: int
    end: int
    piped: bool = False  # cells separated by "|" rather than one per line

    def has(self, pattern: re.Pattern) -> bool:
        return any(pattern.search(c.text) for c in self.header)


_NOT_UNITS = re.compile(r"[\d。:：%]")
_UNIT_SPLIT = re.compile(r"[、,，;；/\s]+")


def looks_like_units(text: str) -> bool:
    """A cell that names units only: 城管局 / 市政局、相关街道 / 各镇(街道); not a person, not prose."""
    text = text.strip().rstrip("。")
    if not text or _NOT_UNITS.search(text) or len(text) > 200:
        return False
    parts = [p for p in _UNIT_SPLIT.split(text) if p]
    return bool(parts) and all(UNIT_END.search(_NOTE.sub("", p)) for p in parts)


def _cells(text: str, start: int, end: int) -> list[Cell]:
    """The cells of a region: split on "|" when it has pipes, else one per non-empty line."""
    region = text[start:end]
    # Every separator is one character, so each piece starts one past the end of the one before.
    if region.count("|") >= 4:
        pieces, keep_empty = region.split("|"), True
    elif region.count("\t") >= 4:
        pieces, keep_empty = _TAB_OR_LINE.split(region), True  # a Word table: one row a line, cells between tabs
    else:
        pieces, keep_empty = region.split("\n"), False
    cells: list[Cell] = []
    pos = start
    for raw in pieces:
        s = raw.strip()
        if s:
            lead = pos + raw.index(s[0])
            cells.append(Cell(s, lead, lead + len(s)))
        elif keep_empty:
            cells.append(Cell("", pos, pos))
        pos += len(raw) + 1
    return cells


def _piped(region: str) -> bool:
    """Whether cells are kept apart by a separator ("|" or a tab) rather than by line ends."""
    return region.count("|") >= 4 or region.count("\t") >= 4


def find_tables(text: str, lo: int, hi: int) -> list[Table]:
    """Tables with a 序号 column between lo and hi."""
    tables: list[Table] = []
    for m in _SERIAL_HEADER.finditer(text, lo, hi):
        start = m.start()
        if tables and start < tables[-1].end:
            continue
        line_start = text.rfind("\n", lo, start) + 1
        reach = min(hi, start + _MAX_TABLE)
        stop = _STOP.search(text, start + 2, reach)
        end = stop.start() if stop else reach
        cells = _cells(text, line_start, end)
        k = next((i for i, c in enumerate(cells) if _HEADER_KEY.match(c.text)), None)
        if k is None:
            continue
        header: list[Cell] = [cells[k]]
        i = k + 1
        while i < len(cells) and not (_SERIAL.fullmatch(cells[i].text) and len(header) > 2) and len(header) < 16:
            if cells[i].text:
                header.append(cells[i])
            i += 1
        if len(header) < 3 or not any(_TASK_COLUMN.search(c.text) for c in header):
            continue
        rows: list[Row] = []
        for cell in cells[i:]:
            if _SERIAL.fullmatch(cell.text) and (not rows or int(cell.text) == rows[-1].number + 1):
                rows.append(Row(int(cell.text)))
            elif rows and cell.text:
                rows[-1].cells.append(cell)
        if not rows:
            continue
        piped = _piped(text[line_start:end])
        full = piped and len(rows[-1].cells) + 1 >= len(header)
        ending = text[max(line_start, end - 200):end].rstrip()
        if _ONLY_SPACE.match(text, end) and ending[-1:] not in "。|！？!?" and not full:
            rows[-1].complete = False  # the text is cut inside its last row
        tables.append(Table(header, rows, start, end, piped))
    return tables


def article_tables(text: str, art) -> list[Table]:
    """The tables of one article, found once: the tasks and the projects both read them."""
    if art._tables is None or art._tables[0] is not text:
        art._tables = (text, find_tables(text, art.start, art.end))
    return art._tables[1]


def unit_cells(table: Table, row: Row) -> list[Cell]:
    """The cells of a row that name its units, a cell wrapped over two lines joined back.

    "区新兴产业" + "服务中心" is one unit whose name did not fit its cell; "区公建中心" after "执法局"
    is a unit of its own.
    """
    out: list[Cell] = []
    cells = row.cells[1:]  # the first cell after the serial number is the task
    # A pipe keeps a cell whole, and a short name beside a 领导 column is a person's.
    may_join = not table.piped and not table.has(PERSON_COLUMN)
    k = 0
    while k < len(cells):
        cell = cells[k]
        if looks_like_units(cell.text):
            out.append(cell)
        elif (may_join and k + 1 < len(cells) and len(cell.text) <= 10 and re.fullmatch(r"[\u4e00-\u9fff()（）]+", cell.text)
              and _NAME_REST.fullmatch(cells[k + 1].text)):
            nxt = cells[k + 1]
            out.append(Cell(cell.text + nxt.text, cell.start, nxt.end))
            k += 1
        k += 1
    return out
