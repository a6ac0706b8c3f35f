from rest_framework.routers import DefaultRouter

from zonework.core.api.views import IndustryViewSet

from . import views

router = DefaultRouter()
# Industries are core reference data (/api/industries/); the old address stays for existing clients.
router.register("industries", IndustryViewSet)
router.register("projects", views.InvestmentProjectViewSet)
router.register("stage-changes", views.StageChangeViewSet)
router.register("paid-in", views.PaidInViewSet)
router.register("major-projects", views.MajorProjectViewSet)
router.register("major-project-years", views.MajorProjectYearViewSet)

app_name = "investment-api"
urlpatterns = router.urls
