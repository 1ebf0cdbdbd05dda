"""Planning an event in headless chromium: the unit admin creates an event with two sessions at 1280 px; the rota and
the budget read on a 360 px phone."""

from datetime import date
from decimal import Decimal

import pytest

from taizhang.events import plan, plan_budget
from taizhang.events.models import Event
from tests.browser.conftest import login, shoot
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_the_unit_admin_plans_an_event_and_the_rota_and_budget_fit_a_phone(browser_world, open_page):
    world = browser_world
    desk = open_page(1280)
    login(desk, "xs_admin", PASSWORD)
    desk.goto("/events/")
    desk.click("text=新建活动")
    desk.fill("#id_name", "2021年新市镇农民丰收节")
    desk.fill("#id_starts_on", "2021-09-18")
    desk.fill("#id_place", "新市村荷塘")
    desk.click("button:has-text('保存')")
    desk.wait_for_selector("text=请接着安排场次")
    event = Event.objects.get(name="2021年新市镇农民丰收节")
    for name, kind, signup, capacity in (
        ("采摘·上午场", "picking", "person", "60"),
        ("群众演出专场", "show", "none", ""),
    ):
        desk.goto(f"/events/{event.pk}/sessions/new/")
        desk.fill("#id_name", name)
        desk.select_option("#id_kind", kind)
        desk.select_option("#id_signup", signup)
        desk.fill("#id_capacity", capacity)
        desk.fill("#id_starts_at", "09:00")
        desk.fill("#id_ends_at", "10:30")
        desk.click("button:has-text('保存')")
        desk.wait_for_selector(f"td:has-text('{name}')")
    shoot(desk, "events-plan-programme")
    desk.goto(f"/events/{event.pk}/")
    desk.wait_for_selector("#event-plan")
    assert "限 60 人" in desk.content()
    shoot(desk, "events-plan-event")

    plan.assignment_create(actor=None, event=event, user=world.xs_worker, duty="签到台")
    plan.assignment_create(
        actor=None, event=event, user=world.xs_group_leader, duty="采摘区引导", session=event.sessions.first()
    )
    line = plan_budget.line_create(actor=None, event=event, item="奖品", budgeted=Decimal("1000"))
    plan_budget.line_create(actor=None, event=event, item="舞台音响", budgeted=Decimal("8000"))
    plan_budget.spending_create(
        actor=None, line=line, spent_on=date(2021, 9, 1), amount=Decimal("1200"), payee="新市超市", voucher="XS-01"
    )
    phone = open_page(360, 780)
    login(phone, "xs_admin", PASSWORD)
    phone.goto(f"/events/{event.pk}/rota/")
    phone.wait_for_selector("text=采摘区引导")
    shoot(phone, "events-plan-rota")
    phone.goto(f"/events/{event.pk}/budget/")
    phone.wait_for_selector("text=超支")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    shoot(phone, "events-plan-budget")
