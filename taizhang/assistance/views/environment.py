"""Pages of the living environment (人居环境): the town's overview and purchases; a household's cleanings and furniture."""

from __future__ import annotations

from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from taizhang.assistance import environment
from taizhang.assistance.forms.environment import BatchForm, CleaningForm, DeliveryForm, NeedForm
from taizhang.assistance.models import AssistedHousehold, CleaningRecord, FurnitureNeed, PurchaseBatch
from taizhang.assistance.policies import is_unit_admin_of
from taizhang.assistance.rules import FURNITURE
from taizhang.core import clock
from taizhang.core.models import RecordStatus
from taizhang.core.pages import cleaned, run_action
from taizhang.org.scoping import get_visible_or_404


def environment_index(request: HttpRequest) -> HttpResponse:
    unit_id = request.user.unit_id
    admin = unit_id is not None and is_unit_admin_of(request.user, unit_id)
    open_needs = (
        FurnitureNeed.objects.visible_to(request.user)
        .filter(status=RecordStatus.ACTIVE, batch__isnull=True)
        .select_related("assisted__household")
    )
    form = BatchForm(request.POST or None, needs=open_needs, initial={"day": clock.today()}) if admin else None
    if request.method == "POST" and form is not None:
        done = run_action(
            request,
            {
                "batch": lambda: (
                    environment.batch_create(
                        actor=request.user,
                        unit_id=unit_id,
                        day=cleaned(form)["day"],
                        supplier=form.cleaned_data["supplier"],
                        note=form.cleaned_data["note"],
                        lines=form.lines(),
                        needs=list(form.cleaned_data["needs"]),
                    )
                    and "采购已登记"
                )
            },
            reverse("assistance:environment"),
        )
        if done:
            return done
    rows, spent = environment.balance(request.user)
    cleanings = (
        CleaningRecord.objects.visible_to(request.user)
        .filter(status=RecordStatus.ACTIVE)
        .values("community__name", "rating")
        .annotate(n=Count("id"))
        .order_by("community__name", "rating")
    )
    by_village: dict[str, dict] = {}
    for row in cleanings:
        by_village.setdefault(row["community__name"], {})[row["rating"]] = row["n"]
    return render(
        request,
        "assistance/environment.html",
        {
            "balance": rows,
            "spent": spent,
            "form": form,
            "can_manage": admin,
            "by_village": by_village,
            "undelivered": FurnitureNeed.objects.visible_to(request.user)
            .filter(status=RecordStatus.ACTIVE, delivered_on__isnull=True)
            .select_related("assisted__household", "batch")[:200],
            "batches": PurchaseBatch.objects.visible_to(request.user).prefetch_related("lines")[:50],
            "batch_head": [form[name] for name in ("day", "supplier", "note")] if form else [],
            "batch_lines": [(item, form[f"qty-{item}"], form[f"price-{item}"]) for item in FURNITURE] if form else [],
        },
    )


def household_environment(request: HttpRequest, assisted_id: int) -> HttpResponse:
    assisted = get_visible_or_404(AssistedHousehold.objects.select_related("household"), request.user, pk=assisted_id)
    action = request.POST.get("action")
    bound = request.method == "POST"
    cleaning_form = CleaningForm(
        request.POST if action == "cleaning" else None,
        request.FILES if action == "cleaning" else None,
        initial={"day": clock.today()},
    )
    need_form = NeedForm(request.POST if action == "need" else None)
    delivery_form = DeliveryForm(
        request.POST if action == "delivery" else None,
        request.FILES if action == "delivery" else None,
        initial={"day": clock.today()},
    )
    if bound:

        def deliver():
            need = get_visible_or_404(
                FurnitureNeed.objects.filter(assisted=assisted), request.user, pk=request.POST.get("need") or 0
            )
            data = cleaned(delivery_form)
            environment.delivery_confirm(actor=request.user, need=need, day=data["day"], photo=data["photo"])

        done = run_action(
            request,
            {
                "cleaning": lambda: environment.cleaning_record(
                    actor=request.user, assisted=assisted, **cleaned(cleaning_form)
                ),
                "need": lambda: environment.need_add(actor=request.user, assisted=assisted, **cleaned(need_form)),
                "delivery": deliver,
            },
            reverse("assistance:household_environment", args=[assisted.pk]),
        )
        if done:
            return done
    return render(
        request,
        "assistance/household_environment.html",
        {
            "assisted": assisted,
            "cleaning_form": cleaning_form,
            "need_form": need_form,
            "delivery_form": delivery_form,
            "cleanings": assisted.cleanings.filter(status=RecordStatus.ACTIVE)[:50],
            "needs": assisted.furniture_needs.filter(status=RecordStatus.ACTIVE).select_related("batch"),
        },
    )


def cleaning_photo(request: HttpRequest, cleaning_id: int, which: str) -> FileResponse:
    record = get_visible_or_404(CleaningRecord.objects.all(), request.user, pk=cleaning_id)
    image = {"before": record.before_photo, "after": record.after_photo}.get(which)
    if not image:
        raise Http404("没有这张照片")
    return FileResponse(image.open("rb"), content_type="image/jpeg")


def delivery_photo(request: HttpRequest, need_id: int) -> FileResponse:
    need = get_visible_or_404(FurnitureNeed.objects.all(), request.user, pk=need_id)
    if not need.delivery_photo:
        raise Http404("没有送达照片")
    return FileResponse(need.delivery_photo.open("rb"), content_type="image/jpeg")
