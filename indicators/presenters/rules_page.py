"""The 评分规则 page (DOMAIN §10): each number of a year's rule profile, explained in plain Chinese.

Every figure and example is computed by the rules layer from the year's profile (the same calls that score the
year), so the page cannot say one thing while the scores do another.
"""
from dataclasses import dataclass
from decimal import Decimal

from core import formatting
from indicators import rules

D = Decimal


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    lines: list[str]
    rows: list[tuple[str, str]]  # (what, the number) for the section's table; empty: no table


def _pts(value: Decimal) -> str:
    return f"{formatting.compact(value)} 分"


def _pct(value: Decimal) -> str:
    return f"{formatting.compact(value)}%"


FRAMEWORK_TEXT = {
    rules.Framework.FIN_10: "财预〔2020〕10号：一级指标为产出指标、效益指标、满意度指标；成本指标是产出指标下的二级指标。",
    rules.Framework.FIN_101: "财预〔2021〕101号：成本指标单列为一级指标，下设经济成本指标、社会成本指标、生态环境成本指标。",
}


def _framework(s: rules.RuleSettings) -> Section:
    rows = [(level1.value, "、".join(level2.value for level2 in children))
            for level1, children in rules.FRAMEWORK_CLASSES[s.framework].items()]
    return Section("指标体系", "framework", [FRAMEWORK_TEXT[s.framework],
                   "汇总表列出一级、二级指标的，按所列的保存；没有列出的，导入时按指标名称、运算符和单位推断，"
                   "并标明「推断」，待财务人员或管理员确认。"], rows)


def _points(s: rules.RuleSettings) -> Section:
    rows = [("预算执行率", _pts(s.budget_points))]
    shown = rules.FRAMEWORK_CLASSES[s.framework]  # 10号 has no 一级 成本指标 to show
    rows += [(level.value, _pts(s.class_points[level])) for level in shown]
    rows.append(("合计（满分）", _pts(s.full_marks)))
    indicator_points = s.full_marks - s.budget_points
    lines = [f"每个项目满分 {formatting.compact(s.full_marks)} 分：预算执行率 {formatting.compact(s.budget_points)} 分，"
             f"绩效指标共 {formatting.compact(indicator_points)} 分。"]
    return Section("分值", "points", lines, rows)


def _split(s: rules.RuleSettings) -> Section:
    if s.weighting is rules.Weighting.EXPLICIT:
        return Section("分值如何分到每条指标", "split", [
            "按汇总表为每条指标列出的分值（权重）计分；预算执行率保持上表的分值，两者合计必须为 100.00 分，"
            "否则导入时拒绝。"], [])
    output, benefit, satisfaction = rules.Level1.OUTPUT, rules.Level1.BENEFIT, rules.Level1.SATISFACTION
    three = rules.allocate_points([(output, None)] * 3 + [(benefit, None), (satisfaction, None)], s)
    two = rules.allocate_points([(output, None), (satisfaction, None)], s)
    lines = [
        "每个一级指标的分值，在该类的各条指标之间平均分配（人工设了权重的按权重分配），精确到 0.01 分；"
        "分不尽的零头按最大余数补给排在前面的指标，所以各条分值加起来正好等于该类的分值。",
        f"例：产出指标 {_pts(s.class_points[output])}、有 3 条产出指标时，各为 "
        f"{'、'.join(formatting.points(p) for p in three[:3])} 分。",
        f"项目缺少某一类指标时，该类的分值按各类分值的比例分给其余各类。例：只有产出和满意度指标的项目，"
        f"产出指标 {formatting.points(two[0])} 分、满意度指标 {formatting.points(two[1])} 分。",
    ]
    return Section("分值如何分到每条指标", "split", lines, [])


