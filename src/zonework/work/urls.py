from django.urls import path

from zonework.work.views import assessments, board, instructions, plans, stats, tasks, units

app_name = "work"

urlpatterns = [
    path("", board.board, name="board"),
    path("tasks/", board.board, name="task_list"),
    path("tasks/add/", tasks.TaskEditView.as_view(), name="task_add"),
    path("tasks/<int:pk>/", tasks.task_detail, name="task_detail"),
    path("tasks/<int:pk>/edit/", tasks.TaskEditView.as_view(), name="task_edit"),
    path("tasks/<int:pk>/delete/", tasks.TaskDeleteView.as_view(), name="task_delete"),
    path("tasks/<int:pk>/<slug:verb>/", tasks.task_action, name="task_action"),
    path("reports/<int:pk>/attachment/", tasks.report_attachment, name="report_attachment"),
    path("plans/", plans.PlanListView.as_view(), name="plan_list"),
    path("plans/add/", plans.PlanEditView.as_view(), name="plan_add"),
    path("plans/<int:pk>/", plans.PlanEditView.as_view(), name="plan_edit"),
    path("plans/<int:pk>/delete/", plans.PlanDeleteView.as_view(), name="plan_delete"),
    path("plans/<int:pk>/import/", board.plan_import, name="plan_import"),
    path("plans/<int:pk>/assign/", board.plan_assign, name="plan_assign"),
    path("plans/<int:pk>/bulk/", board.plan_bulk, name="plan_bulk"),
    path("instructions/", instructions.instruction_subject, name="instruction_subject"),
    path("instructions/<int:pk>/", instructions.instruction_detail, name="instruction_detail"),
    path("instructions/<int:pk>/reply/", instructions.instruction_reply, name="instruction_reply"),
    path("unit/", units.unit_page, name="unit"),
    path("unit/<int:pk>/", units.unit_page, name="unit_detail"),
    path("statistics/", stats.statistics, name="statistics"),
    path("assessments/", assessments.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/add/", assessments.AssessmentEditView.as_view(), name="assessment_add"),
    path("assessments/<int:pk>/", assessments.assessment_detail, name="assessment_detail"),
    path("assessments/<int:pk>/edit/", assessments.AssessmentEditView.as_view(), name="assessment_edit"),
    path("assessments/<int:pk>/delete/", assessments.AssessmentDeleteView.as_view(), name="assessment_delete"),
    path("assessments/<int:pk>/recompute/", assessments.assessment_recompute, name="assessment_recompute"),
]
