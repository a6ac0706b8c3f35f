"""read_path / read_bytes: one document in, the spec's records (with provenance) out."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .figures import extract_figures
from .normalise import Normalised, normalise
from .projects import extract_projects
from .sources import DEFAULT_MAX_BYTES, Source, read_source_bytes, read_source_path
from .structure import Article, common, describe
from .tasks import extract_tasks

KINDS = ("results", "targets", "tasks", "projects")
Progress = Callable[[int, int], None]


def _key(kind: str, record: dict) -> tuple:
    """What makes two records the same statement (provenance aside)."""
    if kind == "tasks":
        return (record["title"], tuple(record["units"]))
    if kind == "projects":
        return (record["name"], record["investment"], record["unit"])
    if kind == "targets":
        # A target restated later in the plan (often with a looser bound word) is the same target.
        return (record["indicator"], record["year"], record["value"], record["growth_pct"])
    return tuple((k, v) for k, v in record.items() if k != "provenance")


def _dedupe(kind: str, records: list[dict]) -> list[dict]:
    seen: set = set()
    out = []
    for r in records:
        k = _key(kind, r)
        if k not in seen:
            seen.add(k)
            out.append(r)
    return out


@dataclass
class ReadResult:
    """Everything read from one document.

    `original_text` is the text as decoded (or extracted from .docx/.pdf/.html); `text` is the
    normalised text. Record provenance `start`/`end` index `original_text`; `norm_start`/`norm_end`
    index `text`.
    """

    file: str
    source_kind: str
    encoding: str | None
    original_text: str
    text: str
    articles: list[Article]
    results: list[dict] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    projects: list[dict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ocr_pages: list[int] = field(default_factory=list)
    _normalised: Normalised | None = field(default=None, repr=False)

    @property
    def zone(self) -> str | None:
        return common(a.zone for a in self.articles)

    @property
    def report_year(self) -> int | None:
        return common(a.report_year for a in self.articles)

    @property
    def plan_year(self) -> int | None:
        return common(a.plan_year for a in self.articles)

    def to_original(self, pos: int) -> int:
        return self._normalised.to_original(pos) if self._normalised else pos

    def records(self, kind: str) -> list[dict]:
        return getattr(self, kind)

    def to_dict(self, with_articles: bool = True) -> dict:
        d = {"file": self.file, "zone": self.zone, "report_year": self.report_year,
             "plan_year": self.plan_year}
        for kind in KINDS:
            d[kind] = self.records(kind)
        if with_articles:
            d["articles"] = [a.to_dict(self.to_original) for a in self.articles]
            d["source"] = {"kind": self.source_kind, "encoding": self.encoding,
                           "warnings": list(self.warnings), "ocr_pages": list(self.ocr_pages)}
        return d

    def to_json(self, **kwargs) -> str:
        kwargs.setdefault("ensure_ascii", False)
        kwargs.setdefault("indent", 2)
        return json.dumps(self.to_dict(), **kwargs)


def read_source(source: Source, progress: Progress | None = None) -> ReadResult:
    steps = 4
    report = progress or (lambda done, total: None)
    report(0, steps)
    norm = normalise(source.text)
    report(1, steps)
    text = norm.text
    articles = describe(text)
    report(2, steps)
    found: dict[str, list[dict]] = {k: [] for k in KINDS}
    to_original = norm.to_original
    for art in articles:
        results, targets = extract_figures(text, art, to_original)
        found["results"] += results
        found["targets"] += targets
        found["tasks"] += extract_tasks(text, art, to_original)
        found["projects"] += extract_projects(text, art, to_original)
    report(3, steps)
    result = ReadResult(file=source.name, source_kind=source.kind, encoding=source.encoding,
                        original_text=source.text, text=text, articles=articles,
                        warnings=list(source.warnings), ocr_pages=list(source.ocr_pages), _normalised=norm,
                        **{k: _dedupe(k, v) for k, v in found.items()})
    report(steps, steps)
    return result


def read_bytes(data: bytes, filename: str, *, max_bytes: int = DEFAULT_MAX_BYTES,
               progress: Progress | None = None, page_progress: Progress | None = None) -> ReadResult:
    """Read an upload: its bytes and the file name it came with (the suffix picks the parser).

    `progress(done, total)` follows the reading steps; `page_progress(done, total)` the pages of
    a scanned PDF going through OCR, which is where the time goes when there are any."""
    return read_source(read_source_bytes(data, filename, max_bytes, page_progress), progress)


def read_path(path: str | os.PathLike, *, max_bytes: int = DEFAULT_MAX_BYTES,
              progress: Progress | None = None, page_progress: Progress | None = None) -> ReadResult:
    """Read a file on disk; raises ReadError with a Chinese message if it cannot be read."""
    return read_source(read_source_path(Path(path), max_bytes, page_progress), progress)


def read_text(text: str, filename: str = "text.txt", progress: Progress | None = None) -> ReadResult:
    """Read text already in memory (tests, pasted text)."""
    return read_source(Source(filename, text, "txt", None), progress)
