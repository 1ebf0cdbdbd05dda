"""The award pages' URL keywords for the scoping walk: a round of 新市镇 in 公示 with a nomination and an objection."""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from taizhang.enterprise.models import AwardObjection, AwardRound, Nomination


def award_round_id(world):
    today = date.today()
    found, _ = AwardRound.objects.get_or_create(
        unit=world.xinshi,
        year=1999,
        defaults={
            "title": "扫描测试评选",
            "criteria": [["税收贡献", 100]],
            "tiers": [["一等奖", 1, 1]],
            "nominations_until": today,
            "status": AwardRound.Status.PUBLICITY,
            "publicity_from": today,
            "publicity_until": today + timedelta(days=5),
        },
    )
    return found.pk


def nomination_id(world):
    from tests.enterprise import scoping  # it merges these factories

    rnd = AwardRound.objects.get(pk=award_round_id(world))
    found, _ = Nomination.objects.get_or_create(
        unit=world.xinshi,
        round=rnd,
        enterprise_id=scoping.enterprise_id(world),
        defaults={
            "entrepreneur": "扫描",
            "post": "董事长",
            "nominated_by": "测试",
            "amount": 1,
            "rank": 1,
            "tier": "一等奖",
            "material": ContentFile(b"%PDF-1.4 scan", name="推荐表.pdf"),
        },
    )
    return found.pk


def award_objection_id(world):
    nomination = Nomination.objects.get(pk=nomination_id(world))
    found = AwardObjection.objects.filter(round_id=nomination.round_id).first()
    if found is None:
        found = AwardObjection.objects.create(
            unit=world.xinshi,
            round_id=nomination.round_id,
            filed_by=world.xs_admin,
            text="扫描",
            created_at=timezone.now(),
        )
    return found.pk


FACTORIES = {"award_round_id": award_round_id, "nomination_id": nomination_id, "award_objection_id": award_objection_id}
