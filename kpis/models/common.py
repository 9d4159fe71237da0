"""Pieces the KPI models share."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import ExtractYear

# Why a change was made, as the person wrote it: as long as they wrote it (django-simple-history's
# default is 100 characters, and PostgreSQL refuses anything longer).
REASON = models.TextField(null=True)


def financial_year_expression(date_field: str) -> models.Expression:
    """SQL for the financial year (April to March) a date falls in, by its starting year."""
    return ExtractYear(date_field) - models.Case(
        models.When(models.Q(**{f"{date_field}__month__lt": 4}), then=models.Value(1)),
        default=models.Value(0),
    )


def validate_first_of_month(day: datetime.date) -> None:
    if day.day != 1:
        raise ValidationError("A period is stored as the first day of its month.")
