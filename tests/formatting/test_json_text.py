"""`evaluate --format json` writes its indented JSON with core.json_text: the same text as json.dumps."""
import json
from decimal import Decimal
from enum import StrEnum

import pytest

from core.json_text import indented_json


class Level(StrEnum):
    RED = "red"


CASES = [
    {},
    [],
    "",
    0,
    -12,
    True,
    None,
    {"department": "宁波市妇女联合会", "year": 2026, "time_progress": "0.5808219178082191780821917808219178082192"},
    {"empty": {}, "none": [], "nested": [{"a": [1, [2, []], {}]}, None, False], "level": Level.RED},
    {"escaped": "引号\"、反斜杠\\、换行\n、制表\t、控制\u0001、\u2028", "emoji": "𝄞", "key with \"quote\"": 1},
    [["教师流失率 ≤ 5% %", "进一步提升"], ("a tuple", 2)],
]


@pytest.mark.parametrize("value", CASES)
def test_the_text_is_json_dumps_with_an_indent_of_two(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [{"ratio": 0.5}, {1: "a key that is a number"}, [True, 1.5]])
def test_what_it_does_not_lay_out_itself_is_left_to_json_dumps(value):
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_a_value_json_cannot_write_is_refused_as_json_refuses_it():
    with pytest.raises(TypeError):
        indented_json({"budget": Decimal("1386.30")})
