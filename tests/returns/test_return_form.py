"""/returns/<YYYY-MM>/: the monthly return, where owners enter, save and submit their values."""

import datetime
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from kpis.models import KpiValue
from tests.kpis.pages import (
    VALUES,
    add_target,
    add_value,
    input_value,
    is_checked,
    live_kpi,
    messages_of,
    page,
    stored,
    textarea_text,
    the_message,
)

OCTOBER = reverse("returns:period", args=["2026-10"])
SEPTEMBER = reverse("returns:period", args=["2026-09"])


def row_of(text: str, code: str) -> str:
    """The part of the return page for one KPI."""
    start = text.index(f'id="{code}-value-group"')
    end = text.find('class="app-return-row"', start + 1)
    return text[start : end if end > 0 else len(text)]


def nothing_saved() -> bool:
    """No value for 2026 is stored (the seed has one value of its own, for 2015)."""
    return not KpiValue.objects.filter(period__year=2026).exists()


def opened(client, url: str) -> dict:
    """What the browser sends for the return as opened: every KPI's hidden version field."""
    versions = dict(re.findall(r'name="([A-Z0-9-]+-version)" value="(\d+)"', page(client.get(url))))
    assert versions, "the return has no KPI rows"
    return versions


def fields(code: str, version: int = 0, **typed) -> dict:
    data = {f"{code}-version": str(version)}
    data.update({f"{code}-{name}": value for name, value in typed.items()})
    return data


@pytest.fixture
def pep(seeded, officer):
    """PEP: monthly, percent, higher is better; owned by the officer; target 95, amber 90."""
    kpi = live_kpi("PEP", owner=officer)
    add_target(kpi, 2026, 95, 90)
    return kpi


@pytest.fixture
def agency(seeded, officer):
    """WF-AGENCY: monthly, percent, lower is better; owned by the officer; target 15, amber 18."""
    kpi = live_kpi("WF-AGENCY", owner=officer)
    add_target(kpi, 2026, 15, 18)
    return kpi


@pytest.fixture
def rate(seeded, officer):
    """SW-CHANGE-CIN made live: a rate (numerator and denominator), lower is better."""
    return live_kpi("SW-CHANGE-CIN", owner=officer)


def test_an_officer_sees_only_the_live_kpis_they_own_that_are_due(officer_client, pep, officer):
    live_kpi("CARE-PROC-26WK", owner=officer)  # quarterly
    live_kpi("SW-CHANGE-CIC", owner=officer, status="proposed")
    october = page(officer_client.get(OCTOBER))
    assert re.findall(r'id="([A-Z0-9-]+)-value-group"', october) == ["PEP"]
    september = page(officer_client.get(SEPTEMBER))
    assert re.findall(r'id="([A-Z0-9-]+)-value-group"', september) == ["CARE-PROC-26WK", "PEP"]


def test_a_manager_sees_every_live_kpi_due_in_the_period(manager_client, seeded):
    october = page(manager_client.get(OCTOBER))
    assert re.findall(r'id="([A-Z0-9-]+)-value-group"', october) == [
        "CASELOADS",
        "LAC-20MILES",
        "PEP",
        "PLACEMENTS-3PLUS",
        "TEAM-NUMBERS",
        "VISITS-TIMELY",
        "WF-AGENCY",
        "WF-VACANCY",
    ]


def test_an_officer_who_owns_nothing_is_told_so(officer_client, seeded):
    assert "No KPIs you enter are due in October 2026" in page(officer_client.get(OCTOBER))


def test_each_row_shows_last_periods_value_the_target_and_the_rag(officer_client, pep, officer):
    add_value(pep, "2026-09", 91, "approved", by=officer)
    text = page(officer_client.get(OCTOBER))
    assert "Due by Friday 13 November 2026" in text
    row = row_of(text, "PEP")
    assert "September 2026" in row
    assert "91%" in row and ">Amber</strong>" in row
    assert "Target 2026-27" in row and "95%, amber to 90%" in row


