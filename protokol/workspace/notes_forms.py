"""The form for a private note (protokol.notes)."""

from django import forms
from django.utils.translation import gettext_lazy

from protokol.notes.models import MAX_NOTE_CHARS


class NoteForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Note"), max_length=MAX_NOTE_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    page = forms.IntegerField(label=gettext_lazy("Side"), min_value=1, max_value=100_000, required=False)
    share = forms.BooleanField(label=gettext_lazy("Del med min partigruppe i udvalget"), required=False)
