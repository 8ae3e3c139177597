"""Rows of the published layout → projects with their indicators, every problem reported with its place."""
import re
from dataclasses import dataclass
from decimal import Decimal

from core.limits import length_problem
from core.parsing import parse_decimal, parse_whole_number
from projects.importing.reader import ImportFailed, Row
from projects.vocabulary import infer_basis, infer_classes, normalize_operator

MAX_ERRORS = 20
TOTAL = "合计"
# Column key → header text; headers are matched ignoring spaces, line breaks and a trailing (万元).
PROJECT_COLUMNS = {
    "seq": "序号", "name": "项目名称", "overview": "项目概况", "budget": "预算金额", "own_level": "本级支出",
    "transfer": "转移支付支出", "annual_goal": "年度绩效目标", "livelihood_standard": "重大民生标准",
}
INDICATOR_COLUMNS = {"indicator": "指标名称", "operator": "运算符", "target": "年度目标值", "unit": "单位"}
OPTIONAL = {"overview", "annual_goal", "livelihood_standard"}  # absent → left as it is
AMOUNTS = ("budget", "own_level", "transfer")
# The column → its limit in core.limits (one limit per text field for every door).
LIMITS = {"name": "project_name", "indicator": "indicator_name", "target": "target_text", "unit": "unit",
          "overview": "overview", "annual_goal": "annual_goal", "livelihood_standard": "livelihood_standard"}
NOT_AN_AMOUNT = re.compile(r"[^0-9０-９,，.．+\-－\s]")
SENTENCE = re.compile(r"(本级部门预算|转移支付)项目\s*(\d+)\s*个\s*[,，]\s*预算金额\s*([\d,，.]+)\s*万元")


@dataclass(frozen=True)
class ParsedIndicator:
    order: int
    name: str
    operator: str
    target_text: str
    target_value: Decimal | None
    unit: str
    level1: str  # inferred (DOMAIN §2); used when the indicator is new or its published columns changed
    level2: str
    basis: str  # 监控口径, inferred (DOMAIN §5) like the classes
    where: str
    # Read from other units' layouts (projects.importing.layouts); the 汇总表 has none of these.
    points: Decimal | None = None  # explicit 分值 (DOMAIN §4)
    notes: tuple[str, ...] = ()  # how cells were interpreted: 由“≥50个”解析
    warning: str = ""
    classes_printed: bool = False  # 一级/二级 as the table printed them (else inferred)
    actual_text: str = ""  # a 自评表's 实际完成值, as printed
    printed_score: str = ""  # a 自评表's 得分, as printed (compared, never imported)
    actual_where: str = ""  # the cells' places, for messages
    score_where: str = ""
    classes_inferred: bool = True  # the 汇总表 prints no classes: inferred, marked 推断 until confirmed (DOMAIN §2)


@dataclass(frozen=True)
class ParsedProject:
    seq: int
    name: str
    overview: str | None
    budget: Decimal
    own_level: Decimal
    transfer: Decimal
    annual_goal: str | None
    livelihood_standard: str | None
    indicators: tuple[ParsedIndicator, ...]
    where: str
    code: str | None = None  # the 一体化 项目代码 the table printed (None: none; keys.py gives one)
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParsedTable:
    projects: tuple[ParsedProject, ...]

    @property
    def indicator_count(self) -> int:
        return sum(len(project.indicators) for project in self.projects)

    def total(self, field: str) -> Decimal:
        return sum((getattr(project, field) for project in self.projects), Decimal("0.00"))


def parse_table(rows: list[Row]) -> ParsedTable:
    """The projects of the table; raises ImportFailed listing every bad cell (nothing is half-parsed)."""
    columns, first_data = _locate_columns(rows)
    builder = _Builder(columns)
    projects = builder.read(rows[first_data:])
    errors = [message for _, message in sorted(builder.errors, key=lambda error: error[0])]
    if not errors and not projects:
        errors.append("表中没有项目：表头下方没有带「序号」的行")
    if errors:
        shown = errors[:MAX_ERRORS]
        if len(errors) > MAX_ERRORS:
            shown.append(f"……另有 {len(errors) - MAX_ERRORS} 处错误未列出")
        raise ImportFailed(shown)
    return ParsedTable(tuple(projects))


def is_published_layout(rows: list[Row]) -> bool:
    """Whether the rows are the published 汇总表 (a header with 序号 and 项目名称), read by fixed columns."""
    for row in rows:
        keys = {_header_key(cell) for cell in row.cells}
        if "序号" in keys and "项目名称" in keys:
            return True
    return False