def test_saving_as_draft_stores_the_values_as_drafts(officer_client, pep, agency, officer):
    response = officer_client.post(
        OCTOBER,
        {
            **fields("PEP", value="96.5", commentary="On track", provisional="on"),
            **fields("WF-AGENCY", value="14"),
            "draft": "",
        },
    )
    assert response.status_code == 302
    the_message(response, rf"Saved 2 {VALUES} for October 2026 as (a )?draft\.")
    value = stored("PEP", "2026-10")
    assert (value.value, value.status, value.entered_by) == (Decimal("96.5"), "draft", officer)
    assert (value.commentary, value.provisional, value.submitted_by) == ("On track", True, None)
    assert stored("WF-AGENCY", "2026-10").value == Decimal(14)


def test_submitting_sends_the_values_for_approval(officer_client, pep, officer):
    response = officer_client.post(OCTOBER, {**fields("PEP", value="96"), "submit": ""})
    the_message(response, rf"Submitted 1 {VALUES} for October 2026 for approval\.")
    value = stored("PEP", "2026-10")
    assert (value.status, value.submitted_by) == ("submitted", officer)
    assert value.submitted_at is not None


def test_a_saved_draft_is_shown_again_and_can_then_be_submitted(officer_client, pep):
    officer_client.post(OCTOBER, {**fields("PEP", value="96", commentary="Good"), "draft": ""})
    text = page(officer_client.get(OCTOBER))
    assert input_value(text, "PEP-value") == "96"
    assert textarea_text(text, "PEP-commentary") == "Good"
    assert input_value(text, "PEP-version") == "1"
    officer_client.post(OCTOBER, {**fields("PEP", 1, value="96", commentary="Good"), "submit": ""})
    assert stored("PEP", "2026-10").status == "submitted"


def test_a_rate_kpi_takes_a_numerator_and_denominator_and_works_out_the_value(officer_client, rate):
    text = page(officer_client.get(OCTOBER))
    assert input_value(text, "SW-CHANGE-CIN-numerator") == ""
    assert input_value(text, "SW-CHANGE-CIN-value") is None  # not typed twice
    officer_client.post(
        OCTOBER, {**fields("SW-CHANGE-CIN", numerator="12", denominator="40"), "draft": ""}
    )
    value = stored("SW-CHANGE-CIN", "2026-10")
    assert (value.numerator, value.denominator, value.value) == (12, 40, Decimal("30.0"))


def test_a_numerator_larger_than_its_denominator_is_refused(officer_client, rate):
    response = officer_client.post(
        OCTOBER, {**fields("SW-CHANGE-CIN", numerator="41", denominator="40"), "draft": ""}
    )
    text = page(response)
    assert "There is a problem" in text
    assert "SW-CHANGE-CIN: The numerator must not be more than the denominator" in text
    assert input_value(text, "SW-CHANGE-CIN-numerator") == "41"
    assert input_value(text, "SW-CHANGE-CIN-denominator") == "40"
    assert nothing_saved()


@pytest.mark.parametrize(
    ("code", "period", "typed", "message"),
    [
        ("PEP", "2026-10", "ninety", "Enter the value as a number, like 85.5"),
        ("PEP", "2026-10", "101", "The value must be a percentage between 0 and 100"),
        ("PEP", "2026-10", "-3", "The value must be 0 or more"),
        ("COMPLAINTS", "2026-09", "3.5", "The value must be a whole number, like 12"),
        ("COMPLAINTS", "2026-09", "-2", "The value must be 0 or more"),
    ],
)
def test_a_bad_value_shows_the_error_summary_and_an_inline_error_and_saves_nothing(
    manager_client, seeded, code, period, typed, message
):
    url = reverse("returns:period", args=[period])
    response = manager_client.post(
        url,
        {
            **opened(manager_client, url),
            **fields(code, value=typed, commentary="Typed words"),
            "draft": "",
        },
    )
    text = page(response)
    assert response.status_code == 200
    assert "There is a problem" in text
    assert f'href="#id_{code}-value">{code}: {message}' in text
    assert f'id="id_{code}-value-error"' in text
    assert input_value(text, f"{code}-value") == typed
    assert textarea_text(text, f"{code}-commentary") == "Typed words"
    assert nothing_saved()


