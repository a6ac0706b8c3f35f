from django.urls import path

from zonework.core.views import accounts, audit, cockpit, home, organisation, todos

app_name = "core"

urlpatterns = [
    path("", home.home, name="home"),
    path("todos/", todos.todo_list, name="todos"),
    path("cockpit/", cockpit.cockpit, name="cockpit"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", accounts.LogoutView.as_view(), name="logout"),
    path("zone/switch/", accounts.switch_zone, name="switch_zone"),
    path("zones/", organisation.ZoneListView.as_view(), name="zone_list"),
    path("zones/add/", organisation.ZoneEditView.as_view(), name="zone_add"),
    path("zones/<int:pk>/", organisation.ZoneEditView.as_view(), name="zone_edit"),
    path("zones/<int:pk>/delete/", organisation.ZoneDeleteView.as_view(), name="zone_delete"),
    path("parks/", organisation.ParkListView.as_view(), name="park_list"),
    path("parks/add/", organisation.ParkEditView.as_view(), name="park_add"),
    path("parks/<int:pk>/", organisation.ParkEditView.as_view(), name="park_edit"),
    path("parks/<int:pk>/delete/", organisation.ParkDeleteView.as_view(), name="park_delete"),
    path("units/", organisation.UnitListView.as_view(), name="unit_list"),
    path("units/add/", organisation.UnitEditView.as_view(), name="unit_add"),
    path("units/<int:pk>/", organisation.UnitEditView.as_view(), name="unit_edit"),
    path("units/<int:pk>/delete/", organisation.UnitDeleteView.as_view(), name="unit_delete"),
    path("users/", accounts.UserListView.as_view(), name="user_list"),
    path("users/add/", accounts.user_add, name="user_add"),
    path("users/<int:pk>/", accounts.user_edit, name="user_edit"),
    path("audit/", audit.AuditListView.as_view(), name="audit_list"),
    path("audit/<int:pk>/", audit.audit_detail, name="audit_detail"),
]
