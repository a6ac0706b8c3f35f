"""Excel output shared by every list page: the visible table, as staff would type it."""

import datetime
import io
import itertools
import math
import re
import tempfile
import zipfile
from decimal import Decimal
from urllib.parse import quote

from django.http import FileResponse, HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from zonework.core import clock

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A text that Excel (or LibreOffice, or a CSV opened from the file) would read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(wb):
    """Every text cell that starts like a formula becomes plain text, in every sheet.

    openpyxl stores any str beginning with "=" as a live formula, so a project investor typed as
    =HYPERLINK(...) would run in the export. The text is kept exactly (the export stays the import
    format), stored as a string with Excel's quote prefix so editing the cell keeps it text too.
    Numbers, negative ones included, are not texts and stay numbers."""
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return wb


def workbook_bytes(wb):
    """The .xlsx file of a workbook, formula-like texts neutralised: every export saves through here."""
    buf = io.BytesIO()
    neutralise(wb).save(buf)
    return buf.getvalue()


def workbook_response(wb, filename):
    response = HttpResponse(workbook_bytes(wb), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def style_header(ws, row=1):
    for cell in ws[row]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE7F3")
    ws.freeze_panes = ws.cell(row=row + 1, column=1)


def column_width(longest):
    """A column's width in Excel's units for its longest text (Han characters are about two wide)."""
    return min(max(8, longest * 1.8), 60)


def autosize(ws):
    for idx, column in enumerate(ws.columns, start=1):
        width = max((len(str(c.value)) if c.value is not None else 0) for c in column)
        ws.column_dimensions[get_column_letter(idx)].width = column_width(width)


def rows_to_workbook(title, rows):
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    for row in rows:
        ws.append([_cell(v) for v in row])
    style_header(ws)
    autosize(ws)
    return wb


def _cell(value):
    if isinstance(value, datetime.datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if isinstance(value, list | dict):
        return str(value)
    return value


def _caller(fn):
    """`fn` called with the keyword arguments it takes, its signature read once: django-tables2 reads
    it again for every cell (call_with_appropriate), which was most of an export's time."""
    from django_tables2.utils import signature

    args, catch_all = signature(fn)
    if catch_all:
        return lambda kwargs: fn(**kwargs)

    def call(kwargs):
        if any(a not in kwargs for a in args):
            return None
        return fn(**{a: kwargs[a] for a in args})

    return call


def _export_function(bound_column):
    """What django-tables2 calls for a cell's export value (value_FOO, render_FOO or the column's value);
    None for the base Column.value/render pair, whose export value is the value itself."""
    from django_tables2.columns.base import Column

    fn = bound_column.value
    if getattr(fn, "__func__", None) is Column.value:
        render = bound_column.column.render
        if getattr(render, "__func__", None) is Column.render:
            return None
        return render
    return fn


def _value_function(bound_column):
    fn = _export_function(bound_column)
    return (lambda kwargs: kwargs["value"]) if fn is None else _caller(fn)


def _cell_function(bound_column, table):
    """One column's export value of a record, as BoundRow.get_cell_value gives it (choices shown by their
    label, empty values as None, a link column's text without a value), with the per-cell lookups done
    once per column."""
    from django.core.exceptions import FieldDoesNotExist
    from django.db import models
    from django_tables2.columns.linkcolumn import BaseLinkColumn
    from django_tables2.columns.manytomanycolumn import ManyToManyColumn
    from django_tables2.utils import Accessor

    column = bound_column.column
    accessor = Accessor(bound_column.accessor)
    value_of = _value_function(bound_column)
    empty = column.empty_values
    many = isinstance(column, ManyToManyColumn)
    link_text = isinstance(column, BaseLinkColumn) and column.text is not None
    has_choices, labels = {}, {}

    def cell(record, bound_row):
        kwargs = {"record": record, "column": column, "bound_column": bound_column, "bound_row": bound_row,
                  "table": table}
        value = None
        penultimate, remainder = accessor.penultimate(record)
        if isinstance(penultimate, models.Model):
            model = type(penultimate)
            if model not in has_choices:
                try:
                    has_choices[model] = bool(getattr(model._meta.get_field(remainder), "choices", None))
                except FieldDoesNotExist:
                    has_choices[model] = False
            display = getattr(penultimate, f"get_{remainder}_display", None) if has_choices[model] else None
            if display is not None:
                # get_FOO_display rebuilds the field's choices dict (and translates every label) per call
                raw = getattr(penultimate, remainder)
                key = (model, raw if isinstance(raw, str | int | None) else repr(raw))
                if key not in labels:
                    labels[key] = display()
                value, remainder = labels[key], None
        if remainder:
            try:
                value = accessor.resolve(record)
            except Exception:
                if link_text:
                    return value_of({**kwargs, "value": None})
        if value in empty or (many and not value.exists()):
            return None
        return value_of({**kwargs, "value": value})

    return cell


# Rows read from the database at a time: the export's memory stays flat however long the list.
CHUNK = 2000
# Cell values force_str(strings_only=True) gives back as they are.
PLAIN = frozenset({str, int, float, Decimal, bool, type(None), datetime.date, datetime.datetime, datetime.time})
# Arguments a value function may take on the fast path: the same for every cell of a column.
COLUMN_ARGUMENTS = frozenset({"value", "column", "bound_column", "table"})


def _field_of(model, bits):
    """The model field an accessor names, through forward foreign keys only (what .values() can read
    in the same query), or None: a property, a method, a many-to-many or reverse relation."""
    from django.core.exceptions import FieldDoesNotExist

    field = None
    for i, bit in enumerate(bits):
        try:
            field = model._meta.pk if bit == "pk" else model._meta.get_field(bit)
        except FieldDoesNotExist:
            return None
        if not field.concrete:
            return None
        if field.is_relation:
            if not (field.many_to_one or field.one_to_one):
                return None
            model = field.related_model
        elif i < len(bits) - 1:
            return None
    return field


def _fast_value(bound_column, field):
    """A column's export value as a function of the value alone, or None when the column's code needs
    the record (or the row): a link text from the record, a value_FOO(record), a template."""
    from django.db import models
    from django_tables2 import columns
    from django_tables2.utils import signature

    column = bound_column.column
    fn = _export_function(bound_column)
    if fn is None:
        return lambda value: value
    func = getattr(fn, "__func__", None)
    if field is None:  # an annotation: only a value function of the value alone
        func = None
    if func is columns.BooleanColumn.value:
        # without choices it is str(bool(value)); with them it looks the label up again on the record
        return None if field.choices else (lambda value: str(bool(value)))
    if func is columns.DateTimeColumn.value and isinstance(field, models.DateTimeField):
        return lambda value: value.isoformat(sep=" ")
    if func is columns.DateColumn.value and isinstance(field, models.DateField):
        return lambda value: value.isoformat()
    if func is columns.TimeColumn.value and isinstance(field, models.TimeField):
        return lambda value: value.isoformat()
    if func in (columns.linkcolumn.BaseLinkColumn.value, columns.linkcolumn.BaseLinkColumn.render):
        return (lambda value: value) if column.text is None else None
    args, catch_all = signature(fn)
    if catch_all or not set(args) <= COLUMN_ARGUMENTS:
        return None
    constant = {"column": column, "bound_column": bound_column, "table": bound_column._table}
    fixed = {a: constant[a] for a in args if a != "value"}
    if "value" in args:
        return lambda value: fn(value=value, **fixed)
    return lambda value: fn(**fixed)


class _Related:
    """The rows' objects behind one foreign key, read once per chunk for the keys not yet seen, as
    str() of the object (what the list shows) or the object itself for a value function."""

    def __init__(self, field):
        self.manager = field.related_model._base_manager
        self.key = field.target_field.attname
        self.objects = {}

    def load(self, keys):
        missing = [k for k in keys if k is not None and k not in self.objects]
        if missing:
            self.objects.update(self.manager.in_bulk(missing, field_name=self.key))


def values_plan(table):
    """(values_list fields, relations, one cell function per column) to read the table from its queryset's
    values instead of model instances, or None when a column needs the instance (the slow path)."""
    from django.db.models.query import ModelIterable
    from django.utils.encoding import force_str
    from django_tables2.columns import ManyToManyColumn
    from django_tables2.data import TableQuerysetData

    if not isinstance(table.data, TableQuerysetData):
        return None
    qs = table.data.data
    if qs._iterable_class is not ModelIterable or qs.query.combinator:
        return None
    fields, relations, cells = ["pk"], {}, []
    for bound_column in table.columns.iterall():
        if bound_column.column.exclude_from_export:
            continue
        column = bound_column.column
        if isinstance(column, ManyToManyColumn):
            return None
        bits = bound_column.accessor.bits
        path = "__".join(bits)
        annotated = len(bits) == 1 and path in qs.query.annotations
        field = None if annotated else _field_of(qs.model, bits)
        if field is None and not annotated:
            return None
        value_of = _fast_value(bound_column, field)
        if value_of is None:
            return None
        if path not in fields:
            fields.append(path)
        cells.append(_fast_cell(fields.index(path), field, value_of, column.empty_values, relations, path,
                                identity=_export_function(bound_column) is None, force_str=force_str))
    return fields, list(relations.values()), cells


def _fast_cell(index, field, value_of, empty, relations, path, identity, force_str):
    from django.utils.hashable import make_hashable

    def shown(value):
        return value if type(value) in PLAIN else force_str(value, strings_only=True)

    if field is not None and field.is_relation:
        related = relations.setdefault(path, (index, _Related(field)))[1]
        objects, shown = related.objects, {}

        def cell(row):
            key = row[index]
            if key is None:
                return None if None in empty else force_str(value_of(None), strings_only=True)
            if identity:
                # str() of the object once per object, not once per row
                if key not in shown:
                    shown[key] = force_str(objects[key], strings_only=True)
                return shown[key]
            return force_str(value_of(objects[key]), strings_only=True)

        return cell
    if field is not None and field.choices:
        # as get_FOO_display() reads them, labels translated once instead of for every cell
        labels = {raw: force_str(label) for raw, label in dict(make_hashable(field.flatchoices)).items()}

        def cell(row):
            value = force_str(labels.get(make_hashable(row[index]), row[index]), strings_only=True)
            if value in empty:
                return None
            return value if identity else shown(value_of(value))

        return cell
    if tuple(empty) != (None, ""):
        def cell(row):
            value = row[index]
            if value in empty:
                return None
            return shown(value if identity else value_of(value))

        return cell

    # the usual empty values, tested without comparing every number with ""
    if identity:
        def cell(row):
            value = row[index]
            if value is None or (isinstance(value, str) and not value):
                return None
            return value if type(value) in PLAIN else force_str(value, strings_only=True)

        return cell

    def cell(row):
        value = row[index]
        if value is None or (isinstance(value, str) and not value):
            return None
        value = value_of(value)
        return value if type(value) in PLAIN else force_str(value, strings_only=True)

    return cell


def _fast_rows(table, plan):
    fields, relations, cells = plan
    rows = table.data.data.prefetch_related(None).values_list(*fields).iterator(chunk_size=CHUNK)
    while chunk := list(itertools.islice(rows, CHUNK)):
        for index, related in relations:
            related.load({row[index] for row in chunk})
        for row in chunk:
            yield [cell(row) for cell in cells]


def _instance_rows(table, columns):
    from django.utils.encoding import force_str
    from django_tables2.data import TableQuerysetData
    from django_tables2.rows import BoundRow

    cells = [_cell_function(c, table) for c in columns]
    records = table.data
    if isinstance(records, TableQuerysetData):
        records = records.data.iterator(chunk_size=CHUNK)
    for record in records:
        bound_row = BoundRow(record, table=table)
        yield [force_str(cell(record, bound_row), strings_only=True) for cell in cells]


def iter_table_rows(table, from_values=True):
    """The table's header and rows, one at a time, as django-tables2's as_values() gives them (same
    columns, same values; tests/core/test_export_speed.py compares the two). Read from the queryset's
    values of just the exported columns when every column's export value follows from its value alone;
    otherwise from the model instances, as the list page shows them."""
    from django.utils.encoding import force_str

    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    yield [force_str(c.header, strings_only=True) for c in columns]
    plan = values_plan(table) if from_values else None
    yield from (_instance_rows(table, columns) if plan is None else _fast_rows(table, plan))


def table_rows(table, from_values=True):
    """The rows as a list; from_values=False reads them from the model instances (tests and bench/export.py
    compare the two paths)."""
    return list(iter_table_rows(table, from_values))


# The package around the one sheet: fixed parts, as XlsxWriter writes them for one sheet with these styles.
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'),
    "_rels/.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="xl/workbook.xml"/></Relationships>'),
    "xl/_rels/workbook.xml.rels": (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'styles" Target="styles.xml"/></Relationships>'),
    # cell styles: 0 plain, 1 header (bold on #DDE7F3), 2 text with the quote prefix, 3 date, 4 date and time
    "xl/styles.xml": (
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>'
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm:ss"/></numFmts>'
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        '</fill><fill><patternFill patternType="solid"><fgColor rgb="FFDDE7F3"/><bgColor indexed="64"/>'
        '</patternFill></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>'
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" quotePrefix="1"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'),
}
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_SHEET_HEAD = (
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
    'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
    '</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
_SHEET_TAIL = ('</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
               'footer="0.3"/></worksheet>')
# What a text needs beyond writing it as it is: XML escapes, control characters (Excel's _xHHHH_, and a
# literal _xHHHH_ escaped in turn), leading or trailing blanks kept.
_TEXT_SPECIAL = re.compile(r"[&<>\x00-\x08\x0b-\x1f]|_x[0-9a-fA-F]{4}_|^\s|\s$")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_ESCAPED = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_EPOCH = datetime.datetime(1899, 12, 31)
# Excel's longest text, in UTF-16 units, and its number of rows
_TEXT_MAX = 32767
_ROWS_MAX = 1048576


def _column_letters(index):
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _text_cell(ref, text, style):
    if len(text) > _TEXT_MAX // 2 and len(text.encode("utf-16-le")) > 2 * _TEXT_MAX:
        text = text.encode("utf-16-le")[:2 * _TEXT_MAX].decode("utf-16-le", "ignore")
    space = ""
    if _TEXT_SPECIAL.search(text):
        text = _ESCAPED.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if text[:1].isspace() or text[-1:].isspace():
            space = ' xml:space="preserve"'
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _serial(value):
    """A date, date and time or time as Excel's serial day number (1900 system, its leap-day quirk)."""
    if isinstance(value, datetime.datetime):
        delta = value - _EPOCH
    elif isinstance(value, datetime.date):
        delta = datetime.datetime.fromordinal(value.toordinal()) - _EPOCH
    else:
        delta = datetime.datetime.combine(_EPOCH, value) - _EPOCH
    serial = delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
    return serial + 1 if serial > 59 else serial


def _other_cell(ref, value):
    value = _cell(value)
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal) and math.isfinite(value):
        return f'<c r="{ref}"><v>{float(value):.16G}</v></c>'
    if isinstance(value, datetime.datetime) and value.tzinfo is None:
        return f'<c r="{ref}" s="4"><v>{_serial(value):.16G}</v></c>'
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return f'<c r="{ref}" s="3"><v>{_serial(value):.16G}</v></c>'
    text = str(value)
    return _text_cell(ref, text, ' s="2"' if text.startswith(FORMULA_STARTS) else "")


def write_xlsx(output, title, rows):
    """A one-sheet .xlsx of `rows` (an iterable; the first is the header) written row by row into `output`
    (a file object), the sheet's XML made here and deflated as it goes: the list exports, tens of
    thousands of rows, in flat memory. XlsxWriter (constant memory) spent ten times as long per cell.
    Texts are always texts (inline strings, never formulas), those that start like a formula with Excel's
    quote prefix as neutralise() does; numbers are numbers; dates carry a date format."""
    rows = iter(rows)
    # widths from the first rows, as autosize() sets them on a whole sheet
    first = list(itertools.islice(rows, 500))
    widths = {}
    for row in first:
        for i, value in enumerate(row):
            widths[i] = max(widths.get(i, 0), len(str(value)) if value is not None else 0)
    name = re.sub(r"[\[\]:*?/\\]", "_", title)[:31].strip("'") or "Sheet1"
    name = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for part, xml in _PARTS.items():
            package.writestr(part, _XML + xml)
        package.writestr("xl/workbook.xml", _XML + (
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            f'<bookViews><workbookView/></bookViews><sheets><sheet name="{name}" sheetId="1" r:id="rId1"/>'
            '</sheets></workbook>'))
        with package.open("xl/worksheets/sheet1.xml", "w") as sheet:
            cols = "".join(f'<col min="{i + 1}" max="{i + 1}" width="{column_width(w)}" customWidth="1"/>'
                           for i, w in sorted(widths.items()))
            head = _XML + _SHEET_HEAD + (f"<cols>{cols}</cols>" if cols else "") + "<sheetData>"
            sheet.write(head.encode())
            letters, out = [], []
            # Excel's last row: the rest is left out, as XlsxWriter leaves it
            for r, row in enumerate(itertools.islice(itertools.chain(first, rows), _ROWS_MAX), start=1):
                while len(letters) < len(row):
                    letters.append(_column_letters(len(letters)))
                number = str(r)
                out.append(f'<row r="{number}">')
                for c, value in enumerate(row):
                    if value is None or value == "":
                        continue
                    kind = type(value)
                    ref = letters[c] + number
                    if r == 1:
                        out.append(_text_cell(ref, str(value), ' s="1"'))
                    elif kind is str:
                        out.append(_text_cell(ref, value, ' s="2"' if value.startswith(FORMULA_STARTS) else ""))
                    elif kind is int or (kind is Decimal or kind is float) and math.isfinite(value):
                        out.append(f'<c r="{ref}"><v>{float(value):.16G}</v></c>')
                    else:
                        out.append(_other_cell(ref, value))
                out.append("</row>")
                if len(out) > 20000:
                    sheet.write("".join(out).encode())
                    out.clear()
            sheet.write(("".join(out) + _SHEET_TAIL).encode())


def xlsx_bytes(title, rows):
    buf = io.BytesIO()
    write_xlsx(buf, title, rows)
    return buf.getvalue()


def export_table(table, title):
    """The list as an .xlsx download, written to a temporary file and sent from it in blocks: neither the
    rows nor the file are held in memory."""
    stamp = clock.today().strftime("%Y%m%d")
    output = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes (and so removes) it when sent
    try:
        write_xlsx(output, title, iter_table_rows(table))
        output.seek(0)
    except BaseException:
        output.close()
        raise
    response = FileResponse(output, content_type=XLSX)
    response.block_size = 256 * 1024
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{title}_{stamp}.xlsx')}"
    return response
