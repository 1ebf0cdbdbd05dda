"""The one place where a service's refusal becomes an API response: ValidationError → 400 (every reason, joined in
`detail` and listed in `reasons`), PermissionDenied → 403, each with its Chinese message. Endpoints call services and
never catch refusals themselves. `document_refusals` writes these answers into the OpenAPI schema, so that a client
(and schemathesis, tests/api/test_fuzz.py) knows every status an operation may give."""

from django.core.exceptions import PermissionDenied, ValidationError


def install_refusal_handlers(api) -> None:
    @api.exception_handler(ValidationError)
    def invalid(request, exc: ValidationError):
        # A refusal with several reasons (a policy's errors, signing's failed checks) gives them all.
        return api.create_response(request, {"detail": "；".join(exc.messages), "reasons": exc.messages}, status=400)

    @api.exception_handler(PermissionDenied)
    def not_allowed(request, exc: PermissionDenied):
        return api.create_response(request, {"detail": str(exc) or "您的角色无权进行此操作"}, status=403)


_DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}
REFUSAL_SCHEMAS = {
    "Refusal": {
        "type": "object",
        "properties": {"detail": {"type": "string"}, "reasons": {"type": "array", "items": {"type": "string"}}},
        "required": ["detail"],
    },
    "Error": _DETAIL,
    "InvalidRequest": {
        "type": "object",
        "properties": {"detail": {"type": "array", "items": {"type": "object"}}},
        "required": ["detail"],
    },
}
REFUSALS = {
    "400": ("服务拒绝：原因在 detail（全部原因在 reasons）", "Refusal"),
    "401": ("未登录或会话已过期", "Error"),
    "403": ("角色无权进行此操作，或本单位未启用该模块", "Error"),
    "404": ("不存在，或不在您的管辖范围内", "Error"),
    "422": ("请求的参数或内容不符合格式（逐项列出）", "InvalidRequest"),
}


def document_refusals(schema: dict) -> dict:
    """Every operation may be refused (400/403), be asked without a login (401), name something out of the user's
    scope (404) or be sent malformed data (422): each answer's body, as the handlers above and django-ninja give it."""
    schema.setdefault("components", {}).setdefault("schemas", {}).update(REFUSAL_SCHEMAS)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for status, (description, name) in REFUSALS.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}},
                    },
                )
    return schema
