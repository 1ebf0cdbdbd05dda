"""The filters of a project's long lists (征收户, 测量台账, 人口界定, 协议): the kernel's search, 村居 and group
(the project's regional work groups), and each list's own."""

from __future__ import annotations

from django import forms

from taizhang.core.listing import ListFilterForm
from taizhang.org.models import OrgNode
from taizhang.renewal.models import Agreement, ProjectGroup, Site, Violation
from taizhang.renewal.selectors import HOUSEHOLD_STATUSES, groups_of

UNMEASURED, MEASURED = "unmeasured", "measured"


class ProjectListForm(ListFilterForm):
    """A project list's filters. With `my_group`, a group leader's or member's list opens on their regional group
    until they choose another (or 全部工作组)."""

    placeholder = "户编号 / 户主或成员姓名 / 拼音首字母 / 地址"

    def __init__(self, request, project, *, my_group: bool = False):
        data = request.GET.copy()
        if my_group and "group" not in data:
            mine = [g for g in groups_of(request.user, project) if g.kind == ProjectGroup.Kind.REGIONAL]
            if mine:
                data["group"] = str(mine[0].pk)
        communities = (
            OrgNode.objects.visible_to(request.user)
            .filter(pk__in=project.communities.values("pk"))
            .order_by("sort_order", "id")
        )
        groups = ProjectGroup.objects.filter(project=project, kind=ProjectGroup.Kind.REGIONAL).order_by("id")
        super().__init__(data, communities=communities, groups=groups)


class EntryFilterForm(ProjectListForm):
    courtyard = forms.ChoiceField(
        label="院落",
        required=False,
        choices=[("", "院落已测/未测"), (UNMEASURED, "院落未测量"), (MEASURED, "院落已测量")],
    )


class SiteFilterForm(ProjectListForm):
    placeholder = "院落/厂房编号 / 产权户 / 企业名称"
    kind = forms.ChoiceField(label="类型", choices=[("", "全部类型"), *Site.Kind.choices], required=False)
    measured = forms.ChoiceField(
        label="已测/未测", choices=[("", "已测/未测"), ("yes", "已测量"), ("no", "未测量")], required=False
    )
    flagged = forms.BooleanField(label="只看有异常", required=False)


class DeterminationFilterForm(ProjectListForm):
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *[(s, s) for s in HOUSEHOLD_STATUSES]]
    )


class AgreementFilterForm(ProjectListForm):
    status = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[
            ("", "全部状态"),
            *((s, label) for s, label in Agreement.Status.choices if s != Agreement.Status.VOIDED),
        ],
    )


class ViolationFilterForm(ProjectListForm):
    placeholder = "位置 / 情况 / 户编号 / 户主姓名"
    progress = forms.ChoiceField(label="进展", required=False, choices=[("", "全部进展"), *Violation.Progress.choices])
