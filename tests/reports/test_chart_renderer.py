"""Charts of many documents from one Node process: a report job over many zones starts Node and loads
ECharts once, not once per document (issue 16: 230 bulletins took about 13 minutes with a browser each)."""

import datetime

import pytest

from tests.reports import data
from zonework.reports import actions, charts
from zonework.reports.choices import JobStatus
from zonework.reports.models import ReportJob

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(charts.ssr_reason() is not None, reason="Node / ECharts / SVG 转换不可用")]

NOW = datetime.date(2012, 7, 20)


@pytest.fixture
def started(monkeypatch):
    """How many Node processes the shared renderer started."""
    count = []
    original = charts._NodeRenderer._start

    def counting(self):
        count.append(1)
        original(self)

    monkeypatch.setattr(charts._NodeRenderer, "_start", counting)
    return count


def options(name, value):
    return [charts.progress_chart([name], [value], 50.0, "完成进度")]


def test_inside_a_shared_renderer_every_document_uses_one_process_and_draws_the_same(started):
    alone = charts.render_svg(options("地区生产总值", 55.0))
    with charts.shared_renderer():
        first = charts.render_svg(options("地区生产总值", 55.0))
        second = charts.render_svg(options("固定资产投资", 61.3))
        pngs, reason = charts.render(options("实际利用外资", 40.0))
    assert len(started) == 1
    assert first == alone  # the same drawing as a one-off process
    assert "固定资产投资" in second[0] and "61.3" in second[0]
    assert reason is None and pngs[0].startswith(b"\x89PNG")


def test_a_renderer_that_died_is_started_again(started):
    with charts.shared_renderer():
        charts.render_svg(options("地区生产总值", 55.0))
        renderer = charts._renderer.get()
        renderer.proc.kill()
        renderer.proc.wait()
        again = charts.render_svg(options("地区生产总值", 56.0))
    assert len(started) == 2 and "56" in again[0]
    assert renderer.proc is None  # closed when the job's block ended


def test_a_bad_chart_is_reported_and_the_next_document_still_draws(started):
    with charts.shared_renderer():
        with pytest.raises(RuntimeError):
            charts._renderer.get().ask("not json")
        assert "地区生产总值" in charts.render_svg(options("地区生产总值", 55.0))[0]
    assert len(started) == 1


def test_a_bulletin_job_over_two_zones_starts_node_once(started, zone, other_zone, units, admin_user, settings,
                                                        tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    asked = []
    original_ask = charts._NodeRenderer.ask
    monkeypatch.setattr(charts._NodeRenderer, "ask", lambda self, payload: asked.append(1) or original_ask(self, payload))
    for z in (zone, other_zone):
        data.monthly(z, 2012)
        data.target(z, "规模以上工业总产值", 2012, value=2000)
    job = ReportJob.objects.create(zone=zone, kind="bulletin", year=2012, month=6, zone_ids=[zone.pk, other_zone.pk],
                                   progress_total=2, created_by=admin_user)
    actions.run_job(job)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.results
    assert [bool(r["files"]) and not r["error"] for r in job.results] == [True, True]
    assert len(started) == 1
    assert len(asked) == 2  # each zone's bulletin drew its charts through it