def test_one_bad_value_saves_none_of_the_good_ones_and_keeps_everything_typed(
    officer_client, pep, agency
):
    response = officer_client.post(
        OCTOBER,
        {
            **fields("PEP", value="97", commentary="Fine", provisional="on"),
            **fields("WF-AGENCY", value="12%%"),
            "submit": "",
        },
    )
    text = page(response)
    assert "WF-AGENCY: Enter the value as a number" in text
    assert input_value(text, "PEP-value") == "97"
    assert textarea_text(text, "PEP-commentary") == "Fine"
    assert is_checked(text, "PEP-provisional")
    assert input_value(text, "WF-AGENCY-value") == "12%%"
    assert nothing_saved()


def test_a_red_value_needs_commentary(officer_client, pep):
    response = officer_client.post(OCTOBER, {**fields("PEP", value="80"), "draft": ""})
    assert "PEP: Explain why the value is Red" in page(response)
    assert nothing_saved()
    officer_client.post(
        OCTOBER, {**fields("PEP", value="80", commentary="Two schools late"), "draft": ""}
    )
    assert stored("PEP", "2026-10").commentary == "Two schools late"


def test_a_red_lower_is_better_value_needs_commentary_too(officer_client, agency):
    response = officer_client.post(OCTOBER, {**fields("WF-AGENCY", value="19"), "draft": ""})
    assert "WF-AGENCY: Explain why the value is Red" in page(response)
    assert nothing_saved()


def test_commentary_without_a_value_is_refused(officer_client, pep):
    response = officer_client.post(OCTOBER, {**fields("PEP", commentary="Late"), "draft": ""})
    assert "PEP: Enter a value for this commentary" in page(response)
    assert nothing_saved()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            {"value": "96", "commentary": "Up\x00again"},
            "PEP: The commentary contains a character that cannot be saved (a NUL byte)",
        ),
        ({"value": "9\x006"}, "PEP: The value contains a character that cannot be saved"),
        ({"value": "9" * 41}, "PEP: The value must be 40 characters or fewer (it has 41)"),
    ],
    ids=["NUL in commentary", "NUL in value", "long value"],
)
def test_text_django_refuses_itself_is_refused_in_our_words_and_kept(
    officer_client, pep, typed, message
):
    response = officer_client.post(OCTOBER, {**fields("PEP", **typed), "draft": ""})
    text = page(response)
    assert message in text
    assert "Null characters" not in text and "Ensure this value" not in text
    assert input_value(text, "PEP-value") == typed["value"]
    assert textarea_text(text, "PEP-commentary") == typed.get("commentary", "")
    assert nothing_saved()


def test_a_future_period_cannot_be_entered(officer_client, pep):
    response = officer_client.get(reverse("returns:period", args=["2026-12"]))
    assert response.status_code == 404
    assert "December 2026 is not open for values yet" in page(response)
    assert "opens on Friday 1 January 2027" in page(response)
    response = officer_client.post(
        reverse("returns:period", args=["2026-12"]), {**fields("PEP", value="96"), "draft": ""}
    )
    assert response.status_code == 404
    assert nothing_saved()


def test_the_current_month_opens_the_day_after_it_ends(officer_client, pep, monkeypatch):
    # On Sunday 22 November, November is still going on.
    response = officer_client.post(
        reverse("returns:period", args=["2026-11"]), {**fields("PEP", value="96"), "draft": ""}
    )
    assert response.status_code == 404
    assert "November 2026 is not open for values yet" in page(response)
    assert nothing_saved()
    monkeypatch.setattr("returns.views._today", lambda: datetime.date(2026, 12, 1))
    response = officer_client.get(reverse("returns:period", args=["2026-11"]))
    assert 'id="PEP-value-group"' in page(response)


def test_a_council_that_reports_on_the_last_working_day_can_open_the_month_then(
    officer_client, pep, monkeypatch, settings
):
    settings.RETURNS_OPEN_ON_LAST_WORKING_DAY = True
    # November 2026 ends on a Monday: its last working day is the 30th.
    for day, opened in ((27, False), (30, True)):
        monkeypatch.setattr("returns.views._today", lambda day=day: datetime.date(2026, 11, day))
        response = officer_client.get(reverse("returns:period", args=["2026-11"]))
        assert (response.status_code == 200) == opened, day


