"""The Excel import engine every app uses (NetBox's habit): the export format is the import format.

An app declares its sheet as a list of `Column`s (header, attribute, how a cell is read and how a
value is written back) and gives `run_import` a function that saves one row through its own
`actions.py`. The engine does the rest, the same way for every app:

- the first sheet's row 1 is the header; columns are found by their header in any order (spaces,
  full-width brackets and unknown extra columns do not matter), required columns must be there;
- data rows are numbered as Excel shows them ("第N行"); blank rows are skipped;
- a cell is read only if its column is in the sheet, so a sheet with a few columns updates only
  those fields; numbers and dates are read by `zonework.core.numbers`, the one parser;
- a row with an id (the sheet's id column) updates that row, if it is in the user's data scope and
  in the zone being imported into; a row without one creates;
- the whole file is one transaction: every problem of every row is listed, in one message style
  ("第3行：协议投资额不能为负数（-5）；找不到责任单位“不存在局”。"), and nothing is saved while any remains.
"""

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import load_workbook

from zonework.core import filelimits, scope
from zonework.core.excel import rows_to_workbook
from zonework.core.numbers import NotADate, NotANumber, parse_date, parse_decimal
from zonework.core.validation import error_messages, join_messages

# A cell whose value leaves the field as it is (not set on update, the model's default on create).
KEEP = object()

_HEADER_FOLD = str.maketrans("（）％：", "()%:")
_LIST_SPLIT = re.compile(r"[、,，;；\n]")


def _header_key(text):
    return re.sub(r"\s+", "", str(text or "")).translate(_HEADER_FOLD)


def cell_text(value):
    """A cell as trimmed text ("" when empty); 36.0 typed in a number cell reads as "36"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def plain(value):
    """A value as a cell holds it: Decimals as int or float, everything else unchanged."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class ImportContext:
    """What every reader and the row handler share during one import: the zone imported into, the
    acting user, and a cache (an index of units is built once per file, not once per row)."""

    def __init__(self, *, zone, acting_user, **extra):
        self.zone, self.acting_user = zone, acting_user
        self.cache = {}
        self.__dict__.update(extra)

    def once(self, key, build):
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


# --- readers: how a cell becomes a value, and a value a cell ----------------------------------


class Text:
    def read(self, value, label, ctx):
        return cell_text(value)

    def write(self, value):
        return "" if value is None else value


class Number:
    """A figure; `integer` refuses fractions, `non_negative` refuses minus signs; `blank` is what an
    empty cell means (None: no figure)."""

    def __init__(self, *, integer=False, non_negative=False, blank=None):
        self.integer, self.non_negative, self.blank = integer, non_negative, blank

    def read(self, value, label, ctx):
        number = parse_decimal(value, label)
        if number is None:
            return self.blank
        if self.non_negative and number < 0:
            raise ValueError(f"{label}不能为负数（{cell_text(value)}）。")
        if self.integer:
            if number != number.to_integral_value():
                raise ValueError(f"{label}“{cell_text(value)}”应为整数。")
            return int(number)
        return number

    def write(self, value):
        return plain(value)


class Date:
    def read(self, value, label, ctx):
        return parse_date(value, label)

    def write(self, value):
        return value


class YesNo:
    YES = frozenset({"是", "Y", "YES", "TRUE", "1", "√"})
    NO = frozenset({"否", "N", "NO", "FALSE", "0", ""})

    def read(self, value, label, ctx):
        text = cell_text(value).upper()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise ValueError(f"{label}应填“是”或“否”，不是“{cell_text(value)}”。")

    def write(self, value):
        return "是" if value else "否"


class Choice:
    """One of `choices` ((value, label) pairs, written as the label), typed as its label or value;
    `aliases` ({text: value}) are other ways staff write it. A blank cell keeps the field."""

    def __init__(self, choices, aliases=None):
        self.choices = [(value, str(label)) for value, label in choices]
        self.accepted = {label: value for value, label in self.choices} | {str(v): v for v, _l in self.choices}
        self.accepted |= dict(aliases or {})

    def read(self, value, label, ctx):
        text = cell_text(value)
        if not text:
            return KEEP
        if text not in self.accepted:
            raise ValueError(f"{label}“{text}”无效，应为：{'、'.join(name for _v, name in self.choices)}。")
        return self.accepted[text]

    def write(self, value):
        return dict(self.choices).get(value, value or "")


