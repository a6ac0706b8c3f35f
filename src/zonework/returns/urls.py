from django.urls import path

from . import views

app_name = "returns"

urlpatterns = [
    path("", views.index, name="index"),
    path("forms/new/", views.form_edit, name="form_new"),
    path("forms/<int:pk>/", views.status_grid, name="grid"),
    path("forms/<int:pk>/edit/", views.form_edit, name="form_edit"),
    path("forms/<int:pk>/open/", views.open_period, name="open"),
    path("filings/<int:pk>/", views.filing_page, name="filing"),
    path("filings/<int:pk>/excel/", views.filing_excel, name="filing_excel"),
    path("filings/<int:pk>/review/", views.review, name="review"),
    path("figures/<int:pk>/", views.figure_history, name="figure_history"),
]
