"""抽查复核 (issue #21): the bureau's sample of a year's projects and a note per project; auditors read."""
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from core.errors import DomainError
from core.parsing import ParseError, parse_decimal
from core.roles import writes_spot_checks
from indicators.models import Verdict
from indicators.selectors.dates import default_as_of
from indicators.selectors.evaluation import evaluate
from indicators.selectors.spot_checks import DEFAULT_SHARE, MAX_SHARE, MIN_SHARE, current_notes, sample_project_ids
from indicators.services.spot_checks import record_spot_check
from indicators.views.bureau import require_bureau
from projects.models import Project
from projects.selectors import resolve_year

HUNDRED = Decimal(100)


def read_draw(params, year: int) -> tuple[int, Decimal, str]:
    """?seed= (default the year) and ?share= in percent (default 10); what could not be read is said, not guessed."""
    error = ""
    raw_seed = (params.get("seed") or "").strip()
    valid = raw_seed.isascii() and raw_seed.isdigit() and len(raw_seed) <= 9
    seed = int(raw_seed) if valid else year
    if raw_seed and not valid:
        error = f"抽样种子「{raw_seed}」应为不超过 9 位的非负整数，下面按种子 {year} 抽样。"
    try:
        percent = parse_decimal(params.get("share"), max_digits=6, decimal_places=1, allow_negative=False)
    except ParseError:
        percent = None
        error = f"抽样比例「{params.get('share')}」无法识别，下面按 {DEFAULT_SHARE * HUNDRED:.0f}% 抽样。"
    share = DEFAULT_SHARE if percent is None else (percent / HUNDRED).quantize(Decimal("0.001"))
    if not MIN_SHARE <= share <= MAX_SHARE:
        error = f"抽样比例应在 0.1% 到 100% 之间，下面按 {DEFAULT_SHARE * HUNDRED:.0f}% 抽样。"
        share = DEFAULT_SHARE
    return seed, share, error


def _render(request, *, year: int, seed: int, share: Decimal, error: str, refused: dict | None = None, status=200):
    as_of = default_as_of(year)
    ids = sample_project_ids(year=year, seed=seed, share=share)
    evaluation = evaluate(year=year, as_of=as_of, project_ids=ids)
    notes = current_notes(project_ids=ids)
    context = {
        "year": year, "seed": seed, "share": share, "share_percent": share * HUNDRED, "error": error, "as_of": as_of,
        "sampled": [(p, notes.get(p.project.pk), (refused or {}).get(p.project.pk, {})) for p in evaluation.projects],
        "may_write": writes_spot_checks(request.user), "verdicts": Verdict.choices
    }
    return render(request, "indicators/spot_checks.html", context, status=status)


@login_required
@require_safe
def spot_check_page(request):
    require_bureau(request.user)
    year = resolve_year(request.GET.get("year"))
    seed, share, error = read_draw(request.GET, year)
    return _render(request, year=year, seed=seed, share=share, error=error)


@login_required
@require_POST
def spot_check_note(request, project_id: int):
    if not writes_spot_checks(request.user):
        raise PermissionDenied("只有财政人员可以填写抽查复核意见。")
    project = get_object_or_404(Project, pk=project_id)
    seed, share, _ = read_draw(request.POST, project.year)
    back = f"{reverse('bureau:spot-checks')}?year={project.year}&seed={seed}&share={share * HUNDRED:f}"
    try:
        score = parse_decimal(request.POST.get("recomputed_score"), max_digits=5, decimal_places=2,
                              allow_negative=False)
        record_spot_check(user=request.user, project=project, verdict=request.POST.get("verdict", ""),
                          recomputed_score=score, remarks=request.POST.get("remarks", ""), seed=seed, share=share)
    except (DomainError, ParseError) as error:
        # The page again with what was typed kept in the project's form and the reason beside it: nothing is lost.
        typed = {name: request.POST.get(name, "") for name in ("verdict", "recomputed_score", "remarks")}
        return _render(request, year=project.year, seed=seed, share=share, error="", status=400,
                       refused={project.pk: {**typed, "error": str(error)}})
    messages.success(request, f"已保存对「{project.name}」的抽查复核意见。")
    return redirect(f"{back}#project-{project.pk}")
