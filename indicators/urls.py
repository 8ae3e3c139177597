"""Every page and endpoint that shows what happened and how it is judged, as named lists that perf_targets.urls
mounts, each under its namespace (`include((patterns, namespace))`)."""
from django.urls import include, path, re_path, register_converter
from drf_spectacular.views import SpectacularSwaggerView

from core.converters import YearConverter
from indicators.api import monitoring as api_monitoring
from indicators.api import (
    views_adjustments,
    views_drafts,
    views_evidence,
    views_indicators,
    views_ledger,
    views_projects,
    views_review,
    views_summary,
    views_target_review,
    views_year_end,
)
from indicators.api.errors import not_found
from indicators.api.schema_view import SchemaView
from indicators.views import (
    bureau,
    dashboard,
    drafts,
    entry,
    evidence,
    exports,
    history,
    jobs,
    monitoring,
    projects,
    reports,
    results_upload,
    review,
    rules_page,
    self_evaluation,
    spot_checks,
    target_review,
    uploads,
)
from projects.urls import ADJUSTMENT
from projects.views import classes, table_upload

register_converter(YearConverter, "year")

# Both addresses show the same page; `dashboard` (the home page) is the name the navigation uses.
dashboard_patterns = [
    path("", dashboard.dashboard_page, name="dashboard"),
    path("dashboard/", dashboard.dashboard_page, name="dashboard-page"),
]

rules_patterns = [
    path("", rules_page.rules_index, name="index"),
    path("<year:year>/", rules_page.rules_page, name="page"),
]

bureau_patterns = [
    path("", bureau.bureau_page, name="page"),
    path("spot-checks/", spot_checks.spot_check_page, name="spot-checks"),
    path("spot-checks/<int:project_id>/note/", spot_checks.spot_check_note, name="spot-check-note"),
    path("jobs/", jobs.job_list, name="jobs"),
    path("jobs/start/", jobs.start_job, name="job-start"),
    path("jobs/<int:pk>/", jobs.job_page, name="job"),
    path("jobs/<int:pk>/progress.json", jobs.job_progress, name="job-progress"),
    path("jobs/<int:pk>/download/", jobs.job_download, name="job-download"),
]

project_patterns = [
    path("", projects.project_list, name="list"),
    path("<int:pk>/", projects.project_detail, name="detail"),
    path("<int:pk>/confirm-classes/", classes.confirm_project_classes, name="confirm-classes"),
    path("upload/", table_upload.upload_table, name="upload"),
    path("upload/confirm/", table_upload.confirm_table, name="upload-confirm"),
    path("upload/columns/", table_upload.remap_table, name="upload-columns"),
    path("upload/template.xlsx", table_upload.table_template, name="upload-template"),
]

entry_patterns = [
    path("", entry.entry_index, name="index"),
    path("<int:project_id>/", entry.project_entry, name="project"),
    path("<int:project_id>/preview/", entry.entry_preview, name="preview"),
    path("upload/", uploads.upload_reports, name="upload"),
    path("upload/confirm/", uploads.confirm_reports, name="upload-confirm"),
    path("upload/template.xlsx", uploads.reports_template, name="upload-template"),
    path("results/", results_upload.upload_results, name="results-upload"),
    path("results/confirm/", results_upload.confirm_results, name="results-confirm"),
    path("results/columns/", results_upload.results_columns, name="results-columns"),
]

history_patterns = [
    path("", history.history_index, name="index"),
    path("indicator/<int:pk>/", history.indicator_history_page, name="indicator"),
    path("project/<int:pk>/", history.project_history_page, name="project"),
]

monitoring_patterns = [
    path("", monitoring.round_index, name="index"),
    path("upload/", monitoring.upload, name="upload"),
    path("<int:project_id>/", monitoring.project_sheet, name="project"),
]

review_patterns = [
    path("", review.review_board, name="board"),
    path("submit/", review.submit_department, name="submit-department"),
    path("<int:project_id>/", review.project_review_page, name="project"),
]

self_evaluation_patterns = [
    path("", self_evaluation.self_evaluation_index, name="index"),
    path("<int:project_id>/", self_evaluation.self_evaluation_page, name="page"),
    path("<int:project_id>/deduction/<int:indicator_id>/", self_evaluation.deduction, name="deduction"),
    path("<int:project_id>/report.docx", reports.project_report_docx, name="report"),
]

target_patterns = [
    path("<year:year>/review/", target_review.review_page, name="review"),
    path("<year:year>/review/accept/", target_review.accept, name="accept"),
    path("<year:year>/draft/", drafts.draft_page, name="draft"),
    path("<year:year>/draft.txt", drafts.export, name="draft-export"),
    path("<year:year>/draft/create/", drafts.create, name="draft-create"),
    path("<year:year>/draft/upload/", drafts.upload, name="draft-upload"),
    path("<year:year>/draft/publish/", drafts.publish, name="draft-publish"),
    path("<year:year>/draft/project/", drafts.add_project, name="draft-add-project"),
    path("<year:year>/draft/project/<str:pk>/line/", drafts.add_line, name="draft-add-line"),
    path("<year:year>/draft/project/<str:pk>/remove/", drafts.remove_project, name="draft-remove-project"),
    path("<year:year>/draft/line/<str:pk>/", drafts.update_line, name="draft-line"),
    path("<year:year>/draft/line/<str:pk>/remove/", drafts.remove_line, name="draft-remove-line"),
]

