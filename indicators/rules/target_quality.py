"""Target-quality review (财预〔2015〕88号: 完整性, 相关性, 适当性, 可行性): deterministic checks of a published or drafted
table, each named by its rule, with a severity, a message and a suggested fix.

Plain values in, findings out: the selector gathers a department-year's projects (and last year's actuals where the
same project and line existed) and the page, the API and `review_targets` show what this module finds.
"""
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from indicators.rules.display import format_plain
from indicators.rules.inputs import is_bounded_rate
from projects.vocabulary import Level1, Level2, Operator, is_qualitative


class Severity(StrEnum):
    ERROR = "error"  # the table is wrong as written: fix it before publishing
    WARNING = "warning"  # likely a weak target: fix it, or accept it with a reason


SEVERITY_LABELS = {Severity.ERROR: "错误", Severity.WARNING: "提示"}


class Rule(StrEnum):
    MISSING_CLASS = "missing_class"
    VAGUE_QUALITATIVE = "vague_qualitative"
    UNOBSERVABLE_IN_YEAR = "unobservable_in_year"
    CAP_AS_REVERSE = "cap_as_reverse"
    UNIT_REPEATED = "unit_repeated"
    RATE_ABOVE_100 = "rate_above_100"
    BELOW_LAST_ACTUAL = "below_last_actual"
    FAR_ABOVE_LAST_ACTUAL = "far_above_last_actual"
    COST_ABOVE_BUDGET = "cost_above_budget"
    DUPLICATE_NAME = "duplicate_name"
    SPLIT_MISMATCH = "split_mismatch"


RULE_LABELS = {
    Rule.MISSING_CLASS: "缺少一级指标",
    Rule.VAGUE_QUALITATIVE: "定性指标缺少评判标准",
    Rule.UNOBSERVABLE_IN_YEAR: "年度内无法观测",
    Rule.CAP_AS_REVERSE: "上限写成了反向指标",
    Rule.UNIT_REPEATED: "目标值重复了单位",
    Rule.RATE_ABOVE_100: "比率目标超过 100%",
    Rule.BELOW_LAST_ACTUAL: "目标低于上年实际（偏保守）",
    Rule.FAR_ABOVE_LAST_ACTUAL: "目标远高于上年实际（难以实现）",
    Rule.COST_ABOVE_BUDGET: "成本目标超过项目预算",
    Rule.DUPLICATE_NAME: "指标名称重复",
    Rule.SPLIT_MISMATCH: "本级与转移支付之和不等于预算",
}

# Words that state a direction without a criterion a reviewer could check at the year end.
VAGUE_WORDS = ("进一步", "持续", "不断", "逐步", "有所", "明显", "显著", "稳步", "有效", "全面", "大力", "积极")
# A 定性 target names its criterion when it has a number, a tier word or an explicit standard.
CRITERION_MARKS = ("达到", "不低于", "不少于", "通过", "完成", "获得", "验收", "标准", "%", "％")
DURATION_WORDS = ("年限", "期限", "寿命")
YEAR_UNITS = ("年",)
COUNT_OF_PEOPLE_WORDS = ("人数", "人次", "户数", "对象数", "对象人数", "名额")
PEOPLE_UNITS = ("人", "户", "名", "人次")
SERVES_PEOPLE_WORDS = ("服务", "对象", "群众", "培训", "补助", "补贴", "受益", "妇女", "儿童", "家庭", "居民", "学员")
FAR_ABOVE_POINTS = Decimal(20)  # a bounded rate's target this many points above last year's actual is a leap
PERCENT = ("%", "％")


@dataclass(frozen=True)
class LineFacts:
    order: int
    name: str
    operator: str
    target_text: str
    target_value: Decimal | None
    unit: str
    level1: str
    level2: str
    last_actual: Decimal | None = None  # last year's actual of the same line, when there was one


@dataclass(frozen=True)
class ProjectFacts:
    seq: int
    name: str
    texts: str  # 项目概况 and 年度绩效目标: what the project is for
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    lines: tuple[LineFacts, ...]


@dataclass(frozen=True)
class Finding:
    project_seq: int
    indicator_order: int | None  # None: the finding is about the project as a whole
    rule: Rule
    severity: Severity
    message: str
    suggestion: str

    @property
    def rule_label(self) -> str:
        return RULE_LABELS[self.rule]

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    def as_dict(self) -> dict:
        return {"project_seq": self.project_seq, "indicator_order": self.indicator_order, "rule": self.rule.value,
                "severity": self.severity.value, "message": self.message, "suggestion": self.suggestion}


def _percent(unit: str) -> bool:
    return any(sign in unit for sign in PERCENT)


def _money_in_wan(value: Decimal, unit: str) -> Decimal | None:
    """A money target in 万元 (元 ÷ 10,000); None for a unit that is not money or is money per something."""
    unit = unit.strip()
    if unit == "万元":
        return value
    if unit == "元":
        return value / 10000
    return None


