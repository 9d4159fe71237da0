"""A production install refuses to start with a SECRET_KEY that is short, repetitive or a
known default: sessions, password resets and CSRF tokens are signed with it."""

import pytest

from tests.test_security import run_manage
from wokingham_cs.settings import DEVELOPMENT_SECRET_KEY, secret_key_problem

GOOD_KEY = "Vw3x_9kQ-2mZr7Lp0sT4uN8yB1cF6hJ5dG3aE7iK0oM2qR9tU4wX1zY8vC5bN6"


@pytest.mark.parametrize(
    ("key", "problem"),
    [
        ("", "is not set"),
        ("abc", "is shorter than 50 characters"),
        ("ab" * 40, "has fewer than 5 different characters"),
        (DEVELOPMENT_SECRET_KEY + "-and-more-to-make-it-long", "is a well-known default"),
        ("django-insecure-" + GOOD_KEY, "is a well-known default"),
        ("changeme" + GOOD_KEY, "is a well-known default"),
        ("your-secret-key-here-" + GOOD_KEY, "is a well-known default"),
        (GOOD_KEY, None),
    ],
)
def test_what_makes_a_secret_key_unsafe(key, problem):
    found = secret_key_problem(key)
    assert found == problem or (problem and found and found.startswith(problem))


def test_production_refuses_to_start_with_a_short_key():
    result = run_manage("check", DEBUG="0", SECRET_KEY="abc", ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is shorter than 50 characters" in result.stderr


def test_production_refuses_to_start_with_the_development_key():
    result = run_manage(
        "check", DEBUG="0", SECRET_KEY=DEVELOPMENT_SECRET_KEY, ALLOWED_HOSTS="example.org"
    )
    assert result.returncode != 0
    assert "SECRET_KEY is a well-known default or placeholder" in result.stderr


def test_production_starts_with_a_good_key_and_development_with_any():
    assert run_manage("check", DEBUG="0", SECRET_KEY=GOOD_KEY).returncode == 0
    assert run_manage("check", DEBUG="1", SECRET_KEY="abc").returncode == 0
