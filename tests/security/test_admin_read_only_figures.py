"""Nothing in the admin changes a KPI value, a target or their history: values change only
through the monthly return's workflow (a revision with a reason for an approved one), and
targets only on the KPI page. Every admin URL for both is walked as each kind of account, with
GET and POST, and the stored rows and their history must be exactly as before."""

from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from kpis.choices import Frequency, KpiStatus, Polarity, Unit
from kpis.models import Kpi, KpiValue, Target
from kpis.periods import Period
from kpis.rag import Rag
from kpis.validation import Entry
from tests.users import make_user

OCTOBER = Period(2026, 10)
NOVEMBER = Period(2026, 11)


def entry(value: str) -> Entry:
    return Entry(Decimal(value), None, None, "", False, Rag.NO_TARGET)


@pytest.fixture
def people(db):
    return {
        "administrator": make_user("administrator", roles.ADMINISTRATOR),
        "superuser": get_user_model().objects.create_superuser("root", password="root-password"),
        "manager": make_user("manager", roles.MANAGER),
        "officer": make_user("officer", roles.OFFICER),
        "member": make_user("member", roles.MEMBER),
        "no role": make_user("outsider"),
    }


@pytest.fixture
def figures(people):
    """An approved value (entered, submitted, approved: three history rows), a draft never
    submitted, and a target."""
    officer, manager = people["officer"], people["manager"]
    kpi = Kpi.objects.create(
        code="PEP",
        title="Personal education plans",
        status=KpiStatus.LIVE,
        frequency=Frequency.MONTHLY,
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER,
        owner=officer,
    )
    approved = KpiValue.start(
        kpi=kpi, period=OCTOBER, by=officer, entry=entry("15.6"), reason="Entered"
    )
    approved.save_move()
    approved.submit(by=officer)
    approved.save_move()
    approved.approve(by=manager, seen_version=approved.version)
    approved.save_move()
    draft = KpiValue.start(
        kpi=kpi, period=NOVEMBER, by=officer, entry=entry("20"), reason="Entered"
    )
    draft.save_move()
    target = Target.objects.create(
        kpi=kpi,
        financial_year=2026,
        target=Decimal("80"),
        amber_threshold=Decimal("70"),
        set_by=manager,
        set_at=timezone.now(),
    )
    return {"approved": approved, "draft": draft, "target": target}


def snapshot() -> dict:
    return {
        "values": sorted(KpiValue.objects.values_list(), key=str),
        "value history": KpiValue.history.count(),
        "targets": sorted(Target.objects.values_list(), key=str),
        "target history": Target.history.count(),
    }


def form_data(form, **changes) -> dict:
    """What a browser would post for this admin form, with some fields changed."""
    data = {}
    for name, field in form.fields.items():
        value = changes.get(name, form[name].value())
        if isinstance(field.widget, MultiWidget):
            parts = field.widget.decompress(value)
            for index, part in enumerate(parts):
                data[f"{name}_{index}"] = "" if part is None else str(part)
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        else:
            data[name] = "" if value is None else str(value)
    return data


def admin_urls(model, obj, history_id) -> list[tuple[str, str]]:
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    return [
        ("changelist", reverse(f"{info}_changelist")),
        ("add", reverse(f"{info}_add")),
        ("change", reverse(f"{info}_change", args=[obj.pk])),
        ("delete", reverse(f"{info}_delete", args=[obj.pk])),
        ("history", reverse(f"{info}_history", args=[obj.pk])),
        ("history form", reverse(f"{info}_simple_history", args=[obj.pk, history_id])),
    ]


def revert_payload(client, superuser, model, obj, history_id, **changes) -> dict:
    """The history page's form as the superuser gets it, changed as an attacker would."""
    client.force_login(superuser)
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    response = client.get(reverse(f"{info}_simple_history", args=[obj.pk, history_id]))
    assert response.status_code == 200
    return form_data(response.context["adminform"].form, **changes)


def walk(client, model, obj, history_id, payload) -> dict[str, int]:
    """GET and POST every admin URL of the model; the status of each."""
    statuses = {}
    for name, url in admin_urls(model, obj, history_id):
        statuses[f"GET {name}"] = client.get(url).status_code
        body = {"post": "yes"} if name == "delete" else payload
        statuses[f"POST {name}"] = client.post(url, body).status_code
    bulk = {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
    changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    statuses["POST bulk delete"] = client.post(changelist, bulk).status_code
    return statuses


@pytest.mark.parametrize(
    "who", ["administrator", "superuser", "manager", "officer", "member", "no role"]
)
def test_no_admin_url_changes_a_kpi_value_or_its_history(client, people, figures, who):
    approved, draft = figures["approved"], figures["draft"]
    oldest = approved.history.earliest("history_id").history_id
    payload = revert_payload(
        client,
        people["superuser"],
        KpiValue,
        approved,
        oldest,
        value="99",
        status="approved",
        approved_by=people["manager"].pk,
    )
    before = snapshot()

    client.force_login(people[who])
    statuses = walk(client, KpiValue, approved, oldest, payload)
    statuses |= walk(client, KpiValue, draft, draft.history.get().history_id, payload)

    assert snapshot() == before, statuses
    assert max(statuses.values()) < 500, statuses


@pytest.mark.parametrize(
    "who", ["administrator", "superuser", "manager", "officer", "member", "no role"]
)
def test_no_admin_url_changes_a_target_or_its_history(client, people, figures, who):
    target = figures["target"]
    history_id = target.history.get().history_id
    payload = revert_payload(
        client, people["superuser"], Target, target, history_id, target="1", amber_threshold="0"
    )
    before = snapshot()

    client.force_login(people[who])
    statuses = walk(client, Target, target, history_id, payload)

    assert snapshot() == before, statuses
    assert max(statuses.values()) < 500, statuses


def test_no_history_page_reverts_even_a_kpi_its_reader_may_change(client, people, figures):
    """A KPI's definition is edited on its change form, where its status moves are recorded;
    the history pages only show earlier versions."""
    kpi = figures["approved"].kpi
    version = kpi.history.earliest("history_id").history_id
    url = reverse("admin:kpis_kpi_simple_history", args=[kpi.pk, version])
    client.force_login(people["superuser"])
    html = client.get(url).content.decode()
    assert "Revert" not in html
    assert 'name="_save"' not in html

    payload = revert_payload(client, people["superuser"], Kpi, kpi, version, title="Changed")
    for who in ("superuser", "administrator"):
        client.force_login(people[who])
        assert client.post(url, payload).status_code == 403
    kpi.refresh_from_db()
    assert kpi.title == "Personal education plans"


def test_a_superuser_cannot_delete_a_kpi_and_with_it_its_values(client, people, figures):
    kpi = figures["approved"].kpi
    client.force_login(people["superuser"])
    response = client.post(reverse("admin:kpis_kpi_delete", args=[kpi.pk]), {"post": "yes"})
    assert response.status_code == 403
    assert KpiValue.objects.filter(kpi=kpi).count() == 2
