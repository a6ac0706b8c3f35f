from zonework.core import actions
from zonework.core.filtersets import ParkFilterSet, UnitFilterSet, ZoneFilterSet
from zonework.core.forms import ParkForm, UnitForm, ZoneForm
from zonework.core.models import Park, Unit, Zone
from zonework.core.tables import ParkTable, UnitTable, ZoneTable

from .generic import ObjectDeleteView, ObjectEditView, ObjectListView


class ZoneListView(ObjectListView):
    model, table_class, filterset_class = Zone, ZoneTable, ZoneFilterSet
    zone_filter = False


class ZoneEditView(ObjectEditView):
    model, form_class = Zone, ZoneForm


class ZoneDeleteView(ObjectDeleteView):
    model = Zone


class ParkListView(ObjectListView):
    model, table_class, filterset_class = Park, ParkTable, ParkFilterSet


class ParkEditView(ObjectEditView):
    model, form_class = Park, ParkForm


class ParkDeleteView(ObjectDeleteView):
    model = Park


class UnitListView(ObjectListView):
    model, table_class, filterset_class = Unit, UnitTable, UnitFilterSet
    per_page = 100

    def get_queryset(self):
        return super().get_queryset().select_related("parent", "zone")


class UnitEditView(ObjectEditView):
    model, form_class = Unit, UnitForm

    def call_update(self, obj, data):
        return actions.update_unit(obj, data, acting_user=self.request.user)


class UnitDeleteView(ObjectDeleteView):
    model = Unit
