from django.urls import path

from findings import views

app_name = "findings"

urlpatterns = [
    path("", views.annex, name="annex"),
    path("<int:pk>/", views.detail, name="detail"),
    path("mapping.csv", views.mapping_export, {"file_format": "csv"}, name="mapping_csv"),
    path("mapping.xlsx", views.mapping_export, {"file_format": "xlsx"}, name="mapping_xlsx"),
]
