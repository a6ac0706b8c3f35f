"""Excel output shared by every list page: the visible table, as staff would type it."""

import datetime
import io
from decimal import Decimal
from urllib.parse import quote

from django.http import HttpResponse
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


def _value_function(bound_column):
    """What django-tables2 calls for a cell's export value (value_FOO, render_FOO or the column's
    value), resolved once per column; the base Column.value/render pair is the value itself."""
    from django_tables2.columns.base import Column

    fn = bound_column.value
    if getattr(fn, "__func__", None) is Column.value:
        render = bound_column.column.render
        if getattr(render, "__func__", None) is Column.render:
            return lambda kwargs: kwargs["value"]
        return _caller(render)
    return _caller(fn)


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


def table_rows(table):
    """The table's header and rows as django-tables2's as_values() gives them (same columns, same
    values; tests/core/test_export_speed.py compares the two), at a fraction of its cost."""
    from django.utils.encoding import force_str
    from django_tables2.rows import BoundRow

    columns = [c for c in table.columns.iterall() if not c.column.exclude_from_export]
    cells = [_cell_function(c, table) for c in columns]
    rows = [[force_str(c.header, strings_only=True) for c in columns]]
    for record in table.data:
        bound_row = BoundRow(record, table=table)
        rows.append([force_str(cell(record, bound_row), strings_only=True) for cell in cells])
    return rows


def xlsx_bytes(title, rows):
    """A one-sheet .xlsx of `rows` (the first is the header) written row by row by XlsxWriter in
    constant memory: the list exports, tens of thousands of rows. Texts are always written as texts
    (never formulas), those that start like a formula with Excel's quote prefix as neutralise() does."""
    import xlsxwriter

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(buf, {"constant_memory": True, "in_memory": True, "strings_to_numbers": False,
                                     "strings_to_formulas": False, "strings_to_urls": False})
    sheet = book.add_worksheet(title[:31] or "Sheet1")
    head = book.add_format({"bold": True, "bg_color": "#DDE7F3"})
    quoted = book.add_format({"quote_prefix": True})
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})
    # widths from the first rows, as autosize() sets them on a whole sheet
    widths = {}
    for row in rows[:500]:
        for i, value in enumerate(row):
            widths[i] = max(widths.get(i, 0), len(str(value)) if value is not None else 0)
    for i, width in widths.items():
        sheet.set_column(i, i, column_width(width))
    sheet.freeze_panes(1, 0)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            value = _cell(value)
            if value is None or value == "":
                continue
            if r == 0:
                sheet.write_string(r, c, str(value), head)
            elif isinstance(value, bool):
                sheet.write_boolean(r, c, value)
            elif isinstance(value, int | float | Decimal):
                sheet.write_number(r, c, float(value))
            elif isinstance(value, datetime.datetime):
                sheet.write_datetime(r, c, value, moment)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(r, c, value, day)
            else:
                text = str(value)
                sheet.write_string(r, c, text, quoted if text.startswith(FORMULA_STARTS) else None)
    book.close()
    return buf.getvalue()


def export_table(table, title):
    stamp = clock.today().strftime("%Y%m%d")
    response = HttpResponse(xlsx_bytes(title, table_rows(table)), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{title}_{stamp}.xlsx')}"
    return response
