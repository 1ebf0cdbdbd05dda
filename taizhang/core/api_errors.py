"""The one place where a service's refusal becomes an API response: ValidationError → 400 (every reason, joined in
`detail` and listed in `reasons`), PermissionDenied → 403, each with its Chinese message. Endpoints call services and
never catch refusals themselves."""

from django.core.exceptions import PermissionDenied, ValidationError


def install_refusal_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        # A refusal with several reasons (a policy's errors, signing's failed checks) gives them all.
        return api.create_response(request, {"detail": "；".join(exc.messages), "reasons": exc.messages}, status=400)

    @api.exception_handler(PermissionDenied)
    def not_allowed(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "您的角色无权进行此操作"}, status=403)
