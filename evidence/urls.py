from django.urls import path

from . import views

app_name = "evidence"

urlpatterns = [
    path("how-we-grade-evidence/", views.GradesView.as_view(), name="grades"),
]
