"""What the pages of every module share: a service's refusal as a message, the void page, forms with several
actions on one page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from taizhang.core.forms import ReasonForm


def refusal(exc: ValidationError | PermissionDenied) -> str:
    """The Chinese message of a service's refusal."""
    return exc.messages[0] if isinstance(exc, ValidationError) else str(exc)


def void_page(
    request: HttpRequest,
    *,
    title: str,
    void,
    done_message: str,
    done_url: str,
    template: str = "core/reason_form.html",
    context: dict | None = None,
) -> HttpResponse:
    """The reason form that voids a record (never deletes it), or withdraws a step; a module's `template` may show
    what it undoes around the form (`context`)."""
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            void(form.cleaned_data["reason"])
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, refusal(exc))
        else:
            messages.success(request, done_message)
            return redirect(done_url)
    return render(request, template, {**(context or {}), "form": form, "title": title})


def cleaned(form) -> dict:
    """A bound form's data, or the refusal that sends the user back to the page with its errors."""
    if not form.is_valid():
        raise ValidationError("请检查填写的内容")
    return form.cleaned_data


def run_action(request: HttpRequest, handlers: dict, done_url: str) -> HttpResponse | None:
    """A page with several forms posts its `action`; run that handler (a returned str is the success message).
    A refusal becomes an error message on the page; success redirects to `done_url`."""
    handler = handlers.get(request.POST.get("action"))
    try:
        if handler is None:
            raise ValidationError("请检查填写的内容")
        message = handler()
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, refusal(exc))
        return None
    messages.success(request, message if isinstance(message, str) else "已保存")
    return redirect(done_url)