def _header_key(text: str) -> str:
    return re.sub(r"[(（][^()（）]*[)）]$", "", re.sub(r"\s+", "", text))


def _locate_columns(rows: list[Row]) -> tuple[dict[str, int | None], int]:
    for position, row in enumerate(rows):
        keys = [_header_key(cell) for cell in row.cells]
        if "序号" in keys and "项目名称" in keys:
            break
    else:
        raise ImportFailed("找不到表头：没有同时含「序号」和「项目名称」的行")
    columns = {key: _find(keys, header) for key, header in PROJECT_COLUMNS.items()}
    # Indicator headers sit under 核心绩效指标, on the row below (or, in a flattened export, on the same row).
    start = _find(keys, "核心绩效指标") or 0
    first_data = position + 1
    for below in range(position + 1, min(position + 3, len(rows))):
        below_keys = [_header_key(cell) for cell in rows[below].cells]
        if "指标名称" in below_keys[start:]:
            keys, first_data = below_keys, below + 1
            break
    columns.update({key: _find(keys, header, start) for key, header in INDICATOR_COLUMNS.items()})
    missing = [
        f"「{header}」" for key, header in (PROJECT_COLUMNS | INDICATOR_COLUMNS).items()
        if columns[key] is None and key not in OPTIONAL
    ]
    if missing:
        raise ImportFailed(f"{rows[position].where()}的表头缺少必需的列：{'、'.join(missing)}")
    return columns, first_data


def _find(keys: list[str], header: str, start: int = 0) -> int | None:
    return next((index for index in range(start, len(keys)) if keys[index] == header), None)


def _problem(error: ValueError, text: str) -> str:
    message = str(error)
    return f"不是数字：{text!r}" if message.startswith("请输入数字") else message


def _header(key: str) -> str:
    return PROJECT_COLUMNS.get(key) or INDICATOR_COLUMNS[key]


