"""The words of a published table (DOMAIN §1–2): operators, indicator classes, and the class an import infers.

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


LEVEL2_BY_LEVEL1: dict[Level1, tuple[Level2, ...]] = {
    Level1.OUTPUT: (Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST),
    Level1.BENEFIT: (Level2.ECONOMIC, Level2.SOCIAL, Level2.ECOLOGICAL, Level2.SUSTAINABLE),
    Level1.SATISFACTION: (Level2.SERVICE_SATISFACTION,),
}
LEVEL2_PARENT: dict[Level2, Level1] = {l2: l1 for l1, children in LEVEL2_BY_LEVEL1.items() for l2 in children}


def infer_classes(*, name: str, operator: Operator | str, unit: str) -> tuple[Level1, Level2]:
    """The classes an import guesses for a published indicator (DOMAIN §2: the first rule that matches wins)."""

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
        level2 = Level2.COST
    else:
        level2 = Level2.QUANTITY
    return LEVEL2_PARENT[level2], level2
