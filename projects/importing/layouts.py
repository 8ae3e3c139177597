"""Another unit's table (目标表, 申报表, 自评表) → the same ParsedTable as the published 汇总表.

Columns are found by their header's aliases (or given by a person: `mapping`, field → column index). A project
starts at a row labelled 项目名称 (a form: label, then value) or at a new name in a 项目名称 column (a list); its lines
follow under a header row. 一级/二级指标 printed in merged cells carry down to the rows below. Every cell read
otherwise than as written is noted (the preview shows the note), every bad cell refused by sheet, row and column.
"""
import re
from dataclasses import dataclass, replace
from decimal import Decimal

from core.limits import length_problem
from core.parsing import ParseError, parse_decimal
from projects.importing.cells import CellError, class_heading, read_operator, read_target
from projects.importing.reader import ImportFailed, Row, column_index, column_letter
from projects.importing.table import MAX_ERRORS, ParsedIndicator, ParsedProject, ParsedTable
from projects.points import points_problem
from projects.vocabulary import LEVEL2_BY_LEVEL1, LEVEL2_PARENT, Framework, Level1, Level2, infer_basis, infer_classes

# Field → (the label a person reads, the headers that name it). Headers match without spaces and a trailing (…).
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "project": ("项目名称", ("项目名称", "项目支出名称")),
    "code": ("项目代码", ("项目代码", "项目编码")),
    "budget": ("预算金额（万元）", ("预算金额", "年度资金总额", "资金总额", "年度本级预算金额")),
    "level1": ("一级指标", ("一级指标",)),
    "level2": ("二级指标", ("二级指标",)),
    "indicator": ("指标名称", ("指标名称", "三级指标", "指标内容")),
    "operator": ("运算符", ("运算符", "指标性质", "计算符号")),
    "target": ("年度目标值", ("年度目标值", "指标值", "年度指标值", "指标值及单位")),
    "unit": ("单位", ("单位", "计量单位", "度量单位")),
    "points": ("分值", ("分值", "权重")),
    "actual": ("实际完成值", ("实际完成值", "完成值", "全年实际值")),
    "score": ("得分", ("得分",)),
}
NEEDED = ("indicator", "target")
PROJECT_FIELDS = {"project", "code", "budget"}
CODE_PREFIX = re.compile(r"^(?=[0-9A-Z]*[0-9])(?P<code>[0-9A-Z]{12,40})\s*[-－—–_]\s*(?P<name>\S.*)$")
# 101号's classes (DOMAIN §10) as 10号's, where the year's framework is 10号: shown as an interpretation.
CLASS_ALIASES_10 = {
    "经济成本指标": Level2.COST, "社会成本指标": Level2.COST, "生态环境成本指标": Level2.COST,
    "社会公众或服务对象满意度指标": Level2.SERVICE_SATISFACTION, "满意度指标": Level2.SERVICE_SATISFACTION,
}
LEVEL1_ALIASES_10 = {"成本指标": Level1.OUTPUT}
TOTAL_WORDS = ("合计", "总计", "小计")


@dataclass(frozen=True)
class Detected:
    """The first header row found and the columns it names: what the upload page offers to correct."""

    where: str
    headers: tuple[tuple[int, str], ...]  # (column index, header text) of every non-empty header cell
    mapping: dict[str, int]


class ColumnsRefused(ImportFailed):
    """Columns that cannot be read as chosen: each message under the field it is about (the page shows it there)."""

    def __init__(self, problems: dict[str, list[str]]):
        super().__init__([message for messages in problems.values() for message in messages])
        self.errors = problems


def header_key(text: str) -> str:
    return re.sub(r"[(（][^()（）]*[)）]$", "", re.sub(r"\s+", "", text or ""))


def _field_of(text: str) -> str | None:
    key = header_key(text)
    return next((name for name, (_, aliases) in FIELDS.items() if key in aliases), None)


