from django.urls import path

from taizhang.people.views import kpi, methods, results, reviews, targets

urlpatterns = [
    path("cycles/", kpi.cycle_list, name="cycle_list"),
    path("cycles/<int:cycle_id>/", kpi.cycle_detail, name="cycle_detail"),
    path("cycles/<int:cycle_id>/plans/<int:user_id>/", kpi.plan_edit, name="plan_edit"),
    path("cycles/<int:cycle_id>/reviews/<int:user_id>/", reviews.person_reviews, name="person_reviews"),
    path("cycles/<int:cycle_id>/metrics/", kpi.metrics_pull, name="metrics_pull"),
    path("cycles/<int:cycle_id>/assess/", kpi.assess, name="assess"),
    path("cycles/<int:cycle_id>/assess/withdraw/", kpi.assessment_withdraw, name="assessment_withdraw"),
    path("cycles/<int:cycle_id>/results/", results.results, name="results"),
    path("cycles/<int:cycle_id>/lock/", results.lock, name="lock"),
    path("cycles/<int:cycle_id>/mine/", results.my_result, name="my_result"),
    path("results/<int:result_id>/calibrate/", results.calibrate, name="calibrate"),
    path("appeals/<int:appeal_id>/", results.appeal_answer, name="appeal_answer"),
    path("reviews/<int:review_id>/withdraw/", reviews.review_withdraw, name="review_withdraw"),
    path("methods/", methods.method_list, name="method_list"),
    path("cycles/<int:cycle_id>/targets/", targets.target_list, name="target_list"),
]
