"""JSON bodies whose numbers arrive as Decimal: 0.1 must stay 0.1, never become 0.1000000000000000055…"""
import codecs
from decimal import Decimal

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding
from rest_framework.utils import json


class DecimalJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        encoding = get_encoding(parser_context or {})
        try:
            decoded = codecs.getreader(encoding)(stream)
            # Strict always: NaN and Infinity are not numbers a clerk can report.
            return json.load(decoded, parse_float=Decimal, parse_constant=json.strict_constant)
        except ValueError as exc:
            # Malformed JSON, undecodable bytes (UnicodeDecodeError is a ValueError), integers too long to convert.
            raise ParseError(f"请求体不是有效的 JSON：{exc}") from None
        except RecursionError:
            # Arrays or objects nested hundreds deep: no request of this API nests more than three.
            raise ParseError("请求体不是有效的 JSON：嵌套层数过多。") from None