def _header_mapping(row: Row, override: dict[str, int] | None = None) -> dict[str, int]:
    """The columns a header row names (with those a person gave), or {} when the row is no indicator header."""
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        name = _field_of(cell)
        if name is not None and name not in mapping:
            mapping[name] = index
    if len(set(mapping) - PROJECT_FIELDS) < 2:
        return {}  # a form's label row (项目名称 | 工资性支出) names no indicator columns
    # A person's choice wins; -1 says the field is in no column (a header an alias named wrongly).
    mapping = {name: index for name, index in (mapping | (override or {})).items() if index >= 0}
    return mapping if all(name in mapping for name in NEEDED) else {}


def _chosen_header(rows: list[Row], override: dict[str, int] | None) -> Row | None:
    """Where no header names its columns, the one a person's choice implies: the first row with text in both the
    指标名称 and 年度目标值 columns chosen (a title or a project's label row above it has none there)."""
    if not override or any(override.get(name, -1) < 0 for name in NEEDED):
        return None
    return next((row for row in rows if all(row.cell(override[name]) for name in NEEDED)), None)


def _chosen_mapping(row: Row, header: Row | None, override: dict[str, int] | None) -> dict[str, int]:
    """The person's columns at the chosen header and at every row that repeats it (a form's header per project)."""
    if header is None or any(row.cell(override[name]) != header.cell(override[name]) for name in NEEDED):
        return {}
    return {name: index for name, index in override.items() if index >= 0}


def _find_header(rows: list[Row], override: dict[str, int] | None) -> tuple[Row, dict[str, int], Row | None]:
    """(the first header row, its columns, the header a person's columns imply when none is named by its headers);
    ImportFailed when there is none."""
    for row in rows:
        mapping = _header_mapping(row, override)
        if mapping:
            return row, mapping, None
    chosen = _chosen_header(rows, override)
    if chosen is not None:
        return chosen, _chosen_mapping(chosen, chosen, override), chosen
    names = "、".join(f"「{FIELDS[name][0]}」（{'/'.join(FIELDS[name][1])}）" for name in NEEDED)
    raise ImportFailed(f"找不到表头：没有同时含「序号」和「项目名称」的行（汇总表），也没有同时含 {names} 的行")


def detect(rows: list[Row], override: dict[str, int] | None = None) -> Detected:
    """The columns of the first header row; ImportFailed when no row names an indicator and its target."""
    row, mapping, _ = _find_header(rows, override)
    return Detected(row.where(), tuple((i, cell) for i, cell in enumerate(row.cells) if cell), mapping)


def parse_mapping_option(text: str) -> tuple[str, int]:
    """`指标值=F` (or `target=F`) → ('target', 5): the command's --column option; ValueError in Chinese."""
    label, sep, letter = (text or "").partition("=")
    name = next((n for n, (shown, aliases) in FIELDS.items()
                 if label.strip() in (n, shown, *aliases)), None)
    if not sep or name is None:
        raise ValueError(f"列对应应写作「字段=列字母」，如 指标值=F；可用的字段：{'、'.join(v[0] for v in FIELDS.values())}")
    index = column_index(letter)
    if index is None:
        raise ValueError(f"列字母无效：{text!r}（应为 A、B、…、AA）")
    return name, index


def check_columns(rows: list[Row], mapping: dict[str, int]) -> None:
    """Refuses a person's columns (ColumnsRefused) when a needed field is in none, a column lies beyond the sheet or
    two fields would read one column (counting those the headers name for fields the person left as found)."""
    width = max((len(row.cells) for row in rows), default=0)
    try:
        in_use = detect(rows, mapping).mapping
    except ImportFailed:  # no header even so: the choice alone
        in_use = {name: index for name, index in mapping.items() if index >= 0}
    problems: dict[str, list[str]] = {}
    taken: dict[int, str] = {}
    for name, (label, _) in FIELDS.items():
        index = mapping.get(name, in_use.get(name, -1))
        if index < 0:
            if name in NEEDED and name in mapping:
                problems[name] = [f"「{label}」是必需的：请选择它所在的列"]
            continue
        letter = column_letter(index)
        if index >= width:
            last = f"A–{column_letter(width - 1)} 列" if width > 1 else "A 列"
            problems[name] = [f"「{label}」选的 {letter} 列超出了表格：表中只有 {last}"]
        elif index in taken:
            problems[name] = [f"「{label}」与「{FIELDS[taken[index]][0]}」都对应 {letter} 列：每列只能对应一个字段"]
        else:
            taken[index] = name
    if problems:
        raise ColumnsRefused(problems)


