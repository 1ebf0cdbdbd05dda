"""Check-in codes: eight characters a steward can read off a phone and type on theirs, without the letters and
digits people confuse (0/O, 1/I/L, 2/Z, 5/S, 8/B), grouped 4-4 when shown."""

import secrets

ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY"
LENGTH = 8


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(typed: str) -> str:
    """What a steward typed, as stored: upper case, without spaces or dashes."""
    return "".join(ch for ch in typed.upper() if not ch.isspace() and ch not in "-_")


def is_well_formed(code: str) -> bool:
    return len(code) == LENGTH and all(ch in ALPHABET for ch in code)


def shown(code: str) -> str:
    """ABCD-EFGH: how a code is printed and read out."""
    return f"{code[:4]}-{code[4:]}" if len(code) == LENGTH else code
