from django.core.exceptions import PermissionDenied
from django.http import JsonResponse

from taizhang.core.manifest import modules
from taizhang.org.modules import enabled_keys


class ModuleGateMiddleware:
    """A module's pages (/<key>/) and API (/api/<key>/) answer 403 to users whose unit has not enabled it.

    Anonymous requests pass on to the login redirect (pages) or the API's 401."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        spec = self._module_of(request.path_info)
        if spec is not None and request.user.is_authenticated and spec.key not in enabled_keys(request.user):
            message = f"本单位未启用“{spec.name}”模块。如需使用，请联系区级管理员启用。"
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": message}, status=403)
            raise PermissionDenied(message)
        return self.get_response(request)

    @staticmethod
    def _module_of(path: str):
        parts = path.split("/")
        key = parts[2] if len(parts) > 2 and parts[1] == "api" else parts[1] if len(parts) > 1 else ""
        return next((spec for spec in modules() if spec.key == key), None)
