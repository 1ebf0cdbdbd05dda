"""The functions a zone hands to the streets, seen from both sides: the zone lists, filters, exports and supervises
what it handed; the street takes its functions on, reports them running and answers the zone's notes. The same
pages serve both; what a user may do follows `policies_functions.side_of`."""

from __future__ import annotations

import io

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from taizhang.core import clock
from taizhang.core.forms import download_format
from taizhang.core.http import XLSX, download
from taizhang.core.listing import list_response, paginate
from taizhang.core.pages import cleaned, run_action, void_page
from taizhang.documents.tabular import write_xlsx
from taizhang.enterprise import functions as services
from taizhang.enterprise import selectors_functions as selectors
from taizhang.enterprise.forms_functions import (
    AnswerForm,
    FunctionFilterForm,
    MoveForm,
    NoteFilterForm,
    NoteForm,
    ReopenForm,
    StaffingForm,
)
from taizhang.enterprise.policies_functions import hands_over, side_of
from taizhang.enterprise.rules import functions as rules

EXPORT_COLUMNS = [
    "序号",
    "职能名称",
    "类别",
    "依据/说明",
    "移交单位",
    "承接街道",
    "状态",
    "移交日期",
    "承接日期",
    "运行日期",
    "人员与经费保障",
    "未销号督办",
    "逾期督办",
]


def _listed(request: HttpRequest):
    user, today = request.user, clock.today()
    form = FunctionFilterForm(request.GET, streets=selectors.streets(user))
    filters = form.filters()
    found = selectors.function_list(
        user,
        today=today,
        q=filters["q"],
        street=filters.get("group"),
        state=filters["state"],
        overdue=filters["overdue"],
    )
    return form, found, today


def function_list(request: HttpRequest) -> HttpResponse:
    form, found, today = _listed(request)
    if download_format(request.GET, "xlsx"):
        return _export(found, today)
    context = {
        "filter_form": form,
        "page": paginate(request, found),
        "hands_over": hands_over(request.user),
        "download": "xlsx",
    }
    return list_response(request, "enterprise/functions_list.html", "enterprise/functions_rows.html", context)


def _export_rows(found):
    for f in found:
        yield [
            f.number,
            f.name,
            f.category,
            f.basis,
            f.handed_by.name,
            f.unit.name,
            "已撤回移交" if f.withdrawn_on else f.get_state_display(),
            f.handed_on,
            f.taken_on,
            f.running_on,
            f.staffing_note,
            f.open_notes,
            f.late_notes,
        ]


def _export(found, today) -> HttpResponse:
    stream = io.BytesIO()
    write_xlsx(stream, EXPORT_COLUMNS, _export_rows(found.iterator()), sheet_title="移交职能", title="移交街道职能清单")
    return download(stream.getvalue(), f"移交职能-{today:%Y%m%d}.xlsx", XLSX)


def function_overview(request: HttpRequest) -> HttpResponse:
    today = clock.today()
    rows = selectors.overview(request.user, today=today)
    totals = {
        "states": [(code, label, sum(r["states"][i][2] for r in rows)) for i, (code, label) in enumerate(rules.STATES)],
        "total": sum(r["total"] for r in rows),
        "open": sum(r["open"] for r in rows),
        "late": sum(r["late"] for r in rows),
    }
    context = {"rows": rows, "totals": totals, "hands_over": hands_over(request.user)}
    return render(request, "enterprise/functions_overview.html", context)


