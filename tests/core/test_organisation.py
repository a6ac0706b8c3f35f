"""Bad input on the organisation: rejected with a Chinese message, nothing saved."""

import pytest
from django.core.exceptions import ValidationError

from zonework.core import actions
from zonework.core.models import AuditEntry, Unit, Zone


def test_unit_under_a_parent_of_another_zone_is_rejected(admin_user, units, zone):
    with pytest.raises(ValidationError) as exc:
        actions.create_unit({"zone": zone, "name": "新局", "parent": units["far"]}, acting_user=admin_user)
    assert "同一开发区" in str(exc.value)
    assert not Unit.objects.filter(name="新局").exists()


def test_cycle_in_unit_tree_is_rejected(admin_user, units):
    with pytest.raises(ValidationError) as exc:
        actions.move_unit(units["invest"], units["invest_sub"], acting_user=admin_user)
    assert "成环" in str(exc.value)
    assert Unit.objects.get(pk=units["invest"].pk).parent is None


def test_unit_cannot_be_its_own_parent(admin_user, units):
    with pytest.raises(ValidationError):
        actions.move_unit(units["econ"], units["econ"], acting_user=admin_user)


def test_duplicate_unit_name_in_one_zone_is_rejected(admin_user, units, zone):
    before = Unit.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.create_unit({"zone": zone, "name": "招商局"}, acting_user=admin_user)
    assert "同名单位" in str(exc.value)
    assert Unit.objects.count() == before


def test_same_unit_name_in_another_zone_is_fine(admin_user, units, other_zone):
    assert units["far"].name == "招商局" and units["far"].zone == other_zone


def test_zone_with_empty_name_is_rejected(admin_user, units):
    count = Zone.objects.count()
    with pytest.raises(ValidationError) as exc:
        actions.create_zone({"name": "   "}, acting_user=admin_user)
    assert "不能为空" in str(exc.value)
    assert Zone.objects.count() == count


def test_moving_a_unit_moves_its_subtree_and_logs_the_event(admin_user, units):
    actions.move_unit(units["invest"], units["office"], acting_user=admin_user)
    sub = Unit.objects.get(pk=units["invest_sub"].pk)
    assert sub.path == f"/{units['office'].pk}/{units['invest'].pk}/{sub.pk}/"
    event = AuditEntry.objects.get(event="unit.moved")
    assert "党政办公室" in event.message and event.user_name == admin_user.username


def test_deleting_a_unit_in_use_explains_why(admin_user, units):
    with pytest.raises(ValidationError) as exc:
        actions.delete_object(units["invest"], acting_user=admin_user)
    assert "不能删除" in str(exc.value)


def test_unit_page_shows_the_tree_indented(login, admin_user, units):
    page = login(admin_user).get("/units/").content.decode()
    assert page.index("招商局") < page.index("招商一科")
    assert "└" in page


def test_page_form_rejects_cycle_with_message(login, admin_user, units):
    client = login(admin_user)
    u = units["invest"]
    response = client.post(f"/units/{u.pk}/", {"zone": u.zone_id, "name": u.name, "kind": u.kind,
                                                "parent": units["invest_sub"].pk, "aliases": "", "sort_order": 0})
    assert response.status_code == 200
    assert "成环" in response.content.decode()
    assert Unit.objects.get(pk=u.pk).parent is None


def test_excel_export_of_units_lists_the_rows(login, admin_user, units):
    import io

    from openpyxl import load_workbook

    response = login(admin_user).get("/units/?export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(response.getvalue())).active
    names = [row[0] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert "招商局" in names and "招商一科" in names


def test_zone_switcher_changes_the_current_zone(login, units, zone, other_zone):
    from tests.factories import UserFactory

    province = UserFactory(unit=units["office"], roles=["leader"], username="prov")
    province.zones.add(other_zone)
    client = login(province)
    assert "宁波国家高新区" in client.get("/").content.decode()  # offered in the switcher
    client.post("/zone/switch/", {"zone": other_zone.pk, "next": "/"})
    page = client.get("/parks/").content.decode()
    assert client.session["zonework_zone_id"] == other_zone.pk
    # A leader's home is the cockpit of the zone now chosen.
    assert f"{other_zone.name} · " in client.get("/").content.decode()
    assert page


def test_switching_to_a_zone_not_granted_is_404(login, unit_user, other_zone):
    response = login(unit_user).post("/zone/switch/", {"zone": other_zone.pk})
    assert response.status_code == 404
