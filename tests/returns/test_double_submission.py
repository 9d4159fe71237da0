"""A double click, or two people at once, never gives a 500 or a silent overwrite: the second
identical save is answered as the first was; a different figure is refused with both shown."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kpis.models import KpiValue
from returns.models import ImportBatch
from tests.kpis.pages import add_target, add_value, live_kpi, messages_of, page, stored
from tests.returns.test_return_form import fields

OCTOBER = reverse("returns:period", args=["2026-10"])


@pytest.fixture
def pep(seeded, officer):
    kpi = live_kpi("PEP", owner=officer)
    add_target(kpi, 2026, 95, 90)
    return kpi


def test_a_double_click_on_submit_is_answered_as_the_first_click(officer_client, pep):
    data = {**fields("PEP", value="96", commentary="Up"), "submit": ""}
    first = officer_client.post(OCTOBER, data)
    second = officer_client.post(OCTOBER, data)  # the same form, sent again
    assert first.status_code == second.status_code == 302
    assert messages_of(second)[-1] == "Submitted 1 value for October 2026 for approval."
    value = stored("PEP", "2026-10")
    assert (value.value, value.status, value.version) == (Decimal(96), "submitted", 1)
    assert KpiValue.objects.filter(kpi=pep).count() == 1


def test_someone_elses_different_figure_is_not_overwritten(officer_client, pep, manager):
    add_value(pep, "2026-10", 91, "draft", by=manager)  # saved after the officer opened the page
    response = officer_client.post(OCTOBER, {**fields("PEP", value="96"), "draft": ""})
    assert response.status_code == 200
    assert "saved by Manager Tester as 91%; yours: 96%" in page(response)
    assert stored("PEP", "2026-10").value == 91


def test_a_value_created_between_the_check_and_the_save_is_a_conflict_not_a_500(
    officer_client, pep, manager, monkeypatch
):
    original = KpiValue.start.__func__

    def someone_saves_first(cls, **kwargs):
        # Another request stores the value after this one checked for it, before it writes.
        monkeypatch.setattr(KpiValue, "start", classmethod(original))
        KpiValue.objects.create(
            kpi=pep, period="2026-10-01", value=Decimal(91), commentary="x", entered_by=manager,
            figure_entered_by=manager,
        )  # fmt: skip
        return original(cls, **kwargs)

    monkeypatch.setattr(KpiValue, "start", classmethod(someone_saves_first))
    response = officer_client.post(OCTOBER, {**fields("PEP", value="96"), "draft": ""})
    assert response.status_code == 200
    assert "saved by Manager Tester as 91%; yours: 96%" in page(response)
    # (The other request's value is rolled back here with this one's transaction; in life it
    # was committed by its own.) This request wrote nothing.
    assert not KpiValue.objects.filter(value=96).exists()


CSV = "kpi_code,period,value,numerator,denominator,commentary\nPEP,2026-10,96,,,Up\n"


def upload(client, name="v.csv", content=CSV) -> str:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("returns:import"), {"file": SimpleUploadedFile(name, content.encode())}
    )
    client.get(response["Location"])  # the preview, which notes the values it showed
    return response["Location"]


def test_a_double_click_on_import_is_answered_with_the_first_imports_result(officer_client, pep):
    preview = upload(officer_client)
    first = officer_client.post(preview)
    second = officer_client.post(preview)
    assert first["Location"] == second["Location"] == preview
    assert messages_of(second)[-1] == "v.csv has already been imported."
    assert KpiValue.objects.filter(kpi=pep).count() == 1
    assert ImportBatch.objects.get().imported_count == 1


def test_two_imports_of_the_same_new_value_the_second_is_refused_with_both_figures(
    officer_client, manager_client, pep
):
    officers = upload(officer_client)
    managers = upload(manager_client, content=CSV.replace(",96,", ",91,"))
    manager_client.post(managers)
    response = officer_client.post(officers)
    message = messages_of(response)[-1]
    assert message.startswith("Nothing was imported: someone saved PEP for October 2026")
    assert "now 91%, your file 96%" in message
    assert stored("PEP", "2026-10").value == 91


def test_two_imports_replacing_the_same_value_the_second_is_refused_with_both_figures(
    officer_client, manager_client, pep, officer
):
    add_value(pep, "2026-10", 90, "draft", by=officer)
    officers = upload(officer_client)
    managers = upload(manager_client, content=CSV.replace(",96,", ",91,"))
    manager_client.post(managers)
    response = officer_client.post(officers)
    message = messages_of(response)[-1]
    assert "someone changed PEP for October 2026" in message
    assert "now 91%, your file 96%" in message
    assert stored("PEP", "2026-10").value == 91
