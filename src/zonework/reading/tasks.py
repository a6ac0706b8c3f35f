"""Tasks: items of a plan with the units responsible for them, in whatever layout the plan uses.

- a note after the item: `(责任单位:经信局、招商局)`, `[牵头单位:发改局;责任单位:各镇]`,
  `〔责任单位:省发展改革委按职责分工负责。具体任务…下同。〕`, `【…】`;
- lines under the item: `责任单位:…`, `牵头单位:X` then `责任单位:Y`, `主办单位:X,协办单位:Y、Z`,
  `部门分工:X牵头,Y、Z配合` (a `分管领导:张三` line beside them names a person, not a unit);
- a table with a 责任单位 / 牵头单位 / 配合单位 column.

Units are listed lead first, as the text orders them; `lead_units` keeps the ones the text marks
as leading (牵头, 主办, 主责) where it tells them apart.
"""

from __future__ import annotations

import re

from .structure import Article
from .tables import UNIT_COLUMN, article_tables, looks_like_units, unit_cells
from .textutil import RESPONSIBILITY_LABEL

_LABEL = re.compile(rf"(?:{RESPONSIBILITY_LABEL}|(?P<person>[\u4e00-\u9fff]{{0,4}}(?:领导|责任人|联系人))|"
                    r"(?P<time>完成时限|时间节点|完成时间|时间要求))\s*[:：]")
# Labels end in one of a few words and a colon; the scan looks for those, then reads the label back.
_LABEL_END = re.compile(r"(?:单位|部门|主体|处室|分工|领导|责任人|联系人|时限|节点|时间|要求)\s*[:：]")
_LABEL_BACK = re.compile(rf"(?:{_LABEL.pattern})$")
_LEAD_LABEL = re.compile(r"牵头|主办|主责")
_SUPPORT_LABEL = re.compile(r"配合|协办|协同|协作|参与|协助")
_OPEN, _CLOSE = "([（〔【［", ")]）〕】］"
# 及 is not a separator: it lives inside names such as 汽车及零部件产业园.
_SPLIT = re.compile(r"[、,，;；/]|\s+")
_ROLE_TAIL = re.compile(r"(?:牵头|配合|协办|协助|参与|协同)(?:负责|落实|实施)?$")
_DUTY_TAIL = re.compile(r"(?:按职责分工负责|按职责负责|按职能分工负责|分别负责|共同负责|负责)$")
# A parenthesis that explains (列第一位者为牵头单位,下同) is a note; 县发改局(粮食局) names one unit.
_EXPLAINING = re.compile(r"[(（][^()（）]*(?:下同|为准|牵头|负责|单位|汇总|列第)[^()（）]*[)）]")
_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[(（]\d{1,2}[)）]|\d{1,2}[.、．]|[①-⑳])\s*")


_AGENT = re.compile(r"^(?:由|请|并由)(?=[\u4e00-\u9fff]{2})")
_MARKED_LEAD = re.compile(r"([^、,，;；:：\s()（）]+)[(（]牵头[)）]")
_CLAUSES = re.compile(r"[,，;；]")
_FIRST_STOP = re.compile(r"[。;；]")


def _clean_unit(part: str) -> str:
    part = part.strip(" 。.:：")
    part = _AGENT.sub("", part)
    part = _DUTY_TAIL.sub("", part)
    return part.strip(" 。.")


def parse_units(raw: str) -> tuple[list[str], list[str]]:
    """(units in order, lead units) named by the text of a responsibility note."""
    raw = raw.split("。", 1)[0]  # what follows a full stop is a note about all tasks
    # The pattern opens with a greedy run re retries at every character; only a note with 牵头 needs it.
    marked = [m.group(1) for m in _MARKED_LEAD.finditer(raw)] if "牵头" in raw else []
    raw = _EXPLAINING.sub("", raw)
    pieces: list[tuple[str, str]] = []  # (role, text)
    last, role, skip = 0, "plain", False
    for m in _LABEL.finditer(raw):
        if not skip:
            pieces.append((role, raw[last:m.start()]))
        label = m.group(0)
        skip = bool(m.group("person") or m.group("time"))
        role = "lead" if _LEAD_LABEL.search(label) else "support" if _SUPPORT_LABEL.search(label) else "plain"
        last = m.end()
    if not skip:
        pieces.append((role, raw[last:]))
    units: list[str] = []
    lead: list[str] = []
    for role, text in pieces:
        # X牵头,Y、Z配合: the role word closes each clause of units.
        for clause in _CLAUSES.split(text):
            clause = clause.strip()
            clause_role = role
            tail = _ROLE_TAIL.search(clause)
            if tail:
                clause_role = "lead" if tail.group(0).startswith("牵头") else "support"
                clause = clause[:tail.start()]
            for part in _SPLIT.split(clause):
                part = _clean_unit(part)
                if part and part not in units:
                    units.append(part)
                    if clause_role == "lead" or part in marked:
                        lead.append(part)
    return units, lead


