"""`make run` tells the app the address it serves on, for the links in reminder emails."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_command(*args: str, **env: str) -> str:
    """The command `make run` would serve with (make -n prints it and runs nothing)."""
    if not shutil.which("make"):
        pytest.skip("make is not installed")
    clean = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "HOST", "PORT"}}
    result = subprocess.run(
        ["make", "-n", "run", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return next(line for line in result.stdout.splitlines() if "serve_dev.sh" in line)


def test_links_follow_the_port_make_run_serves_on():
    command = run_command("PORT=8123")
    assert "SITE_URL='http://127.0.0.1:8123'" in command
    assert command.endswith("127.0.0.1:8123")  # the server and its worker, with that address


def test_a_site_url_that_is_set_is_kept():
    command = run_command("PORT=8123", SITE_URL="https://performance.example.gov.uk")
    assert "SITE_URL='https://performance.example.gov.uk'" in command
