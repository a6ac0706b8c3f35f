"""Filing, validating, reviewing and approving returns, as the zone's statistician and the province
see them: the messages they read, what is refused, and what the zone's statistics hold afterwards."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from zonework.core.models import AuditEntry, Message
from zonework.core.scope import ScopeDenied
from zonework.economy.models import Observation
from zonework.returns import actions
from zonework.returns.models import FigureEvent, ReturnFiling

from .conftest import YEAR, figure, rows_for


def returns_todos(user, zone=None):
    from zonework.core.todos import todos_for

    return [t.kind for t in todos_for(user, zone) if t.kind.startswith("returns.")]


OUT, FAI = "industrial_output_above_scale", "fixed_asset_investment"


def test_opening_a_period_gives_each_zone_one_draft_filing_with_a_figure_per_indicator(form, reviewer, may):
    created = actions.open_filings(form, *may, acting_user=reviewer)
    assert len(created) == 2
    assert {f.status for f in created} == {"draft"}
    assert all(f.figures.count() == 2 for f in created)
    assert actions.open_filings(form, *may, acting_user=reviewer) == []  # opened once only
    assert created[0].due_date.isoformat() == f"{YEAR}-06-10"


def test_a_period_that_has_not_ended_cannot_be_opened(form, reviewer):
    with pytest.raises(ValidationError, match="6月尚未结束"):
        actions.open_filings(form, YEAR, 6, acting_user=reviewer)
    assert not ReturnFiling.objects.exists()


def test_a_figure_that_is_not_a_number_is_refused_and_nothing_is_saved(filing, statistician):
    rows = rows_for(filing, **{OUT: ("abc", "12"), FAI: ("150", "8")})
    with pytest.raises(ValidationError) as exc:
        actions.fill_filing(filing, rows, acting_user=statistician)
    assert exc.value.messages == ["“规模以上工业总产值”1-N月累计“abc”不是数字。"]
    assert figure(filing, FAI).ytd_value is None  # the good row was not saved either


def test_negative_unit_and_impossible_values_are_each_named(filing, statistician):
    rows = rows_for(filing, **{OUT: ("-5", "-150"), FAI: ("150", "8")})
    rows[figure(filing, FAI).pk]["unit"] = "万美元"
    with pytest.raises(ValidationError) as exc:
        actions.fill_filing(filing, rows, acting_user=statistician)
    text = "\n".join(exc.value.messages)
    assert "“规模以上工业总产值”不能为负数（1-N月累计填了-5）" in text
    assert "“规模以上工业总产值”同比-150%不可能" in text
    assert "“固定资产投资”的单位“万美元”与指标单位“亿元”不一致" in text
    # 万元 is the same measure as 亿元: accepted.
    rows = rows_for(filing, **{OUT: ("500", "12"), FAI: ("1500000", "8")})
    rows[figure(filing, FAI).pk]["unit"] = "万元"
    actions.fill_filing(filing, rows, acting_user=statistician)
    assert figure(filing, FAI).value_unit == "万元"


def test_a_jump_beyond_the_threshold_needs_a_note_before_submission(filing, statistician, zone, may):
    from tests.economy.factories import ObservationFactory, indicator

    ObservationFactory(zone=zone, indicator=indicator(OUT), year=YEAR - 1, month=5, ytd_value=D(100), value_unit="亿元",
                       yoy_pct=D(5))
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("160", "12"), FAI: ("150", "8")}), acting_user=statistician)
    with pytest.raises(ValidationError) as exc:
        actions.submit_filing(filing, acting_user=statistician)
    assert exc.value.messages == ["“规模以上工业总产值”与上年同期（100亿元）相比变动60%，超过30%，请填写说明。"]
    filing.refresh_from_db()
    assert filing.status == "draft"
    # A reported yoy beyond the threshold needs a note too.
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("160", "12", "新增两家龙头企业投产"), FAI: ("150", "45")}),
                        acting_user=statistician)
    with pytest.raises(ValidationError, match="“固定资产投资”同比45%，变动超过30%，请填写说明"):
        actions.submit_filing(filing, acting_user=statistician)
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("160", "12", "新增两家龙头企业投产"),
                                                    FAI: ("150", "45", "重大项目集中开工")}), acting_user=statistician)
    assert actions.submit_filing(filing, acting_user=statistician).status == "submitted"


def test_a_blank_figure_or_a_falling_ytd_stops_submission(filing, statistician, zone):
    from tests.economy.factories import ObservationFactory, indicator

    ObservationFactory(zone=zone, indicator=indicator(FAI), year=YEAR, month=4, ytd_value=D(200), value_unit="亿元")
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("", ""), FAI: ("150", "8")}), acting_user=statistician)
    with pytest.raises(ValidationError) as exc:
        actions.submit_filing(filing, acting_user=statistician)
    assert exc.value.messages == ["“规模以上工业总产值”未填写：1-N月累计和同比至少填写一项。",
                                  "“固定资产投资”1-N月累计150亿元小于上期累计200亿元：累计数不会减少，请核实。"]


def test_another_zones_statistician_cannot_file_and_the_attempt_is_logged(filing, far_statistician):
    with pytest.raises(ScopeDenied, match="该开发区不在您的数据范围内"):
        actions.fill_filing(filing, rows_for(filing, **{OUT: ("1", "1"), FAI: ("1", "1")}),
                            acting_user=far_statistician)
    assert figure(filing, OUT).ytd_value is None
    assert AuditEntry.objects.filter(user=far_statistician, action="denied", event="fill_filing").exists()


def test_a_zone_user_cannot_review_and_the_reviewer_cannot_file(filing, statistician, reviewer):
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("100", "12"), FAI: ("150", "8")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    with pytest.raises(ScopeDenied):
        actions.approve_filing(filing, acting_user=statistician)
    with pytest.raises(ScopeDenied):
        actions.return_filing(filing, {figure(filing, OUT).pk: "不对"}, acting_user=statistician)
    filing.refresh_from_db()
    assert filing.status == "submitted"
    assert not Observation.objects.exists()
    with pytest.raises(ScopeDenied, match="您没有填报报表的权限"):
        actions.fill_filing(filing, {}, acting_user=reviewer)


def test_returned_corrected_resubmitted_and_approved_becomes_the_zones_observation(filing, statistician, reviewer,
                                                                                   zone, june):

    actions.fill_filing(filing, rows_for(filing, **{OUT: ("820", "12.5"), FAI: ("150", "8")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    assert returns_todos(reviewer) == ["returns.review"]
    out = figure(filing, OUT)
    with pytest.raises(ValidationError, match="请至少为一项数据填写退回原因"):
        actions.return_filing(filing, {out.pk: "  "}, acting_user=reviewer)
    actions.return_filing(filing, {out.pk: "与统计局快报数不一致"}, acting_user=reviewer)
    filing.refresh_from_db()
    assert filing.status == "returned"
    assert figure(filing, OUT).status == "returned" and figure(filing, FAI).status == "submitted"
    # The statistician reads a message and has a to-do.
    message = Message.objects.get(recipient=statistician)
    assert message.kind == "returned" and "与统计局快报数不一致" in message.body
    assert message.link == f"/returns/filings/{filing.pk}/"
    assert returns_todos(statistician, zone) == ["returns.returned"]
    # Only the returned figure may change.
    with pytest.raises(ValidationError, match="“固定资产投资”未被退回，不能修改"):
        actions.fill_filing(filing, rows_for(filing, **{OUT: ("800", "12.5"), FAI: ("151", "8")}),
                            acting_user=statistician)
    with pytest.raises(ValidationError, match="退回的数据尚未更正：规模以上工业总产值"):
        actions.submit_filing(filing, acting_user=statistician)
    june.shift(60)
    actions.fill_filing(filing, rows_for(filing, **{OUT: ("800", "12.5"), FAI: ("150", "8")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    actions.approve_filing(filing, acting_user=reviewer)
    filing.refresh_from_db()
    assert filing.status == "approved" and filing.reviewed_by == reviewer
    obs = Observation.objects.get(zone=zone, indicator__code=OUT, year=YEAR, month=5)
    assert (obs.ytd_value, obs.yoy_pct, obs.source, obs.get_source_display()) == (D(800), D("12.5"), "return", "数据填报")
    assert obs.provenance == {"return_filing": filing.pk, "url": f"/returns/filings/{filing.pk}/"}
    assert obs.source_url() == f"/returns/filings/{filing.pk}/"
    assert list(FigureEvent.objects.filter(figure=out).values_list("kind", "ytd_value")) == [
        ("submitted", D(820)), ("returned", D(820)), ("corrected", D(800)), ("submitted", D(800)), ("approved", D(800))]
    returned = FigureEvent.objects.get(figure=out, kind="returned")
    assert (returned.reason, returned.by) == ("与统计局快报数不一致", reviewer)
    assert returns_todos(statistician, zone) == [] and returns_todos(reviewer) == []
    # An approved filing is closed.
    with pytest.raises(ValidationError, match="通过，不能修改"):
        actions.fill_filing(filing, {}, acting_user=statistician)
    assert AuditEntry.objects.filter(event="returns.approved", object_id=str(filing.pk)).exists()


def test_the_form_may_only_name_zones_of_the_reviewer(reviewer, indicators, zone):
    from tests.factories import ZoneFactory

    far = ZoneFactory(name="苏州工业园区")
    with pytest.raises(ScopeDenied, match="苏州工业园区不在您的数据范围内"):
        actions.create_form({"name": "季报", "frequency": "quarterly", "due_day": 15, "jump_pct": 20,
                             "zones": [zone, far], "indicators": indicators}, acting_user=reviewer)
    with pytest.raises(ValidationError, match="请选择至少一项指标"):
        actions.create_form({"name": "季报", "frequency": "quarterly", "due_day": 15, "jump_pct": 20,
                             "zones": [zone], "indicators": []}, acting_user=reviewer)


def test_a_statistician_cannot_define_a_form(statistician, indicators, zone):
    with pytest.raises(ScopeDenied):
        actions.create_form({"name": "月报", "frequency": "monthly", "due_day": 10, "jump_pct": 30,
                             "zones": [zone], "indicators": indicators}, acting_user=statistician)


def test_an_indicator_added_to_the_form_reaches_the_draft_filings_only(form, filing, reviewer, statistician, other_zone):
    from tests.economy.factories import indicator

    actions.fill_filing(filing, rows_for(filing, **{OUT: ("100", "8"), FAI: ("50", "6")}), acting_user=statistician)
    actions.submit_filing(filing, acting_user=statistician)
    fdi = indicator("foreign_investment_used")
    actions.update_form(form, {"indicators": [*form.indicators.all(), fdi]}, acting_user=reviewer)
    assert form.filings.get(zone=other_zone).figures.filter(indicator=fdi, value_unit="亿美元").exists()
    assert not filing.figures.filter(indicator=fdi).exists()  # already submitted: left as the zone sent it
