from django import forms

from taizhang.core import uploads
from taizhang.core.personal import Disclosure, PersonalField
from taizhang.core.rules import InvalidValue


def clean_by_rule(rule, value):
    """Apply a registry rule to an optional form value; a rule's Chinese message becomes the field error."""
    if not value:
        return ""
    try:
        return rule(value)
    except InvalidValue as exc:
        raise forms.ValidationError(exc.message)


def date_input() -> forms.DateInput:
    """The browser's date picker, which takes ISO dates only, whatever the language's display format."""
    return forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})


class ReasonForm(forms.Form):
    """The reason a record is voided or a change is made, kept in the audit trail."""

    reason = forms.CharField(
        label="原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "例如：重复登记、户已迁出"})
    )


class StaffChoices(forms.ModelMultipleChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, user):
        return f"{user.full_name or user.username}（{user.get_role_display()}）"


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotoField(forms.ImageField):
    """A photo, cleaned by taizhang.core.uploads before anything stores it: within PHOTO_MAX_BYTES, really an image,
    re-encoded small and without metadata; `keep_position` keeps the camera's GPS position (evidence of the place)."""

    def __init__(self, *args, keep_position: bool = False, **kwargs):
        self.keep_position = keep_position
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)  # name and emptiness; the decoding is photo_clean's
        return None if upload is None else uploads.photo_clean(upload, keep_position=self.keep_position)


class MultipleImageField(PhotoField):
    """Several photos in one input (the phone's camera or gallery), PHOTOS_PER_UPLOAD at most."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"multiple": True, "accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        from django.conf import settings

        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        if len(files) > settings.PHOTOS_PER_UPLOAD:
            raise forms.ValidationError(f"一次最多上传 {settings.PHOTOS_PER_UPLOAD} 张照片，这次选择了 {len(files)} 张")
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class DocumentField(forms.FileField):
    """A document (PDF, Word, Excel, WPS, a scan or photo) checked by taizhang.core.uploads.document_clean."""

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else uploads.document_clean(upload)


class ImportFileField(forms.FileField):
    """A spreadsheet to import: refused above IMPORT_MAX_BYTES before anything reads it."""

    def clean(self, data, initial=None):
        from django.conf import settings

        upload = super().clean(data, initial)
        if upload is not None and upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                f"文件过大（超过 {settings.IMPORT_MAX_BYTES // 1024 // 1024} MB），请拆分后分批导入"
            )
        return upload


class FormatForm(forms.Form):
    format = forms.ChoiceField(required=False)

    def __init__(self, *args, formats: tuple[str, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [("", "网页"), *((f, f) for f in formats)]


def download_format(data, *formats: str) -> str:
    """The file format a GET asks for among those the page offers; "" (the page itself) when none or another."""
    form = FormatForm(data, formats=formats)
    return form.cleaned_data["format"] if form.is_valid() else ""


class ReplaceOnlyInput(forms.TextInput):
    """A text box that never writes the stored value back into the page: it is empty, whatever the form holds."""

    def format_value(self, value):
        return None


class PersonalFieldsMixin:
    """A ModelForm whose personal fields a role may not read whole (the personal-data policy) only replaces them: the
    box is empty, its help shows the masked value, and left empty the stored value stays (even when the form comes
    back with another field's error, the stored value is never in the page).

    The form names its fields and their kinds in `personal_fields` and is built with `personal=` the user's
    Disclosure (taizhang.org.personal.disclosure)."""

    personal_fields: dict[str, PersonalField] = {}

    def __init__(self, *args, personal: Disclosure, **kwargs):
        super().__init__(*args, **kwargs)
        for name, kind in self.personal_fields.items():
            stored = getattr(self.instance, name, "") if self.instance.pk else ""
            if name not in self.fields or not stored or personal.sees_whole(kind):
                continue
            field = self.fields[name]
            field.required = False
            field.widget = ReplaceOnlyInput(attrs={"autocomplete": "off", "placeholder": "留空则不变"})
            field.help_text = f"现为 {personal.show(kind, stored)}。如需更改，请填写新的{kind.label}；留空则不变。"
            self.initial[name] = ""
            if self.is_bound and not str(self.data.get(self.add_prefix(name), "")).strip():
                self.data = self.data.copy()
                self.data[self.add_prefix(name)] = stored
