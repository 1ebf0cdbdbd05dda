from django.urls import path

from taizhang.people.views import rounds

urlpatterns = [
    path("rounds/", rounds.round_list, name="round_list"),
    path("rounds/new/", rounds.round_create, name="round_create"),
    path("rounds/<int:round_id>/", rounds.round_detail, name="round_detail"),
    path("rounds/<int:round_id>/publish/", rounds.round_publish, name="round_publish"),
    path("rounds/<int:round_id>/apply/", rounds.round_apply, name="round_apply"),
    path("rounds/<int:round_id>/scores/", rounds.round_scores, name="round_scores"),
    path("rounds/<int:round_id>/propose/", rounds.round_propose, name="round_propose"),
    path("rounds/<int:round_id>/publicity/withdraw/", rounds.publicity_withdraw, name="round_publicity_withdraw"),
    path("rounds/<int:round_id>/objections/new/", rounds.objection_create, name="round_objection_create"),
    path("rounds/<int:round_id>/confirm/", rounds.round_confirm, name="round_confirm"),
    path("round-objections/<int:round_objection_id>/answer/", rounds.objection_answer, name="round_objection_answer"),
]
