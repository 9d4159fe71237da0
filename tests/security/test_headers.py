"""Nothing a signed-in person sees is kept by the browser or a proxy (pages and exports alike),
and no page may use the camera, microphone, location, payments or USB."""

from django.urls import reverse

from kpis.models import Kpi

FORBIDDEN_FEATURES = ["camera", "microphone", "geolocation", "payment", "usb"]


def test_every_page_and_export_for_a_signed_in_person_is_not_stored(member_client, seeded):
    code = Kpi.objects.order_by("code").first().code
    for url in [
        reverse("dashboard:home"),
        reverse("kpis:catalogue") + "?_export=csv",
        reverse("kpis:values_csv", args=[code]),
        reverse("kpis:all_values_xlsx"),
        reverse("findings:mapping_xlsx"),
        reverse("accessibility"),
        reverse("returns:status"),  # a 403 page, still for a signed-in person
        "/no-such-page/",
    ]:
        response = member_client.get(url)
        assert response.status_code < 500, url
        directives = {part.strip() for part in response["Cache-Control"].split(",")}
        assert {"no-store", "private"} <= directives, url
        assert "max-age" not in response["Cache-Control"] or "max-age=0" in directives, url


def test_static_files_stay_cacheable(client, member, settings):
    settings.WHITENOISE_USE_FINDERS = True  # as in development: no collectstatic in tests
    client.force_login(member)
    response = client.get("/static/build/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_pages_deny_powerful_browser_features(client, member_client, seeded):
    for response in [
        client.get(reverse("login")),
        member_client.get(reverse("kpis:catalogue")),
        member_client.get(reverse("findings:mapping_csv")),
    ]:
        policy = dict(
            part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
        )
        for feature in FORBIDDEN_FEATURES:
            assert policy[feature] == "()", feature
