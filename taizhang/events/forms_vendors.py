"""The exhibition-sale's forms: the public application, the staff's filters, reviews, allocation and the bulk stall
layout, the vendor's sales."""

from __future__ import annotations

import os

from django import forms
from django.core.files.uploadedfile import UploadedFile

from taizhang.core import uploads
from taizhang.core.listing import ListFilterForm
from taizhang.events.public_forms import HoneypotMixin
from taizhang.events.rules import vendors as rules

CERTIFICATE_MAX_BYTES = 5 * 1024 * 1024


def certificate_clean(upload: UploadedFile) -> UploadedFile:
    """An image or a PDF of at most 5 MB whose content is what its name says (uploads.document_clean: a photo is
    decoded and stored again without its metadata, a PDF must start with %PDF-)."""
    ext = os.path.splitext(upload.name or "")[1].lower()
    if ext not in (*uploads.IMAGE_EXTENSIONS, ".pdf"):
        raise forms.ValidationError(f"“{upload.name}”不是照片或 PDF 文件，请拍照或上传 PDF 扫描件")
    uploads.check_size(upload, CERTIFICATE_MAX_BYTES, "证明文件", "请压缩或用手机标准画质重新拍摄后再上传")
    return uploads.document_clean(upload)


class CertificateField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}))
        super().__init__(*args, **kwargs)

    def to_python(self, data):
        upload = super().to_python(data)
        return None if upload is None else certificate_clean(upload)


class VendorApplyForm(HoneypotMixin, forms.Form):
    holder = forms.CharField(label="摊主姓名", max_length=64)
    phone = forms.CharField(
        label="手机号",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "11位手机号"}),
    )
    village = forms.CharField(label="村居/合作社", max_length=100, required=False)
    produce = forms.CharField(
        label="展销产品", max_length=300, widget=forms.TextInput(attrs={"placeholder": "如：黄河大米、莲藕、蜂蜜"})
    )
    certificate = CertificateField(
        label="食品安全证明", required=False, help_text="营业执照、食品经营许可证或检测报告的照片或 PDF，5 MB 以内"
    )
    stall_wish = forms.CharField(
        label="摊位意向",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "如：靠近入口、需要电源"}),
    )

    def clean_phone(self):
        try:
            return rules.clean_mobile(self.cleaned_data["phone"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class VendorFilterForm(ListFilterForm):
    placeholder = "摊主 / 村居 / 产品 / 摊位号"
    state = forms.ChoiceField(label="状态", required=False, choices=[("", "全部状态"), *rules.STATE_LABELS.items()])

    def __init__(self, data=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["state"].widget.attrs["aria-label"] = "状态"


class ReviewNoteForm(forms.Form):
    note = forms.CharField(label="审核意见", max_length=300, required=False)


class RejectForm(forms.Form):
    note = forms.CharField(label="不予通过的原因（摊主可见）", max_length=300)


class AllocateForm(forms.Form):
    stall = forms.ModelChoiceField(label="摊位", queryset=None, empty_label="选择空闲摊位")
    reason = forms.CharField(label="调换原因（调换摊位时必填）", max_length=200, required=False)

    def __init__(self, *args, stalls, moving: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stall"].queryset = stalls
        self.fields["stall"].label_from_instance = lambda s: f"{s.number}（{s.area}{'，' + s.note if s.note else ''}）"
        if not moving:
            del self.fields["reason"]


class ChooseVendorForm(forms.Form):
    vendor = forms.ModelChoiceField(label="摊主", queryset=None, empty_label="选择已通过审核的摊主")

    def __init__(self, *args, vendors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vendor"].queryset = vendors
        self.fields["vendor"].label_from_instance = lambda v: f"{v.holder}（{v.village or '—'}：{v.produce}）"


class StallBulkForm(forms.Form):
    area = forms.CharField(label="区域", max_length=64, widget=forms.TextInput(attrs={"placeholder": "如：A区"}))
    rows = forms.IntegerField(label="行数", min_value=1, max_value=rules.MAX_ROWS, initial=1)
    columns = forms.IntegerField(label="每行摊位数", min_value=1, max_value=rules.MAX_COLUMNS, initial=10)
    note = forms.CharField(
        label="说明",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "如：农产品、特色小吃"}),
    )


class SalesForm(forms.Form):
    sales = forms.CharField(
        label="销售额（元）",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "placeholder": "如 1280.50"}),
    )

    def clean_sales(self):
        try:
            return rules.clean_sales(self.cleaned_data["sales"])
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None


class SalesCorrectionForm(SalesForm):
    reason = forms.CharField(label="更正原因", max_length=200)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回原因", max_length=200, widget=forms.TextInput(attrs={"placeholder": "如：当天有事不能参加"})
    )
