"""开发区对比: the page, its Excel export and the API that list zones side by side."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from zonework.core import clock
from zonework.core.excel import rows_to_workbook, workbook_response

from . import comparison as cmp
from .models import Indicator


def _int(value):
    return int(value) if value and str(value).isdigit() else None


def _require(user):
    if not (user.has_perm("economy.view_target") and user.has_perm("economy.view_observation")):
        raise PermissionDenied("您没有查看经济运行数据的权限。")


def _choices(request):
    """Zones, indicators, year and month asked for; zones and indicators limited to the user's scope."""
    user = request.user
    year = _int(request.GET.get("year")) or clock.today().year
    month = _int(request.GET.get("month"))
    if month is not None and not 1 <= month <= 12:
        month = None
    all_zones = list(cmp.visible_zones(user))
    wanted = {int(z) for z in request.GET.getlist("zone") if z.isdigit()}
    zones = [z for z in all_zones if z.pk in wanted] or all_zones
    available = cmp.indicator_choices(user, [z.pk for z in all_zones], year)
    picked = {int(i) for i in request.GET.getlist("indicator") if i.isdigit()}
    indicators = [i for i in available if i.pk in picked] or available[:3]
    return all_zones, zones, available, indicators, year, month


def _table(request):
    all_zones, zones, available, indicators, year, month = _choices(request)
    group = request.GET.get("group") if request.GET.get("group") in cmp.GROUPS else None
    sort = cmp.parse_sort(request.GET.get("sort"), indicators)
    descending = request.GET.get("dir", "desc") != "asc"
    rows = cmp.build(request.user, zones, indicators, year, month)
    rows = cmp.order(rows, indicators, sort, descending, group)
    return {"all_zones": all_zones, "zones": zones, "available": available, "indicators": indicators,
            "year": year, "month": month, "group": group, "sort": sort, "descending": descending, "rows": rows}


@login_required
def comparison_view(request):
    """Zones × indicators: value, 同比, 完成进度 and light, sortable, grouped, charted."""
    _require(request.user)
    data = _table(request)
    if request.GET.get("format") == "xlsx":
        title = f"开发区对比_{data['year']}年" + (f"{data['month']}月" if data["month"] else "")
        wb = rows_to_workbook(title, cmp.excel_rows(data["rows"], data["indicators"], data["group"]))
        return workbook_response(wb, f"{title}.xlsx")
    query = request.GET.copy()
    query.pop("sort", None)
    query.pop("dir", None)
    query.pop("format", None)
    base = query.urlencode()
    sort_key = "zone" if data["sort"][0] == "zone" else f"{data['sort'][0]}:{data['sort'][1]}"

    def sort_link(key):
        # Clicking the sorted column turns the order round; a new column starts from the top.
        direction = "asc" if key == sort_key and data["descending"] else "desc"
        return f"?{base}&sort={key}&dir={direction}" if base else f"?sort={key}&dir={direction}"

    columns = [{"key": "zone", "label": "开发区", "url": sort_link("zone"), "active": sort_key == "zone"}]
    for ind in data["indicators"]:
        for name, label in cmp.FIELDS.items():
            key = f"{ind.pk}:{name}"
            columns.append({"key": key, "label": label, "url": sort_link(key), "active": key == sort_key,
                            "indicator": ind})
    dashboard_url = reverse("economy:dashboard")
    groups = []
    for row in data["rows"]:
        g = row.group(data["group"]) if data["group"] else ""
        if not groups or groups[-1]["name"] != g:
            groups.append({"name": g, "rows": []})
        groups[-1]["rows"].append(row)
        row.links = [f"{dashboard_url}?zone={row.zone.pk}&year={data['year']}&indicator={c.indicator.pk}"
                     for c in row.cells]
        row.pairs = list(zip(row.cells, row.links, strict=True))
    return render(request, "economy/comparison.html", {
        **data, "title": f"开发区对比 · {data['year']}年", "columns": columns, "groups": groups,
        "group_choices": cmp.GROUPS, "months": range(1, 13),
        "years": cmp.years(request.user, [z.pk for z in data["all_zones"]]),
        "zone_ids": {z.pk for z in data["zones"]}, "indicator_ids": {i.pk for i in data["indicators"]},
        "export_url": f"?{request.GET.urlencode()}&format=xlsx" if request.GET else "?format=xlsx",
        "charts": cmp.chart_data(data["rows"], data["indicators"], data["sort"]),
        "animation": request.GET.get("animation") != "0",
    })


class ComparisonRowSerializer(serializers.Serializer):
    zone = serializers.IntegerField()
    zone_name = serializers.CharField()
    indicator = serializers.IntegerField()
    indicator_name = serializers.CharField()
    month = serializers.IntegerField(allow_null=True, help_text="月份（1-N月累计的N）；全年结果为空")
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    unit = serializers.CharField()
    growth = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True, help_text="累计同比(%)")
    progress = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True, help_text="完成进度(%)")
    light = serializers.ChoiceField(choices=["green", "yellow", "red", "grey"])


class ComparisonRows:
    """The API's zone × indicator rows as a sequence the paginator counts and slices: a page builds only
    the zones it shows (the API rows carry no rank, so a zone's figures need no other zone's)."""

    def __init__(self, user, zones, indicators, year, month):
        self.user, self.zones, self.indicators, self.year, self.month = user, zones, indicators, year, month

    def __len__(self):
        return len(self.zones) * len(self.indicators)

    def __getitem__(self, chosen):
        if not isinstance(chosen, slice):
            raise TypeError("ComparisonRows is read a page (a slice) at a time")
        start, stop, _step = chosen.indices(len(self))
        per_zone = len(self.indicators)
        if stop <= start or not per_zone:
            return []
        first, last = start // per_zone, -(-stop // per_zone)
        rows = list(cmp.api_rows(cmp.build(self.user, self.zones[first:last], self.indicators, self.year,
                                           self.month)))
        offset = first * per_zone
        return rows[start - offset:stop - offset]


class ComparisonAPIView(GenericAPIView):
    """开发区对比: one row per zone and indicator the caller may see, for a year (and month)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ComparisonRowSerializer
    queryset = Indicator.objects.none()  # the schema needs one; rows come from comparison.build
    filter_backends = []

    @extend_schema(parameters=[
        OpenApiParameter("year", OpenApiTypes.INT, required=True, description="年份"),
        OpenApiParameter("month", OpenApiTypes.INT, description="截至月份（1-12）"),
        OpenApiParameter("indicator", OpenApiTypes.INT, many=True, description="指标 id，可多个；缺省为有目标的全部指标"),
    ])
    def get(self, request):
        _require(request.user)  # DRF answers Django's PermissionDenied with 403 and its message
        year = _int(request.query_params.get("year"))
        if year is None:
            raise ValidationError({"year": "请给出年份（year=2025）。"})
        month = request.query_params.get("month")
        if month is not None and (_int(month) is None or not 1 <= int(month) <= 12):
            raise ValidationError({"month": "月份应为1到12。"})
        user = request.user
        zones = list(cmp.visible_zones(user))
        available = cmp.indicator_choices(user, [z.pk for z in zones], year)
        picked = {int(i) for i in request.query_params.getlist("indicator") if i.isdigit()}
        indicators = [i for i in available if i.pk in picked] if picked else available
        page = self.paginate_queryset(ComparisonRows(user, zones, indicators, year, _int(month)))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
