from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("jobs", views.ReportJobViewSet)

urlpatterns = [path("report/", views.ReportView.as_view(), name="reports-api-report"), *router.urls]
