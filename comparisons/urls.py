from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("compare/", views.ComparisonListView.as_view(), name="list"),
    path("compare/<slug:slug>/", views.ComparisonDetailView.as_view(), name="detail"),
]
