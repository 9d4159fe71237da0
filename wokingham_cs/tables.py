"""What the table pages (the KPI scorecard, the tracker) share: the downloads they offer and
no others, and a page size a person may choose within bounds."""

from django.http import Http404
from django_tables2.export import ExportMixin as TablesExportMixin

PER_PAGE = 50
MOST_PER_PAGE = 500


class ExportMixin(TablesExportMixin):
    """A table page's downloads, in the formats it offers (`export_formats`) and no other:
    django-tables2 itself answers `?_export=` with any format tablib knows (JSON, YAML, LaTeX,
    ...) and fails with a 500 on those it cannot write (xls, ods)."""

    def render_to_response(self, context, **kwargs):
        export_format = self.request.GET.get(self.export_trigger_param)
        if export_format is not None and export_format not in self.export_formats:
            raise Http404(f"This page downloads as {' or '.join(self.export_formats)} only.")
        return super().render_to_response(context, **kwargs)


class PagedTableMixin:
    """The table paginates (PER_PAGE rows a page, or ?per_page= from 1 to MOST_PER_PAGE; any
    other page size is ignored, where django-tables2 gave a 500 for a negative one). The list
    view itself does not paginate: it would 404 a page the table has. A sort that names no
    column is ignored, as django-tables2 ignores one it does not know."""

    table_pagination = {"per_page": PER_PAGE}

    def get(self, request, *args, **kwargs):
        asked = request.GET.get("per_page")
        if asked is not None and not (
            asked.isascii() and asked.isdigit() and 1 <= int(asked) <= MOST_PER_PAGE
        ):
            request.GET = request.GET.copy()
            del request.GET["per_page"]
        # No column's name has a dot: django-tables2 would read one as a path (and warn).
        if any("." in sort for sort in request.GET.getlist("sort")):
            request.GET = request.GET.copy()
            del request.GET["sort"]
        return super().get(request, *args, **kwargs)