def split_units(raw: str) -> list[str]:
    return parse_units(raw)[0]


def _first_sentence(s: str) -> str:
    s = _ENUM.sub("", s)
    return _FIRST_STOP.split(s, maxsplit=1)[0].strip()


def _open_bracket(text: str, pos: int, lo: int) -> int | None:
    """The unclosed bracket that a label at `pos` sits in, looking back along its line."""
    depth = 0
    k = pos - 1
    while k >= max(lo, pos - 80):
        ch = text[k]
        if ch == "\n":
            return None
        if ch in _CLOSE:
            depth += 1
        elif ch in _OPEN:
            if depth == 0:
                return k
            depth -= 1
        k -= 1
    return None


def _matching(text: str, open_pos: int, hi: int) -> int:
    depth = 0
    for k in range(open_pos, min(hi, open_pos + 600)):
        ch = text[k]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth == 0:
                return k
        elif ch == "\n":
            return k
    return min(hi, open_pos + 600)


# A line that assigns the item without a label: "区科技局牵头,区发改局、区经信局配合。"
_ROLE_LINE = re.compile(r"^[ \t\u3000]*([^\s。:：]{2,30}?牵头[^\n。]{0,120}?(?:配合|协助|参与|协同)(?:落实|实施)?)[。.]?[ \t]*$",
                        re.M)


# A bracket that assigns the item without a label: "(区发改局牵头,区财政局、各街道配合)".
_ROLE_BRACKET = re.compile(r"[(（〔【]([^()（）〔〕【】\n。]{2,40}?牵头(?:[,，;；、][^()（）〔〕【】\n。]{2,80}?"
                           r"(?:配合|协助|参与|协同)(?:落实|实施)?)?)[)）〕】]")


def _notes(text: str, lo: int, hi: int):
    """(start, end, note text, on its own lines) of every responsibility note, in text order."""
    found = list(_labelled_notes(text, lo, hi))
    taken = [(s, e) for s, e, _, _ in found]
    if text.find("牵头", lo, hi) < 0:
        return sorted(found)  # both patterns below name a 牵头 unit
    for matches, own_line in ((_role_lines(text, lo, hi), True), (_ROLE_BRACKET.finditer(text, lo, hi), False)):
        for m in matches:
            if not any(s <= m.start(1) < e for s, e in taken):
                start, end = (m.start(1), m.end(1)) if own_line else (m.start(), m.end())
                found.append((start, end, m.group(1), own_line))
                taken.append((start, end))
    return sorted(found)


def _role_lines(text: str, lo: int, hi: int):
    """_ROLE_LINE.finditer(text, lo, hi), tried only on the lines that hold a 牵头: a pattern
    opening with ^ and a lazy repeat is costly to try on every line of a long text."""
    pos = lo
    while (k := text.find("牵头", pos, hi)) >= 0:
        line_start = max(lo, text.rfind("\n", 0, k) + 1)
        m = _ROLE_LINE.match(text, line_start, hi)
        if m:
            yield m
        line_end = text.find("\n", k, hi)
        if line_end < 0:
            return
        pos = line_end + 1


def _labels(text: str, lo: int, hi: int):
    for end in _LABEL_END.finditer(text, lo, hi):
        back = _LABEL_BACK.search(text, max(lo, end.start() - 10), end.end())
        if back:
            yield back


