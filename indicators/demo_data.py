"""Synthetic departments shaped like the published 2026 table, for `generate_demo` and `make bench`.

Project k of every block of 15 generated projects copies project k of the seed table (fixtures/), so operators,
units, classes and indicator counts follow the published table exactly in every whole block of 15 (operators ≥ 72 %,
≤ 5 %, = 9 %, blank 14 %; 5.67 indicators a project). A random number generator seeded per department scales budgets
and quantity targets and decides which lines were reported and how they turned out, so the same arguments give the
same rows whatever the database: `plan_departments` is plain Python, `load_demo` writes its plan with bulk inserts.
"""
import datetime
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from core.errors import DomainError
from indicators import rules
from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from indicators.services.results import refresh_results
from projects.importing import parse_table, read_rows
from projects.models import Department, Indicator, Project

SEED_TABLE = Path(settings.BASE_DIR) / "fixtures" / "targets_2026_nbfl.txt"
GENERATOR_USERNAME = "generator"
CODE_PREFIX = "demo-"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# Shares of the generated ledger (DOMAIN §6): what a department looks like at the August monitoring round.
REPORTED_SHARE = 0.70  # indicators with a current report
EARLIER_REPORT_SHARE = 0.30  # of those, also a June report (the ledger keeps both)
OUTCOMES = (("met", 0.70), ("not_met", 0.20), ("over", 0.10))  # quantitative reports
TIERS = ((rules.Tier.ACHIEVED, 0.70), (rules.Tier.PARTIAL, 0.20), (rules.Tier.FAILED, 0.10))
SPENDING_SHARE = 0.90  # projects with an expenditure
BUDGET_NOTE_SHARE = 0.15  # projects with a monitoring note on the budget line
INDICATOR_NOTE_SHARE = 0.05  # reported indicators with a monitoring note
TRANSFER_SHARE = 0.20  # projects with part of the budget as 转移支付

DISTRICTS = ("海曙区", "江北区", "北仑区", "镇海区", "鄞州区", "奉化区", "余姚市", "慈溪市", "宁海县", "象山县")
BUREAUS = (
    "妇女联合会", "教育局", "科学技术局", "民政局", "司法局", "财政局", "人力资源和社会保障局", "自然资源和规划局",
    "生态环境局", "住房和城乡建设局", "交通运输局", "水利局", "农业农村局", "商务局", "文化广电旅游局", "卫生健康委员会",
    "退役军人事务局", "应急管理局", "审计局", "市场监督管理局", "体育局", "统计局", "医疗保障局", "综合行政执法局",
    "大数据发展管理局", "总工会", "共青团委员会", "残疾人联合会", "科学技术协会", "档案馆",
)
PLAIN_NUMBER = re.compile(r"\d+(\.\d+)?")


@dataclass(frozen=True)
class ReportSpec:
    as_of: datetime.date
    value: Decimal | None = None
    tier: str = ""
    tier_percent: Decimal | None = None


@dataclass(frozen=True)
class NoteSpec:
    as_of: datetime.date
    forecast: Decimal | None
    reason: str  # a MonitoringNote boolean field, e.g. "reason_funding"


@dataclass(frozen=True)
class IndicatorSpec:
    order: int
    name: str
    operator: str
    target_text: str
    target_value: Decimal | None
    unit: str
    level1: str
    level2: str
    reports: tuple[ReportSpec, ...] = ()
    note: NoteSpec | None = None


@dataclass(frozen=True)
class ProjectSpec:
    seq: int
    template: int  # the seed table's 序号 this project copies
    name: str
    overview: str
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    annual_goal: str
    indicators: tuple[IndicatorSpec, ...]
    expenditures: tuple[tuple[datetime.date, Decimal], ...] = ()
    budget_note: NoteSpec | None = None


@dataclass(frozen=True)
class DepartmentSpec:
    code: str
    name: str
    projects: tuple[ProjectSpec, ...]


