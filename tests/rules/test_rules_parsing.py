"""Tolerant parsing of what clerks type: accepted forms and clear refusals."""
from decimal import Decimal

import pytest

from core.parsing import ParseError, parse_decimal

D = Decimal


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\t\n", None])
def test_blank_is_no_value(text):
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    ("text", "kwargs", "expected"),
    [
        ("162", {}, D(162)),
        ("13.5", {}, D("13.5")),
        ("1.50", {}, D("1.5")),
        ("007", {}, D(7)),
        ("5.", {}, D(5)),
        (".5", {}, D("0.5")),
        ("+3", {}, D(3)),
        ("-2.5", {}, D("-2.5")),
        # full-width digits, signs and point, as Chinese input methods produce them
        ("１６２", {}, D(162)),
        ("－５", {}, D(-5)),
        ("＋５", {}, D(5)),
        ("−5", {}, D(-5)),
        ("１３．５", {}, D("13.5")),
        ("．５", {}, D("0.5")),
        # thousands separators, ASCII and full-width, and spaces anywhere
        ("1,000", {}, D(1000)),
        ("1，000", {}, D(1000)),
        ("500,000", {}, D(500000)),
        ("1,234,567.89", {}, D("1234567.89")),
        (" 1 000 ", {}, D(1000)),
        ("1, 000", {}, D(1000)),
        ("\u30001000\u3000", {}, D(1000)),
        # a trailing percent sign is the unit: 95% means 95
        ("95%", {}, D(95)),
        ("95％", {}, D(95)),
        ("95 %", {"unit": "%"}, D(95)),
        ("5%", {"unit": "%"}, D(5)),
        ("5% %", {"unit": "%"}, D(5)),
        ("5％%", {"unit": "％"}, D(5)),
        ("-1.5%", {"unit": "%"}, D("-1.5")),
        # a trailing unit: the indicator's own, or any when none is given
        ("162人", {}, D(162)),
        ("162 人", {"unit": "人"}, D(162)),
        ("20万人", {}, D(20)),
        ("20万人", {"unit": "万人"}, D(20)),
        ("13.5元/平方米/月", {"unit": "元/平方米/月"}, D("13.5")),
        ("8台/件/组", {"unit": "台/件/组"}, D(8)),
        ("5kg", {}, D(5)),
        ("95", {"unit": "%"}, D(95)),
        # zero is never negative
        ("-0", {"allow_negative": False}, D(0)),
        ("0.0000", {}, D(0)),
    ],
)
def test_accepted_forms(text, kwargs, expected):
    value = parse_decimal(text, **kwargs)
    assert value == expected
    assert isinstance(value, Decimal)
    assert not value.is_signed() or value < 0


def test_zero_is_returned_without_sign():
    assert str(parse_decimal("-0")) == "0"


def test_limits_are_arguments():
    assert parse_decimal("12345678901234.1234") == D("12345678901234.1234")  # 14 + 4 by default
    assert parse_decimal("1234567890123456", max_digits=20) == D(1234567890123456)
    assert parse_decimal("1.25", decimal_places=2) == D("1.25")
    assert parse_decimal("5", allow_negative=False) == D(5)


@pytest.mark.parametrize(
    ("text", "kwargs", "message"),
    [
        ("abc", {}, "请输入数字：'abc'"),
        ("人", {}, "请输入数字：'人'"),
        ("进一步提升", {}, "请输入数字：'进一步提升'"),
        ("1.2.3", {}, "请输入数字：'1.2.3'"),
        ("--5", {}, "请输入数字：'--5'"),
        (".", {}, "请输入数字：'.'"),
        ("12abc34", {}, "请输入数字：'12abc34'"),
        ("约100", {}, "请输入数字：'约100'"),
        ("5-", {}, "请输入数字：'5-'"),
        ("NaN", {}, "请输入有限的数字：'NaN'"),
        ("nan", {}, "请输入有限的数字：'nan'"),
        ("sNaN", {}, "请输入有限的数字：'sNaN'"),
        ("Infinity", {}, "请输入有限的数字：'Infinity'"),
        ("-inf", {}, "请输入有限的数字：'-inf'"),
        ("1e5", {}, "请直接输入数字，不要用科学计数法：'1e5'"),
        ("1E-3", {}, "请直接输入数字，不要用科学计数法：'1E-3'"),
        ("2.5e+3", {}, "请直接输入数字，不要用科学计数法：'2.5e+3'"),
        ("1.23456", {}, "最多 4 位小数：'1.23456'"),
        ("1.234", {"decimal_places": 2}, "最多 2 位小数：'1.234'"),
        ("123456789012345", {}, "整数部分最多 14 位：'123456789012345'"),
        ("123,456,789,012,345", {}, "整数部分最多 14 位：'123,456,789,012,345'"),
        ("1000", {"max_digits": 5, "decimal_places": 2}, "整数部分最多 3 位：'1000'"),
        ("-5", {"allow_negative": False}, "不能为负数：'-5'"),
        ("－５%", {"allow_negative": False}, "不能为负数：'－５%'"),
        ("1,00", {}, "千分位逗号的位置不对（小数点请用“.”）：'1,00'"),
        ("1,5", {}, "千分位逗号的位置不对（小数点请用“.”）：'1,5'"),
        (",100", {}, "千分位逗号的位置不对（小数点请用“.”）：',100'"),
        ("1.000,5", {}, "请输入数字：'1.000,5'"),
        # a unit other than the indicator's: 20万人 where the unit is 人 would be 200,000, not 20
        ("20万人", {"unit": "人"}, "单位应为「人」，请按该单位只填数字：'20万人'"),
        ("95%", {"unit": "人"}, "单位应为「人」，请按该单位只填数字：'95%'"),
        ("13.5元", {"unit": "元/平方米/月"}, "单位应为「元/平方米/月」，请按该单位只填数字：'13.5元'"),
    ],
)
def test_refused_forms_say_why_in_chinese(text, kwargs, message):
    with pytest.raises(ParseError) as refused:
        parse_decimal(text, **kwargs)
    assert str(refused.value) == message


def test_parse_error_is_a_value_error():
    assert issubclass(ParseError, ValueError)
