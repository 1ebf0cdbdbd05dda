from django.urls import path

from taizhang.enterprise.views import awards

urlpatterns = [
    path("awards/", awards.round_list, name="award_round_list"),
    path("awards/new/", awards.round_create, name="award_round_create"),
    path("awards/<int:award_round_id>/", awards.round_detail, name="award_round_detail"),
    path("awards/<int:award_round_id>/edit/", awards.round_edit, name="award_round_edit"),
    path("awards/<int:award_round_id>/nominate/", awards.nomination_create, name="award_nomination_create"),
    path("awards/<int:award_round_id>/scoring/", awards.scoring_start, name="award_scoring_start"),
    path("awards/<int:award_round_id>/scores/", awards.scores, name="award_scores"),
    path("awards/<int:award_round_id>/allocation/", awards.allocation, name="award_allocation"),
    path(
        "awards/<int:award_round_id>/allocation/withdraw/",
        awards.allocation_withdraw,
        name="award_allocation_withdraw",
    ),
    path("awards/<int:award_round_id>/publicity/", awards.publicity, name="award_publicity"),
    path("awards/<int:award_round_id>/publicity.pdf", awards.publicity_pdf, name="award_publicity_pdf"),
    path("awards/<int:award_round_id>/confirm/", awards.round_confirm, name="award_round_confirm"),
    path("awards/<int:award_round_id>/paid/", awards.payments_pay, name="award_payments_pay"),
    path(
        "award-nominations/<int:nomination_id>/withdraw/", awards.nomination_withdraw, name="award_nomination_withdraw"
    ),
    path(
        "award-nominations/<int:nomination_id>/material/", awards.nomination_material, name="award_nomination_material"
    ),
    path("award-objections/<int:award_objection_id>/answer/", awards.objection_answer, name="award_objection_answer"),
]
