"""疑点核查: the period's signals, one signal with its review, the kinds with their parameters and precision."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import CSV, download, require
from taizhang.core.listing import kept_query, list_response, paginate
from taizhang.integrity import params, rules, services
from taizhang.integrity.exporting import as_finding, write_blocks
from taizhang.integrity.forms import MonthUnitForm, ReviewForm, SettingForm, SignalFilterForm, visible_units
from taizhang.integrity.kinds import SEVERITY_LABELS, kind_labels, kind_named
from taizhang.integrity.models import Signal, Verdict
from taizhang.integrity.policies import can_act_for_unit, can_review, can_see_signals
from taizhang.integrity.selectors import (
    STATES,
    kind_lines,
    last_run,
    precision_by_month,
    review_history,
    setting_history,
    signal_list,
    user_kinds,
    user_signal_modules,
)
from taizhang.org.models import OrgNode
from taizhang.org.scoping import get_visible_or_404

READERS_ONLY = "只有单位管理员、审计和区级领导、管理员可以查看疑点"
SEVERITY_CSS = {"high": "text-bg-danger", "medium": "text-bg-warning", "low": "text-bg-secondary"}


def _state(signal: Signal) -> str:
    if signal.verdict:
        return STATES[signal.verdict]
    return STATES["gone"] if signal.gone_at else STATES["open"]


def _dress(signal: Signal) -> Signal:
    """What a page shows of a signal beyond its fields: its kind's label and severity, its state."""
    named = kind_named(signal.kind)
    signal.kind_label = named[1].label if named else signal.kind
    severity = named[1].severity if named else "medium"
    signal.severity_label, signal.severity_css = SEVERITY_LABELS[severity], SEVERITY_CSS[severity]
    signal.state_label = _state(signal)
    return signal


def index(request: HttpRequest) -> HttpResponse:
    user = request.user
    require(can_see_signals(user), READERS_ONLY)
    form = SignalFilterForm(request.GET, user=user)
    chosen = form.filters()
    month = chosen["month"]
    start, end = month, rules.month_end(month)
    signals = signal_list(
        user,
        start=start,
        end=end,
        unit_id=chosen["unit"],
        module=chosen["module"],
        kind=chosen["kind"],
        state=chosen["state"],
        community_id=chosen["community"],
        query=chosen["q"],
    )
    if download_format(request.GET, "csv"):
        return _csv(user, signals, module=chosen["module"], month=month)
    page = paginate(request, signals)
    for signal in page:
        _dress(signal)
    unit_id = user.unit_id or chosen["unit"]
    context = {
        "filter_form": form,
        "page": page,
        "month": month,
        "months": {
            "previous": _month_query(request, rules.month_shift(month, -1)),
            "next": _month_query(request, rules.month_shift(month, 1)),
        },
        "lines": kind_lines(user, start=start, end=end, unit_id=chosen["unit"]),
        "last_run": last_run(user, unit_id=unit_id),
        "run_unit": unit_id if can_act_for_unit(user, unit_id) else None,
        "several_units": not user.unit_id,
        "several_modules": len(user_signal_modules(user)) > 1,
        "precision_scope": "（所辖单位合计）" if not unit_id else "",
    }
    return list_response(request, "integrity/index.html", "integrity/_rows.html", context)


def _month_query(request: HttpRequest, month) -> str:
    query = kept_query(request.GET)
    query["month"] = f"{month:%Y-%m}"
    return query.urlencode()


def _csv(user, signals, *, module: str, month) -> HttpResponse:
    """Per module, the rows the `signals` command prints: its key columns, 疑点类型, 说明."""
    specs = [spec for spec in user_signal_modules(user) if not module or spec.key == module]
    by_module: dict[str, list] = {spec.key: [] for spec in specs}
    for signal in signals.order_by("day", "id"):
        by_module.get(signal.module, []).append(as_finding(signal))
    stream = io.StringIO()
    write_blocks(stream, [(spec, by_module[spec.key]) for spec in specs], kind_labels())
    return download(stream.getvalue().encode("utf-8-sig"), f"疑点-{month:%Y-%m}.csv", CSV)


@require_POST
def run(request: HttpRequest) -> HttpResponse:
    """重新核查本月: run the unit's detectors over the month and keep what they find."""
    form = MonthUnitForm(request.POST)
    require(form.is_valid(), "请求不完整")
    unit_id = request.user.unit_id or form.cleaned_data["unit"]
    require(can_act_for_unit(request.user, unit_id), "只有本单位的管理员可以核查疑点")
    month = form.cleaned_data["month"]
    unit = get_visible_or_404(OrgNode.objects.filter(kind=OrgNode.Kind.UNIT), request.user, pk=unit_id)
    done = services.run_signals(actor=request.user, unit=unit, start=month, end=rules.month_end(month))
    messages.success(request, f"发现 {done.found} 条（新 {done.new} 条，消失 {done.gone} 条）")
    query = {"month": f"{month:%Y-%m}", **({"unit": unit.pk} if not request.user.unit_id else {})}
    return redirect(f"{reverse('integrity:index')}?{urlencode(query)}")


