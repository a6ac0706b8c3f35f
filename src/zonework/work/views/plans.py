from zonework.core.views.generic import ObjectDeleteView, ObjectEditView, ObjectListView
from zonework.work import actions
from zonework.work.filtersets import PlanFilterSet
from zonework.work.forms import PlanForm
from zonework.work.models import Plan
from zonework.work.tables import PlanTable


class PlanListView(ObjectListView):
    model, table_class, filterset_class = Plan, PlanTable, PlanFilterSet


class PlanEditView(ObjectEditView):
    model, form_class = Plan, PlanForm

    def call_create(self, data):
        return actions.create_plan(data, acting_user=self.request.user)

    def call_update(self, obj, data):
        return actions.update_plan(obj, data, acting_user=self.request.user)


class PlanDeleteView(ObjectDeleteView):
    model = Plan
    delete_action = staticmethod(actions.delete_plan)
