from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kpis.models import KpiValue


def demo_data(request: HttpRequest) -> dict:
    """Whether demo values are in the database, so every page can say so (checked lazily)."""
    return {
        "demo_values_present": SimpleLazyObject(
            lambda: request.user.is_authenticated and KpiValue.objects.filter(is_demo=True).exists()
        )
    }
