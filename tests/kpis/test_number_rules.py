"""One set of rules for every figure people type: values, targets, amber thresholds and
comparators. "1_5", "1e-30", other scripts' digits and numbers too small to keep are refused,
percentages stay within 0-100, and a comparator describes a period that has ended."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from kpis.models import Benchmark, Target
from kpis.periods import current_period
from kpis.validation import NumberError, parse_number
from tests.kpis.pages import page

THIS_MONTH = str(current_period(timezone.localdate()))
NEXT_MONTH = str(current_period(timezone.localdate()).next())


@pytest.mark.parametrize(
    ("text", "stored"),
    [("85.5", "85.5000"), ("1,234", "1234.0000"), ("14%", "14.0000"), ("-3", "-3.0000"),
     (".5", "0.5000"), ("0", "0.0000"), ("0.00005", "0.0001"), ("", None)],
)  # fmt: skip
def test_numbers_people_write_are_read(text, stored):
    assert parse_number(text) == (None if stored is None else Decimal(stored))


@pytest.mark.parametrize(
    ("text", "problem"),
    [("1_5", "is not a number"), ("1e-30", "is not a number"), ("1E3", "is not a number"),
     ("١٢", "is not a number"), ("²", "is not a number"), ("12,5", "is not a number"),
     ("NaN", "is not a number"), ("Infinity", "is not a number"), ("-", "is not a number"),
     ("0.00001", "is too small to keep: it would be stored as 0"),
     ("1000000000", "must be less than 1,000,000,000")],
)  # fmt: skip
def test_anything_else_is_refused_saying_why(text, problem):
    with pytest.raises(NumberError, match=problem):
        parse_number(text)


def target_form(target="95", amber="90") -> dict:
    return {"financial_year": "2026", "target": target, "amber_threshold": amber, "note": ""}


@pytest.mark.parametrize(
    ("target", "amber", "message"),
    [("1_5", "", "Enter the target as a number, like 85.5"),
     ("140", "", "The target must be a percentage between 0 and 100"),
     ("95", "1e-30", "Enter the amber threshold as a number, like 85.5"),
     ("95", "-1", "The amber threshold must be 0 or more")],
)  # fmt: skip
def test_a_target_follows_the_rules_of_its_kpis_values(
    manager_client, seeded, target, amber, message
):
    response = manager_client.post(
        reverse("kpis:set_target", args=["PEP"]), target_form(target, amber)
    )
    assert response.status_code == 400
    assert message in page(response)
    assert not Target.objects.filter(kpi__code="PEP").exists()


def comparator(period="2024-03", value="17.8") -> dict:
    return {"period": period, "comparator": "england", "value": value,
            "source": "DfE", "year_label": "2023-24"}  # fmt: skip


@pytest.mark.parametrize(
    ("period", "value", "message"),
    [("2099-03", "17.8", "A comparator describes a period that has ended: use "),
     (NEXT_MONTH, "17.8", "A comparator describes a period that has ended: use "),
     (THIS_MONTH, "17.8", "A comparator describes a period that has ended: use "),
     ("\uff12\uff10\uff12\uff14-03", "17.8", "is not a period"),  # full-width digits
     ("2024-03", "500", "The value must be a percentage between 0 and 100"),
     ("2024-03", "1_7", "Enter the value as a number, like 85.5")],
)  # fmt: skip
def test_a_comparator_follows_the_same_rules(manager_client, seeded, period, value, message):
    response = manager_client.post(
        reverse("kpis:add_benchmark", args=["PEP"]), comparator(period, value)
    )
    assert response.status_code == 400
    assert message in page(response)
    assert not Benchmark.objects.exists()
