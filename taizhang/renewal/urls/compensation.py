from django.urls import path

from taizhang.renewal.views import compensation as views

urlpatterns = [
    path("projects/<int:project_id>/policies/", views.policy_list, name="policy_list"),
    path("projects/<int:project_id>/policies/new/", views.policy_new, name="policy_new"),
    path("policies/<int:policy_id>/edit/", views.policy_edit, name="policy_edit"),
    path("policies/<int:policy_id>/preview/", views.policy_preview, name="policy_preview"),
    path("policies/<int:policy_id>/", views.policy_published, name="policy_published"),
    path("households/<int:entry_id>/compensation/", views.compensation_household, name="compensation_household"),
    path("projects/<int:project_id>/agreements/", views.agreement_list, name="agreement_list"),
    path("households/<int:entry_id>/agreement/", views.agreement_household, name="agreement_household"),
    path("households/<int:entry_id>/agreement/sign/", views.agreement_sign, name="agreement_sign"),
    path("households/<int:entry_id>/agreement/<slug:step>/", views.agreement_step, name="agreement_step"),
    path(
        "agreements/<int:agreement_id>/<slug:step>/withdraw/",
        views.agreement_step_withdraw,
        name="agreement_step_withdraw",
    ),
    path("agreements/<int:agreement_id>/pdf/", views.agreement_pdf, name="agreement_pdf"),
    path("agreements/<int:agreement_id>/void/", views.agreement_void, name="agreement_void"),
]
