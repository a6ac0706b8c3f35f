"""Excel output shared by every list page: the visible table, as staff would type it."""

import datetime
import io
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


def autosize(ws):
    for idx, column in enumerate(ws.columns, start=1):
        width = max((len(str(c.value)) if c.value is not None else 0) for c in column)
        ws.column_dimensions[get_column_letter(idx)].width = min(max(8, width * 1.8), 60)


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


def export_table(table, title):
    rows = list(table.as_values())
    stamp = clock.today().strftime("%Y%m%d")
    return workbook_response(rows_to_workbook(title, rows), f"{title}_{stamp}.xlsx")
