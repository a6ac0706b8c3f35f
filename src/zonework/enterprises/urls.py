from django.urls import path

from . import views

app_name = "enterprises"

urlpatterns = [
    path("", views.ServiceRequestListView.as_view(), name="request_list"),
    path("requests/", views.ServiceRequestListView.as_view(), name="servicerequest_list"),
    path("requests/add/", views.ServiceRequestEditView.as_view(), name="servicerequest_add"),
    path("requests/figures/", views.request_figures, name="request_figures"),
    path("requests/<int:pk>/", views.request_detail, name="servicerequest_detail"),
    path("requests/<int:pk>/edit/", views.ServiceRequestEditView.as_view(), name="servicerequest_edit"),
    path("requests/<int:pk>/delete/", views.ServiceRequestDeleteView.as_view(), name="servicerequest_delete"),
    path("requests/<int:pk>/transition/", views.request_transition, name="servicerequest_transition"),
    path("companies/", views.EnterpriseListView.as_view(), name="enterprise_list"),
    path("companies/add/", views.EnterpriseEditView.as_view(), name="enterprise_add"),
    path("companies/import/", views.enterprise_import, name="enterprise_import"),
    path("companies/<int:pk>/", views.enterprise_detail, name="enterprise_detail"),
    path("companies/<int:pk>/edit/", views.EnterpriseEditView.as_view(), name="enterprise_edit"),
    path("companies/<int:pk>/delete/", views.EnterpriseDeleteView.as_view(), name="enterprise_delete"),
    path("companies/<int:pk>/visits/", views.enterprise_visit, name="enterprise_visit"),
]
