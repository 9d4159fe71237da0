"""Security defaults: CSP, no inline script, production settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]
PAGES = ["dashboard:home", "findings:annex", "kpis:catalogue", "boards:list", "accessibility"]


def test_pages_send_a_strict_content_security_policy(manager_client, seeded):
    response = manager_client.get(reverse("findings:annex"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("style-src")[0]
    assert "frame-ancestors 'none'" in policy


def test_the_only_inline_style_allowed_is_plotlys_empty_style_element(manager_client, seeded):
    """plotly.js's basic bundle adds one empty <style> (filled through the CSSOM): the hash of
    the empty string, and nothing else inline. (The browser test of the KPI chart fails on the
    console's CSP error if plotly needs more.)"""
    policy = manager_client.get(reverse("kpis:detail", args=["PEP"]))["Content-Security-Policy"]
    style_src = next(part for part in policy.split(";") if part.strip().startswith("style-src"))
    empty = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='"  # sha256 of ""
    assert style_src.split() == ["style-src", "'self'", empty]


def test_pages_have_no_inline_scripts_and_no_other_origins(manager_client, seeded):
    for name in PAGES:
        html = manager_client.get(reverse(name)).content.decode()
        scripts = re.findall(r"<script([^>]*)>", html)
        assert scripts and all("src=" in attrs for attrs in scripts), name
        assert not re.search(r'(src|href)="https?://(?!www\.w3\.org|www\.equality|mcmw)', html)
        assert " style=" not in html


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    ours = {"DEBUG", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE"}
    clean = {k: v for k, v in os.environ.items() if k not in ours}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_refuses_to_start_without_a_secret_key_when_debug_is_off():
    result = run_manage("check", DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_deploy_checks_are_clean_with_production_settings():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="0",
        SECRET_KEY="production-like-" + "k3yQ9" * 10,
        ALLOWED_HOSTS="performance.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
