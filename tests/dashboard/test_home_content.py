"""What the dashboard at / shows, on the small council of tests/dashboard/council.py: the Red
list, what changed since the previous period, the RAG counts now and then, overdue returns and
proposed KPIs, and how the filters narrow them."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.dashboard.council import RED_COMMENTARY, month_label, short_label
from tests.dashboard.pages import (
    GAP,
    changed,
    count_links,
    links,
    overdue,
    proposed,
    rag_counts,
    red_kpis,
    text,
)
from tests.kpis.pages import section

HOME = reverse("dashboard:home")
BY_JUDGEMENT = "RAG by Ofsted judgement"
BY_BOARD = "RAG by board"


def counts(red=(0, 0), amber=(0, 0), green=(0, 0), no_target=(0, 0), no_data=(0, 0)):
    """One row of a count table: (now, previous period) for each RAG column."""
    return {"Red": red, "Amber": amber, "Green": green, "No target": no_target, "No data": no_data}


@pytest.fixture
def home(member_client, council):
    def get(**filters) -> str:
        return member_client.get(HOME, filters).content.decode()

    return get


def test_the_red_list_is_exactly_the_red_kpis_with_commentary_and_owner(home):
    last = short_label(1)
    assert red_kpis(home()) == [
        ["Re-referrals within 12 months HP-REREF Red", f"28% {last}", "20%",
         "No commentary yet", "Not set"],
        ["Visits to children on time HP-VISITS Red", f"60% {last}", "80%",
         RED_COMMENTARY, "Officer Tester"],
    ]  # fmt: skip


def test_the_red_heading_counts_the_red_kpis(home):
    assert "Red KPIs 2 now" in text(section(home(), "red"))


def test_the_changed_list_is_exactly_the_kpis_whose_rag_moved_with_the_direction(home):
    # HP-REREF stayed Red and LAC-PEP stayed Green though both moved; LAC-MISSING is unrated.
    last = month_label(1)
    assert changed(home()) == [
        f"Child protection plans reviewed on time: Amber to Green {last}, improving",
        f"Visits to children on time: Green to Red {last}, worsening",
        f"Placement stability: Red to Amber {last}, improving",
    ]


def test_rag_by_judgement_now_and_at_the_previous_period(home):
    # A KPI evidencing findings in two judgements (HP-PLANS) counts in both; proposed KPIs
    # (PROP-ADVOC) are left out unless the status filter asks for them.
    assert rag_counts(home(), BY_JUDGEMENT) == {
        "Help and protection": counts(red=(2, 1), amber=(0, 1), green=(1, 1)),
        "Children looked after": counts(amber=(1, 1), green=(2, 1), red=(0, 1), no_target=(1, 1)),
        # Every judgement of the framework is listed; those no live KPI evidences, as gaps.
        "Leadership": GAP,
        "Adoption": GAP,
    }


def test_rag_by_board_now_and_at_the_previous_period(home):
    assert rag_counts(home(), BY_BOARD) == {
        "CPB": counts(red=(1, 0), amber=(0, 1), green=(2, 2)),
        "CSLT": counts(red=(2, 2), amber=(1, 0), green=(0, 1)),
    }


def test_each_count_opens_the_scorecard_rows_behind_it(home, council):
    by_board = count_links(home(), BY_BOARD)
    assert set(by_board) == {
        "1 Red in CPB, previously 0",
        "2 Green in CPB, previously 2",
        "2 Red in CSLT, previously 2",
        "1 Amber in CSLT, previously 0",
    }
    url = urlsplit(by_board["2 Red in CSLT, previously 2"])
    assert url.path == reverse("kpis:catalogue")
    assert parse_qs(url.query) == {"status": ["live"], "board": ["cslt"], "rag": ["red"]}

    area = str(council.areas["Children looked after"].pk)
    no_target = "1 No target in Children looked after, previously 1"
    url = urlsplit(count_links(home(), BY_JUDGEMENT)[no_target])
    assert parse_qs(url.query) == {
        "status": ["live"],
        "judgement_area": [area],
        "rag": ["no-target"],
    }


def test_overdue_returns_are_past_periods_with_values_missing_or_in_draft(manager_client, council):
    # Month 4 has a value submitted and not yet approved: that is not overdue. Month 1 is
    # complete, whether or not its deadline has passed.
    page = manager_client.get(HOME).content.decode()
    listed = overdue(page)
    assert [item.split(" Due ")[0] for item in listed] == [
        f"{month_label(3)}: 1 missing, 1 in draft",
        f"{month_label(5)}: 1 missing, 0 in draft",
    ]
    # The deadline is a working day of the month after the period.
    assert [item.split(" Due ")[1].split(" ", 1)[1] for item in listed] == [
        month_label(2),
        month_label(4),
    ]
    assert links(section(page, "overdue")) == [month_label(3), month_label(5)]


def test_an_officer_sees_overdue_returns_for_their_own_kpis_only(officer_client, council):
    # The officer's HP-VISITS is in draft in month 3; month 5's missing value is a colleague's.
    listed = overdue(officer_client.get(HOME).content.decode())
    assert [item.split(" Due ")[0] for item in listed] == [
        f"{month_label(3)}: 0 missing, 1 in draft"
    ]


def test_a_member_sees_overdue_returns_without_links_to_them(home):
    page = home()
    assert [item.split(" Due ")[0] for item in overdue(page)] == [
        f"{month_label(3)}: 1 missing, 1 in draft",
        f"{month_label(5)}: 1 missing, 0 in draft",
    ]
    assert links(section(page, "overdue")) == []


def test_proposed_kpis_are_listed_and_agreed_ones_are_not(home):
    page = home()
    assert proposed(page) == ["Children offered an advocate", "Children's views recorded"]
    assert links(section(page, "proposed"))[0] == "2 proposed KPIs"


def test_the_judgement_filter_narrows_the_lists_and_counts(home, council):
    page = home(judgement_area=council.areas["Children looked after"].pk)
    assert red_kpis(page) == []
    assert "No KPI is Red at its latest value." in page
    last = month_label(1)
    assert changed(page) == [
        f"Child protection plans reviewed on time: Amber to Green {last}, improving",
        f"Placement stability: Red to Amber {last}, improving",
    ]
    # Only the chosen judgement is counted.
    assert rag_counts(page, BY_JUDGEMENT) == {
        "Children looked after": counts(amber=(1, 1), green=(2, 1), red=(0, 1), no_target=(1, 1)),
    }


def test_a_judgement_no_live_kpi_evidences_is_a_gap_not_good_news(home, council):
    page = home(judgement_area=council.areas["Leadership"].pk)
    assert red_kpis(page) == []
    assert "No KPI is Red" not in page
    assert "No live KPI matches these filters" in section(page, "red")
    assert rag_counts(page, BY_JUDGEMENT) == {"Leadership": GAP}


def test_the_board_filter_narrows_the_red_list(home, council):
    assert [row[0] for row in red_kpis(home(board="cpb"))] == [
        "Visits to children on time HP-VISITS Red"
    ]
    assert rag_counts(home(board="cpb"), BY_BOARD) == {
        "CPB": counts(red=(1, 0), amber=(0, 1), green=(2, 2)),
        "CSLT": counts(red=(1, 0), green=(0, 1)),
    }


def test_the_owner_filter_narrows_the_red_and_changed_lists(home, officer):
    page = home(owner=officer.pk)
    assert [row[0] for row in red_kpis(page)] == ["Visits to children on time HP-VISITS Red"]
    assert [item.split(":")[0] for item in changed(page)] == [
        "Visits to children on time",
        "Placement stability",
    ]


def test_the_status_filter_counts_proposed_kpis_as_no_data(home):
    page = home(status="proposed")
    assert red_kpis(page) == []
    assert changed(page) == []
    assert rag_counts(page, BY_JUDGEMENT) == {
        "Help and protection": GAP,
        "Children looked after": counts(no_data=(1, 1)),
        "Leadership": GAP,
        "Adoption": GAP,
    }
    assert "No proposed KPI" in page
    assert rag_counts(page, BY_BOARD) == {"CPB": counts(no_data=(1, 1))}


def test_with_nothing_to_show_each_section_says_so(member_client, db):
    page = member_client.get(HOME).content.decode()
    assert "No live KPI matches these filters" in section(page, "red")
    assert "No KPI changed RAG status at its latest period." in section(page, "moved")
    assert "No returns are overdue." in section(page, "overdue")
    assert "None: every KPI is live, agreed or retired." in section(page, "proposed")
    assert rag_counts(page, BY_JUDGEMENT) == {}
    assert rag_counts(page, BY_BOARD) == {}
