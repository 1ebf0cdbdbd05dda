"""The module's home: the unit's posts, contracts and cycles at a glance for the committee; one's own for staff."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from taizhang.core import clock
from taizhang.people import policies, selectors


def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "everyone": policies.reads_everyone(user),
        "manages": policies.can_manage(user),
        "my_contracts": selectors.my_contracts(user)[:5],
        "my_results": selectors.my_results(user)[:8],
    }
    if context["everyone"]:
        context["overview"] = selectors.overview(user, today=clock.today())
    return render(request, "people/home.html", context)
