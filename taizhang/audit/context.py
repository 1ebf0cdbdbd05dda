"""Where a change comes from: the request's client address, or the command line."""

from contextvars import ContextVar

_source: ContextVar[str] = ContextVar("audit_source", default="命令行")


def current_source() -> str:
    return _source.get()


def set_source(value: str):
    return _source.set(value)


def reset_source(token) -> None:
    _source.reset(token)