def function_detail(request: HttpRequest, function_id: int) -> HttpResponse:
    user = request.user
    function = selectors.function_or_404(user, function_id)
    side = side_of(user, function)
    today = clock.today()
    target = rules.after(function.state) if not function.withdrawn_on else None
    may_move = bool(target) and rules.MOVED_BY[target] == side
    may_withdraw = not function.withdrawn_on and bool(side) and not rules.withdraw_problem(function.state, side=side)
    move_form = MoveForm(initial={"on": today})
    staffing_form = StaffingForm(initial={"staffing_note": function.staffing_note})
    note_form = NoteForm()
    if request.method == "POST":
        if not side:
            raise PermissionDenied("只有移交单位和承接街道的工作人员可以办理")
        move_form, staffing_form, note_form = MoveForm(request.POST), StaffingForm(request.POST), NoteForm(request.POST)
        handlers = {
            "move": lambda: (
                services.move(actor=user, function=function, target=target, **cleaned(move_form))
                and f"已确认“{rules.LABELS[target]}”"
            ),
            "staffing": lambda: (
                services.set_staffing(actor=user, function=function, note=cleaned(staffing_form)["staffing_note"])
                and "已保存人员与经费保障情况"
            ),
            "note": lambda: (
                services.note_write(actor=user, function=function, **cleaned(note_form)) and "已向街道发出督办"
            ),
        }
        done = run_action(request, handlers, reverse("enterprise:function_detail", args=[function.pk]))
        if done:
            return done
    notes = list(function.notes.order_by("closed_on", "deadline", "id"))
    for note in notes:
        note.late = note.is_overdue(today)
    steps = [(code, label, function.date_of(code)) for code, label in rules.STATES]
    context = {
        "function": function,
        "side": side,
        "steps": steps,
        "target": target,
        "target_label": rules.LABELS.get(target or "", ""),
        "may_move": may_move,
        "may_withdraw": may_withdraw,
        "move_form": move_form,
        "staffing_form": staffing_form,
        "note_form": note_form,
        "notes": notes,
    }
    return render(request, "enterprise/functions_detail.html", context)


def function_withdraw(request: HttpRequest, function_id: int) -> HttpResponse:
    function = selectors.function_or_404(request.user, function_id)
    if not side_of(request.user, function):
        raise PermissionDenied("只有移交单位和承接街道的工作人员可以撤回")
    what = rules.LABELS[function.state]
    explain = (
        "撤回后该项职能的移交作废（仍留在记录中），可重新移交给正确的街道。"
        if function.state == "handed"
        else f"撤回后该职能回到“{rules.LABELS[rules.before(function.state)]}”，日期清空，撤回原因记入变更记录。"
    )
    return void_page(
        request,
        title=f"撤回“{what}”：{function.unit.name} · {function}",
        void=lambda reason: services.withdraw(actor=request.user, function=function, reason=reason),
        done_message=f"已撤回“{what}”",
        done_url=reverse("enterprise:function_detail", args=[function.pk]),
        template="enterprise/functions_reason.html",
        context={"explain": explain},
    )


def note_list(request: HttpRequest) -> HttpResponse:
    user, today = request.user, clock.today()
    form = NoteFilterForm(request.GET, streets=selectors.streets(user))
    filters = form.filters()
    found = selectors.note_list(user, today=today, status=filters["status"], street=filters.get("group"))
    page = paginate(request, found)
    for note in page:
        note.late = note.is_overdue(today)
    context = {"filter_form": form, "page": page}
    return list_response(request, "enterprise/functions_notes.html", "enterprise/functions_note_rows.html", context)


def note_detail(request: HttpRequest, function_note_id: int) -> HttpResponse:
    user = request.user
    note = selectors.note_or_404(user, function_note_id)
    side = side_of(user, note)
    answer_form, reopen_form = AnswerForm(initial={"answer": note.answer}), ReopenForm()
    if request.method == "POST":
        if not side:
            raise PermissionDenied("只有移交单位和承接街道的工作人员可以办理")
        answer_form, reopen_form = AnswerForm(request.POST), ReopenForm(request.POST)
        handlers = {
            "answer": lambda: (
                services.note_answer(actor=user, note=note, **cleaned(answer_form)) and "已答复，等待移交单位销号"
            ),
            "close": lambda: services.note_close(actor=user, note=note) and "已销号",
            "reopen": lambda: services.note_reopen(actor=user, note=note, **cleaned(reopen_form)) and "已重新督办",
        }
        done = run_action(request, handlers, reverse("enterprise:function_note", args=[note.pk]))
        if done:
            return done
    context = {
        "note": note,
        "side": side,
        "late": note.is_overdue(clock.today()),
        "answer_form": answer_form,
        "reopen_form": reopen_form,
    }
    return render(request, "enterprise/functions_note.html", context)
