"""The compensation and agreement pages: the policy form, the preview and publishing, a household's breakdowns, the
agreements ledger with its filters and Excel, the steps of an agreement and its PDF; query counts guarded."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from taizhang.renewal import rules
from taizhang.renewal.agreements import agreement_choose
from taizhang.renewal.models import Agreement, CompensationPolicy
from taizhang.renewal.publicity import objection_record, publicity_create
from tests.renewal.scoping_compensation import courtyard, determined, example_household, published_policy

pytestmark = pytest.mark.django_db


def _form_data(policy):
    """The edit form's POST for a policy's data (what the admin's browser sends)."""
    from taizhang.renewal.forms.compensation import PolicyForm

    form = PolicyForm(policy=policy)
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        data[name] = "" if value is None else str(value)
    return data


def test_the_admin_edits_a_draft_previews_and_publishes_it(client, renewal):
    published_policy(renewal.project)
    example_household(renewal.project)
    client.force_login(renewal.world.jy_admin)
    draft = published_policy(renewal.project, effective_from=date(2020, 9, 1), name="第二版", status="draft")
    form = _form_data(draft)
    form["decoration_per_m2_amount"] = "350"
    response = client.post(reverse("renewal:policy_edit", args=[draft.pk]), form)
    assert response.status_code == 302 and response["Location"] == reverse("renewal:policy_preview", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.data["decoration_per_m2"] == {"amount": "350", "clause": "第十九条"}
    assert draft.data["unit_prices"][0] == {
        "structure": "砖混",
        "certificate": "有证",
        "amount": "3200",
        "clause": "第十七条",
    }
    page = client.get(reverse("renewal:policy_preview", args=[draft.pk])).content.decode()
    assert "装修补偿：37,425.00 → 43,662.50" in page and "+6,237.50" in page
    response = client.post(reverse("renewal:policy_preview", args=[draft.pk]), {"action": "publish"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CompensationPolicy.Status.PUBLISHED


def test_the_form_says_what_is_wrong_in_chinese(client, renewal):
    client.force_login(renewal.world.jy_admin)
    draft = published_policy(renewal.project, status="draft")
    form = _form_data(draft)
    form["relocation_fee_clause"] = ""
    form["signing_awards_0_amount"] = "5000"  # earlier than the 10,000 by 10-31
    page = client.post(reverse("renewal:policy_edit", args=[draft.pk]), form).content.decode()
    assert "搬迁费（元/次）未注明政策条款" in page
    assert "签约奖励：2020-08-31 前的奖励（5,000.00 元）不应低于 2020-10-31 前的奖励（10,000.00 元）" in page


def test_the_first_version_is_made_from_the_blank_form(client, renewal):
    client.force_login(renewal.world.jy_admin)
    form = _form_data(None)
    form.update(
        {
            "name": "方案",
            "effective_from": "2020-06-01",
            "price_1_0_amount": "3200",
            "price_1_0_clause": "第十七条",
            "decoration_per_m2_amount": "300",
            "decoration_per_m2_clause": "第十九条",
            "relocation_fee_amount": "1500",
            "relocation_fee_clause": "第二十一条",
            "temporary_fee_per_month_amount": "900",
            "temporary_fee_per_month_clause": "第二十二条",
            "att_0_kind": "水井",
            "att_0_amount": "800",
            "att_0_clause": "第二十条",
            "monetary_temporary_months": "3",
        }
    )
    response = client.post(reverse("renewal:policy_new", args=[renewal.project.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    policy = CompensationPolicy.objects.get(project=renewal.project)
    assert rules.policy_from_data(policy.data).attachment_prices["水井"].amount == Decimal("800")


def test_a_field_worker_sees_the_standards_but_cannot_edit(client, renewal):
    policy = published_policy(renewal.project)
    client.force_login(renewal.world.jy_worker)
    page = client.get(reverse("renewal:policy_published", args=[policy.pk])).content.decode()
    assert "3,200.00 元/m²" in page and "第十七条" in page
    assert client.get(reverse("renewal:policy_new", args=[renewal.project.pk])).status_code == 403
    assert client.get(reverse("renewal:policy_edit", args=[policy.pk])).status_code == 403


def test_the_published_standards_print_as_a_pdf(client, renewal):
    policy = published_policy(renewal.project)
    client.force_login(renewal.world.jy_admin)
    response = client.get(reverse("renewal:policy_published", args=[policy.pk]), {"format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    Path("/tmp/taizhang-policy.pdf").write_bytes(response.content)  # for a look with pdftoppm


def test_the_households_page_shows_both_options_line_by_line(client, renewal, django_assert_max_num_queries):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    client.force_login(renewal.world.jy_admin)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("renewal:compensation_household", args=[entry.pk])).content.decode()
    assert page.count('class="card mb-3 breakdown"') == 2
    assert "308,320.00" in page and "第十七条" in page and "违法建设，不予补偿" in page


def test_the_unit_admin_signs_vacates_and_demolishes(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    client.force_login(renewal.world.jy_admin)
    url = reverse("renewal:agreement_household", args=[entry.pk])
    assert (
        client.post(
            url, {"action": "choose", "option": "产权调换", "chosen_area": "125.50", "months_until_handover": "30"}
        ).status_code
        == 302
    )
    sign = reverse("renewal:agreement_sign", args=[entry.pk])
    assert client.post(sign, {"action": "confirm", "on": "2020-09-10"}).status_code == 302
    vacate = reverse("renewal:agreement_step", args=[entry.pk, "vacate"])
    assert client.post(vacate, {"action": "confirm", "on": "2020-09-25"}).status_code == 302
    agreement = Agreement.objects.get(entry=entry)
    assert agreement.amount == Decimal("205741.50") and agreement.status == "vacated"
    page = client.get(url).content.decode()
    assert "205,741.50" in page and "登记拆除" in page
    response = client.get(reverse("renewal:agreement_pdf", args=[agreement.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_a_refused_step_is_said_on_the_page(client, renewal):
    published_policy(renewal.project)
    entry = renewal.entry("JY101")
    determined(entry, [rules.COUNTED])
    client.force_login(renewal.world.jy_admin)
    url = reverse("renewal:agreement_household", args=[entry.pk])
    client.post(url, {"action": "choose", "option": "货币补偿"})
    sign = reverse("renewal:agreement_sign", args=[entry.pk])
    page = client.post(sign, {"action": "confirm", "on": "2020-09-10"}, follow=True).content.decode()
    assert "该户的院落尚未测量，不能签约" in page and 'class="btn btn-primary confirm"' not in page
    assert not Agreement.objects.filter(entry=entry, status="signed").exists()


def _chosen(client, renewal, entry):
    client.force_login(renewal.world.jy_admin)
    url = reverse("renewal:agreement_household", args=[entry.pk])
    client.post(url, {"action": "choose", "option": "货币补偿"})
    return reverse("renewal:agreement_sign", args=[entry.pk])


def test_the_confirmation_shows_the_amount_in_capitals_the_policy_and_each_check(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    sign = _chosen(client, renewal, entry)
    page = client.get(sign, {"on": "2020-09-10"}).content.decode()
    assert "434,691.50" in page and "人民币肆拾叁万肆仟陆佰玖拾壹元伍角整" in page
    assert "货币补偿" in page and "（2020-06-01 起）" in page
    assert page.count("✓") == 5 and "✗" not in page and "确认签约</button>" in page
    # showing the confirmation signs nothing
    assert Agreement.objects.get(entry=entry).status == "unsigned"


def test_the_page_signs_only_on_the_confirm_post(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    sign = _chosen(client, renewal, entry)
    household = reverse("renewal:agreement_household", args=[entry.pk])
    client.post(household, {"action": "sign", "on": "2020-09-10"})  # the old one-click step is gone
    client.post(sign, {"on": "2020-09-10"})  # a POST without the confirm action only shows the confirmation
    assert Agreement.objects.get(entry=entry).status == "unsigned"
    assert client.post(sign, {"action": "confirm", "on": "2020-09-10"}).status_code == 302
    agreement = Agreement.objects.get(entry=entry)
    assert agreement.status == "signed" and agreement.amount == Decimal("434691.50")


def test_the_confirmation_has_no_confirm_button_while_the_publicity_is_open(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=entry.community, starts_on=date(2020, 9, 5)
    )
    sign = _chosen(client, renewal, entry)
    page = client.get(sign, {"on": "2020-09-10"}).content.decode()
    assert "✗</span> 公示期未满（至2020-09-11）" in page and "确认签约</button>" not in page
    assert "434,691.50" in page  # the amount is still shown


def test_a_field_worker_of_another_unit_cannot_open_the_confirmation(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    _chosen(client, renewal, entry)
    client.force_login(renewal.world.xs_admin)
    assert client.get(reverse("renewal:agreement_sign", args=[entry.pk]), {"on": "2020-09-10"}).status_code == 404


def test_the_agreement_list_filters_counts_and_exports(client, renewal, django_assert_max_num_queries):
    published_policy(renewal.project)
    for no in ("JY101", "JY102"):
        entry = renewal.entry(no)
        courtyard(renewal.project, [entry], f"S{no}")
        determined(entry, [rules.COUNTED])
        agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    client.force_login(renewal.world.jy_admin)
    url = reverse("renewal:agreement_list", args=[renewal.project.pk])
    with django_assert_max_num_queries(15):
        page = client.get(url, {"community": renewal.dongguan.pk}).content.decode()
    assert "JY101" in page and "JY001" not in page
    assert 'data-status="unsigned">3<' in page
    response = client.get(url, {"format": "xlsx", "status": "unsigned"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_api_gives_the_compensation_and_signs(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    client.force_login(renewal.world.jy_admin)
    body = client.get(f"/api/renewal/households/{entry.pk}/compensation", {"on": "2020-09-10"}).json()
    assert [o["option"] for o in body["options"]] == ["货币补偿", "产权调换"] and body["determined_persons"] == 4
    assert Decimal(body["options"][0]["total"]) == Decimal("434691.50")
    made = client.post(
        f"/api/renewal/households/{entry.pk}/agreement",
        {"option": "产权调换", "chosen_area": "125.50", "months_until_handover": 30},
        content_type="application/json",
    ).json()
    signed = client.post(
        f"/api/renewal/agreements/{made['id']}/sign", {"on": "2020-09-10"}, content_type="application/json"
    ).json()
    assert signed["status"] == "signed" and Decimal(signed["amount"]) == Decimal("195741.50")
    again = client.post(
        f"/api/renewal/agreements/{made['id']}/sign", {"on": "2020-09-10"}, content_type="application/json"
    )
    assert again.status_code == 400 and "不能再签约" in again.json()["detail"]
    listed = client.get(f"/api/renewal/projects/{renewal.project.pk}/agreements").json()
    assert [a["household_no"] for a in listed] == ["JY201"]
    policies = client.get(f"/api/renewal/projects/{renewal.project.pk}/policies").json()
    assert policies[0]["data"]["decoration_per_m2"]["clause"] == "第十九条"


def test_the_policy_list_shows_versions_and_copies_one(client, renewal, django_assert_max_num_queries):
    first = published_policy(renewal.project)
    published_policy(renewal.project, effective_from=date(2021, 1, 1), name="第二版", status="draft")
    client.force_login(renewal.world.jy_admin)
    url = reverse("renewal:policy_list", args=[renewal.project.pk])
    with django_assert_max_num_queries(15):
        page = client.get(url).content.decode()
    assert "第二版" in page and "现行" in page and "草稿" in page
    response = client.post(url, {"source": first.pk, "effective_from": "2021-03-01"})
    copy = CompensationPolicy.objects.get(effective_from=date(2021, 3, 1))
    assert response["Location"] == reverse("renewal:policy_edit", args=[copy.pk])
    assert copy.status == "draft" and copy.data == first.data | {"name": first.name}


def test_the_preview_takes_a_fixed_number_of_queries(client, renewal, django_assert_max_num_queries):
    published_policy(renewal.project)
    for no in ("JY201", "JY202", "JY203"):
        example_household(renewal.project, no)
    draft = published_policy(renewal.project, effective_from=date(2021, 1, 1), name="第二版", status="draft")
    client.force_login(renewal.world.jy_admin)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("renewal:policy_preview", args=[draft.pk])).content.decode()
    assert page.count("JY20") == 3 and "确认无误，公布此版本" in page


def test_the_api_refuses_to_sign_with_every_reason(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    posted = publicity_create(
        actor=renewal.world.jy_admin, project=renewal.project, community=entry.community, starts_on=date(2020, 9, 5)
    )
    objection_record(
        actor=renewal.world.jy_admin,
        publicity=posted,
        entry=entry,
        submitted_by="户主",
        received_on=date(2020, 9, 6),
        content="面积有误",
    )
    agreement = agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    client.force_login(renewal.world.jy_admin)
    refused = client.post(
        f"/api/renewal/agreements/{agreement.pk}/sign", {"on": "2020-09-10"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert refused.json()["reasons"] == ["公示期未满（至2020-09-11）", "有未答复的异议"]
    assert refused.json()["detail"] == "公示期未满（至2020-09-11）；有未答复的异议"
    agreement.refresh_from_db()
    assert agreement.status == "unsigned"


def _signed(client, renewal):
    published_policy(renewal.project)
    entry = example_household(renewal.project)
    sign = _chosen(client, renewal, entry)
    client.post(sign, {"action": "confirm", "on": "2020-09-10"})
    return entry, Agreement.objects.get(entry=entry, status="signed")


def test_the_unit_admin_voids_a_signed_agreement_and_the_household_chooses_again(client, renewal):
    entry, signed = _signed(client, renewal)
    household = reverse("renewal:agreement_household", args=[entry.pk])
    void = reverse("renewal:agreement_void", args=[signed.pk])
    assert void in client.get(household).content.decode()
    assert client.get(void).status_code == 200  # the reason form; GET voids nothing
    assert Agreement.objects.get(pk=signed.pk).status == "signed"
    assert client.post(void, {"reason": "选房面积登记错误"}).status_code == 302
    page = client.get(household).content.decode()
    assert "已作废" in page and "选房面积登记错误" in page and "2020-0001" in page
    assert "保存选择并计算" in page  # the household may choose again
    client.post(household, {"action": "choose", "option": "货币补偿"})
    assert Agreement.objects.filter(entry=entry).values_list("status", flat=True).order_by("id")[::1] == [
        "voided",
        "unsigned",
    ]


def test_a_field_worker_cannot_void_an_agreement(client, renewal):
    entry, signed = _signed(client, renewal)
    client.force_login(renewal.world.jy_worker)
    assert (
        reverse("renewal:agreement_void", args=[signed.pk])
        not in client.get(reverse("renewal:agreement_household", args=[entry.pk])).content.decode()
    )
    page = client.post(reverse("renewal:agreement_void", args=[signed.pk]), {"reason": "错误"}).content.decode()
    assert "只有本单位管理员可以办理" in page and Agreement.objects.get(pk=signed.pk).status == "signed"


def test_the_api_voids_with_the_reason_and_refuses_once_vacated(client, renewal):
    entry, signed = _signed(client, renewal)
    url = f"/api/renewal/agreements/{signed.pk}/void"
    voided = client.post(url, {"reason": "重复签约"}, content_type="application/json").json()
    assert voided["status"] == "voided" and voided["status_label"] == "已作废" and voided["void_reason"] == "重复签约"
    draft = agreement_choose(actor=renewal.world.jy_admin, entry=entry, option="货币补偿")
    client.post(f"/api/renewal/agreements/{draft.pk}/sign", {"on": "2020-09-10"}, content_type="application/json")
    client.post(f"/api/renewal/agreements/{draft.pk}/vacate", {"on": "2020-09-20"}, content_type="application/json")
    refused = client.post(
        f"/api/renewal/agreements/{draft.pk}/void", {"reason": "错误"}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["detail"] == "已腾空的协议不能作废"
    client.force_login(renewal.world.xs_admin)
    assert client.post(url, {"reason": "x"}, content_type="application/json").status_code == 404


def test_vacating_shows_what_it_binds_and_registers_only_on_confirm(client, renewal):
    entry, _ = _signed(client, renewal)
    vacate = reverse("renewal:agreement_step", args=[entry.pk, "vacate"])
    page = client.get(vacate, {"on": "2020-09-25"}).content.decode()
    assert "确认登记腾空" in page and "2020-0001" in page and entry.household.household_no in page
    assert "444,691.50" in page and "含腾空奖励 10,000.00 元" in page and "确认腾空</button>" in page
    client.post(reverse("renewal:agreement_household", args=[entry.pk]), {"action": "vacate", "on": "2020-09-25"})
    client.post(vacate, {"on": "2020-09-25"})  # without the confirm action: the confirmation again
    assert Agreement.objects.get(entry=entry).status == "signed"
    assert client.post(vacate, {"action": "confirm", "on": "2020-09-25"}).status_code == 302
    assert Agreement.objects.get(entry=entry).status == "vacated"


def test_a_step_that_cannot_be_registered_says_why_without_a_button(client, renewal):
    entry, _ = _signed(client, renewal)
    demolish = reverse("renewal:agreement_step", args=[entry.pk, "demolish"])
    page = client.get(demolish, {"on": "2020-09-25"}).content.decode()
    assert "只有已腾空的才能登记拆除" in page and "确认拆除</button>" not in page
    assert client.get(reverse("renewal:agreement_step", args=[entry.pk, "repaint"])).status_code == 404


def test_the_unit_admin_withdraws_demolition_then_vacating_with_reasons(client, renewal):
    entry, _ = _signed(client, renewal)
    for slug, on in (("vacate", "2020-09-25"), ("demolish", "2020-10-08")):
        client.post(reverse("renewal:agreement_step", args=[entry.pk, slug]), {"action": "confirm", "on": on})
    agreement = Agreement.objects.get(entry=entry)
    household = client.get(reverse("renewal:agreement_household", args=[entry.pk])).content.decode()
    assert "撤回拆除" in household and "撤回腾空" not in household
    refused = client.get(reverse("renewal:agreement_step_withdraw", args=[agreement.pk, "vacate"])).content.decode()
    assert "已登记拆除，须先撤回拆除，才能撤回腾空" in refused and "确定撤回</button>" not in refused
    withdraw = reverse("renewal:agreement_step_withdraw", args=[agreement.pk, "demolish"])
    client.post(withdraw, {"reason": ""})  # no reason: nothing withdrawn
    assert Agreement.objects.get(pk=agreement.pk).status == "demolished"
    assert client.post(withdraw, {"reason": "拆除未完成"}).status_code == 302
    assert Agreement.objects.get(pk=agreement.pk).status == "vacated"
    withdraw = reverse("renewal:agreement_step_withdraw", args=[agreement.pk, "vacate"])
    assert client.post(withdraw, {"reason": "登记错户"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.status == "signed" and agreement.amount == Decimal("434691.50")


def test_a_group_leader_may_register_but_not_withdraw(client, renewal):
    entry, _ = _signed(client, renewal)
    client.post(reverse("renewal:agreement_step", args=[entry.pk, "vacate"]), {"action": "confirm", "on": "2020-09-25"})
    agreement = Agreement.objects.get(entry=entry)
    client.force_login(renewal.jy_group_leader)
    household = client.get(reverse("renewal:agreement_household", args=[entry.pk])).content.decode()
    assert "撤回腾空" not in household
    withdraw = reverse("renewal:agreement_step_withdraw", args=[agreement.pk, "vacate"])
    assert client.post(withdraw, {"reason": "错"}).status_code == 403
    assert Agreement.objects.get(pk=agreement.pk).status == "vacated"
