"""Every page needs a login, except the login page, the accessibility statement and /healthz."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

PUBLIC = {"login", "accessibility", "healthz"}
SAMPLE_ARGUMENTS = {"int": "1", "string": "PEP", "slug": "cpb", "path": "x", "period": "2015-06",
                    "meetingdate": "2026-12-08"}  # fmt: skip


def project_url_names(resolver: URLResolver = None, namespace: str = "") -> list[tuple[str, str]]:
    """(name, example path) for every named URL outside the admin."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += project_url_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}{entry.name}"
            converters = entry.pattern.converters
            args = [
                SAMPLE_ARGUMENTS[type(c).__name__.replace("Converter", "").lower()]
                for c in converters.values()
            ]
            found.append((name, reverse(name, args=args)))
    return found


URLS = project_url_names()


def test_the_list_of_urls_is_complete():
    names = {name for name, _ in URLS}
    assert {
        "dashboard:home",
        "findings:annex",
        "findings:detail",
        "findings:mapping_csv",
        "findings:mapping_xlsx",
        "kpis:catalogue",
        "kpis:detail",
        "boards:list",
        "boards:detail",
        "login",
        "logout",
        "accessibility",
    } <= names


@pytest.mark.parametrize(("name", "path"), [u for u in URLS if u[0] not in PUBLIC])
def test_anonymous_visitors_are_sent_to_login(client, seeded, name, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={path}"


@pytest.mark.parametrize("name", sorted(PUBLIC))
def test_public_pages_need_no_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_the_admin_asks_for_a_login_too(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_signing_in_returns_to_the_page_asked_for(client, manager):
    response = client.post(
        f"{reverse('login')}?next=/kpis/",
        {"username": "manager", "password": "test-password", "next": "/kpis/"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/kpis/"


def test_a_wrong_password_keeps_the_username_and_explains(client, manager):
    response = client.post(reverse("login"), {"username": "manager", "password": "wrong"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "Please enter a correct username and password" in html
    assert 'value="manager"' in html


def test_signing_out_needs_a_post_with_csrf(manager_client):
    response = manager_client.post(reverse("logout"))
    assert response.status_code == 302
    assert manager_client.get(reverse("dashboard:home")).status_code == 302
