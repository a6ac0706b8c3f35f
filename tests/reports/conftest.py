import datetime

import pytest

from tests.reports import data

TODAY = datetime.date(2013, 1, 5)


@pytest.fixture
def year_data(zone, units):
    """武汉经开区 2012 in full (economy, tasks, projects, requests) and 2013's targets and plan."""
    return data.full_year(zone, units)


@pytest.fixture
def no_charts(monkeypatch):
    """Charts off: most tests are about text and figures, and Chromium takes a second to start."""
    from zonework.reports import charts

    monkeypatch.setattr(charts, "unavailable_reason", lambda: "测试中不生成图表")