class Lookup:
    """A related row named in the cell: matched on `fields` (the first is what the export writes)
    among `queryset(ctx)`; Units also answer to their aliases. `noun` names it in the message."""

    def __init__(self, queryset, *, fields=("name",), noun=None):
        self.queryset, self.fields, self.noun = queryset, tuple(fields), noun

    def _index(self, ctx):
        def build():
            # Field by field, so that a username wins over someone else's display name, and a
            # unit's name over another unit's alias.
            rows, index = list(self.queryset(ctx)), {}
            for f in self.fields:
                for obj in rows:
                    if getattr(obj, f):
                        index.setdefault(str(getattr(obj, f)).strip(), obj)
            for obj in rows:
                for alias in getattr(obj, "aliases", None) or ():
                    index.setdefault(str(alias).strip(), obj)
            return index

        return ctx.once((id(self), "index"), build)

    def find(self, text, label, ctx):
        obj = self._index(ctx).get(text)
        if obj is None:
            raise ValueError(f"找不到{self.noun or label}“{text}”。")
        return obj

    def read(self, value, label, ctx):
        text = cell_text(value)
        return self.find(text, label, ctx) if text else None

    def write(self, value):
        return "" if value is None else getattr(value, self.fields[0])


class LookupList(Lookup):
    """Several related rows in one cell, separated by 、 or commas; every unknown name is reported."""

    def read(self, value, label, ctx):
        names = [n.strip() for n in _LIST_SPLIT.split(cell_text(value)) if n.strip()]
        index = self._index(ctx)
        unknown = [n for n in names if n not in index]
        if unknown:
            raise ValueError(f"找不到{self.noun or label}“{'、'.join(unknown)}”。")
        return list(dict.fromkeys(index[n] for n in names))

    def write(self, value):
        return "、".join(getattr(obj, self.fields[0]) for obj in (value.all() if hasattr(value, "all") else value))


def zone_units(noun=None, *, many=False):
    """Units of the zone imported into, by name or alias (`many`: several in one cell)."""
    from zonework.core.models import Unit

    return (LookupList if many else Lookup)(lambda ctx: scope.in_zone(Unit.objects.order_by("path"), ctx.zone),
                                            noun=noun)


def zone_parks():
    from zonework.core.models import Park

    return Lookup(lambda ctx: scope.in_zone(Park.objects.all(), ctx.zone))


def zone_people(noun=None):
    """People of the zone's units, by username (what the export writes) or display name."""
    from zonework.core.models import User

    return Lookup(lambda ctx: scope.in_zone(User.objects.all(), ctx.zone), fields=("username", "display_name"),
                  noun=noun)


def industries():
    """GB/T 4754 industries by code."""
    from zonework.core.models import Industry

    return Lookup(lambda ctx: Industry.objects.all(), fields=("code",))


@dataclass(frozen=True)
class Column:
    """One column of an app's sheet.

    `attr` is the key the row handler receives (usually the model field). `required`: the column
    must be in the sheet and its cells may not be blank. `read_only`: exported, never imported
    (figures that change only through the workflow). `value` takes an exported object to the
    column's value (default: the attribute of that name); `label` names the column in messages
    (default: the header without its bracketed unit, "协议投资额（万）" → "协议投资额").
    """

    header: str
    attr: str
    reader: Any = field(default_factory=Text)
    required: bool = False
    read_only: bool = False
    value: Any = None
    label: str = ""

    @property
    def name(self):
        return self.label or re.sub(r"[（(][^（）()]*[)）]$", "", self.header).strip() or self.header

    def export(self, obj):
        value = self.value(obj) if self.value is not None else getattr(obj, self.attr, None)
        return self.reader.write(value)


def id_column(header="编号"):
    """The column that says which existing row a sheet row updates."""
    return Column(header, "id", Number(integer=True, non_negative=True), label=header)


# --- reading ----------------------------------------------------------------------------------


@dataclass
class Row:
    """One data row of the sheet: its number as Excel shows it, and the cells of known columns."""

    number: int
    cells: dict
    values: dict = field(default_factory=dict)

    @property
    def pk(self):
        return self.values.get("id")

    @property
    def data(self):
        """The values read, without the id: the fields to create or update."""
        return {k: v for k, v in self.values.items() if k != "id"}

    def has(self, attr):
        return attr in self.cells


