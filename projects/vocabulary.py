"""The words of a published table (DOMAIN §1–2, §5): operators, indicator classes and monitoring bases, and the
class and basis an import infers.

Plain Python, no Django: `indicators.rules` judges with these enums, `projects.choices` makes model choices of them.
"""
from enum import StrEnum


class Operator(StrEnum):
    GE = "≥"
    GT = ">"
    LE = "≤"
    LT = "<"
    EQ = "="
    NONE = ""


_OPERATOR_SPELLINGS: dict[str, Operator] = {
    "≥": Operator.GE, "≧": Operator.GE, "⩾": Operator.GE, ">=": Operator.GE, ">": Operator.GT,
    "≤": Operator.LE, "≦": Operator.LE, "⩽": Operator.LE, "<=": Operator.LE, "<": Operator.LT,
    "=": Operator.EQ, "==": Operator.EQ, "": Operator.NONE,
}
_FULL_WIDTH_OPERATORS = str.maketrans({"＞": ">", "＜": "<", "＝": "="})


def normalize_operator(text: str) -> Operator:
    """The operator a table or a clerk wrote (`>=`, `＞=`, `≧`, blank…) as an `Operator`; ValueError if unknown."""
    key = "".join((text or "").split()).translate(_FULL_WIDTH_OPERATORS)
    try:
        return _OPERATOR_SPELLINGS[key]
    except KeyError:
        raise ValueError(f"未知的运算符：'{text}'") from None


def is_qualitative(operator: Operator | str) -> bool:
    """A blank operator marks a 定性 indicator, judged by tier."""
    return Operator(operator) is Operator.NONE


class Level1(StrEnum):
    OUTPUT = "产出指标"
    BENEFIT = "效益指标"
    SATISFACTION = "满意度指标"
    COST = "成本指标"  # a 一级 class of 101号 only (DOMAIN §10); 10号's 成本指标 is a 二级 class of 产出


class Level2(StrEnum):
    QUANTITY = "数量指标"
    QUALITY = "质量指标"
    TIMELINESS = "时效指标"
    COST = "成本指标"
    ECONOMIC = "经济效益指标"
    SOCIAL = "社会效益指标"
    ECOLOGICAL = "生态效益指标"
    SUSTAINABLE = "可持续影响指标"
    SERVICE_SATISFACTION = "服务对象满意度指标"
    ECONOMIC_COST = "经济成本指标"  # 101号
    SOCIAL_COST = "社会成本指标"  # 101号
    ECOLOGICAL_COST = "生态环境成本指标"  # 101号


class Framework(StrEnum):
    """The indicator framework a year's rule profile follows (DOMAIN §2, §10)."""

    FIN_10 = "10号"  # 财预〔2020〕10号: 产出 / 效益 / 满意度
    FIN_101 = "101号"  # 财预〔2021〕101号: 成本指标 as a 一级 class of its own


class Weighting(StrEnum):
    """How a project's indicator points are split (DOMAIN §4, §10)."""

    CLASS = "class"  # class points shared within each class
    EXPLICIT = "explicit"  # each line's own 分值 as the table gives it


_BENEFIT = (Level2.ECONOMIC, Level2.SOCIAL, Level2.ECOLOGICAL, Level2.SUSTAINABLE)
# Each framework's 一级 classes and their 二级 classes, in the order the forms print them.
FRAMEWORK_CLASSES: dict[Framework, dict[Level1, tuple[Level2, ...]]] = {
    Framework.FIN_10: {
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST),
        Level1.BENEFIT: _BENEFIT,
        Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
    },
    Framework.FIN_101: {
        Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS),
        Level1.COST: (Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST),
        Level1.BENEFIT: _BENEFIT,
        Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
    },
}
# Every pair either framework allows: what a stored indicator may carry, whatever its year's framework.
LEVEL2_BY_LEVEL1: dict[Level1, tuple[Level2, ...]] = {
    Level1.OUTPUT: FRAMEWORK_CLASSES[Framework.FIN_10][Level1.OUTPUT],
    Level1.BENEFIT: _BENEFIT,
    Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
    Level1.COST: FRAMEWORK_CLASSES[Framework.FIN_101][Level1.COST],
}
LEVEL2_PARENT: dict[Level2, Level1] = {l2: l1 for l1, children in LEVEL2_BY_LEVEL1.items() for l2 in children}


