from django import forms

from taizhang.core.forms import ImportFileField
from taizhang.documents.importing import Target


class UploadForm(forms.Form):
    file = ImportFileField(label="台账文件")
    target = forms.ChoiceField(label="导入到", required=False)

    def __init__(self, *args, targets: list[Target], chosen: str = "", **kwargs):
        """`chosen`: the target a link from a module's page preselects (e.g. its project), when the user may use it."""
        super().__init__(*args, **kwargs)
        self.targets = {t.key: t for t in targets}
        field = self.fields["target"]
        field.choices = [(t.key, t.label) for t in targets]
        self.only_target = targets[0] if len(targets) == 1 else None  # named on the page, not chosen
        if self.only_target:
            field.widget = forms.HiddenInput()
            field.initial = self.only_target.key
        elif chosen in self.targets:
            field.initial = chosen

    def clean_target(self) -> Target:
        key = self.cleaned_data.get("target") or ""
        if key not in self.targets:
            raise forms.ValidationError("请选择导入到哪里")
        return self.targets[key]


class ReadingForm(forms.Form):
    """How to read the file: which sheet, which row holds the header, what the unknown headers mean."""

    sheet = forms.ChoiceField(label="工作表", required=False)
    header_row = forms.IntegerField(label="表头所在行", min_value=1, max_value=200, required=False)

    def __init__(self, *args, sheets: list[str], unknown: list[str], columns: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].choices = [("", "自动识别")] + [(name, name) for name in sheets]
        if len(sheets) < 2:
            self.fields["sheet"].widget = forms.HiddenInput()
        self.unknown = unknown
        choices = [("", "忽略此列")] + [(name, f"这是“{name}”") for name in columns]
        for n, header in enumerate(unknown):
            self.fields[f"map_{n}"] = forms.ChoiceField(label=f"“{header}”列", choices=choices, required=False)

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data.get(f"map_{n}") or "" for n, header in enumerate(self.unknown)}