def parse_layout(rows: list[Row], *, mapping: dict[str, int] | None = None, budget_points: Decimal = Decimal(10),
                 framework: Framework = Framework.FIN_10) -> ParsedTable:
    """The projects of another unit's table; ImportFailed listing every bad cell (nothing is half-read)."""
    if mapping:
        check_columns(rows, mapping)
    _, _, chosen = _find_header(rows, mapping)  # a table with no header at all is refused before anything else
    reader = _Reader(mapping or {}, budget_points, framework, chosen)
    reader.read(rows)
    errors = [message for _, message in sorted(reader.errors, key=lambda error: error[0])]
    if not errors and not reader.projects:
        errors.append("表中没有项目：没有「项目名称」行或列")
    if errors:
        shown = errors[:MAX_ERRORS] + ([f"……另有 {len(errors) - MAX_ERRORS} 处错误未列出"]
                                       if len(errors) > MAX_ERRORS else [])
        raise ImportFailed(shown)
    return ParsedTable(tuple(reader.projects))


def split_code(name: str) -> tuple[str | None, str]:
    """`51000021R000000019951-工资性支出` → ('51000021R000000019951', '工资性支出'): the 一体化 项目代码 is a field."""
    match = CODE_PREFIX.match(name.strip())
    return (match["code"], match["name"].strip()) if match else (None, name.strip())


