"""A cycle's targets, cascading zone → department → post → person, and a new one under its parent."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.http import require
from taizhang.core.pages import refusal
from taizhang.org.models import User
from taizhang.people import policies, selectors_kpi, selectors_zone, targets
from taizhang.people.models import KpiTarget, Post


class TargetForm(forms.Form):
    level = forms.ChoiceField(label="层级", choices=KpiTarget.Level.choices)
    parent = forms.ModelChoiceField(
        label="上级目标", queryset=KpiTarget.objects.none(), required=False, empty_label="（无：开发区目标）"
    )
    department = forms.ModelChoiceField(label="部门", queryset=None, required=False, empty_label="—")
    post = forms.ModelChoiceField(label="岗位", queryset=Post.objects.none(), required=False, empty_label="—")
    user = forms.ModelChoiceField(label="责任人", queryset=User.objects.none(), required=False, empty_label="—")
    name = forms.CharField(label="目标", max_length=64)
    value = forms.CharField(label="目标值", max_length=24)
    measure = forms.CharField(label="计量单位", max_length=16, required=False)

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = KpiTarget.objects.filter(cycle=cycle).order_by("level", "id")
        self.fields["department"].queryset = selectors_kpi.unit_departments(cycle.unit_id)
        self.fields["post"].queryset = Post.objects.filter(unit_id=cycle.unit_id, is_active=True)
        self.fields["user"].queryset = selectors_kpi.staff_of_cycle(cycle)
        self.fields["user"].label_from_instance = lambda u: f"{u.full_name}（{u.username}）"
        # The district's zone indicators of the cycle's year are offered as names: the zone's targets are set on them.
        self.fields["name"].widget.attrs["list"] = "zone-indicators"


def target_list(request: HttpRequest, cycle_id: int) -> HttpResponse:
    cycle = selectors_kpi.readable_cycle_or_404(request.user, cycle_id)
    manages = policies.can_manage(request.user, cycle.unit_id)
    form = TargetForm(request.POST or None, cycle=cycle)
    if request.method == "POST":
        require(manages, "只有本单位考核委员会委员或单位管理员可以分解目标")
        if form.is_valid():
            try:
                targets.target_create(actor=request.user, cycle=cycle, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, "已添加目标")
                return redirect("people:target_list", cycle.pk)
    rows = [
        (target, targets.cascaded_share(target))
        for target in KpiTarget.objects.filter(cycle=cycle)
        .select_related("parent", "department", "post", "user")
        .prefetch_related("children")
        .order_by("level", "parent_id", "id")
    ]
    return render(
        request,
        "people/kpi_targets.html",
        {
            "cycle": cycle,
            "rows": rows,
            "form": form,
            "manages": manages and cycle.status == "open",
            "zone_indicators": selectors_zone.scheme_for(cycle.starts_on.year).indicators,
        },
        status=400 if form.errors else 200,
    )
