"""The pages around the plan, on the seed: a recommendation with its actions and timeline (and a
manager setting its status by hand), an action as each person sees it, adding and changing
actions, a finding's actions and their progress, a board's page, readiness and "My actions"."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from boards.models import Board
from findings.models import Finding
from recommendations.models import Action, AuditEntry, Recommendation
from tests.kpis.pages import messages_of, page
from tests.recommendations.factories import make_action, write_update
from tests.users import make_user

TODAY = timezone.localdate()


def text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(response))).replace("&#x27;", "'")


@pytest.fixture
def five(seeded):
    return Recommendation.objects.get(number=5)


@pytest.fixture
def owner(db):
    return make_user("owner", "Performance officer")


@pytest.fixture
def action(five, owner, officer):
    action = make_action(
        five,
        title="Draw the framework",
        owner=owner,
        due_date=TODAY - datetime.timedelta(days=3),
        status="in-progress",
    )
    write_update(action, owner, text="Draft shared with the leadership team.",
                 ago=datetime.timedelta(days=2), progress="at-risk")  # fmt: skip
    action.audit_entries.create(old_status="not-started", new_status="in-progress",
                                summary="Started", by=owner)  # fmt: skip
    return action


def test_a_recommendation_with_its_reading_actions_and_timeline(manager_client, action, five):
    shown = text(manager_client.get(five.get_absolute_url()))
    assert "Recommendation 5: Corporate parenting" in shown
    assert "Status In progress Follows from its 1 action, of which 1 overdue." in shown
    assert "Lead board Corporate Parenting Board" in shown
    assert "Owner Not named in the source" in shown
    assert "read as its lead board" in shown
    assert "Draw the framework" in shown and "Overdue by 3 days" in shown
    timeline = text(manager_client.get(five.get_absolute_url())).split("Timeline")[1]
    assert "progress on Draw the framework Draft shared with the leadership team." in timeline
    assert "Owner Tester; rated at risk" in timeline
    assert "Draw the framework Started Owner Tester" in timeline
    assert "Add an action" in shown
    assert "Set by hand" in shown


def test_a_manager_sets_the_status_by_hand_keeping_input_on_error(manager_client, action, five):
    url = reverse("recommendations:override", args=[five.pk])
    refused = manager_client.post(url, {"status": "complete", "reason": ""})
    assert refused.status_code == 200
    assert "Give the reason for setting the status by hand" in page(refused)
    assert 'value="complete" checked' in page(refused)
    response = manager_client.post(url, {"status": "complete", "reason": "Agreed by the Executive"})
    assert messages_of(response) == [
        "Recommendation 5 is now complete, set by hand. Its actions no longer decide its status "
        "until you let them again."
    ]
    shown = text(manager_client.get(five.get_absolute_url()))
    assert "Status Complete Set by hand by Manager Tester on" in shown
    assert "Agreed by the Executive. From its actions it would be in progress." in shown
    manager_client.post(reverse("recommendations:follow_actions", args=[five.pk]))
    assert Recommendation.objects.with_status().get(pk=five.pk).status == "in-progress"


def test_officers_and_members_cannot_set_a_recommendations_status(client, officer, member, five):
    for person in (officer, member):
        client.force_login(person)
        url = reverse("recommendations:override", args=[five.pk])
        assert client.get(url).status_code == 403
        assert client.post(url, {"status": "complete", "reason": "x"}).status_code == 403
        follow = reverse("recommendations:follow_actions", args=[five.pk])
        assert client.post(follow).status_code == 403
    assert Recommendation.objects.get(pk=five.pk).status_override == ""


@pytest.mark.parametrize(
    ("who", "sees", "does_not_see"),
    [
        # The owner here is a performance officer, who may also change the action.
        ("owner", ["Add a progress update", "Mark complete"], ["Close: sign it off"]),
        ("officer", ["Add a progress update", "Change the owner"], ["Close: sign it off"]),
        ("manager", ["Add a progress update", "Close: sign it off", "Change the owner"], []),
        ("member", [], ["Add a progress update", "Mark complete", "Close", "Change the owner"]),
    ],
)
def test_each_person_sees_the_forms_they_may_use(client, action, owner, officer, manager, member,
                                                  who, sees, does_not_see):  # fmt: skip
    client.force_login(
        {"owner": owner, "officer": officer, "manager": manager, "member": member}[who]
    )
    shown = text(client.get(action.get_absolute_url()))
    assert "Draft shared with the leadership team." in shown
    for words in sees:
        assert words in shown, words
    for words in does_not_see:
        assert words not in shown, words


def test_closing_without_evidence_is_refused_with_the_reason_and_nothing_changes(
    manager_client, action
):
    response = manager_client.post(reverse("actions:close", args=[action.pk]))
    assert response.status_code == 200
    assert (
        "This action has no evidence yet, so it cannot be closed: add a progress update that "
        "links a KPI, a document or the meeting where it was discussed"
    ) in text(response)
    assert Action.objects.get(pk=action.pk).status == "in-progress"
    assert not AuditEntry.objects.filter(action=action, new_status="closed").exists()
    assert "Closing needs evidence" in text(manager_client.get(action.get_absolute_url()))


def test_a_move_that_does_not_fit_is_refused_with_a_message(client, action, owner):
    client.force_login(owner)
    response = client.post(reverse("actions:move", args=[action.pk]), {"move": "start"})
    assert messages_of(response) == ["This action is already in progress"]
    response = client.post(reverse("actions:move", args=[action.pk]), {"move": "complete"})
    assert messages_of(response)[-1] == "Marked complete: a manager can now close it."
    assert Action.objects.get(pk=action.pk).status == "complete"
    assert (
        client.post(reverse("actions:move", args=[action.pk]), {"move": "close"}).status_code == 404
    )


def test_an_officer_adds_an_action_to_an_area_for_improvement(client, officer, manager, seeded):
    finding = Finding.objects.get(order=22)
    client.force_login(officer)
    url = reverse("actions:new_for_finding", args=[finding.pk])
    refused = client.post(url, {"title": "x" * 301, "owner": manager.pk, "due_date_0": "31",
                                "due_date_1": "2", "due_date_2": "2027"})  # fmt: skip
    assert refused.status_code == 200
    assert "Say what is to be done in 300 characters or fewer" in page(refused)
    assert "The due date must be a real date" in page(refused)
    assert f'<option value="{manager.pk}" selected>' in page(refused)
    response = client.post(
        url,
        {
            "title": "Train staff in life story work",
            "owner": manager.pk,
            "lead_board": Board.objects.get(slug="cpb").pk,
            "due_date_0": "31",
            "due_date_1": "3",
            "due_date_2": "2027",
        },
    )
    action = Action.objects.get(title="Train staff in life story work")
    assert response["Location"] == action.get_absolute_url()
    assert (action.finding, action.owner, action.due_date, action.created_by) == (
        finding, manager, datetime.date(2027, 3, 31), officer,
    )  # fmt: skip
    assert action.audit_entries.get().summary == "Added"


def test_strengths_get_no_actions_and_members_add_none(client, member, officer, seeded):
    strength = Finding.objects.filter(kind="strength").first()
    client.force_login(officer)
    assert client.get(reverse("actions:new_for_finding", args=[strength.pk])).status_code == 404
    client.force_login(member)
    improvement = Finding.objects.get(order=22)
    assert client.get(reverse("actions:new_for_finding", args=[improvement.pk])).status_code == 403
    five = Recommendation.objects.get(number=5)
    url = reverse("actions:new_for_recommendation", args=[five.pk])
    assert client.post(url, {"title": "Mine now"}).status_code == 403
    assert not Action.objects.filter(title="Mine now").exists()


def test_changing_an_actions_due_date_is_recorded_and_said(client, officer, action):
    client.force_login(officer)
    response = client.post(reverse("actions:edit", args=[action.pk]), {
        "title": "Draw the framework", "owner": action.owner_id,
        "due_date_0": "30", "due_date_1": "4", "due_date_2": "2027",
    })  # fmt: skip
    change = f"Due date changed from {action.due_date:%-d %B %Y} to 30 April 2027"
    assert messages_of(response) == [f"{change}."]
    assert change in text(client.get(action.get_absolute_url()))


def test_a_findings_page_shows_its_actions_and_their_progress(client, officer, seeded):
    finding = Finding.objects.get(order=28)
    action = finding.actions.get()
    action.progress = "off-track"
    action.save(update_fields=["progress"])
    write_update(action, officer, text="Recruitment campaign launched; 4 new carers approved.")
    client.force_login(officer)
    actions = text(client.get(finding.get_absolute_url())).split("Actions", 1)[1]
    assert "Ofsted action plan: There are insufficient local foster carers" in actions
    assert "Owner Owner not set Lead board None Due No due date Status Not started" in actions
    assert "Progress Off track" in actions
    assert "Latest update Recruitment campaign launched; 4 new carers approved." in actions
    assert "Add an action" in actions
    strength = Finding.objects.filter(kind="strength").first()
    assert "No action is recorded for this finding." in text(
        client.get(strength.get_absolute_url())
    )


def test_a_boards_page_lists_the_recommendations_and_actions_it_leads(client, member, action):
    client.force_login(member)
    shown = text(client.get(reverse("boards:detail", args=["cpb"])))
    led = shown.split("Recommendations it leads")[1]
    assert "number 5 Corporate parenting" in led
    assert "In progress" in led
    assert "The CPB leads no open action." in led
    Action.objects.filter(pk=action.pk).update(lead_board=Board.objects.get(slug="cpb"))
    led = text(client.get(reverse("boards:detail", args=["cpb"]))).split("Open actions it leads")[1]
    assert "Draw the framework" in led and "Overdue by 3 days" in led


def test_readiness_shows_open_actions_per_judgement_area(client, member, action):
    client.force_login(member)
    html = page(client.get(reverse("dashboard:readiness")))
    leadership = html[html.index(">Leadership, management and governance</h2>") :]
    leadership = leadership[: leadership.index("</section>")]
    assert "Open actions" in leadership
    assert "Draw the framework" in leadership
    assert "Ofsted action plan: Transition planning begins too late" in leadership
    looked_after = html[html.index(">Children looked after and achieving permanence</h2>") :]
    looked_after = looked_after[: looked_after.index("</section>")]
    assert "Ofsted action plan: Life story work" in looked_after


def test_my_actions_overdue_first_and_my_challenges(client, owner, action, five):
    make_action(five, title="Later thing", owner=owner, due_date=TODAY + datetime.timedelta(days=9))
    make_action(five, title="Undated thing", owner=owner)
    client.force_login(owner)
    shown = text(client.get(reverse("actions:mine")))
    assert (
        shown.index("Draw the framework")
        < shown.index("Later thing")
        < shown.index("Undated thing")
    )
    assert "No challenge of yours has been recorded." in shown
    client.force_login(make_user("newcomer", "Performance officer"))
    assert "You own no actions." in text(client.get(reverse("actions:mine")))


def test_the_overview_links_to_the_tracker(manager_client, seeded):
    html = page(manager_client.get(reverse("dashboard:home")))
    assert (
        f'<a class="govuk-link" href="{reverse("recommendations:tracker")}">9 recommendations</a>'
        in html
    )
    navigation = html[html.index('<nav aria-label="Menu"') :]
    navigation = navigation[: navigation.index("</nav>")]
    assert f'href="{reverse("recommendations:tracker")}"' in navigation
    # Your own actions are a link on the overview and the tracker, not another menu item.
    assert f'<a class="govuk-link" href="{reverse("actions:mine")}">Your actions</a>' in html
    tracker = page(manager_client.get(reverse("recommendations:tracker")))
    assert f'<a class="govuk-link" href="{reverse("actions:mine")}">Your actions</a>' in tracker
