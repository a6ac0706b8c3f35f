"""zonework report KIND --zone NAME --year Y [--month M] --out FILE."""

import io

import docx
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.reports import data


def run(*args):
    out = io.StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_summary_to_file(year_data, zone, tmp_path):
    target = tmp_path / "out" / "summary.docx"
    output = run("summary", "--zone", "武汉经开区", "--year", "2012", "--out", str(target))
    assert "已生成" in output and "个数字均有来源" in output
    assert docx.Document(target).paragraphs[0].text == zone.name


def test_bulletin_writes_docx_and_xlsx(zone, units, tmp_path):
    data.monthly(zone, 2012)
    target = tmp_path / "bulletin.docx"
    run("bulletin", "--zone", zone.name, "--year", "2012", "--month", "6", "--out", str(target), "--no-charts")
    assert target.exists() and target.with_suffix(".xlsx").exists()


@pytest.mark.parametrize("args, message", [
    (["summary", "--zone", "不存在的开发区", "--year", "2012"], "找不到开发区“不存在的开发区”。"),
    (["summary", "--zone", "武汉经开区", "--year", "2011"], "2011年暂无统计数据"),
    (["bulletin", "--zone", "武汉经开区", "--year", "2100", "--month", "1"], "2100年1月尚未到来"),
])
def test_bad_input_writes_no_file(zone, units, tmp_path, args, message):
    target = tmp_path / "x.docx"
    with pytest.raises(CommandError) as exc:
        run(*args, "--out", str(target))
    assert message in str(exc.value)
    assert not target.exists()


def test_user_scope_applies(year_data, other_zone, leader, tmp_path):
    with pytest.raises(CommandError) as exc:
        run("summary", "--zone", other_zone.name, "--year", "2012", "--out", str(tmp_path / "x.docx"),
            "--user", leader.username)
    assert "不在您的数据范围内" in str(exc.value)
