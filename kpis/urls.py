"""The KPI app's own pages: setting targets, adding comparators, downloading values.

Routed under /kpis/ in the "kpis" namespace by dashboard.urls_kpis, beside the scorecard and
the KPI page, which are composed with boards and findings and so live in dashboard.
"""

from django.urls import path

from kpis import views

urlpatterns = [
    path("figures/", views.choose_figures, name="figures"),
    path("values.csv", views.all_values_export, {"file_format": "csv"}, name="all_values_csv"),
    path("values.xlsx", views.all_values_export, {"file_format": "xlsx"}, name="all_values_xlsx"),
    path("<str:code>/targets/", views.set_target, name="set_target"),
    path("<str:code>/benchmarks/", views.add_benchmark, name="add_benchmark"),
    path("<str:code>/values.csv", views.values_export, {"file_format": "csv"}, name="values_csv"),
    path(
        "<str:code>/values.xlsx",
        views.values_export,
        {"file_format": "xlsx"},
        name="values_xlsx",
    ),
]
