from django.urls import path, register_converter

from returns import approval_views, views


class PeriodConverter:
    """A period in a URL: YYYY-MM. The view checks the month is real."""

    regex = r"\d{4}-\d{2}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)


register_converter(PeriodConverter, "period")

app_name = "returns"

urlpatterns = [
    path("", views.status, name="status"),
    path("reminders/", views.send_reminders, name="send_reminders"),
    path("approve/", approval_views.approval_queue, name="approval_queue"),
    path("import/", views.import_upload, name="import"),
    path(
        "import/template.csv",
        views.import_template,
        {"file_format": "csv"},
        name="import_template_csv",
    ),
    path(
        "import/template.xlsx",
        views.import_template,
        {"file_format": "xlsx"},
        name="import_template_xlsx",
    ),
    path("import/<int:pk>/", views.import_preview, name="import_preview"),
    path("import/<int:pk>/submit/", views.import_submit, name="import_submit"),
    path("<period:period>/", views.period_return, name="period"),
    path("<period:period>/rag/", views.live_rag, name="rag"),
    path("<period:period>/approve/", approval_views.approve, name="approve"),
    path("<period:period>/<str:code>/revise/", views.revise, name="revise"),
]
