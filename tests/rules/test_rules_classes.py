"""DOMAIN §2: the classes an import infers for a published indicator, rule by rule and over the seed table."""
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from indicators import rules
from indicators.rules import Level1, Level2, Operator

SEED = Path(__file__).resolve().parents[2] / "fixtures" / "targets_2026_nbfl.txt"
GE, LE, EQ, NONE = Operator.GE, Operator.LE, Operator.EQ, Operator.NONE


def seed_indicators() -> list[tuple[int, str, Operator, str, str]]:
    """(project number, 指标名称, 运算符, 年度目标值, 单位) of every indicator row: columns 7–10 of the table."""
    rows, project = [], 0
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 11 or not cells[7] or cells[7] in ("核心绩效指标", "指标名称"):
            continue
        if cells[0].strip().isdigit():
            project = int(cells[0])
        rows.append((project, cells[7], rules.normalize_operator(cells[8]), cells[9], cells[10]))
    return rows


@pytest.mark.parametrize(
    ("name", "operator", "unit", "level2"),
    [
        # 1. 满意度 first, even without an operator.
        ("使用人员满意度", GE, "%", Level2.SERVICE_SATISFACTION),
        ("群众满意度持续提升", NONE, "", Level2.SERVICE_SATISFACTION),
        # 2. no operator → 社会效益.
        ("进一步关心关爱困难全国三八红旗手", NONE, "", Level2.SOCIAL),
        ("持续关心按时完成", NONE, "", Level2.SOCIAL),
        # 3. 年限 / 期限 / 持续 → 可持续影响, before 时效 and 成本.
        ("设备使用年限", GE, "年", Level2.SUSTAINABLE),
        ("持续发挥作用期限", EQ, "年", Level2.SUSTAINABLE),
        ("师资培训可以持续影响以后教学", GE, "年", Level2.SUSTAINABLE),
        ("持续降低成本", GE, "元", Level2.SUSTAINABLE),
        # 4. 按时 / 按期 / 及时 / 完成率 / 完成度 → 时效, before 质量.
        ("工作按时完成度", GE, "%", Level2.TIMELINESS),
        ("培训计划按期完成度", GE, "%", Level2.TIMELINESS),
        ("补贴按规定及时发放率", EQ, "%", Level2.TIMELINESS),
        ("活动时完成率", GE, "%", Level2.TIMELINESS),
        ("按时完成合格率", GE, "%", Level2.TIMELINESS),
        # 5. 合格率 / 利用率 / 流失率 / 获奖 → 质量, before 成本.
        ("设备质量合格率", GE, "%", Level2.QUALITY),
        ("设备利用率", GE, "%", Level2.QUALITY),
        ("教师流失率", LE, "%", Level2.QUALITY),
        ("教学获奖及论文发表", GE, "次", Level2.QUALITY),
        ("获奖经费", GE, "元", Level2.QUALITY),
        # 6. 成本 / 费 in the name or 元 in the unit → 成本.
        ("成本节约率", GE, "%", Level2.COST),
        ("物业管理费", LE, "元/平方米/月", Level2.COST),
        ("补贴人均标准", GE, "元/人", Level2.COST),
        # 7. otherwise → 数量.
        ("完成维修次数", GE, "次", Level2.QUANTITY),
        ("妇女思想引领教育覆盖人数", GE, "万人", Level2.QUANTITY),
    ],
)
def test_first_matching_rule_wins(name, operator, unit, level2):
    assert rules.infer_classes(name=name, operator=operator, unit=unit) == (rules.LEVEL2_PARENT[level2], level2)


def test_every_second_level_class_has_its_first_level_parent():
    assert set(rules.LEVEL2_PARENT) == set(Level2)
    children = {level1: {l2 for l2, parent in rules.LEVEL2_PARENT.items() if parent is level1} for level1 in Level1}
    assert children == {
        Level1.OUTPUT: {Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST},
        Level1.BENEFIT: {Level2.ECONOMIC, Level2.SOCIAL, Level2.ECOLOGICAL, Level2.SUSTAINABLE},
        Level1.SATISFACTION: {Level2.SERVICE_SATISFACTION},
        # 101号 only (DOMAIN §10): 成本指标 as a 一级 class of its own.
        Level1.COST: {Level2.ECONOMIC_COST, Level2.SOCIAL_COST, Level2.ECOLOGICAL_COST},
    }


def test_seed_table_has_85_indicators_with_the_published_operators():
    rows = seed_indicators()
    assert len(rows) == 85
    assert Counter(op for _, _, op, _, _ in rows) == {GE: 61, LE: 4, EQ: 8, NONE: 12}


def test_inference_over_the_seed_table_gives_the_published_mix():
    rows = seed_indicators()
    counts = Counter(rules.infer_classes(name=name, operator=op, unit=unit)[1] for _, name, op, _, unit in rows)
    assert counts == {
        Level2.QUANTITY: 34,
        Level2.TIMELINESS: 14,
        Level2.QUALITY: 4,
        Level2.COST: 5,
        Level2.SOCIAL: 12,
        Level2.SUSTAINABLE: 3,
        Level2.SERVICE_SATISFACTION: 13,
    }


@pytest.mark.parametrize(
    ("project", "expected"),
    [
        (7, ["18.75", "18.75", "18.75", "18.75", "15"]),  # 产出 ×4 + 满意度 → 75 / 15
        # 效益 + 产出 ×4 → 33.75 / 56.25; 56.25 over 4 is 14.0625: 14.06 each and the spare cent to the first.
        (15, ["33.75", "14.07", "14.06", "14.06", "14.06"]),
    ],
)
def test_seed_projects_missing_a_class_redistribute_its_points(project, expected):
    rows = [row for row in seed_indicators() if row[0] == project]
    classes = [rules.infer_classes(name=name, operator=op, unit=unit)[0] for _, name, op, _, unit in rows]
    assert rules.allocate_points([(level, None) for level in classes]) == [Decimal(x) for x in expected]