class _Reader:
    def __init__(self, override: dict[str, int], budget_points: Decimal, framework: Framework,
                 chosen: Row | None = None):
        self.override = override
        self.chosen = chosen  # the header a person's columns imply, when no header names them
        self.budget_points = budget_points
        # Under 101号 its cost classes are kept as printed; under 10号 they are read as 10号's (and noted).
        self.aliases = framework is Framework.FIN_10
        self.framework = framework
        self.columns: dict[str, int] = {}
        self.errors: list[tuple[tuple, str]] = []
        self.projects: list[ParsedProject] = []
        self.current: dict | None = None
        self.classes = ("", "")  # the 一级/二级 carried down from the rows above
        self.order = 0

    def error(self, row: Row, field: str | None, problem: str) -> None:
        place = row.where(self.columns.get(field), FIELDS[field][0]) if field else row.where()
        self.errors.append(((row.sheet or "", row.number), f"{place}{problem}"))

    def get(self, row: Row, field: str) -> str:
        return row.cell(self.columns.get(field))

    def read(self, rows: list[Row]) -> None:
        for row in rows:
            found = _header_mapping(row, self.override) or _chosen_mapping(row, self.chosen, self.override)
            if found:
                self.columns = found
                self.classes = ("", "")
                continue
            label, value, value_at = _label(row)
            if label in FIELDS["project"][1] and value:
                self._start(row, value, value_at)
                continue
            if label in FIELDS["budget"][1] and self.current is not None:
                self._budget(row, value, value_at)
                continue
            if not self.columns:
                continue
            if "project" in self.columns and self.get(row, "project"):
                name = self.get(row, "project")
                if self.current is None or split_code(name)[1] != self.current["name"]:
                    self._start(row, name, self.columns["project"])
                if "budget" in self.columns and self.get(row, "budget"):
                    self._budget(row, self.get(row, "budget"), self.columns["budget"])
            self._line(row)
        self._close()

    def _start(self, row: Row, text: str, index: int) -> None:
        self._close()
        code, name = split_code(text)
        if "code" in self.columns and self.get(row, "code"):
            code = self.get(row, "code")
        notes = [f"由“{text}”读出项目代码 {code}"] if code and code in text else []
        problem = length_problem(name, "project_name")
        if problem:
            self.errors.append(((row.sheet or "", row.number), f"{row.where(index, '项目名称')}{problem}"))
        self.order = 0
        self.current = {"name": name, "code": code, "budget": None, "budget_note": "", "lines": [],
                        "row": row, "index": index, "notes": notes}

    def _budget(self, row: Row, text: str, index: int) -> None:
        note = ""
        cleaned = text.strip()
        if cleaned.endswith("万元") or cleaned.endswith("万"):
            note = f"由“{text}”解析：万元"
            cleaned = cleaned.removesuffix("万元").removesuffix("万")
        try:
            value = parse_decimal(cleaned, max_digits=14, decimal_places=2, allow_negative=False)
        except ParseError as error:
            problem = str(error).replace(f"'{cleaned}'", f"'{text}'")
            self.errors.append(((row.sheet or "", row.number), f"{row.where(index, '预算金额')}{problem}"))
            self.current["budget_refused"] = True
            return
        if value is None:
            return
        self.current["budget"] = value.quantize(Decimal("0.01"))
        if note:
            self.current["notes"].append(note)

    def _line(self, row: Row) -> None:
        level1_text, level2_text = self.get(row, "level1"), self.get(row, "level2")
        if level1_text:
            self.classes = (level1_text, "")
        if level2_text:
            self.classes = (self.classes[0], level2_text)
        name = self.get(row, "indicator")
        if not name or header_key(level1_text) in TOTAL_WORDS or header_key(name) in TOTAL_WORDS:
            return
        if self.current is None:
            self.error(row, "indicator", "所在的指标行上方没有项目：请在表中写明「项目名称」")
            return
        before = len(self.errors)
        for field, limit in (("indicator", "indicator_name"), ("unit", "unit")):
            problem = length_problem(self.get(row, field), limit)
            if problem:
                self.error(row, field, problem)
        notes, warning = [], ""
        try:
            operator = read_operator(self.get(row, "operator")) if "operator" in self.columns else None
        except CellError as error:
            self.error(row, "operator", str(error))
            return
        try:
            target = read_target(self.get(row, "target"), operator=operator, unit=self.get(row, "unit"))
        except CellError as error:
            self.error(row, "target", str(error))
            return
        if target.note:
            notes.append(target.note)
        warning = target.warning
        points = self._decimal(row, "points")
        classes = self._classes(row, name, target, notes)
        if len(self.errors) > before or classes is None:
            return
        self.order += 1
        level1, level2, printed = classes
        self.current["lines"].append(ParsedIndicator(
            order=self.order, name=name, operator=target.operator, target_text=target.text,
            target_value=target.value, unit=target.unit, level1=str(level1), level2=str(level2),
            basis=str(infer_basis(name=name, operator=target.operator, unit=target.unit)), where=row.where(),
            points=points, notes=tuple(notes), warning=warning, classes_printed=printed, classes_inferred=not printed,
            actual_text=self.get(row, "actual"), printed_score=self.get(row, "score"),
            actual_where=row.where(self.columns.get("actual"), FIELDS["actual"][0]),
            score_where=row.where(self.columns.get("score"), FIELDS["score"][0]),
        ))

    def _decimal(self, row: Row, field: str) -> Decimal | None:
        text = self.get(row, field)
        if field not in self.columns or not text or text in ("/", "-", "—"):
            return None
        try:
            return parse_decimal(text, max_digits=5, decimal_places=2, allow_negative=False)
        except ParseError as error:
            self.error(row, field, str(error))
            return None

    def _classes(self, row: Row, name: str, target, notes: list[str]):
        """(一级, 二级, printed?) of a line: as printed (101号's words read as 10号's, noted), else inferred."""
        printed1, heading1 = class_heading(self.classes[0])
        printed2, _ = class_heading(self.classes[1])
        if heading1 is not None and self.get(row, "level1"):
            notes.append(f"一级指标“{self.classes[0]}”读作 {printed1}（括注分值为该类合计）")
        if not printed1 and not printed2:
            level1, level2 = infer_classes(name=name, operator=target.operator, unit=target.unit,
                                           framework=self.framework)
            return level1, level2, False
        level1 = _level1(printed1, self.aliases)
        if printed1 and level1 is None:
            self.error(row, "level1", f"无法识别：{self.classes[0]!r}（应为 {'、'.join(Level1)}）")
            return None
        if self.aliases and printed1 in LEVEL1_ALIASES_10:
            notes.append(f"一级指标“{printed1}”（101号）按 10号 归入 {level1}")
        level2 = _level2(printed2, self.aliases)
        if printed2 and level2 is None:
            self.error(row, "level2", f"无法识别：{self.classes[1]!r}")
            return None
        if self.aliases and printed2 in CLASS_ALIASES_10:
            notes.append(f"二级指标“{printed2}”按 10号 归入 {level2}")
        if level2 is None:
            guess = infer_classes(name=name, operator=target.operator, unit=target.unit, framework=self.framework)[1]
            level2 = guess if LEVEL2_PARENT[guess] is level1 else LEVEL2_BY_LEVEL1[level1][0]
            notes.append(f"二级指标未印出，推断为 {level2}")
        if level1 is None:
            level1 = LEVEL2_PARENT[level2]
        if LEVEL2_PARENT[level2] is not level1:
            self.error(row, "level2", f"「{level2}」不属于一级指标「{level1}」")
            return None
        return level1, level2, True

    def _close(self) -> None:
        current, self.current = self.current, None
        if current is None:
            return
        row, lines = current["row"], current["lines"]
        where = row.where(current["index"], "项目名称")
        if not lines:
            self.errors.append(((row.sheet or "", row.number), f"{where}：项目「{current['name']}」没有绩效指标"))
            return
        if current["budget"] is None and not current.get("budget_refused"):
            self.errors.append(((row.sheet or "", row.number),
                                f"{where}：项目「{current['name']}」没有预算金额（可写 0）"))
            return
        if current["budget"] is None:
            return
        problem = points_problem([line.points for line in lines], budget_points=self.budget_points)
        if problem:
            missing = [f"{line.where}「{line.name}」" for line in lines if line.points is None]
            detail = f"（{'、'.join(missing)}）" if missing and len(missing) < len(lines) else ""
            self.errors.append(((row.sheet or "", row.number), f"{where}：项目「{current['name']}」{problem}{detail}"))
            return
        seq = len(self.projects) + 1
        self.projects.append(ParsedProject(
            seq=seq, name=current["name"], overview=None, budget=current["budget"], own_level=current["budget"],
            transfer=Decimal("0.00"), annual_goal=None, livelihood_standard=None,
            indicators=tuple(replace(line, order=i) for i, line in enumerate(lines, start=1)),
            where=where, code=current["code"], notes=tuple(current["notes"]),
        ))


def _label(row: Row) -> tuple[str, str, int]:
    """(label, value, value's column) of a form row: its first non-empty cell and the next non-empty one."""
    cells = [(i, cell) for i, cell in enumerate(row.cells) if cell]
    if not cells:
        return "", "", 0
    label = header_key(cells[0][1])
    value_at, value = cells[1] if len(cells) > 1 else (cells[0][0], "")
    return label, value, value_at


def _level1(text: str, aliases: bool) -> Level1 | None:
    if not text:
        return None
    if aliases and text in LEVEL1_ALIASES_10:
        return LEVEL1_ALIASES_10[text]
    return next((level for level in Level1 if level.value == text or level.value.removesuffix("指标") == text), None)


def _level2(text: str, aliases: bool) -> Level2 | None:
    if not text:
        return None
    if aliases and text in CLASS_ALIASES_10:
        return CLASS_ALIASES_10[text]
    return next((level for level in Level2 if level.value == text or level.value.removesuffix("指标") == text), None)
