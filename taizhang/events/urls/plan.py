from django.urls import path

from taizhang.events.views import plan, plan_budget, plan_work

urlpatterns = [
    path("new/", plan.event_create, name="event_create"),
    path("mine/", plan_work.my_assignments, name="mine"),
    path("<int:event_id>/edit/", plan.event_edit, name="event_edit"),
    path("<int:event_id>/publish/", plan.publish, name="publish"),
    path("<int:event_id>/programme/", plan.programme, name="programme"),
    path("<int:event_id>/sessions/new/", plan.session_create, name="session_create"),
    path("sessions/<int:session_id>/edit/", plan.session_edit, name="session_edit"),
    path("sessions/<int:session_id>/remove/", plan.session_remove, name="session_remove"),
    path("<int:event_id>/rota/", plan_work.rota, name="rota"),
    path("<int:event_id>/rota/new/", plan_work.assignment_create, name="assignment_create"),
    path("assignments/<int:assignment_id>/remove/", plan_work.assignment_remove, name="assignment_remove"),
    path("<int:event_id>/tasks/", plan_work.task_list, name="tasks"),
    path("<int:event_id>/tasks/new/", plan_work.task_create, name="task_create"),
    path("tasks/<int:prep_task_id>/edit/", plan_work.task_edit, name="task_edit"),
    path("tasks/<int:prep_task_id>/done/", plan_work.task_done, name="task_done"),
    path("tasks/<int:prep_task_id>/reopen/", plan_work.task_reopen, name="task_reopen"),
    path("<int:event_id>/budget/", plan_budget.budget, name="budget"),
    path("<int:event_id>/budget.xlsx", plan_budget.budget_xlsx, name="budget_xlsx"),
    path("<int:event_id>/budget/new/", plan_budget.line_create, name="budget_line_create"),
    path("budget/<int:budget_line_id>/edit/", plan_budget.line_edit, name="budget_line_edit"),
    path("budget/<int:budget_line_id>/spend/", plan_budget.spending_create, name="spending_create"),
    path("spendings/<int:event_spending_id>/void/", plan_budget.spending_void, name="spending_void"),
]
