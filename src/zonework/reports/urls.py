from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.index, name="index"),
    path("preview/", views.preview, name="preview"),
    path("download/", views.download, name="download"),
    path("jobs/", views.job_create, name="job_create"),
    path("jobs/<int:pk>/", views.job_detail, name="job_detail"),
    path("jobs/<int:pk>/progress/", views.job_progress, name="job_progress"),
    path("jobs/<int:pk>/files/<str:name>", views.job_file, name="job_file"),
    path("settings/", views.document_settings, name="document_settings_home"),
    path("settings/<int:zone_pk>/", views.document_settings, name="document_settings"),
    path("supervision-notice/<int:task_pk>/", views.supervision_notice, name="supervision_notice"),
]
