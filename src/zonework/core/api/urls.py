from django.urls import path
from rest_framework.routers import DefaultRouter

from . import messages, todos, views

router = DefaultRouter()
router.register("zones", views.ZoneViewSet)
router.register("parks", views.ParkViewSet)
router.register("units", views.UnitViewSet)
router.register("users", views.UserViewSet)
router.register("audit-entries", views.AuditEntryViewSet)
router.register("industries", views.IndustryViewSet)

urlpatterns = [
    path("token/", views.TokenView.as_view(), name="api-token"),
    path("token/revoke/", views.RevokeTokenView.as_view(), name="api-token-revoke"),
    path("token/revoke-all/", views.RevokeTokenView.as_view(every=True), name="api-token-revoke-all"),
    path("todos/", todos.TodoListView.as_view(), name="api-todos"),
    path("messages/", messages.MessageListView.as_view(), name="api-messages"),
    *router.urls,
]
