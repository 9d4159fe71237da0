"""/boards/ and /boards/<slug>/: what each board receives and how often."""

import html as htmllib
import re

from django.urls import reverse

from boards.models import Board


def test_lists_every_board_with_what_it_receives(manager_client, seeded):
    html = manager_client.get(reverse("boards:list")).content.decode()
    for board in Board.objects.all():
        assert f'href="{board.get_absolute_url()}">{board.name}' in htmllib.unescape(html)
    cpb_row = html[html.index('href="/boards/cpb/"') :][:700]
    assert re.findall(r'numeric">(\d+)</td>', cpb_row)[:2] == ["7", "4"]


def test_lists_the_nine_recommendations(manager_client, seeded):
    html = manager_client.get(reverse("boards:list")).content.decode()
    assert "Recommendations of reviews and inspections" in html
    assert html.count('<td class="govuk-table__cell">Corporate parenting</td>') == 1
    assert "Some committees require review to update their terms of reference" in html
    assert len(re.findall(r'numeric">[1-9]</td>\s*<td class="govuk-table__cell">[A-Z]', html)) == 9


def test_what_the_corporate_parenting_board_receives_and_how_often(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cpb"])).content.decode()
    pep = html[html.index("% Eligible LAC with a Recent PEP") :][:800]
    assert "Quarterly" in pep
    scorecard = html[html.index("Adoption scorecard") :][:800]
    assert "Twice a year" in scorecard
    assert "Pledge Survey for children in care and care leavers" in html
    assert "Not stated" in html


def test_dated_history_is_shown(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cs-os"])).content.decode()
    assert html.count("22 September 2015") == 5
    assert html.count("21 July 2015") == 4


def test_a_board_that_receives_nothing_says_so(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["cypp"])).content.decode()
    assert "No KPIs are recorded as reported to this board." in html
    assert "No other monitoring is recorded as reported to this board." in html


def test_links_to_the_findings_behind_a_board(manager_client, seeded):
    html = manager_client.get(reverse("boards:detail", args=["hwbb"])).content.decode()
    assert 'href="/findings/?board=hwbb"' in html


def test_unknown_board_is_not_found(manager_client, seeded):
    assert manager_client.get(reverse("boards:detail", args=["nope"])).status_code == 404


def test_query_count_is_flat(manager_client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(12) as small:
        manager_client.get(reverse("boards:detail", args=["cslt"]))
    with django_assert_max_num_queries(len(small.captured_queries)):
        manager_client.get(reverse("boards:detail", args=["cpb"]))
    with django_assert_max_num_queries(12):
        manager_client.get(reverse("boards:list"))
