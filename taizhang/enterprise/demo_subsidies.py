"""The demo's subsidies for 济北开发区: the three example policy sets (科技创新十条, 人才驱动十条, 工业经济发展17条), last
year's budget and city subsidies for some 四新 enterprises, last year's 免申即享 grants in every state (proposed,
reviewed, approved, paid, withdrawn) and one clawback due. Reads the registry's enterprises, parks and chains; creates
none. Idempotent: what exists already is left as it is."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.db import transaction

from taizhang.enterprise import selectors_subsidies, subsidies
from taizhang.enterprise.models import Chain, CitySubsidy, Enterprise, Grant, Policy, SubsidyBudget

CITY_ITEMS = ["市级技术改造补助", "市级新产品研发补助", "市级数字化转型奖励", "市级品牌建设奖励"]


def _c(field: str, op: str, value) -> dict:
    return {"field": field, "op": op, "value": str(value)}


def _fixed(amount) -> dict:
    return {"kind": "fixed", "amount": str(amount)}


def _rate(of: str, rate, cap="") -> dict:
    return {"kind": "rate", "of": of, "rate": str(rate), "cap": str(cap)}


def policy_sets(chains: list[str]) -> list[tuple[str, int, str, list[tuple]]]:
    """(name, first year, note, [(code, title, conditions, formula, clawback years)])."""
    chain_condition = [_c("chain", "in", "、".join(chains[:2]))] if chains else [_c("tag_above_scale", "=", "是")]
    tech = [
        (
            "第一条",
            "高新技术企业奖励",
            [_c("tag_high_tech", "=", "是"), _c("prev_rd_intensity", ">=", 3)],
            _fixed(200000),
            3,
        ),
        ("第二条", "研发投入奖励", [_c("prev_rd", ">=", 500)], _rate("prev_rd", 10, 1000000), 3),
        (
            "第三条",
            "研发投入强度奖励",
            [_c("tag_above_scale", "=", "是"), _c("rd_intensity", ">=", 5)],
            _fixed(100000),
            None,
        ),
        ("第四条", "专精特新企业奖励", [_c("tag_specialized", "=", "是")], _fixed(300000), 3),
        ("第五条", "四新企业市级补贴配套", [_c("four_new", "=", "是")], {"kind": "topup", "rate": "30"}, None),
        (
            "第六条",
            "研发投入分档奖励",
            [_c("rd", ">=", 1000)],
            {
                "kind": "tiers",
                "of": "rd",
                "tiers": [{"from": "1000", "amount": "200000"}, {"from": "3000", "amount": "500000"}],
            },
            None,
        ),
        (
            "第七条",
            "新技术企业创新券",
            [_c("tag_new_technology", "=", "是"), _c("revenue", "<=", 5000)],
            _fixed(50000),
            None,
        ),
        ("第八条", "科技型中小企业奖励", [_c("rd_intensity", ">=", 3), _c("revenue", "<", 20000)], _fixed(30000), None),
    ]
    talent = [
        (
            "第一条",
            "新入园高企人才引进补贴",
            [_c("tag_high_tech", "=", "是"), _c("years_settled", "<=", 3)],
            _fixed(100000),
            3,
        ),
        ("第二条", "研发人员薪酬补贴", [_c("rd", ">=", 200)], _rate("rd", 2, 200000), None),
        (
            "第三条",
            "专精特新企业人才奖励",
            [_c("tag_specialized", "=", "是"), _c("revenue_growth", ">=", 10)],
            _fixed(150000),
            None,
        ),
        ("第四条", "重点产业链人才公寓补贴", chain_condition, _fixed(60000), None),
        (
            "第五条",
            "四新企业青年人才补贴",
            [_c("four_new", "=", "是"), _c("years_settled", "<=", 5)],
            _fixed(40000),
            None,
        ),
        (
            "第六条",
            "规上企业技能人才培训补贴",
            [_c("tag_above_scale", "=", "是")],
            _rate("revenue", Decimal("0.05"), 100000),
            None,
        ),
        (
            "第七条",
            "高成长企业团队奖励",
            [_c("revenue_growth", ">=", 30), _c("revenue", ">=", 5000)],
            _fixed(200000),
            2,
        ),
        ("第八条", "博士后工作站建站补贴", [_c("tag_high_tech", "=", "是"), _c("rd", ">=", 2000)], _fixed(500000), 5),
    ]
    industry = [
        (
            "第三条",
            "首次纳入规上企业奖励",
            [_c("tag_above_scale", "=", "是"), _c("prev_revenue", "<", 2000), _c("revenue", ">=", 2000)],
            _fixed(100000),
            None,
        ),
        (
            "第五条",
            "亩均税收领跑奖励",
            [_c("tax_per_mu", ">=", 30)],
            {
                "kind": "tiers",
                "of": "tax_per_mu",
                "tiers": [
                    {"from": "30", "amount": "100000"},
                    {"from": "50", "amount": "200000"},
                    {"from": "80", "amount": "300000"},
                ],
            },
            3,
        ),
        (
            "第六条",
            "营业收入增长奖励",
            [_c("tag_above_scale", "=", "是"), _c("revenue_growth", ">=", 20)],
            _rate("tax", 5, 500000),
            3,
        ),
        ("第七条", "产值突破5亿元奖励", [_c("output", ">=", 50000)], _fixed(500000), 5),
        (
            "第八条",
            "营收过亿稳增长奖励",
            [_c("revenue", ">=", 10000), _c("revenue_growth", ">=", 10)],
            _fixed(200000),
            3,
        ),
        ("第十条", "新入园企业落户奖励", [_c("years_settled", "<=", 1)], _fixed(100000), 5),
        ("第十二条", "技术改造投入奖励", [_c("output", ">=", 20000), _c("rd", ">=", 300)], _rate("rd", 5, 300000), 3),
        (
            "第十五条",
            "专精特新规上企业奖励",
            [_c("tag_specialized", "=", "是"), _c("tag_above_scale", "=", "是")],
            _fixed(150000),
            None,
        ),
    ]
    return [
        ("科技创新十条", 2020, "济阳区科技创新十条（示例条款，以正式文件为准）", tech),
        ("人才驱动十条", 2020, "济阳区人才驱动十条（示例条款，以正式文件为准）", talent),
        ("工业经济发展17条", 2020, "济阳区工业经济发展17条（示例条款，以正式文件为准）", industry),
    ]


def create_policies(unit, sets: list[tuple]) -> int:
    """The policy sets not yet in the unit, with their clauses (through the services); the clauses created."""
    created = 0
    for name, first_year, note, clauses in sets:
        if Policy.objects.filter(unit=unit, name=name).exists():
            continue
        policy = subsidies.policy_save(
            actor=None, unit=unit, name=name, first_year=first_year, last_year=None, note=note
        )
        for code, title, conditions, formula, clawback in clauses:
            subsidies.clause_save(
                actor=None,
                policy=policy,
                code=code,
                title=title,
                conditions=conditions,
                formula=formula,
                clawback_years=clawback,
            )
            created += 1
    return created


def _city_subsidies(unit, year: int, rng: random.Random) -> None:
    if CitySubsidy.objects.filter(unit=unit, year=year).exists():
        return
    four_new = [e for e in Enterprise.objects.filter(unit=unit, status=Enterprise.Status.ACTIVE) if e.is_four_new]
    for enterprise in four_new[:15]:
        for item in rng.sample(CITY_ITEMS, rng.choice([1, 1, 2])):
            amount = Decimal(rng.randrange(2_000_000, 60_000_000)) / 100  # 2 万 to 60 万 元, to the fen
            CitySubsidy.objects.create(unit=unit, enterprise=enterprise, year=year, item=item, amount=amount)


def _grants(unit, year: int, today, rng: random.Random) -> None:
    if Grant.objects.filter(unit=unit, year=year).exists():
        return
    offers = selectors_subsidies.offers(unit.pk, year)
    if not offers:
        return
    picked = rng.sample(offers, min(len(offers), 40))
    made = subsidies.grants_create(
        actor=None, unit=unit, year=year, picks=[(o.enterprise_id, o.clause.pk) for o in picked]
    )
    # Fates in turn: most paid, some approved, reviewed, left proposed, one withdrawn.
    fates = ["paid", "paid", "paid", "approved", "reviewed", "proposed", "paid", "approved", "paid", "reviewed"]
    fate_of = {grant.pk: fates[n % len(fates)] for n, grant in enumerate(made)}
    fate_of[made[-1].pk] = "withdrawn" if len(made) > 1 else fate_of[made[-1].pk]
    carried = sum((g.amount for g in made if fate_of[g.pk] in ("paid", "approved")), Decimal(0))
    budget = max(Decimal(10_000_000), (carried * Decimal("1.2") / 10000).quantize(Decimal(1)) * 10000)
    if not SubsidyBudget.objects.filter(unit=unit, year=year).exists():
        subsidies.budget_set(actor=None, unit=unit, year=year, amount=budget)
    for n, grant in enumerate(made):
        fate = fate_of[grant.pk]
        if fate == "withdrawn":
            subsidies.grant_withdraw(actor=None, grant=grant, reason="企业账户信息有误，核实后重新办理")
            continue
        if fate == "proposed":
            continue
        grant = subsidies.grant_review(actor=None, grant=grant)
        if fate == "reviewed":
            continue
        grant = subsidies.grant_approve(actor=None, grant=grant)
        if fate == "paid":
            paid_on = today - timedelta(days=30 + n)
            subsidies.grant_pay(actor=None, grant=grant, paid_on=paid_on, voucher=f"记-{year + 1}-{n + 1:03d}")
    _one_clawback(unit, today)


def _one_clawback(unit, today) -> None:
    """An enterprise paid under a clause with a clawback moves out of the zone afterwards: the clawback the yearly
    check finds. (The registry's status is set directly: the demo tells a story the registry's pages would record.)"""
    grant = (
        Grant.objects.filter(unit=unit, state=Grant.State.PAID, clause__clawback_years__isnull=False)
        .order_by("paid_on", "id")
        .first()
    )
    if grant is None:
        return
    left_on = grant.paid_on + timedelta(days=20)
    Enterprise.objects.filter(pk=grant.enterprise_id).update(status=Enterprise.Status.LEFT, left_on=min(left_on, today))


@transaction.atomic
def build(*, unit, seed: int, today) -> None:
    rng = random.Random(seed * 7919 + 12)
    year = today.year - 1
    create_policies(unit, policy_sets(list(Chain.objects.filter(unit=unit).values_list("name", flat=True))))
    _city_subsidies(unit, year, rng)
    _grants(unit, year, today, rng)