class _Builder:
    def __init__(self, columns: dict[str, int | None]):
        self.columns = columns
        self.errors: list[tuple[int, str]] = []  # (row number, message): listed in the order of the file
        self.projects: list[ParsedProject] = []
        self.current: dict | None = None  # the project being read, with its list of indicators
        self.seen: dict[int, str] = {}  # 序号 → where it was first seen

    def read(self, rows: list[Row]) -> list[ParsedProject]:
        for position, row in enumerate(rows):
            get = {key: row.cell(index) for key, index in self.columns.items()}
            project_part = any(get[key] for key in PROJECT_COLUMNS)
            if get["seq"] == TOTAL or get["name"] == TOTAL:
                self._close()
                self._check_totals(row, get)
                self._check_sentence(rows[position + 1:])
                break
            if project_part and not get["seq"].isdecimal() and self.projects_or_current() and not any(
                value for key, value in get.items() if key != "seq"
            ):
                self._close()  # the closing text under a table without a 合计 row
                self._check_sentence(rows[position:])
                break
            if project_part:
                self._close()
                self._start_project(row, get)
            if any(get[key] for key in INDICATOR_COLUMNS):
                self._add_indicator(row, get)
        else:
            self._close()
        return self.projects

    def projects_or_current(self) -> bool:
        return bool(self.projects or self.current)

    def error(self, row: Row, key: str | None, problem: str) -> None:
        place = row.where(self.columns[key], _header(key)) if key else row.where()
        self.errors.append((row.number, f"{place}{problem}"))

    def _start_project(self, row: Row, get: dict[str, str]) -> None:
        before = len(self.errors)
        seq = None
        number = parse_whole_number(get["seq"])
        if not number:
            self.error(row, "seq", f"不是正整数：{get['seq']!r}" if get["seq"] else "为空：项目行必须有序号")
        elif number in self.seen:
            self.error(row, "seq", f"重复：{get['seq']}（{self.seen[number]}已有）")
        else:
            seq = number
            self.seen[seq] = row.where()
        if not get["name"]:
            self.error(row, "name", "为空")
        self._check_length(row, get, "name", *(key for key in OPTIONAL if self.columns[key] is not None))
        amounts = {key: self._amount(row, key, get[key]) for key in AMOUNTS}
        if None not in amounts.values() and amounts["own_level"] + amounts["transfer"] != amounts["budget"]:
            self.error(row, "budget", f"{amounts['budget']} 不等于本级支出 {amounts['own_level']} + "
                                      f"转移支付支出 {amounts['transfer']}")
        optional = {key: (get[key] if self.columns[key] is not None else None) for key in OPTIONAL}
        self.current = {"seq": seq, "name": get["name"], **amounts, **optional, "indicators": [],
                        "where": row.where(), "ok": len(self.errors) == before, "row": row, "rows": 0}

    def _amount(self, row: Row, key: str, text: str) -> Decimal | None:
        if not text:
            self.error(row, key, "为空")
            return None
        if NOT_AN_AMOUNT.search(text):  # parse_decimal would read 4.6万 as 4.6: an amount has no unit
            self.error(row, key, f"不是数字：{text!r}")
            return None
        try:
            value = parse_decimal(text, max_digits=14, decimal_places=2)
        except ValueError as error:
            self.error(row, key, _problem(error, text))
            return None
        if value < 0:
            self.error(row, key, f"不能为负数：{text!r}")
            return None
        return value.quantize(Decimal("0.01"))

    def _add_indicator(self, row: Row, get: dict[str, str]) -> None:
        if self.current is None:
            self.error(row, "indicator", "所在的指标行出现在第一个项目之前：指标行上方须有带「序号」的项目行")
            return
        self.current["rows"] += 1
        ok = True
        if not get["indicator"]:
            self.error(row, "indicator", "为空")
            ok = False
        ok &= self._check_length(row, get, "indicator", "target", "unit")
        try:
            operator = str(normalize_operator(get["operator"]))
        except ValueError:
            self.error(row, "operator", f"无法识别：{get['operator']!r}（应为 ≥、>、≤、<、= 或留空）")
            return
        value = None
        if operator:
            value = self._target(row, get["target"], operator, get["unit"])
            ok &= value is not None
        if not ok:
            return
        level1, level2 = infer_classes(name=get["indicator"], operator=operator, unit=get["unit"])
        basis = infer_basis(name=get["indicator"], operator=operator, unit=get["unit"])
        indicators = self.current["indicators"]
        indicators.append(ParsedIndicator(
            order=len(indicators) + 1, name=get["indicator"], operator=operator, target_text=get["target"],
            target_value=value, unit=get["unit"], level1=str(level1), level2=str(level2), basis=str(basis),
            where=row.where(),
        ))

    def _target(self, row: Row, text: str, operator: str, unit: str) -> Decimal | None:
        if not text:
            self.error(row, "target", f"为空：运算符「{operator}」须有数值目标")
            return None
        try:
            # A target written with its unit inside (`5%` with unit %): the number is 5.
            return parse_decimal(text, max_digits=20, decimal_places=4, unit=unit)
        except ValueError as error:
            self.error(row, "target", _problem(error, text))
            return None

    def _check_length(self, row: Row, get: dict[str, str], *keys: str) -> bool:
        ok = True
        for key in keys:
            problem = length_problem(get[key], LIMITS[key])
            if problem:
                self.error(row, key, problem)
                ok = False
        return ok

    def _close(self) -> None:
        current, self.current = self.current, None
        if current is None or not current["ok"]:
            return
        if not current.pop("rows"):
            self.error(current["row"], None, f"：项目「{current['name']}」没有绩效指标")
        if not current["indicators"]:
            return
        current.pop("ok")
        current.pop("row")
        current["indicators"] = tuple(current["indicators"])
        self.projects.append(ParsedProject(**current))

    def _check_totals(self, row: Row, get: dict[str, str]) -> None:
        if self.errors:
            return  # a sum over rows with errors would only add noise
        for key in AMOUNTS:
            if not get[key]:
                continue  # an empty 合计 cell (e.g. an unevaluated formula) is not checked
            stated = self._amount(row, key, get[key])
            actual = sum((getattr(p, key) for p in self.projects), Decimal("0.00"))
            if stated is not None and stated != actual:
                self.error(row, key, f"合计 {stated:,} 与各项目之和 {actual:,} 不符")

    def _check_sentence(self, rows: list[Row]) -> None:
        """The sentence under the table, if any: 本级部门预算项目15个,预算金额1386.3万元,转移支付项目0个,预算金额0万元."""
        if self.errors:
            return
        for row in rows:
            for kind, count, amount in SENTENCE.findall(" ".join(row.cells)):
                key = "own_level" if kind == "本级部门预算" else "transfer"
                actual = sum((getattr(p, key) for p in self.projects), Decimal("0.00"))
                try:
                    stated = parse_decimal(amount)
                except ValueError:
                    continue
                if stated != actual:
                    self.error(row, None, f"：说明中{kind}项目预算金额 {amount} 万元与表中之和 {actual} 不符")
                if key == "own_level" and count.isdecimal() and int(count) != len(self.projects) and not any(
                    p.transfer for p in self.projects
                ):
                    self.error(row, None, f"：说明中{kind}项目 {count} 个与表中 {len(self.projects)} 个项目不符")
