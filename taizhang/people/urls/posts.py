from django.urls import path

from taizhang.people.views import contracts, posts

urlpatterns = [
    path("posts/", posts.post_list, name="post_list"),
    path("posts/new/", posts.post_create, name="post_create"),
    path("posts/<int:post_id>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:post_id>/toggle/", posts.post_toggle, name="post_toggle"),
    path("vacancies/", posts.vacancy_list, name="vacancy_list"),
    path("contracts/", contracts.contract_list, name="contract_list"),
    path("contracts/new/", contracts.contract_create, name="contract_create"),
    path("contracts/<int:contract_id>/", contracts.contract_detail, name="contract_detail"),
    path("contracts/<int:contract_id>/renew/", contracts.contract_renew, name="contract_renew"),
    path("contracts/<int:contract_id>/end/", contracts.contract_end, name="contract_end"),
    path("contracts/<int:contract_id>/end/withdraw/", contracts.contract_end_withdraw, name="contract_end_withdraw"),
]