def _labelled_notes(text: str, lo: int, hi: int):
    consumed = lo
    for m in _labels(text, lo, hi):
        if m.start() < consumed:
            continue
        open_pos = _open_bracket(text, m.start(), lo)
        if open_pos is not None:
            close = _matching(text, open_pos, hi)
            consumed = close + 1
            if close < hi and text[close] in _CLOSE:  # a note the excerpt cuts off may go on
                yield open_pos, close + 1, text[open_pos + 1:close], False
            continue
        line_start = text.rfind("\n", lo, m.start()) + 1
        line_end = text.find("\n", m.start(), hi)
        line_end = hi if line_end < 0 else line_end
        if text[line_start:m.start()].strip():
            # Inline and unbracketed: up to the end of its sentence.
            stop = text.find("。", m.start(), line_end)
            end = line_end if stop < 0 else stop + 1
            consumed = end
            yield m.start(), end, text[m.start():end], False
            continue
        # On its own line: the next lines that open with a label belong to the same item.
        end = line_end
        while True:
            nxt = end + 1
            while nxt < hi and text[nxt] in " \t\u3000\n":
                nxt += 1
            if nxt >= hi or not _LABEL.match(text, nxt):
                break
            end = text.find("\n", nxt, hi)
            end = hi if end < 0 else end
        consumed = end
        note = text[m.start():end]
        if _AT_END.match(text, end) and note.rstrip()[-1:] not in "。.)）" \
                and not looks_like_units(_SPLIT.split(note.strip())[-1]):
            continue  # the text stops inside the name of a unit: the list may go on
        yield m.start(), end, note, True


def _close_to_item(text: str, item_start: int, note_start: int) -> bool:
    """Whether lines of units follow their item directly: within two lines of text, not pages below."""
    if note_start - item_start > 3000:
        return False
    between = [ln for ln in text[item_start:note_start].split("\n")[1:] if ln.strip()]
    return len([ln for ln in between if not _LABEL.match(ln.strip())]) <= 1


_AT_END = re.compile(r"\s*\Z")
# A web page's footer names its 主办单位 and 承办单位 too, beside an address or a record number.
_FOOTER = re.compile(r"地址|电话|邮编|备案|ICP|版权|网站|链接|Copyright|©", re.I)


def _record(art: Article, title: str, units: list[str], lead: list[str], start: int, end: int,
            text: str, to_original) -> dict:
    record = {"title": title, "units": units}
    if lead and len(lead) < len(units):
        record["lead_units"] = lead
    record["provenance"] = {"article": art.index, "start": to_original(start), "end": to_original(end - 1) + 1,
                            "sentence": text[start:end].strip(), "norm_start": start, "norm_end": end}
    return record


def _from_tables(text: str, art: Article, to_original) -> list[dict]:
    records = []
    for table in article_tables(text, art):
        if not table.has(UNIT_COLUMN):
            continue
        for row in table.rows:
            if not row.complete or not row.cells:
                continue
            cells = unit_cells(table, row)
            title = _first_sentence(row.cells[0].text)
            if not cells or not title:
                continue
            units: list[str] = []
            for cell in cells:
                units += [u for u in parse_units(cell.text)[0] if u not in units]
            lead = parse_units(cells[0].text)[0] if len(cells) > 1 and table.has(_LEAD_LABEL) else []
            records.append(_record(art, title, units, lead, row.cells[0].start, cells[-1].end, text,
                                   to_original))
    return records


def extract_tasks(text: str, art: Article, to_original) -> list[dict]:
    records: list[dict] = _from_tables(text, art, to_original)
    seen_in_heading: set[int] = set()
    prev_end = art.start
    for start, end, note, own_lines in _notes(text, art.start, art.end):
        units, lead = parse_units(note)
        if not units:
            prev_end = end
            continue
        h = art.heading_at(start)
        if own_lines and (_FOOTER.search(note) or not _close_to_item(text, h.start if h else art.start, start)):
            prev_end = end
            continue  # a 主办单位 / 承办单位 line far below any item is the site's footer
        if h is not None and id(h) not in seen_in_heading:
            title, item_start = h.title, h.start
        else:
            # A second responsibility note under one heading belongs to its own sub-item.
            para = text.rfind("\n", art.start, start) + 1
            if own_lines:
                para = text.rfind("\n", art.start, max(art.start, para - 1)) + 1
            item_start = max(para, prev_end, h.start if h else para)
            title = _first_sentence(text[item_start:start])
        prev_end = end
        if h is not None:
            seen_in_heading.add(id(h))
        if not title:
            continue
        records.append(_record(art, title, units, lead, item_start, end, text, to_original))
    return records
