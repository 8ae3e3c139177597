"""Where things are on the exported 监控表 (财预〔2019〕136号 layout): shared by the export and the import.

Rows and columns are 0-based (XlsxWriter's); the import adds 1 for openpyxl and for messages (A1 notation).
"""
from indicators.exports.renderer import cell_ref as cell_name  # noqa: F401  (the import's messages: 「H12」)
from indicators.models import DeviationReason

SUMMARY_SHEET = "监控汇总"
SHEET_TITLE = "项目支出绩效目标执行监控表"

# Project header: label cells and the value cell beside each.
NAME_LABEL, NAME_CELL = (2, 0), (2, 1)
SEQ_LABEL, SEQ_CELL = (2, 6), (2, 7)
AS_OF_LABEL, AS_OF_CELL = (2, 8), (2, 9)
TIME_PROGRESS_LABEL, TIME_PROGRESS_CELL = (2, 10), (2, 11)
DEPARTMENT_LABEL, DEPARTMENT_CELL = (3, 0), (3, 1)
YEAR_LABEL, YEAR_CELL = (3, 6), (3, 7)
HEADER_LABELS = {
    NAME_LABEL: "项目名称", SEQ_LABEL: "项目序号", AS_OF_LABEL: "截至日期", TIME_PROGRESS_LABEL: "序时进度",
    DEPARTMENT_LABEL: "主管部门", YEAR_LABEL: "年度",
}

# The budget block: two header rows, then one line.
BUDGET_HEADER_ROW = 4
BUDGET_ROW = 6
BUDGET_COLUMNS = ["项目资金", "年初预算数", "全年预算数", "截至监控点执行数", "执行率", "序时进度", "监控等级",
                  "全年预计执行数"]
# The indicator block: two header rows, then one row per indicator in its published order.
INDICATOR_HEADER_ROW = 8
FIRST_INDICATOR_ROW = 10
INDICATOR_COLUMNS = ["一级指标", "二级指标", "三级指标", "年度指标值", "截至监控点完成值", "完成进度", "监控等级",
                     "全年预计完成值"]
NAME_COLUMN = 2  # 三级指标: checked against the system's indicator, so that moved rows are refused

# Columns both blocks share, from 全年预计完成值 on: what a project owner fills in.
FORECAST_COLUMN = 7
REASON_GROUP = "偏差原因"
REASON_COLUMNS = {code: 8 + i for i, code in enumerate(DeviationReason.values)}  # I..M, ✓ or blank
OTHER_TEXT_COLUMN = 13
LIKELIHOOD_COLUMN = 14
MEASURES_COLUMN = 15
STATUS_COLUMN = 16  # 待说明; read-only
NOTE_ID_COLUMN = 17  # hidden: the note the sheet showed, for the stale-line check
# Read-only, after the hidden column so that files exported before it still import: how each line is judged.
BASIS_COLUMN = 18
TAIL_COLUMNS = {OTHER_TEXT_COLUMN: "其他原因说明", LIKELIHOOD_COLUMN: "完成目标可能性", MEASURES_COLUMN: "改进措施",
                STATUS_COLUMN: "待说明", NOTE_ID_COLUMN: "记录号", BASIS_COLUMN: "监控口径"}
LAST_COLUMN = BASIS_COLUMN
OVER_BUDGET = "超支"
REASON_SUBHEADERS = {column: label for column, label in zip(REASON_COLUMNS.values(), DeviationReason.labels)}

TICK = "✓"
TICKS = {"✓", "√", "✔", "☑", "是", "1"}
NEEDS_EXPLANATION = "待说明"

SUMMARY_COLUMNS = ["序号", "项目名称", "全年预算数(万元)", "截至监控点执行数(万元)", "执行率", "预算监控等级", "项目监控等级",
                   "绿灯", "黄灯", "红灯", "待说明", "自评得分", "预计全年得分", "工作表"]