# 佐证材料: uploads and removals from the entry and self-evaluation pages; downloads only through the access check.
evidence_patterns = [
    path("project/<int:project_id>/upload/", evidence.upload, name="upload"),
    path("project/<int:project_id>/<int:evidence_id>/remove/", evidence.remove, name="remove"),
    path("<int:evidence_id>/download/", evidence.download, name="download"),
]

export_patterns = [
    path("", exports.index, name="index"),
    path("<year:year>.xlsx", exports.workbook, name="workbook"),
]
monitoring_export_patterns = [path("<year:year>/monitoring.xlsx", monitoring.export_workbook, name="workbook")]
report_export_patterns = [
    path("<year:year>/self-evaluation-report.docx", reports.department_report_docx, name="self-evaluation"),
]

# --- The REST API under /api/ (OpenAPI at /api/schema/, interactive docs at /api/docs/ served from the project) ---

_api_patterns = [
    path("projects/", views_projects.ProjectListView.as_view(), name="project-list"),
    path("projects/<int:pk>/", views_projects.ProjectDetailView.as_view(), name="project-detail"),
    path("projects/<int:pk>/expenditures/", views_ledger.ExpenditureReportsView.as_view(), name="project-expenditures"),
    path("indicators/", views_indicators.IndicatorListView.as_view(), name="indicator-list"),
    path("targets/review/", views_target_review.TargetReviewView.as_view(), name="target-review"),
    path("drafts/", views_drafts.DraftListView.as_view(), name="draft-list"),
    path("drafts/<int:pk>/", views_drafts.DraftDetailView.as_view(), name="draft-detail"),
    path("drafts/<int:pk>/projects/", views_drafts.DraftProjectsView.as_view(), name="draft-projects"),
    path("drafts/<int:pk>/projects/<int:project>/", views_drafts.DraftProjectView.as_view(), name="draft-project"),
    path("drafts/<int:pk>/projects/<int:project>/lines/", views_drafts.DraftProjectLinesView.as_view(),
         name="draft-project-lines"),
    path("drafts/<int:pk>/lines/<int:line>/", views_drafts.DraftLineView.as_view(), name="draft-line"),
    path("drafts/<int:pk>/publish/", views_drafts.DraftPublishView.as_view(), name="draft-publish"),
    path("indicators/<int:pk>/", views_indicators.IndicatorDetailView.as_view(), name="indicator-detail"),
    path("indicators/<int:pk>/reports/", views_ledger.IndicatorReportsView.as_view(), name="indicator-reports"),
    path("projects/<int:pk>/self-evaluation/", views_year_end.ProjectSelfEvaluationView.as_view(),
         name="project-self-evaluation"),
    path("projects/<int:pk>/explanation/", views_year_end.BudgetExplanationView.as_view(), name="project-explanation"),
    path("indicators/<int:pk>/explanation/", views_year_end.LineExplanationView.as_view(), name="indicator-explanation"),
    path("indicators/<int:pk>/deduction/", views_year_end.DeductionView.as_view(), name="indicator-deduction"),
    path("projects/<int:pk>/review/", views_review.ReviewView.as_view(), name="project-review"),
    path("projects/<int:pk>/review/submit/", views_review.submit_view, name="project-review-submit"),
    path("projects/<int:pk>/review/approve/", views_review.approve_view, name="project-review-approve"),
    path("projects/<int:pk>/review/return/", views_review.return_view, name="project-review-return"),
    path("projects/<int:pk>/review/reopen/", views_review.reopen_view, name="project-review-reopen"),
    path("summary/", views_summary.SummaryView.as_view(), name="summary"),
    path("schema/", SchemaView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
]
_api_monitoring_patterns = [
    path("indicators/<int:pk>/monitoring/", api_monitoring.IndicatorMonitoringView.as_view(), name="indicator"),
    path("projects/<int:pk>/monitoring/", api_monitoring.ProjectMonitoringView.as_view(), name="project"),
]
_api_adjustment_patterns = [
    path("adjustments/", views_adjustments.AdjustmentListView.as_view(), name="list"),
    re_path(rf"^adjustments/{ADJUSTMENT}/approve/$", views_adjustments.ApproveView.as_view(), name="approve"),
    re_path(rf"^adjustments/{ADJUSTMENT}/reject/$", views_adjustments.RejectView.as_view(), name="reject"),
    re_path(rf"^adjustments/{ADJUSTMENT}/withdraw/$", views_adjustments.WithdrawView.as_view(), name="withdraw"),
    # The last pattern of the whole API (its namespace is the last below): a path no endpoint matched gets the API's
    # JSON 404 rather than the site's HTML page. [\s\S], not ".": a path may hold a newline (%0A).
    re_path(r"^[\s\S]*$", not_found, name="not-found"),
]
_api_evidence_patterns = [
    path("projects/<int:pk>/evidence/", views_evidence.ProjectEvidenceView.as_view(), name="project"),
]
api_patterns = [
    path("", include((_api_patterns, "api"))),
    path("", include((_api_evidence_patterns, "api_evidence"))),
    path("", include((_api_monitoring_patterns, "api_monitoring"))),
    path("", include((_api_adjustment_patterns, "api_adjustments"))),
]
