"""/findings/: the living Annex A, a finding's page and the mapping download. Each shows the
boards that receive the KPIs and monitoring, so they are composed here."""

from django.urls import path

from dashboard import annex_views

app_name = "findings"

urlpatterns = [
    path("", annex_views.annex, name="annex"),
    path("<int:pk>/", annex_views.finding_detail, name="detail"),
    path("mapping.csv", annex_views.mapping_export, {"file_format": "csv"}, name="mapping_csv"),
    path("mapping.xlsx", annex_views.mapping_export, {"file_format": "xlsx"}, name="mapping_xlsx"),
]
