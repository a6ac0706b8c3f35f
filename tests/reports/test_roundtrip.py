"""Round trip: zonework's own reader, given the generated summary, reads back what it was made from."""

import pytest

from tests.reports.conftest import TODAY
from zonework.reading import read_path
from zonework.reports.docx_format import write_docx
from zonework.reports.summary import build


@pytest.fixture
def read_back(year_data, zone, leader, tmp_path):
    path = tmp_path / "summary.docx"
    write_docx(build(zone, 2012, user=leader, date=TODAY, now=TODAY), path)
    return read_path(path).to_dict()


def test_results_read_back_equal_the_observations(read_back, year_data):
    found = {r["indicator"]: r for r in read_back["results"]}
    for key in ("output", "fai", "budget"):
        obs = year_data["economy"][key]
        record = found[obs.indicator.name]
        assert record["year"] == 2012
        assert record["value"] == pytest.approx(float(obs.ytd_value))
        assert record["unit"] == obs.value_unit
        assert record["growth_pct"] == pytest.approx(float(obs.yoy_pct))


def test_results_read_back_are_only_figures_from_the_database(read_back, year_data):
    economy = {o.indicator.name for k, o in year_data["economy"].items() if not k.endswith("target")}
    extra = {r["indicator"] for r in read_back["results"]} - economy
    # the investment paragraph's own totals (协议投资额 97亿元, 实际到位资金 5.2亿元) are read as results too
    assert extra <= {"协议投资额", "实际到位资金"}
    by_name = {r["indicator"]: r for r in read_back["results"]}
    if "协议投资额" in by_name:
        assert by_name["协议投资额"]["value"] == 97  # 650000 + 320000 万元


def test_next_year_targets_read_back(read_back, year_data):
    found = {(t["indicator"], t["year"]): t for t in read_back["targets"]}
    for target in year_data["next_targets"]:
        record = found[(target.indicator.name, 2013)]
        assert record["growth_pct"] == pytest.approx(float(target.growth_pct))
        assert record["bound"] == target.bound
    # the year's own targets are quoted in the verdicts, not restated as new targets
    assert not [t for t in read_back["targets"] if t["year"] == 2012]


def test_tasks_and_projects_read_back(read_back, year_data):
    tasks = {t["title"]: t["units"] for t in read_back["tasks"]}
    assert tasks["着力打造世界知名车都"] == ["经信局", "招商局"]
    assert all("完成时限" not in u for units in tasks.values() for u in units)
    projects = {p["name"]: p["investment"] for p in read_back["projects"]}
    assert projects["东风雷诺整车项目"] == 65
    assert projects["晨鸣高端生活用纸生产项目"] == 32


@pytest.mark.slow
def test_demo_zones_round_trip(db, tmp_path):
    """Every demo zone and year with figures: the reader reads back the results the summary states."""
    import io

    from django.core.management import call_command

    from zonework.economy.models import Observation
    from zonework.reports.economy_data import year_rows

    call_command("demo", "--quiet-logins", stdout=io.StringIO())
    pairs = sorted(set(Observation.objects.values_list("zone__name", "year")))
    assert pairs, "the demo has no statistics"
    checked = 0
    for zone_name, year in pairs:
        from zonework.core.models import Zone

        zone = Zone.objects.get(name=zone_name)
        path = tmp_path / f"{zone.pk}_{year}.docx"
        write_docx(build(zone, year, date=TODAY), path)
        read = {(r["indicator"], r["year"]): r for r in read_path(path).to_dict()["results"]}
        for row in year_rows(zone, year, None):
            obs = row.observation
            if obs is None or obs.ytd_value is None or row.month:
                continue
            record = read.get((row.name, year))
            assert record is not None, (zone_name, year, row.name, sorted(read))
            assert record["value"] == pytest.approx(float(obs.ytd_value), abs=0.01)
            if obs.yoy_pct is not None:
                assert record["growth_pct"] == pytest.approx(float(obs.yoy_pct), abs=0.05)
            checked += 1
    assert checked
