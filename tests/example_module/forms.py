from django import forms


class NoteFilterForm(forms.Form):
    """The list's GET filters go through a form too."""

    open = forms.BooleanField(label="只看未办结", required=False)
