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

urlpatterns = [path("token/", views.LockoutAwareTokenView.as_view(), name="api-token"),
               path("todos/", todos.TodoListView.as_view(), name="api-todos"),
               path("messages/", messages.MessageListView.as_view(), name="api-messages"), *router.urls]