def _scoring(s: rules.RuleSettings) -> Section:
    reverse = rules.IndicatorInput(name="投诉件数", operator=rules.Operator.LE, target=D(5), unit="件",
                                   level1=rules.Level1.OUTPUT, actual=D(6))
    ratio = rules.judge_indicator(reverse, s).ratio
    lines = [
        f"预算执行率得分 = 分值 × 执行率（支出 ÷ 预算，最高按 100% 计）。例：分值 {formatting.compact(s.budget_points)} 分、"
        f"执行 85% 时得 {formatting.points(rules.score_budget(budget=D(100), spent=D(85), settings=s).points)} 分。",
        "正向指标（≥、>）：完成比率 = 完成值 ÷ 目标值；得分 = 分值 × 完成比率，最高按 100% 计。",
        f"反向指标（≤、<）未达成时：完成比率 = {rules.REVERSE_FORMULA_LABELS[s.reverse_formula]}。"
        f"例：目标 ≤ 5 件、完成 6 件，完成比率 {formatting.compact_percent(ratio)}，得该指标分值的 "
        f"{formatting.compact_percent(ratio)}。",
        "等于（=）：未达到目标值时按 完成值 ÷ 目标值，达到即得满分。没有填报的指标得 0 分。",
        "各项得分四舍五入到 0.01 分，总分是各项得分之和，等级按总分评定。",
    ]
    return Section("怎样计分", "scoring", lines, [])


def _grades(s: rules.RuleSettings) -> Section:
    rows = []
    upper = None
    for low, label in s.grade_bands:
        rows.append((label, f"{formatting.compact(low)} 分及以上" + (f"、低于 {formatting.compact(upper)} 分" if upper else "")))
        upper = low
    rows.append((s.lowest_grade, f"低于 {formatting.compact(upper)} 分" if upper is not None else "其余"))
    return Section("等级", "grades", ["项目的等级按总分（两位小数）评定，例如总分显示为 "
                                      f"{formatting.points(s.grade_bands[0][0])} 即为「{s.grade_bands[0][1]}」。"], rows)


def _tiers(s: rules.RuleSettings) -> Section:
    rows = []
    for tier, band in s.tier_bands.items():
        closing = "（含）" if band.high_inclusive else "（不含）"
        rows.append((rules.TIER_LABELS[tier], f"{_pct(band.low)} 至 {_pct(band.high)}{closing}，默认 {_pct(band.default)}"))
    return Section("定性指标的完成档次", "tiers", [
        "没有运算符的定性指标，按完成档次得分：得分 = 分值 × 得分率。所填得分率必须在所选档次的区间内；"
        "不填时按该档次的默认得分率。年终自评时须写明评价依据。"], rows)


def _over_and_bounded(s: rules.RuleSettings) -> Section:
    factor = formatting.compact_percent(s.over_achievement_factor)
    return Section("超额完成与比率上限", "over", [
        f"正向指标（≥、>）的完成值超过目标值的 {factor}，或「=」指标超过目标值，标为「超额较多」：需要写明原因，"
        "如系年初目标设定偏低，审核人员可以扣减偏离度分值。这个标记本身不改变得分。",
        f"单位为 % 且名称含有以下用词的指标，完成值不能超过 100%：{'、'.join(s.bounded_rate_words)}。",
    ], [])


def _monitoring(s: rules.RuleSettings) -> Section:
    green, yellow = formatting.compact_percent(s.green_ratio), formatting.compact_percent(s.yellow_ratio)
    return Section("运行监控（双监控）", "monitoring", [
        "序时进度 = 截至日期已过天数 ÷ 全年天数。完成进度（累计指标为 完成值 ÷ 目标值，预算为 支出 ÷ 预算）"
        "与序时进度相比：",
    ], [("绿灯（正常）", f"完成进度 ÷ 序时进度 ≥ {green}"), ("黄灯（预警）", f"{yellow} 至 {green}（不含）"),
        ("红灯（滞后）", f"低于 {yellow}；超支的预算一律为红灯")])


def rules_sections(settings: rules.RuleSettings) -> list[Section]:
    return [_framework(settings), _points(settings), _split(settings), _scoring(settings), _grades(settings),
            _tiers(settings), _over_and_bounded(settings), _monitoring(settings)]
