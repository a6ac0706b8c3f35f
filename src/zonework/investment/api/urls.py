from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("industries", views.IndustryViewSet)
router.register("projects", views.InvestmentProjectViewSet)
router.register("stage-changes", views.StageChangeViewSet)
router.register("paid-in", views.PaidInViewSet)
router.register("major-projects", views.MajorProjectViewSet)
router.register("major-project-years", views.MajorProjectYearViewSet)

app_name = "investment-api"
urlpatterns = router.urls
