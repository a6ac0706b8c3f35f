from rest_framework.routers import DefaultRouter

from . import views

app_name = "work-api"

router = DefaultRouter()
router.register("plans", views.PlanViewSet)
router.register("tasks", views.TaskViewSet)
router.register("reports", views.ProgressReportViewSet)
router.register("assessments", views.AssessmentViewSet)

urlpatterns = router.urls
