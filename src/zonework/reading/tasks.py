"""Tasks: items of a plan that name the units responsible for them, e.g. `(责任单位:经信局、招商局)`."""

from __future__ import annotations

import re

from .structure import Article

_UNITS = re.compile(
    r"[(（]\s*((?:[^()（）]{0,40}?[;；,，]\s*)?(?:责任单位|牵头单位|责任部门|牵头部门|主责单位|责任主体|承办单位)"
    r"\s*[:：][^()（）]{1,300})[)）]")
_LABEL = re.compile(r"(?:牵头|配合|责任|协办|参与|主责|协助|承办)(?:单位|部门|主体)\s*[:：]")
# Other labelled parts of the note (责任领导:张三, 完成时限:6月底) name people or dates, not units.
_OTHER_LABEL = re.compile(r"(?:^|[;；,，])\s*(?:责任领导|分管领导|牵头领导|联系领导|完成时限|时间节点|完成时间)\s*[:：][^;；]*")
# 及 is not a separator: it lives inside names such as 汽车及零部件产业园.
_SPLIT = re.compile(r"[、,，;；/]|\s+")
_ENUM = re.compile(r"^\s*(?:[一二三四五六七八九十]+是|[(（]\d{1,2}[)）]|\d{1,2}[.、．]|[①-⑳])\s*")


def split_units(raw: str) -> list[str]:
    units: list[str] = []
    for part in _SPLIT.split(_LABEL.sub("、", _OTHER_LABEL.sub("", raw))):
        part = part.strip(" 。.")
        if part and part not in units:
            units.append(part)
    return units


def _first_sentence(s: str) -> str:
    s = _ENUM.sub("", s)
    return re.split(r"[。;；]", s, maxsplit=1)[0].strip()


def extract_tasks(text: str, art: Article, to_original) -> list[dict]:
    records: list[dict] = []
    seen_in_heading: dict[int, int] = {}
    for m in _UNITS.finditer(text, art.start, art.end):
        units = split_units(m.group(1))
        if not units:
            continue
        h = art.heading_at(m.start())
        prev = max(text.rfind(")", art.start, m.start()), text.rfind("）", art.start, m.start()))
        para = text.rfind("\n", art.start, m.start()) + 1
        if h is not None and seen_in_heading.get(id(h), -1) < 0:
            title = h.title
            start = h.start
        else:
            # A second responsibility note under one heading belongs to its own sub-item.
            start = max(para, prev + 1, h.start if h else para)
            title = _first_sentence(text[start:m.start()])
        seen_in_heading[id(h)] = m.start()
        if not title:
            continue
        sentence = text[start:m.end()].strip()
        records.append({"title": title, "units": units,
                        "provenance": {"article": art.index, "start": to_original(start),
                                       "end": to_original(m.end() - 1) + 1, "sentence": sentence,
                                       "norm_start": start, "norm_end": m.end()}})
    return records
