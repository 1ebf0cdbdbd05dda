"""The investment pipeline's stages, from a lead to a project that delivers what it promised (投产达效)."""

from __future__ import annotations

# (code, label) in order; a project moves forward through them (or is dropped, see Project.dropped_on).
STAGES: tuple[tuple[str, str], ...] = (
    ("lead", "线索"),
    ("talks", "洽谈"),
    ("signed", "签约"),
    ("registered", "注册"),
    ("land", "供地"),
    ("started", "开工"),
    ("producing", "投产"),
    ("performing", "达效"),
)
CODES = tuple(code for code, _ in STAGES)
LABELS = dict(STAGES)
INDEX = {code: n for n, code in enumerate(CODES)}


def after(stage: str) -> str | None:
    """The stage that follows `stage`; None after 达效."""
    n = INDEX[stage] + 1
    return CODES[n] if n < len(CODES) else None


def reached(stage: str, of: str) -> bool:
    """Whether a project at `stage` has reached `of` (a signed project has reached 洽谈 and 签约)."""
    return INDEX[stage] >= INDEX[of]