def test_a_month_that_does_not_exist_is_not_found(officer_client, pep):
    assert officer_client.get("/returns/2026-13/").status_code == 404


@pytest.mark.parametrize("who", ["officer_client", "manager_client"])
@pytest.mark.parametrize("period", ["9999-12", "0001-01", "2100-01"])
def test_a_period_outside_the_reporting_years_is_not_found(pep, who, period, request):
    client = request.getfixturevalue(who)
    for name, args in [("period", [period]), ("rag", [period]), ("approve", [period]),
                       ("revise", [period, "PEP"])]:  # fmt: skip
        response = client.get(reverse(f"returns:{name}", args=args) + "?kpi=PEP&value=96")
        assert response.status_code == 404, name
    response = client.post(reverse("returns:period", args=[period]), fields("PEP", value="96"))
    assert response.status_code == 404
    assert nothing_saved()


def test_the_last_reporting_year_ends_with_a_month_that_opens_in_the_next(officer_client, pep):
    response = officer_client.get(reverse("returns:period", args=["2099-12"]))
    assert response.status_code == 404
    assert "December 2099 is not open for values yet" in page(response)
    assert "opens on Friday 1 January 2100" in page(response)


@pytest.mark.parametrize("who", ["member", "outsider"])
def test_members_and_people_without_a_role_cannot_open_a_return(client, seeded, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(OCTOBER).status_code == 403
    assert client.post(OCTOBER, {**fields("PEP", value="96"), "draft": ""}).status_code == 403
    assert nothing_saved()


def test_an_approved_value_is_locked_on_the_return(officer_client, pep, manager):
    add_value(pep, "2026-10", 96, "approved", by=manager, approved_by=manager)
    text = page(officer_client.get(OCTOBER))
    row = row_of(text, "PEP")
    assert "Approved value: <strong>96%</strong>" in row
    assert reverse("returns:revise", args=["2026-10", "PEP"]) in row
    assert input_value(text, "PEP-value") is None
    officer_client.post(OCTOBER, {**fields("PEP", 1, value="50", commentary="x"), "draft": ""})
    value = stored("PEP", "2026-10")
    assert (value.value, value.status) == (Decimal(96), "approved")


def test_a_second_save_from_an_out_of_date_form_is_refused_then_replaces_when_repeated(
    officer_client, manager_client, pep
):
    form = page(officer_client.get(OCTOBER))  # the officer opens the return: no value yet
    assert input_value(form, "PEP-version") == "0"
    manager_form = opened(manager_client, OCTOBER)
    manager_client.post(OCTOBER, {**manager_form, **fields("PEP", value="91"), "draft": ""})

    response = officer_client.post(OCTOBER, {**fields("PEP", value="96"), "draft": ""})
    text = page(response)
    assert "Someone else saved some of these values" in text
    assert "Nothing has been saved" in text
    assert re.search(r"saved by Manager Tester as 91%; yours: 96%", text)
    # The box now shows their figure, so saving again cannot silently undo their change.
    assert input_value(text, "PEP-value") == "91"
    assert stored("PEP", "2026-10").value == Decimal(91)

    again = input_value(text, "PEP-version")
    assert again == "1"
    officer_client.post(OCTOBER, {**fields("PEP", int(again), value="96"), "draft": ""})
    assert stored("PEP", "2026-10").value == Decimal(96)


def test_a_change_to_a_value_approved_while_the_form_was_open_is_not_silently_dropped(
    officer_client, second_manager_client, pep, officer
):
    officer_client.post(OCTOBER, {**fields("PEP", value="92"), "submit": ""})
    form = page(officer_client.get(OCTOBER))
    version = int(input_value(form, "PEP-version"))
    value = stored("PEP", "2026-10")
    second_manager_client.post(
        reverse("returns:approve", args=["2026-10"]), {"approve": [f"{value.pk}:{value.version}"]}
    )  # approved while the officer was still correcting the figure

    response = officer_client.post(OCTOBER, {**fields("PEP", version, value="96"), "draft": ""})
    assert stored("PEP", "2026-10").value == Decimal(92)
    assert not any(m.startswith("Saved") for m in messages_of(response)), messages_of(response)
    assert response.status_code == 200
    assert "96" in page(response)


def test_a_conflict_on_one_kpi_saves_none_of_the_return(
    officer_client, manager_client, pep, agency
):
    manager_form = opened(manager_client, OCTOBER)
    manager_client.post(OCTOBER, {**manager_form, **fields("PEP", value="93"), "draft": ""})
    officer_client.post(
        OCTOBER, {**fields("PEP", value="96"), **fields("WF-AGENCY", value="14"), "submit": ""}
    )
    assert stored("WF-AGENCY", "2026-10") is None
    assert stored("PEP", "2026-10").value == Decimal(93)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kpi=PEP&value=96", {"rag": "green", "label": "Green", "valid": True}),
        ("kpi=PEP&value=92", {"rag": "amber", "label": "Amber", "valid": True}),
        ("kpi=PEP&value=80", {"rag": "red", "label": "Red", "valid": True}),
        ("kpi=PEP&value=abc", {"rag": "no-data", "label": "No data", "valid": False}),
        ("kpi=WF-AGENCY&value=16", {"rag": "amber", "label": "Amber", "valid": True}),
        ("kpi=COMPLAINTS&value=4", {"rag": "no-target", "label": "No target", "valid": True}),
        (
            "kpi=SW-CHANGE-CIN&numerator=3&denominator=4",
            {"rag": "no-target", "label": "No target", "valid": True},
        ),
    ],
)
def test_the_live_rag_comes_from_the_same_engine(
    officer_client, pep, agency, rate, query, expected
):
    response = officer_client.get(reverse("returns:rag", args=["2026-10"]) + "?" + query)
    assert response.json() == expected


