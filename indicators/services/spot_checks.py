"""The write path of 抽查复核 (DOMAIN §7, issue #21): the finance bureau's note on a sampled project.

Appended, never changed: a new note on a project that has one corrects it. Only 财政人员 write notes, and only on
a project the sample with the note's seed and share actually drew.
"""
from decimal import Decimal

from django.db import transaction

from core.errors import DomainError
from core.roles import writes_spot_checks
from indicators.models import SpotCheckNote, Verdict
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import evaluate_project
from indicators.selectors.spot_checks import MAX_SHARE, MIN_SHARE, current_note, sample_project_ids
from projects.models import Project

REMARKS_LIMIT = 2000
SCORE_LIMITS = (Decimal(0), Decimal(100))
CORRECTION_REASON = "重新复核"


def record_spot_check(*, user, project: Project, verdict: str, recomputed_score: Decimal | None, remarks: str,
                      seed: int, share: Decimal) -> SpotCheckNote:
    if not writes_spot_checks(user):
        raise DomainError("只有财政人员可以填写抽查复核意见。")
    if verdict not in Verdict.values:
        raise DomainError("请选择复核结论：同意或不同意自评得分。", field="verdict")
    remarks = (remarks or "").strip()
    if len(remarks) > REMARKS_LIMIT:
        raise DomainError(f"复核意见最多 {REMARKS_LIMIT} 字，现有 {len(remarks)} 字：请精简后再保存（系统不会截断）。",
                          field="remarks")
    if not MIN_SHARE <= share <= MAX_SHARE:
        raise DomainError("抽样比例应在 0.1% 到 100% 之间。", field="share")
    if verdict == Verdict.DISAGREES:
        if recomputed_score is None:
            raise DomainError("不同意自评得分时，请填写复核得分。", field="recomputed_score")
        if not SCORE_LIMITS[0] <= recomputed_score <= SCORE_LIMITS[1]:
            raise DomainError("复核得分应在 0 到 100 之间。", field="recomputed_score")
        if not remarks:
            raise DomainError("不同意自评得分时，请写明理由。", field="remarks")
    else:
        recomputed_score = None  # agreeing keeps the self-evaluation's score: no second score is recorded
    if project.pk not in sample_project_ids(year=project.year, seed=seed, share=share):
        raise DomainError(f"该项目不在种子 {seed}、比例 {share * 100:.1f}% 的抽样中。")
    self_score = evaluate_project(project=project, as_of=default_as_of(project.year)).total
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()  # two notes on one project queue here
        earlier = current_note(project=project)
        return SpotCheckNote.objects.create(
            project=project, verdict=verdict, self_score=self_score.quantize(Decimal("0.01")),
            recomputed_score=recomputed_score, remarks=remarks, seed=seed, share=share, entered_by=user,
            corrects=earlier, reason=CORRECTION_REASON if earlier else "",
        )