@dataclass
class DemoCounts:
    departments: int = 0
    projects: int = 0
    indicators: int = 0
    reports: int = 0
    expenditures: int = 0
    notes: int = 0
    operators: dict[str, int] = field(default_factory=dict)


@cache
def seed_projects():
    """The 15 projects of the published table, read by the import's own parser."""
    return parse_table(read_rows(SEED_TABLE.read_bytes(), filename=SEED_TABLE.name)).projects


def department_name(index: int) -> str:
    """海曙区妇女联合会, 江北区妇女联合会, …; after every district-bureau pair, the same names with （2）, （3）…"""
    pairs = len(DISTRICTS) * len(BUREAUS)
    base = DISTRICTS[index % len(DISTRICTS)] + BUREAUS[(index // len(DISTRICTS)) % len(BUREAUS)]
    cycle = index // pairs
    return f"{base}（{cycle + 1}）" if cycle else base


def projects_per_department(*, departments: int, projects: int) -> list[int]:
    """M projects spread over N departments as evenly as they go (the first ones take the remainder)."""
    share, extra = divmod(projects, departments)
    return [share + (1 if index < extra else 0) for index in range(departments)]


def _pick(rng: random.Random, weighted) -> str:
    roll, total = rng.random(), 0.0
    for choice, weight in weighted:
        total += weight
        if roll < total:
            return choice
    return weighted[-1][0]


def _scale(rng: random.Random, value: Decimal, low: int, high: int, *, whole: bool) -> Decimal:
    scaled = value * Decimal(rng.randint(low, high)) / HUNDRED
    return scaled.quantize(Decimal(1)) if whole else scaled.quantize(CENT)


def _target(rng: random.Random, template) -> tuple[str, Decimal | None]:
    # Counts and amounts vary from project to project; rates (%) and texts such as 「5%」 stay as published.
    value = template.target_value
    if value is None or "%" in template.unit or not PLAIN_NUMBER.fullmatch(template.target_text) or value <= 0:
        return template.target_text, value
    scaled = max(_scale(rng, value, 50, 200, whole=value == value.to_integral_value()), CENT)
    return rules.format_plain(scaled), scaled


def _actual(rng: random.Random, *, operator: str, target: Decimal, unit: str, outcome: str) -> Decimal:
    forward = operator in (rules.Operator.GE, rules.Operator.GT, rules.Operator.EQ)
    bands = {
        ("met", True): (100, 115), ("not_met", True): (50, 95), ("over", True): (125, 160),
        ("met", False): (50, 100), ("not_met", False): (110, 200), ("over", False): (30, 60),
    }
    low, high = bands[(outcome, forward)]
    if operator == rules.Operator.EQ and outcome == "over":
        low, high = 101, 110
    whole = target == target.to_integral_value() and "%" not in unit
    value = _scale(rng, target, low, high, whole=whole)
    return min(value, HUNDRED) if "%" in unit and target <= HUNDRED else value


def _reports(rng: random.Random, indicator: IndicatorSpec, *, round_date, earlier_date) -> tuple[ReportSpec, ...]:
    if rng.random() >= REPORTED_SHARE:
        return ()
    if not indicator.operator:
        tier = rules.Tier(_pick(rng, TIERS))
        return (ReportSpec(round_date, tier=tier.value, tier_percent=rules.DEFAULT_TIER_BANDS[tier].default),)
    outcome = _pick(rng, OUTCOMES)
    value = _actual(rng, operator=indicator.operator, target=indicator.target_value, unit=indicator.unit,
                    outcome=outcome)
    current = ReportSpec(round_date, value=value)
    if rng.random() < EARLIER_REPORT_SHARE:
        earlier = (value * Decimal("0.8")).quantize(CENT)
        return ReportSpec(earlier_date, value=earlier), current
    return (current,)


def _indicator(rng: random.Random, template, *, year: int) -> IndicatorSpec:
    target_text, target_value = _target(rng, template)
    level1, level2 = rules.infer_classes(name=template.name, operator=template.operator, unit=template.unit)
    spec = IndicatorSpec(
        order=template.order, name=template.name, operator=template.operator, target_text=target_text,
        target_value=target_value, unit=template.unit, level1=level1.value, level2=level2.value,
    )
    reports = _reports(rng, spec, round_date=datetime.date(year, 7, 31), earlier_date=datetime.date(year, 6, 30))
    note = None
    if reports and rng.random() < INDICATOR_NOTE_SHARE:
        note = NoteSpec(datetime.date(year, 7, 31), forecast=None, reason="reason_staff")
    return replace(spec, reports=reports, note=note)


def _transfer(budget: Decimal, percent: int) -> Decimal:
    # SQLite checks 预算 = 本级 + 转移支付 in floating point (its decimal columns are REAL): pick a split whose
    # float sum is exact too, so that the same rows load on SQLite and PostgreSQL.
    for tried in range(percent, percent + 40):
        transfer = (budget * Decimal(tried) / HUNDRED).quantize(CENT)
        if float(budget - transfer) + float(transfer) == float(budget):
            return transfer
    return Decimal(0).quantize(CENT)


def _project(rng: random.Random, template, *, seq: int, year: int) -> ProjectSpec:
    budget = max(_scale(rng, template.budget, 50, 200, whole=False), CENT)
    transfer = Decimal(0).quantize(CENT)
    if rng.random() < TRANSFER_SHARE:
        transfer = _transfer(budget, rng.randint(10, 50))
    round_date = datetime.date(year, 7, 31)
    expenditures = ()
    if rng.random() < SPENDING_SHARE:
        spent = (budget * Decimal(rng.randint(20, 80)) / HUNDRED).quantize(CENT)
        expenditures = ((datetime.date(year, 6, 30), (spent * Decimal("0.7")).quantize(CENT)), (round_date, spent))
        expenditures = expenditures[rng.randint(0, 1):]  # half the projects reported in June too
    budget_note = None
    if rng.random() < BUDGET_NOTE_SHARE:
        budget_note = NoteSpec(round_date, forecast=(budget * Decimal("0.95")).quantize(CENT), reason="reason_funding")
    return ProjectSpec(
        seq=seq, template=template.seq, name=template.name, overview=template.overview or "",
        budget=budget, own_level=budget - transfer, transfer=transfer, annual_goal=template.annual_goal or "",
        indicators=tuple(_indicator(rng, ind, year=year) for ind in template.indicators),
        expenditures=expenditures, budget_note=budget_note,
    )


def plan_departments(*, departments: int, projects: int, seed: int, year: int = 2026) -> Iterator[DepartmentSpec]:
    """The departments to generate, one at a time (a province's worth need not sit in memory at once)."""
    if departments < 1 or projects < departments:
        raise DomainError("部门数至少为 1，项目总数不能少于部门数。")
    templates = seed_projects()
    first = 0  # index of the department's first project among all generated ones
    for index, count in enumerate(projects_per_department(departments=departments, projects=projects)):
        # One generator per department: department 7 is the same whether 10 or 1,000 are generated.
        rng = random.Random(f"{seed}:{year}:{index}")
        specs = tuple(
            _project(rng, templates[(first + offset) % len(templates)], seq=offset + 1, year=year)
            for offset in range(count)
        )
        first += count
        yield DepartmentSpec(code=f"{CODE_PREFIX}{index + 1:04d}", name=department_name(index), projects=specs)


def generator_user():
    """The user the generated ledger rows name as entered_by; it cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=GENERATOR_USERNAME, defaults={"first_name": "演示数据生成", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _chunks(specs: Iterator[DepartmentSpec], projects_per_chunk: int) -> Iterator[list[DepartmentSpec]]:
    chunk, size = [], 0
    for spec in specs:
        chunk.append(spec)
        size += len(spec.projects)
        if size >= projects_per_chunk:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


@transaction.atomic
def load_demo(*, departments: int, projects: int, seed: int, year: int = 2026, batch_size: int = 2000,
              progress=None) -> DemoCounts:
    """Writes the plan with bulk inserts (no history rows, no save(): generated data, not clerks' input);
    `progress(done, total)` after each chunk of projects (a terminal's progress line)."""
    if Department.objects.filter(code__startswith=CODE_PREFIX).exists():
        raise DomainError(f"数据库中已有演示部门（代码以 {CODE_PREFIX} 开头）：请在新的数据库中生成。")
    user = generator_user()
    counts = DemoCounts()
    plan = plan_departments(departments=departments, projects=projects, seed=seed, year=year)
    for chunk in _chunks(plan, batch_size // 4):
        _write_chunk(chunk, user=user, year=year, batch_size=batch_size, counts=counts)
        if progress is not None:
            progress(counts.projects, projects)
    return counts


def _write_chunk(chunk: list[DepartmentSpec], *, user, year: int, batch_size: int, counts: DemoCounts) -> None:
    saved_departments = Department.objects.bulk_create(
        [Department(code=spec.code, name=spec.name) for spec in chunk], batch_size=batch_size
    )
    project_pairs = [
        (spec, Project(
            department=department, year=year, seq=spec.seq, name=spec.name, overview=spec.overview,
            budget=spec.budget, own_level=spec.own_level, transfer=spec.transfer, annual_goal=spec.annual_goal,
        ))
        for department, dept_spec in zip(saved_departments, chunk, strict=True)
        for spec in dept_spec.projects
    ]
    Project.objects.bulk_create([project for _, project in project_pairs], batch_size=batch_size)
    indicator_pairs = [
        (spec, Indicator(
            project=project, order=spec.order, name=spec.name, operator=spec.operator, target_text=spec.target_text,
            target_value=spec.target_value, unit=spec.unit, level1=spec.level1, level2=spec.level2,
        ))
        for project_spec, project in project_pairs
        for spec in project_spec.indicators
    ]
    Indicator.objects.bulk_create([indicator for _, indicator in indicator_pairs], batch_size=batch_size)
    reports = [
        IndicatorReport(indicator=indicator, as_of=report.as_of, value=report.value, tier=report.tier,
                        tier_percent=report.tier_percent, entered_by=user)
        for spec, indicator in indicator_pairs
        for report in spec.reports
    ]
    expenditures = [
        ExpenditureReport(project=project, as_of=as_of, amount=amount, entered_by=user)
        for spec, project in project_pairs
        for as_of, amount in spec.expenditures
    ]
    notes = [
        _note(spec.budget_note, project=project, indicator=None, user=user)
        for spec, project in project_pairs
        if spec.budget_note
    ] + [
        _note(spec.note, project=indicator.project, indicator=indicator, user=user)
        for spec, indicator in indicator_pairs
        if spec.note
    ]
    IndicatorReport.objects.bulk_create(reports, batch_size=batch_size)
    ExpenditureReport.objects.bulk_create(expenditures, batch_size=batch_size)
    MonitoringNote.objects.bulk_create(notes, batch_size=batch_size)
    refresh_results([project.pk for _, project in project_pairs])  # generated rows get their stored results too
    counts.departments += len(saved_departments)
    counts.projects += len(project_pairs)
    counts.indicators += len(indicator_pairs)
    counts.reports += len(reports)
    counts.expenditures += len(expenditures)
    counts.notes += len(notes)
    for spec, _ in indicator_pairs:
        counts.operators[spec.operator] = counts.operators.get(spec.operator, 0) + 1


def _note(spec: NoteSpec, *, project, indicator, user) -> MonitoringNote:
    return MonitoringNote(
        project=project, indicator=indicator, as_of=spec.as_of, forecast=spec.forecast, entered_by=user,
        likelihood="certain", **{spec.reason: True},
    )


def analyze() -> None:
    """PostgreSQL: fresh planner statistics after the bulk load.

    Autovacuum would gather them within a minute or so; until then the planner guesses the row counts of freshly
    filled tables and picks sequential scans, so a benchmark started right after the load would measure the guess.
    SQLite gathers no statistics unless told to, so it is left as a deployment would have it.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