def read_workbook(file, columns):
    """[Row] from the first sheet of an .xlsx, its columns found by header; ValidationError for a
    file that is not a workbook, an empty sheet or missing required columns."""
    source = file if hasattr(file, "read") else io.BytesIO(file)
    name = getattr(file, "name", None) or "Excel文件"
    if hasattr(source, "seek"):
        source.seek(0)
    filelimits.check_zip(source, name)
    source.seek(0)
    try:
        wb = load_workbook(source, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds of error for a file that is not an .xlsx
        raise ValidationError("无法读取Excel文件：文件不是有效的Excel（.xlsx）文件，请使用导出的表格作为模板。") from None
    rows = wb.worksheets[0].iter_rows(values_only=True)
    header = next(rows, None)
    if not header or all(cell_text(h) == "" for h in header):
        raise ValidationError("Excel文件是空的：第1行应为表头。")
    by_key = {_header_key(c.header): c for c in columns}
    index, seen = {}, {}
    for position, cell in enumerate(header):
        column = by_key.get(_header_key(cell))
        if column is None:
            continue
        if column.attr in index:
            raise ValidationError(f"第1行（表头）：列“{column.header}”出现了两次。")
        index[column.attr] = position
        seen[column.attr] = column
    missing = [c.header for c in columns if c.required and c.attr not in index]
    if missing:
        raise ValidationError(f"第1行（表头）缺少必需的列：{'、'.join(missing)}。请使用导出的表格作为模板。")
    out = []
    for number, cells in enumerate(rows, start=2):
        if cells is None or all(cell_text(v) == "" for v in cells):
            continue
        out.append(Row(number, {a: (cells[i] if i < len(cells) else None) for a, i in index.items()}))
    if not out:
        raise ValidationError("Excel文件中除表头外没有数据行。")
    return out


def read_cells(row, columns, ctx):
    """Fill row.values from its cells; returns the row's problems (empty when every cell reads)."""
    problems = []
    for column in columns:
        if column.read_only or not row.has(column.attr):
            continue
        raw = row.cells[column.attr]
        try:
            value = column.reader.read(raw, column.name, ctx)
        except (ValueError, NotANumber, NotADate) as exc:
            problems.append(str(exc))
            continue
        except ValidationError as exc:
            problems.extend(error_messages(exc))
            continue
        if column.required and value in (None, "", []):
            problems.append(f"{column.name}不能为空。")
        elif value is not KEEP:
            row.values[column.attr] = value
    return problems


def existing(queryset, row, ctx, noun):
    """The row's existing object (None when the sheet row has no id): in the acting user's data
    scope and in the zone imported into, else a ValidationError naming the id."""
    if row.pk is None:
        return None
    qs = scope.in_zone(scope.restrict(queryset, ctx.acting_user, "view"), ctx.zone)
    obj = qs.filter(pk=row.pk).first()
    if obj is None:
        raise ValidationError(f"找不到编号为{row.pk}的{noun}（或不在您的数据范围内）。")
    return obj


def run_import(rows, columns, save, ctx, *, save_many=None):
    """Read every row, then save them all in one transaction; returns {"created": n, "updated": m}.

    Reading and checking the cells (the slow part: numbers, dates, lookups) happens before the
    transaction opens, so that a 20,000-row file holds the database's write lock for the saves alone
    (on SQLite that lock is the whole database's). A column whose reader says `during_save` depends
    on rows saved before it (a parent named on an earlier row) and is read just before its row is
    saved. `save(row, ctx)` writes one row through the app's actions and returns True when it
    created a row. Every problem is collected as "第N行：…" and the whole file is refused
    (ValidationError, one message per bad row) while any remains.

    `save_many(rows, ctx)`, when the app offers it, writes the rows set-based instead (bulk_create /
    bulk_update through the app's action, audit entries in bulk) and returns (created, updated,
    {row number: [problems]}); it is used when no column has to be read during the save.
    """
    from zonework.core import jobs

    early = [c for c in columns if not getattr(c.reader, "during_save", False)]
    late = [c for c in columns if getattr(c.reader, "during_save", False)]
    total = len(rows) * 2
    problems_by_row = {}
    for done, row in enumerate(rows, start=1):
        problems_by_row[row.number] = read_cells(row, early, ctx)
        jobs.progress(done, total)
    errors, created, updated = [], 0, 0
    if save_many is not None and not late:
        good = [row for row in rows if not problems_by_row[row.number]]
        with transaction.atomic():
            created, updated, failed = save_many(good, ctx) if good else (0, 0, {})
            for row in rows:
                problems = problems_by_row[row.number] + list(failed.get(row.number, ()))
                if problems:
                    errors.append(f"第{row.number}行：{join_messages(problems)}")
            jobs.progress(total, total)
            if errors:
                raise ValidationError(errors)
        return {"created": created, "updated": updated}
    with transaction.atomic():
        for done, row in enumerate(rows, start=len(rows) + 1):
            problems = problems_by_row[row.number] + read_cells(row, late, ctx)
            if not problems:
                try:
                    with transaction.atomic():
                        was_created = save(row, ctx)
                except (ValidationError, PermissionDenied) as exc:
                    problems = error_messages(exc)
                else:
                    created += bool(was_created)
                    updated += not was_created
            if problems:
                errors.append(f"第{row.number}行：{join_messages(problems)}")
            jobs.progress(done, total)
        if errors:
            raise ValidationError(errors)
    return {"created": created, "updated": updated}


def import_file(file, columns, save, *, zone, acting_user, save_many=None, **extra):
    """Read `file` by `columns` and save every row in one transaction (see run_import)."""
    ctx = ImportContext(zone=zone, acting_user=acting_user, **extra)
    return run_import(read_workbook(file, columns), columns, save, ctx, save_many=save_many)


# --- writing ----------------------------------------------------------------------------------


def headers(columns):
    return [c.header for c in columns]


def export_rows(columns, objects):
    """The header and one row per object, each cell written the way the import reads it back."""
    return [headers(columns), *([c.export(obj) for c in columns] for obj in objects)]


def export_workbook(title, columns, objects):
    return rows_to_workbook(title, export_rows(columns, objects))
