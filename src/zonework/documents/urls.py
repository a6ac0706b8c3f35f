from django.urls import path
from django.views.generic import RedirectView

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.SourceDocumentListView.as_view(), name="list"),
    # The generic list's names (its "新增" button leads to the upload form on the list).
    path("", views.SourceDocumentListView.as_view(), name="sourcedocument_list"),
    path("upload/", RedirectView.as_view(url="/documents/#upload"), name="sourcedocument_add"),
    path("<int:pk>/", views.review_view, name="review"),
    path("<int:pk>/status/", views.status_view, name="status"),
    path("<int:pk>/file/", views.file_view, name="file"),
    path("<int:pk>/reread/", views.reread_view, name="reread"),
    path("<int:pk>/delete/", views.delete_view, name="delete"),
]
