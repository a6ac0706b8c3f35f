from django.urls import path
from rest_framework.routers import DefaultRouter

from zonework.economy.comparison_views import ComparisonAPIView

from . import views

router = DefaultRouter()
router.register("indicators", views.IndicatorViewSet)
router.register("targets", views.TargetViewSet)
router.register("observations", views.ObservationViewSet)
router.register("tracked-indicators", views.TrackedIndicatorViewSet)
router.register("statistics-uploads", views.StatisticsUploadViewSet)

urlpatterns = [path("comparison/", ComparisonAPIView.as_view(), name="economy-comparison"), *router.urls]