def detail(request: HttpRequest, signal_id: int) -> HttpResponse:
    user = request.user
    require(can_see_signals(user), READERS_ONLY)
    signal = _dress(get_visible_or_404(Signal.objects.select_related("unit", "community"), user, pk=signal_id))
    may_review = can_review(user, signal)
    form = ReviewForm(initial={"verdict": signal.verdict, "note": ""})
    if request.method == "POST":
        require(may_review, "只有本单位的管理员可以核实疑点")
        form = ReviewForm(request.POST)
        if form.is_valid():
            try:
                services.review_signal(actor=user, signal=signal, **form.cleaned_data)
            except ValueError as exc:
                form.add_error("note", str(exc))
            else:
                messages.success(request, f"已记录核实结论：{Verdict(form.cleaned_data['verdict']).label}")
                return redirect("integrity:detail", signal_id=signal.pk)
    named = kind_named(signal.kind)
    kind = named[1] if named else None
    in_force = params.texts_in_force(signal.unit_id, [kind], signal.day)[kind.key] if kind else {}
    context = {
        "signal": signal,
        "kind": kind,
        "params": [(p, in_force[p.key]) for p in kind.params] if kind else [],
        "form": form if may_review else None,
        "history": review_history(user, signal),
    }
    return render(request, "integrity/detail.html", context)


def kinds(request: HttpRequest) -> HttpResponse:
    """Every kind of the user's modules: its parameters in force today and their history, the form for a new value,
    and its precision month by month over the last year."""
    user = request.user
    require(can_see_signals(user), READERS_ONLY)
    unit = _kinds_unit(request)
    may_set = unit is not None and can_act_for_unit(user, unit.pk)
    listed = user_kinds(user)
    bound = None
    if request.method == "POST":
        require(may_set, "只有本单位的管理员可以调整疑点参数")
        named = next(((spec, kind) for spec, kind in listed if kind.key == request.POST.get("kind")), None)
        require(named is not None, "没有这个疑点类型")
        bound = SettingForm(request.POST, kind=named[1])
        if bound.is_valid():
            try:
                services.setting_set(actor=user, unit=unit, kind=named[1].key, **bound.cleaned_data)
            except ValueError as exc:
                bound.add_error("value", str(exc))
            else:
                day = bound.cleaned_data["effective_from"]
                messages.success(request, f"{named[1].label}的参数已保存，自 {day:%Y-%m-%d} 起生效")
                return redirect(f"{request.get_full_path()}#{named[1].key}")
    today = clock.today()
    keys = [kind.key for _, kind in listed]
    texts = params.texts_in_force(unit.pk, [k for _, k in listed], today) if unit else {}
    history = setting_history(unit.pk, keys) if unit else {}
    since = rules.month_shift(today.replace(day=1), -11)
    trend = precision_by_month(user, since=since, unit_id=unit.pk if unit else None)
    cards = []
    for spec, kind in listed:
        form = bound if bound is not None and bound.signal_kind.key == kind.key else SettingForm(kind=kind)
        cards.append(
            {
                "module": spec,
                "kind": kind,
                "severity_label": SEVERITY_LABELS[kind.severity],
                "severity_css": SEVERITY_CSS[kind.severity],
                "params": [
                    {
                        "param": p,
                        "value": texts.get(kind.key, {}).get(p.key, p.default),
                        "history": history.get((kind.key, p.key), []),
                    }
                    for p in kind.params
                ],
                "trend": trend.get(kind.key, []),
                "form": form if may_set and kind.params else None,
            }
        )
    context = {
        "cards": cards,
        "unit": unit,
        "units": visible_units(user) if not user.unit_id else None,
        "today": today,
    }
    return render(request, "integrity/kinds.html", context)


def _kinds_unit(request: HttpRequest) -> OrgNode | None:
    """The unit whose parameters the page shows: the user's own, or the one a district user picks."""
    if request.user.unit_id:
        return request.user.unit
    chosen = request.GET.get("unit", "")
    if not chosen.isdigit():
        return None
    return get_visible_or_404(OrgNode.objects.filter(kind=OrgNode.Kind.UNIT), request.user, pk=int(chosen))
