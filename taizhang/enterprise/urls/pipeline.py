from django.urls import path

from taizhang.enterprise.views import funnel, pipeline, pipeline_setup

urlpatterns = [
    path("projects/", pipeline.project_list, name="project_list"),
    path("projects/new/", pipeline.project_new, name="project_new"),
    path("projects/funnel/", funnel.funnel_page, name="project_funnel"),
    path("projects/<int:pipeline_project_id>/", pipeline.project_detail, name="project_detail"),
    path("projects/<int:pipeline_project_id>/edit/", pipeline.project_edit, name="project_edit"),
    path("projects/<int:pipeline_project_id>/move/", pipeline.stage_move, name="stage_move"),
    path("projects/<int:pipeline_project_id>/move/withdraw/", pipeline.stage_withdraw, name="stage_withdraw"),
    path("projects/<int:pipeline_project_id>/drop/", pipeline.project_drop, name="project_drop"),
    path("projects/<int:pipeline_project_id>/drop/withdraw/", pipeline.drop_withdraw, name="drop_withdraw"),
    path("projects/<int:pipeline_project_id>/follow-ups/new/", pipeline.follow_up_add, name="follow_up_add"),
    path("projects/<int:pipeline_project_id>/credits/", pipeline.credits_edit, name="credits_edit"),
    path("stage-events/<int:stage_event_id>/evidence/", pipeline.stage_evidence, name="stage_evidence"),
    path("stations/", pipeline_setup.station_list, name="station_list"),
    path("stations/new/", pipeline_setup.station_edit, name="station_new"),
    path("stations/<int:station_id>/edit/", pipeline_setup.station_edit, name="station_edit"),
    path("stage-norms/", pipeline_setup.norm_edit, name="norm_edit"),
]
