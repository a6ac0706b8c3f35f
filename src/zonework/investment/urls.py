from django.urls import path

from . import views

app_name = "investment"

urlpatterns = [
    path("", views.board, name="board"),
    path("funnel/", views.funnel, name="funnel"),
    path("figures/", views.figures_view, name="figures"),
    path("stalled/", views.stalled, name="stalled"),
    path("projects/", views.InvestmentProjectListView.as_view(), name="investmentproject_list"),
    path("projects/add/", views.InvestmentProjectEditView.as_view(), name="investmentproject_add"),
    path("projects/bulk/", views.project_bulk, name="investmentproject_bulk"),
    path("projects/import/", views.project_import, name="investmentproject_import"),
    path("projects/<int:pk>/", views.project_detail, name="investmentproject_detail"),
    path("projects/<int:pk>/edit/", views.InvestmentProjectEditView.as_view(), name="investmentproject_edit"),
    path("projects/<int:pk>/delete/", views.InvestmentProjectDeleteView.as_view(), name="investmentproject_delete"),
    path("projects/<int:pk>/stage/", views.project_stage, name="investmentproject_stage"),
    path("projects/<int:pk>/paid-in/", views.project_paid_in, name="investmentproject_paid_in"),
    path("major-projects/", views.MajorProjectListView.as_view(), name="majorproject_list"),
    path("major-projects/add/", views.MajorProjectEditView.as_view(), name="majorproject_add"),
    path("major-projects/<int:pk>/", views.MajorProjectEditView.as_view(), name="majorproject_edit"),
    path("major-projects/<int:pk>/delete/", views.MajorProjectDeleteView.as_view(), name="majorproject_delete"),
]
