"""Every form's words for what Django's text fields refuse by themselves: a NUL byte (which
PostgreSQL cannot store; Django says "Null characters are not allowed.") and text over the
field's limit (Django: "Ensure this value has at most 300 characters (it has 301)."). A form of
ours subclasses Form below; a field that gives its own messages keeps them."""

from django import forms
from django.forms.utils import pretty_name


class Form(forms.Form):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField):
                continue
            what = f"“{field.label or pretty_name(name)}”"
            field.error_messages.setdefault(
                "null_characters_not_allowed",
                f"{what} contains a character that cannot be saved (a NUL byte): remove it",
            )
            if field.max_length is not None:
                field.error_messages.setdefault(
                    "max_length",
                    f"{what} must be {field.max_length:,} characters or fewer "
                    "(it has %(show_value)d)",
                )
