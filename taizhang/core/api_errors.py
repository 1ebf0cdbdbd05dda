"""The one place where a service's refusal becomes an API response: ValidationError → 400, PermissionDenied → 403,
each with its Chinese message. Endpoints call services and never catch refusals themselves."""

from django.core.exceptions import PermissionDenied, ValidationError


def install_refusal_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        return api.create_response(request, {"detail": exc.messages[0]}, status=400)

    @api.exception_handler(PermissionDenied)
    def not_allowed(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "您的角色无权进行此操作"}, status=403)
