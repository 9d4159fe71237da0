"""Every form of ours refuses a NUL byte and over-long text in its own words, naming the field,
not Django's ("Null characters are not allowed.", "Ensure this value has at most ...")."""

import inspect
from pathlib import Path

from django import forms
from django.urls import reverse

from tests.kpis.pages import page
from wokingham_cs.forms import Form

ROOT = Path(__file__).resolve().parents[1]


class Sample(Form):
    note = forms.CharField(max_length=5)
    reason = forms.CharField(label="Why", max_length=5, error_messages={"max_length": "Ours"})


def test_a_nul_byte_and_too_much_text_are_refused_in_our_words():
    form = Sample({"note": "ab\x00", "reason": "123456"})
    assert form.errors == {
        "note": ["“Note” contains a character that cannot be saved (a NUL byte): remove it"],
        "reason": ["Ours"],  # a field's own message stands
    }
    assert Sample({"note": "abcdefg", "reason": "x"}).errors == {
        "note": ["“Note” must be 5 characters or fewer (it has 7)"]
    }


def our_form_classes() -> list[type]:
    found = []
    for path in ROOT.glob("*/forms.py"):
        module = __import__(f"{path.parent.name}.forms", fromlist=["*"])
        found += [
            value
            for value in vars(module).values()
            if inspect.isclass(value)
            and issubclass(value, forms.BaseForm)
            and value.__module__ == module.__name__
        ]
    return found


def test_every_form_of_ours_says_it_in_our_words():
    classes = our_form_classes()
    assert len(classes) >= 10
    # The return's forms give each field its own words (returns.forms.typed_text_messages).
    own_words = {"ValueForm", "RevisionForm", "SendBackForm", "ImportUploadForm"}
    assert [c.__name__ for c in classes if not issubclass(c, Form)] == sorted(
        own_words & {c.__name__ for c in classes}, key=[c.__name__ for c in classes].index
    )


def test_a_target_note_with_a_nul_byte_says_so(client, seeded, manager):
    client.force_login(manager)
    response = client.post(
        reverse("kpis:set_target", args=["PEP"]),
        {"financial_year": "2016", "target": "95", "amber_threshold": "90", "note": "ok\x00"},
    )
    assert response.status_code == 400
    assert "“Note” contains a character that cannot be saved (a NUL byte): remove it" in page(
        response
    )
