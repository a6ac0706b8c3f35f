import pytest

from tests.factories import RoleFactory, role_user
from zonework.core.choices import DataScope

from .factories import TrackedIndicatorFactory, indicator

STATISTICIAN_PERMS = [
    "economy.view_indicator", "economy.view_target", "economy.view_observation", "economy.view_trackedindicator",
    "economy.view_statisticsupload", "economy.add_observation", "economy.change_observation",
    "economy.add_statisticsupload", "economy.change_statisticsupload", "economy.add_target",
    "economy.change_target", "economy.add_trackedindicator", "economy.add_indicator",
    "documents.view_sourcedocument", "documents.add_sourcedocument", "documents.change_sourcedocument",
    "core.view_zone", "core.view_unit",
]


@pytest.fixture
def statistician(units):
    """A statistics clerk of 经信局: may enter statistics and import reports for the zone."""
    role = RoleFactory(code="statistician", name="统计员", data_scope=DataScope.ALL, perms=STATISTICIAN_PERMS)
    return role_user(role.code, units["econ"], username="tongji1")


@pytest.fixture
def tracked(zone):
    """The zone tracks three catalogue indicators, in this template order."""
    codes = ["industrial_output_above_scale", "fixed_asset_investment", "foreign_investment_used"]
    rows = [indicator(c) for c in codes]
    for n, row in enumerate(rows):
        TrackedIndicatorFactory(zone=zone, indicator=row, sort_order=n)
    return rows


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a temporary folder, not the repository's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"
