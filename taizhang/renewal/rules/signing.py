"""Whether a household may sign its agreement (签约) on a day: signing cannot be undone in one click, so every
check that could still change the amount must have passed — measured, 已界定, and its 公示 settled."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

NOT_MEASURED = "该户的院落尚未测量，不能签约"
NOT_DETERMINED = "该户人口尚未界定完成（仍有待定人员或未界定），不能签约"
OPEN_OBJECTION = "有未答复的异议"
OUTDATED_PUBLICITY = "公示后人口界定有变更，须重新公示"


@dataclass(frozen=True)
class SigningCheck:
    label: str
    reason: str  # empty when the check passes

    @property
    def passed(self) -> bool:
        return not self.reason


def signing_checks(
    *,
    measured: bool,
    determined: bool,
    window_ends_on: date | None,
    open_objections: int,
    signed_on: date,
    outdated: bool = False,
) -> list[SigningCheck]:
    """Each check with the reason it fails. `window_ends_on` is the last day of the latest 公示 the household was
    posted in that had started by `signed_on` (None when it was never posted): signing on or before that day would
    settle a result residents may still object to. `outdated`: a determination changed after that posting, so the
    residents never saw the result the amount is based on."""
    window_open = window_ends_on is not None and signed_on <= window_ends_on
    return [
        SigningCheck("已测量", "" if measured else NOT_MEASURED),
        SigningCheck("已界定", "" if determined else NOT_DETERMINED),
        SigningCheck("公示期已满", f"公示期未满（至{window_ends_on:%Y-%m-%d}）" if window_open else ""),
        SigningCheck("无未答复的异议", OPEN_OBJECTION if open_objections else ""),
        SigningCheck("公示为最新界定结果", OUTDATED_PUBLICITY if outdated else ""),
    ]


def signing_refusals(**facts) -> list[str]:
    """The reasons the household may not sign on `signed_on` (the keywords of `signing_checks`); empty when it may."""
    return [c.reason for c in signing_checks(**facts) if c.reason]
