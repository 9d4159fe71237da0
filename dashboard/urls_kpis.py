"""/kpis/: the scorecard and the KPI page (composed here, with boards and findings) and the
KPI app's own pages (kpis.urls), together in the "kpis" namespace."""

from django.urls import path

from dashboard import kpi_views
from kpis.urls import urlpatterns as kpi_app_patterns

app_name = "kpis"

urlpatterns = [
    path("", kpi_views.scorecard, name="catalogue"),
    *kpi_app_patterns,
    path("<str:code>/", kpi_views.kpi_detail, name="detail"),
]
