from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("filings", views.ReturnFilingViewSet)

urlpatterns = router.urls
