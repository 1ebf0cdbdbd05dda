"""What a unit needs before its first use of the module, run when it enables it (the manifest's `on_enable`)."""

from datetime import date

from taizhang.people.methods import methods_ensure
from taizhang.people.models import EliminationRuleSet
from taizhang.people.rules.elimination import DEFAULT_RULES, rules_to_json

SINCE_EVER = date(2000, 1, 1)


def on_enable(unit_id: int) -> None:
    """The default scoring methods, and the default elimination rules (不合格 → 待岗培训; 不合格 twice in four cycles,
    or 基本合格 three in a row → 解聘/不续聘) if the unit has none."""
    methods_ensure(unit_id)
    if not EliminationRuleSet.objects.filter(unit_id=unit_id).exists():
        EliminationRuleSet.objects.create(
            unit_id=unit_id, effective_from=SINCE_EVER, rules=rules_to_json(DEFAULT_RULES), reason="默认规则"
        )
