"""What every module's API shares: a service's refusal as a 400 (invalid) or 403 (not allowed) with its message."""

from django.core.exceptions import PermissionDenied, ValidationError
from ninja.errors import HttpError


def refused(run):
    try:
        return run()
    except ValidationError as exc:
        raise HttpError(400, exc.messages[0])
    except PermissionDenied as exc:
        raise HttpError(403, str(exc) or "您的角色无权进行此操作")
