from django.urls import path

from . import comparison_views, views

app_name = "economy"

urlpatterns = [
    path("", views.dashboard_view, name="dashboard"),
    path("comparison/", comparison_views.comparison_view, name="comparison"),
    path("statistics/", views.statistics_view, name="statistics"),
    path("statistics/<int:year>/<int:month>/", views.statistics_view, name="statistics_month"),
    path("statistics/<int:year>/<int:month>/template/", views.statistics_template, name="statistics_template"),
    path("statistics/<int:year>/<int:month>/upload/", views.statistics_upload, name="statistics_upload"),
    path("uploads/", views.StatisticsUploadListView.as_view(), name="statisticsupload_list"),
    path("uploads/<int:pk>/", views.upload_detail, name="upload_detail"),
    path("indicators/", views.IndicatorListView.as_view(), name="indicator_list"),
    path("indicators/add/", views.IndicatorEditView.as_view(), name="indicator_add"),
    path("indicators/<int:pk>/", views.IndicatorEditView.as_view(), name="indicator_edit"),
    path("indicators/<int:pk>/delete/", views.IndicatorDeleteView.as_view(), name="indicator_delete"),
    path("tracked/", views.TrackedIndicatorListView.as_view(), name="trackedindicator_list"),
    path("tracked/add/", views.TrackedIndicatorEditView.as_view(), name="trackedindicator_add"),
    path("tracked/<int:pk>/delete/", views.TrackedIndicatorDeleteView.as_view(), name="trackedindicator_delete"),
    path("targets/", views.TargetListView.as_view(), name="target_list"),
    path("targets/add/", views.TargetEditView.as_view(), name="target_add"),
    path("targets/<int:pk>/", views.TargetEditView.as_view(), name="target_edit"),
    path("targets/<int:pk>/delete/", views.TargetDeleteView.as_view(), name="target_delete"),
    path("observations/", views.ObservationListView.as_view(), name="observation_list"),
    path("observations/add/", views.ObservationEditView.as_view(), name="observation_add"),
    path("observations/<int:pk>/", views.ObservationEditView.as_view(), name="observation_edit"),
    path("observations/<int:pk>/delete/", views.ObservationDeleteView.as_view(), name="observation_delete"),
]
