from taizhang.audit.context import reset_source, set_source
from taizhang.core.http import client_address


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_source(client_address(request))
        try:
            return self.get_response(request)
        finally:
            reset_source(token)
