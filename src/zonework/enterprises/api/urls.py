from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("enterprises", views.EnterpriseViewSet)
router.register("visits", views.LiaisonVisitViewSet)
router.register("requests", views.ServiceRequestViewSet)

app_name = "enterprises-api"
urlpatterns = router.urls
