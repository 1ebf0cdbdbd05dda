"""A person's 360° reviews in a cycle: ratings entered for them, withdrawn with a reason, and the single-use links
sent to the enterprises they serve."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from taizhang.core.pages import refusal, void_page
from taizhang.people import reviews, selectors_kpi
from taizhang.people.forms_kpi import InvitationForm, ReviewForm


def person_reviews(request: HttpRequest, cycle_id: int, user_id: int) -> HttpResponse:
    cycle = selectors_kpi.managed_cycle_or_404(request.user, cycle_id)
    person = selectors_kpi.user_in_unit_or_404(cycle, user_id)
    action = request.POST.get("action") if request.method == "POST" else None
    review_form = ReviewForm(request.POST if action == "review" else None)
    invite_form = InvitationForm(request.POST if action == "invite" else None)
    if action:
        form = review_form if action == "review" else invite_form
        if form.is_valid():
            try:
                if action == "review":
                    reviews.reviews_write(actor=request.user, cycle=cycle, reviews=[review_form.review(person.pk)])
                    message = "已录入评议"
                else:
                    reviews.invitation_create(
                        actor=request.user,
                        cycle=cycle,
                        subject=person,
                        enterprise=invite_form.cleaned_data["enterprise"],
                    )
                    message = "已生成评价链接，请复制发给该企业"
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(None, refusal(exc))
            else:
                messages.success(request, message)
                return redirect("people:person_reviews", cycle.pk, person.pk)
    invitations = [
        (invitation, request.build_absolute_uri(reverse("people_public:rate", args=[invitation.token])))
        for invitation in selectors_kpi.invitations(cycle).filter(subject=person)
    ]
    return render(
        request,
        "people/kpi_reviews.html",
        {
            "cycle": cycle,
            "person": person,
            "reviews": selectors_kpi.reviews_of(cycle, person.pk),
            "summary": selectors_kpi.review_summary(cycle, person.pk),
            "review_form": review_form,
            "invite_form": invite_form,
            "invitations": invitations,
        },
        status=400 if review_form.errors or invite_form.errors else 200,
    )


def review_withdraw(request: HttpRequest, review_id: int) -> HttpResponse:
    review = selectors_kpi.review_or_404(request.user, review_id)
    selectors_kpi.managed_cycle_or_404(request.user, review.cycle_id)
    return void_page(
        request,
        title="撤回评议",
        void=lambda reason: reviews.review_withdraw(actor=request.user, review=review, reason=reason),
        done_message="已撤回评议",
        done_url=reverse("people:person_reviews", args=[review.cycle_id, review.subject_id]),
    )