def infer_classes(*, name: str, operator: Operator | str, unit: str,
                  framework: Framework | str = Framework.FIN_10) -> tuple[Level1, Level2]:
    """The classes an import guesses for a published indicator (DOMAIN §2: the first rule that matches wins).

    Under 101号 a cost line (rule 6) is a 一级 成本指标 of its own: 经济成本指标, the cost in money a table states.
    """

    def has(*words: str) -> bool:
        return any(word in name for word in words)

    if has("满意度"):
        level2 = Level2.SERVICE_SATISFACTION
    elif is_qualitative(operator):
        level2 = Level2.SOCIAL
    elif has("年限", "期限", "持续"):
        level2 = Level2.SUSTAINABLE
    elif has("按时", "按期", "及时", "完成率", "完成度"):
        level2 = Level2.TIMELINESS
    elif has("合格率", "利用率", "流失率", "获奖"):
        level2 = Level2.QUALITY
    elif has("成本", "费") or "元" in unit:
        level2 = Level2.ECONOMIC_COST if Framework(framework) is Framework.FIN_101 else Level2.COST
    else:
        level2 = Level2.QUANTITY
    return LEVEL2_PARENT[level2], level2


def classes_problem(*, framework: Framework | str, level1: str, level2: str) -> str:
    """Why a line's printed 一级/二级 do not belong to the year's framework ('' when they do)."""
    framework = Framework(framework)
    classes = FRAMEWORK_CLASSES[framework]
    try:
        first = Level1(level1)
    except ValueError:
        first = None
    if first not in classes:
        return f"一级指标「{level1}」不属于本年度的指标体系（{framework}：{'、'.join(classes)}）"
    if level2 not in classes[first]:
        return f"二级指标「{level2}」不属于一级指标「{level1}」（{framework}：{'、'.join(classes[first])}）"
    return ""


class Basis(StrEnum):
    """监控口径 (DOMAIN §5): how a line is judged during the year."""

    CUMULATIVE = "累计"  # a count or amount that grows through the year: judged against time progress
    POINT = "时点"  # a standard that holds at any moment: met or not
    QUALITATIVE = "定性"  # judged by tier


_PERCENT_UNITS = ("%", "％")
_PROGRESS_WORDS = ("完成率", "完成度")  # a % of the year's plan done so far grows like a count
_DURATION_WORDS = ("年限", "期限", "周期")
_DURATION_UNITS = ("年", "月", "个月", "天")
_STANDARD_WORDS = ("人均", "每期", "每月", "每次", "平均", "标准", "单价")
_PER_UNITS = ("人", "户", "次", "天", "月", "年", "平方米")


def _is_per_unit(unit: str) -> bool:
    """元/人, 元/平方米/月, 小时/人: money per anything, or anything per person, household, time, day, month, year
    or square metre. 台/件/组 is a list of alternatives, not a rate."""
    head, *per = [part.strip() for part in unit.replace("／", "/").split("/")]
    return bool(per) and ("元" in head or any(part in _PER_UNITS for part in per))


def infer_basis(*, name: str, operator: Operator | str, unit: str) -> Basis:
    """The monitoring basis an import gives a published indicator (DOMAIN §5)."""
    operator = Operator(operator)
    unit = unit.strip()
    if operator is Operator.NONE:
        return Basis.QUALITATIVE
    if operator in (Operator.LE, Operator.LT):
        return Basis.POINT
    if any(sign in unit for sign in _PERCENT_UNITS):
        return Basis.CUMULATIVE if any(word in name for word in _PROGRESS_WORDS) else Basis.POINT
    duration = any(word in name for word in _DURATION_WORDS) or (unit in _DURATION_UNITS and "持续" in name)
    standard = _is_per_unit(unit) or any(word in name for word in _STANDARD_WORDS)
    return Basis.POINT if duration or standard else Basis.CUMULATIVE


def basis_problem(*, operator: Operator | str, basis: Basis | str) -> str:
    """Why a basis does not fit a line's operator (empty when it does): what staff may set by hand (DOMAIN §5)."""
    operator, basis = Operator(operator), Basis(basis)
    if operator is Operator.NONE:
        return "" if basis is Basis.QUALITATIVE else "定性指标（无运算符）的监控口径只能是「定性」"
    if basis is Basis.QUALITATIVE:
        return "有运算符的指标按「累计」或「时点」监控，「定性」只用于无运算符的指标"
    if basis is Basis.CUMULATIVE and operator in (Operator.LE, Operator.LT):
        return "反向指标（≤、<）是任一时点都不应超过的上限，监控口径只能是「时点」"
    return ""