def _line_findings(seq: int, line: LineFacts, budget: Decimal) -> list[Finding]:
    found: list[Finding] = []

    def add(rule: Rule, severity: Severity, message: str, suggestion: str) -> None:
        found.append(Finding(seq, line.order, rule, severity, message, suggestion))

    name, unit, text = line.name, line.unit.strip(), line.target_text.strip()
    if is_qualitative(line.operator):
        vague = any(word in text for word in VAGUE_WORDS) or not text
        has_criterion = any(mark in text for mark in CRITERION_MARKS) or any(ch.isdigit() for ch in text)
        if vague and not has_criterion:
            add(Rule.VAGUE_QUALITATIVE, Severity.WARNING,
                f"定性指标「{name}」的目标「{text or '（空）'}」只说明方向，没有可以在年终核对的标准。",
                "写明达成、部分达成、未达成各档的具体标准（如“举办活动不少于 3 场且媒体报道 2 篇以上”），"
                "或改为可计量的定量指标。")
        return found
    value = line.target_value
    if unit and text and text != unit and text.endswith(unit) and _percent(unit):
        add(Rule.UNIT_REPEATED, Severity.ERROR,
            f"「{name}」的目标值「{text}」已含单位，单位栏又写「{unit}」，显示为「{text} {unit}」。",
            f"目标值只写数字「{text[: -len(unit)].strip()}」，单位留在单位栏。")
    if any(word in name for word in DURATION_WORDS) and unit in YEAR_UNITS and value is not None and value >= 1:
        add(Rule.UNOBSERVABLE_IN_YEAR, Severity.WARNING,
            f"「{name} {line.operator} {format_plain(value)} {unit}」要到 {format_plain(value)} 年后才能验证，"
            "本年度自评时无法观测。",
            "改为年度内可观测的指标（如“设备按期验收率”“设备完好率”），或移至可持续影响指标并写明年度内的判断依据。")
    if line.operator in (Operator.LE, Operator.LT) and unit in PEOPLE_UNITS \
            and any(word in name for word in COUNT_OF_PEOPLE_WORDS):
        add(Rule.CAP_AS_REVERSE, Severity.WARNING,
            f"「{name} {line.operator} {format_plain(value)} {unit}」把受益人数写成了反向指标：人数为 0 也算达成。",
            "受益对象数量宜写成正向指标（如“补助对象人数 ≥ 实际符合条件人数”），名额上限写在项目概况或实施方案中。")
    if value is not None and is_bounded_rate(name=name, unit=unit) and value > 100:
        add(Rule.RATE_ABOVE_100, Severity.ERROR,
            f"「{name}」是比率，目标 {format_plain(value)}% 超过 100%，无法实现。",
            "比率目标不超过 100%。")
    if value is not None and line.last_actual is not None and is_bounded_rate(name=name, unit=unit) \
            and line.operator in (Operator.GE, Operator.GT):
        if value < line.last_actual:
            add(Rule.BELOW_LAST_ACTUAL, Severity.WARNING,
                f"「{name}」目标 {format_plain(value)}% 低于上年实际 {format_plain(line.last_actual)}%（历史标准）。",
                f"目标宜不低于上年实际 {format_plain(line.last_actual)}%，或说明降低的理由。")
        elif value - line.last_actual > FAR_ABOVE_POINTS:
            add(Rule.FAR_ABOVE_LAST_ACTUAL, Severity.WARNING,
                f"「{name}」目标 {format_plain(value)}% 比上年实际 {format_plain(line.last_actual)}% 高出 "
                f"{format_plain(value - line.last_actual)} 个百分点。",
                "对照上年实际和本年措施设定可实现的目标，或写明大幅提高的依据。")
    money = _money_in_wan(value, unit) if value is not None else None
    if line.level2 == Level2.COST and money is not None and money > budget:
        add(Rule.COST_ABOVE_BUDGET, Severity.ERROR,
            f"成本指标「{name}」目标 {format_plain(value)} {unit} 超过项目预算 {format_plain(budget)} 万元。",
            "成本目标不超过项目预算；如按元填写，请核对单位。")
    return found


def _serves_people(project: ProjectFacts) -> bool:
    return any(word in project.texts or word in project.name for word in SERVES_PEOPLE_WORDS)


def review_project(project: ProjectFacts) -> list[Finding]:
    """Every finding about one project, the project's own first, then its lines in order."""
    seq = project.seq
    found: list[Finding] = []
    if project.own_level + project.transfer != project.budget:
        found.append(Finding(
            seq, None, Rule.SPLIT_MISMATCH, Severity.ERROR,
            f"本级 {format_plain(project.own_level)} + 转移支付 {format_plain(project.transfer)} ≠ 预算 "
            f"{format_plain(project.budget)} 万元。",
            "核对预算金额与本级、转移支付的拆分。"))
    classes = {line.level1 for line in project.lines}
    wanted = [Level1.OUTPUT, Level1.BENEFIT] + ([Level1.SATISFACTION] if _serves_people(project) else [])
    for level1 in wanted:
        if level1 not in classes:
            found.append(Finding(
                seq, None, Rule.MISSING_CLASS, Severity.WARNING,
                f"项目「{project.name}」没有{level1}。",
                f"补充{level1}；确实不适用的，在接受时写明理由（其分值将按比例并入其他一级指标）。"))
    counts = Counter(line.name.strip() for line in project.lines)
    for line in project.lines:
        if counts[line.name.strip()] > 1:
            found.append(Finding(
                seq, line.order, Rule.DUPLICATE_NAME, Severity.ERROR,
                f"指标「{line.name}」在本项目中出现 {counts[line.name.strip()]} 次。",
                "合并重复的指标，或改用能区分的名称。"))
        found.extend(_line_findings(seq, line, project.budget))
    return found


def review_table(projects: list[ProjectFacts]) -> list[Finding]:
    """The findings of a department-year's table, in the published order."""
    return [finding for project in sorted(projects, key=lambda p: p.seq) for finding in review_project(project)]
