"""The assistance section of the household file (一户一档), through the registry's registration hook."""

from django.template.loader import render_to_string

from taizhang.assistance import rules, selectors
from taizhang.assistance.models import AssistedHousehold
from taizhang.core import clock
from taizhang.core.models import RecordStatus


def household_section(household, user) -> str:
    assisted = AssistedHousehold.objects.visible_to(user).filter(household=household).first()
    if assisted is None:
        return ""
    month = rules.Month.of(clock.today())
    this_month = next(iter(selectors.month_compliance(user, month, assisted_id=assisted.pk).households), None)
    visits = selectors.judged(selectors.visit_list(user, assisted_id=assisted.pk)[:12], assisted.unit_id)
    return render_to_string(
        "assistance/_household_section.html",
        {
            "assisted": assisted,
            "this_month": this_month,
            "month": month,
            "visits": visits,
            "helpers": selectors.helpers_on(assisted, clock.today()),
            "problems": selectors.problem_list(user, assisted_id=assisted.pk)[:20],
            "archive_open": assisted.archive_findings.filter(fixed_at__isnull=True).values_list("kind", "detail"),
            "furniture": assisted.furniture_needs.filter(status=RecordStatus.ACTIVE),
            "cleanings": assisted.cleanings.filter(status=RecordStatus.ACTIVE).count(),
        },
    )
