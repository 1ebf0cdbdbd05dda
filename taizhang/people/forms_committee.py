from django import forms

from taizhang.org.models import User


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(User.objects.none(), label="工作人员", empty_label="请选择")
    title = forms.CharField(
        label="职务", max_length=32, required=False, help_text="如 主任、副主任、委员；留空为“委员”"
    )

    def __init__(self, *args, unit_id: int, seated: set[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(unit_id=unit_id, is_active=True)
            .exclude(pk__in=seated)
            .order_by("node__sort_order", "full_name")
        )
        self.fields["user"].label_from_instance = lambda u: (
            f"{u.full_name or u.username}（{u.node.name if u.node else ''}）"
        )
