from taizhang.audit.context import reset_source, set_source


def client_ip(request) -> str:
    # Behind the intranet's reverse proxy the client is the first X-Forwarded-For hop.
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    return forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR", "")


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = set_source(client_ip(request))
        try:
            return self.get_response(request)
        finally:
            reset_source(token)
