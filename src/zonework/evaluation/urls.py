from django.urls import path

from . import views

app_name = "evaluation"

urlpatterns = [
    path("", views.ranking, name="ranking"),
    path("recompute/", views.recompute, name="recompute"),
    path("runs/<int:run_id>/zones/<int:zone_id>/", views.zone_scores, name="zone_scores"),
    path("scores/<int:pk>/", views.score_detail, name="score_detail"),
]
