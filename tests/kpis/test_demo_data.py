"""load_demo: 36 months of made-up values, targets and comparators, marked and labelled as demo."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from kpis.models import Benchmark, Kpi, KpiValue, Target
from kpis.periods import Period, due_periods
from kpis.rag import Rag, rag_status
from kpis.validation import Entry
from tests.kpis.pages import cells, page, section, table_row


def load_demo() -> str:
    output = io.StringIO()
    call_command("load_demo", stdout=output)
    return output.getvalue()


@pytest.fixture
def demo(seeded, settings):
    settings.DEBUG = True
    return load_demo()


@pytest.fixture
def window():
    """The 36 months the demo covers: up to last month."""
    end = Period.from_date(timezone.localdate()).previous()
    return end.shift(-35), end


def test_every_live_kpi_gets_its_due_periods_up_to_last_month(demo, window):
    start, end = window
    for kpi in Kpi.objects.live():
        due = due_periods(kpi.frequency, start, end, kpi.due_month)
        days = kpi.values.filter(is_demo=True).values_list("period", flat=True)
        stored = sorted(Period.from_date(day) for day in days)
        assert stored in (due, due[:-1]), kpi.code  # the newest may be missing
    pep = sorted(
        Period.from_date(d)
        for d in KpiValue.objects.filter(kpi__code="PEP").values_list("period", flat=True)
    )
    assert (len(pep), pep[0], pep[-1]) == (36, start, end)
    assert not KpiValue.objects.filter(kpi__status="proposed").exists()


def test_everything_made_is_marked_as_demo(demo):
    assert not KpiValue.objects.filter(is_demo=False).exclude(kpi__code="WF-TURNOVER").exists()
    assert KpiValue.objects.filter(is_demo=True).count() > 300
    assert Target.objects.exists() and not Target.objects.filter(is_demo=False).exists()
    assert Benchmark.objects.exists() and not Benchmark.objects.filter(is_demo=False).exists()


def test_the_demo_has_a_mix_of_statuses_and_missing_periods(demo, window):
    _, end = window
    statuses = set(KpiValue.objects.filter(is_demo=True).values_list("status", flat=True))
    assert statuses == {"draft", "submitted", "approved"}
    latest = KpiValue.objects.filter(period=end.first_day, kpi__frequency="monthly")
    monthly = Kpi.objects.live().filter(frequency="monthly").count()
    assert 0 < latest.count() < monthly  # some owners have not sent last month's figures
    assert latest.filter(status="submitted").exists()  # awaiting approval


def test_every_red_demo_value_has_commentary_and_some_are_red(demo):
    red = [
        value
        for value in KpiValue.objects.filter(is_demo=True).with_targets().select_related("kpi")
        if value.rag == Rag.RED
    ]
    assert red
    assert all(value.commentary for value in red)


def test_kpis_with_a_polarity_get_a_target_for_each_year_covered(demo, window):
    start, end = window
    years = set(range(start.financial_year, end.financial_year + 1))
    pep = Target.objects.filter(kpi__code="PEP")
    assert set(pep.values_list("financial_year", flat=True)) == years
    assert not Target.objects.filter(kpi__polarity="none").exists()


def test_a_second_run_creates_nothing(demo):
    counts = (KpiValue.objects.count(), Target.objects.count(), Benchmark.objects.count())
    output = load_demo()
    assert "Demo data: 0 values, 0 targets, 0 comparators created" in output
    assert (KpiValue.objects.count(), Target.objects.count(), Benchmark.objects.count()) == counts


def test_the_figures_are_the_same_every_time(demo):
    first = list(
        KpiValue.objects.filter(is_demo=True)
        .order_by("kpi__code", "period")
        .values_list("kpi__code", "period", "value", "status", "commentary")
    )
    KpiValue.objects.filter(is_demo=True).delete()
    load_demo()
    again = list(
        KpiValue.objects.filter(is_demo=True)
        .order_by("kpi__code", "period")
        .values_list("kpi__code", "period", "value", "status", "commentary")
    )
    assert again == first


def test_demo_values_stay_within_their_units(demo):
    for value in KpiValue.objects.filter(is_demo=True).select_related("kpi"):
        assert value.value >= 0
        if value.kpi.unit == "percent":
            assert value.value <= 100
        if value.kpi.unit == "count":
            assert value.value == value.value.to_integral_value()


def test_the_demo_rag_on_the_kpi_page_matches_the_engine(manager_client, demo, window):
    _, end = window
    value = (
        KpiValue.objects.with_targets()
        .select_related("kpi")
        .get(kpi__code="WF-AGENCY", period=end.previous().first_day)
    )
    text = page(manager_client.get(reverse("kpis:detail", args=["WF-AGENCY"])))
    expected = rag_status(value.value, value.target, value.amber, "lower").label
    assert cells(table_row(text, end.previous().label))[2] == expected


def test_the_kpi_page_and_every_page_say_when_demo_data_is_shown(manager_client, demo):
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert "Demo data</strong> Values marked" in text
    assert 'aria-label="Demo data"' in text
    assert 'aria-label="Demo data"' in page(manager_client.get(reverse("returns:status")))


def test_without_demo_values_there_is_no_demo_label(manager_client, seeded):
    text = page(manager_client.get(reverse("kpis:detail", args=["PEP"])))
    assert "Demo data" not in text


def test_wf_agency_shows_an_england_comparator(manager_client, demo):
    text = page(manager_client.get(reverse("kpis:detail", args=["WF-AGENCY"])))
    comparators = section(text, "benchmarks")
    assert "England" in comparators and "17.8%" in comparators
    assert "DfE children&#x27;s social work workforce (2023)" in comparators


def test_a_demo_value_a_person_edits_is_demo_no_more(demo, client):
    value = KpiValue.objects.filter(is_demo=True, status="draft").select_related("kpi").first()
    officer = get_user_model().objects.get(username="officer")
    entry = Entry(value.value + 1, None, None, "Checked by hand", False, Rag.NO_TARGET)
    value.record(by=officer, entry=entry, reason="Corrected")
    value.save_move()
    value.refresh_from_db()
    assert value.is_demo is False
    client.force_login(get_user_model().objects.get(username="manager"))
    table = section(page(client.get(value.kpi.get_absolute_url())), "values")
    row = table_row(table, value.period_obj.label)
    assert "Demo" not in row


def test_the_demo_banner_goes_when_no_demo_value_is_left(demo, client):
    client.force_login(get_user_model().objects.get(username="member"))
    assert 'aria-label="Demo data"' in page(client.get(reverse("dashboard:home")))
    KpiValue.objects.filter(is_demo=True).update(is_demo=False)
    assert 'aria-label="Demo data"' not in page(client.get(reverse("dashboard:home")))
