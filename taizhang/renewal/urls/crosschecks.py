from django.urls import path

from taizhang.renewal.views import crosschecks

urlpatterns = [
    path("projects/<int:project_id>/crosscheck/", crosschecks.crosscheck, name="crosscheck"),
    path("crosschecks/<int:run_id>/", crosschecks.crosscheck_run, name="crosscheck_run"),
    path("crosschecks/<int:run_id>/withdraw/", crosschecks.crosscheck_withdraw, name="crosscheck_withdraw"),
    path("crosschecks/<int:run_id>/details.xlsx", crosschecks.crosscheck_details, name="crosscheck_details"),
    path("crosscheck-tasks/<int:crosscheck_task_id>/", crosschecks.crosscheck_task, name="crosscheck_task"),
]
