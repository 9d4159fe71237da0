from django import forms

from wokingham_cs.forms import Form


class PublishForm(Form):
    """Publishing a pack; a revision (version 2 or later) needs its reason."""

    reason = forms.CharField(
        label="Why is the pack being revised?",
        help_text="Printed on the cover of the new version and sent to subscribed members.",
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, revising: bool, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.revising = revising
        if revising:
            self.fields["reason"].required = True
            self.fields["reason"].error_messages["required"] = (
                "Give the reason for the revision: it is printed on the cover of the new version"
            )
        else:
            del self.fields["reason"]
