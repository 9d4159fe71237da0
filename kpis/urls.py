from django.urls import path

from kpis import views

app_name = "kpis"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<str:code>/", views.detail, name="detail"),
]