def test_a_cleared_value_box_reads_no_data_not_a_mistake(officer_client, pep):
    # The form accepts a blank value (nothing is saved), so the live RAG must not call it wrong:
    # the page shows "Check the figure" whenever "valid" is false.
    response = officer_client.get(reverse("returns:rag", args=["2026-10"]) + "?kpi=PEP&value=")
    assert response.json() == {"rag": "no-data", "label": "No data", "valid": True}


def test_the_live_rag_uses_the_target_of_the_periods_own_year(officer_client, pep):
    add_target(pep, 2025, 80, 70)
    url = reverse("returns:rag", args=["2026-03"]) + "?kpi=PEP&value=85"
    assert officer_client.get(url).json()["label"] == "Green"
    url = reverse("returns:rag", args=["2026-04"]) + "?kpi=PEP&value=85"
    assert officer_client.get(url).json()["label"] == "Red"


def test_the_live_rag_for_an_unknown_kpi_is_not_found(officer_client, pep):
    url = reverse("returns:rag", args=["2026-10"]) + "?kpi=NOPE&value=1"
    assert officer_client.get(url).status_code == 404


def test_clearing_a_drafts_boxes_removes_it_and_the_history_keeps_it(officer_client, pep, officer):
    draft = add_value(pep, "2026-10", 93, "draft", by=officer)
    response = officer_client.post(
        OCTOBER, {**fields("PEP", draft.version, value="", commentary=""), "draft": ""}
    )
    assert "Removed 1 value." in messages_of(response)[0]
    assert stored("PEP", "2026-10") is None
    removal = KpiValue.history.filter(id=draft.pk).latest("history_date")
    assert (removal.history_type, removal.history_change_reason) == (
        "-",
        "Removed on the monthly return",
    )


def test_a_managers_submit_leaves_an_officers_unfinished_draft_alone(
    manager_client, pep, agency, officer
):
    officers_draft = add_value(agency, "2026-10", 14, "draft", by=officer)
    form = opened(manager_client, OCTOBER)
    # What the browser sends: the officer's draft is in its boxes, as the page showed it.
    shown = fields("WF-AGENCY", officers_draft.version, value="14")
    response = manager_client.post(
        OCTOBER, {**form, **shown, **fields("PEP", value="96"), "submit": ""}
    )
    assert messages_of(response) == ["Submitted 1 value for October 2026 for approval."]
    assert stored("PEP", "2026-10").status == "submitted"
    officers_draft.refresh_from_db()
    assert (officers_draft.status, officers_draft.submitted_by) == ("draft", None)
