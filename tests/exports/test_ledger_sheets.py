"""「填报记录」 lists every ledger row as the database holds it; 「调整记录」 every adjustment with its decision."""
import datetime

from django.utils import timezone

from indicators.models import ExpenditureReport, IndicatorReport, MonitoringNote
from projects.models import BudgetAdjustment, IndicatorAdjustment
from tests.exports.conftest import JUL_31, NOV_20, export, mismatches, open_workbook

LEDGER_HEADER = (
    "类别", "记录号", "项目序号", "项目名称", "指标", "填报数值", "单位", "完成档次", "截至日期", "说明", "偏差原因",
    "完成目标可能性", "改进措施", "更正的记录号", "更正原因", "被更正于记录号", "填报人", "填报时间", "计入评价",
)


def records(sheet) -> dict[tuple[str, int], dict]:
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    return {(row[0], row[1]): dict(zip(header, row, strict=True)) for row in rows[1:]}


def who(user) -> str:
    return f"{user.first_name}（{user.username}）" if user.first_name else user.username


def at(moment: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(moment).replace(tzinfo=None)


def day(date: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time())


def test_every_ledger_row_is_listed_with_its_values_who_and_when(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["填报记录"]
    assert next(sheet.iter_rows(values_only=True)) == LEDGER_HEADER
    listed = records(sheet)
    expected = {}
    for r in IndicatorReport.objects.select_related("indicator__project", "entered_by"):
        expected[("指标完成值", r.id)] = (r.indicator.project.seq, r.indicator.name, r.value, day(r.as_of), r.note or None,
                                      r.corrects_id, r.reason or None, who(r.entered_by), at(r.entered_at))
    for r in ExpenditureReport.objects.select_related("project", "entered_by"):
        expected[("支出", r.id)] = (r.project.seq, "预算执行", r.amount, day(r.as_of), r.note or None, r.corrects_id,
                                  r.reason or None, who(r.entered_by), at(r.entered_at))
    for r in MonitoringNote.objects.select_related("project", "indicator", "entered_by"):
        expected[("监控说明", r.id)] = (r.project.seq, r.indicator.name if r.indicator else "预算执行", r.forecast,
                                    day(r.as_of), r.note or None, r.corrects_id, r.reason or None, who(r.entered_by),
                                    at(r.entered_at))
    assert len(expected) == 12 + 4 + 1
    assert set(listed) == set(expected)
    fields = ("项目序号", "指标", "填报数值", "截至日期", "说明", "更正的记录号", "更正原因", "填报人", "填报时间")
    assert mismatches([tuple(listed[key][f] for f in fields) for key in expected], list(expected.values())) == []


def test_a_correction_names_the_row_it_corrects_and_only_current_rows_count(scenario, tmp_path):
    listed = records(open_workbook(export(scenario, tmp_path, NOV_20))["填报记录"])
    wrong, right = IndicatorReport.objects.filter(indicator__name="设备利用率").order_by("id")
    assert (listed[("指标完成值", wrong.id)]["被更正于记录号"], listed[("指标完成值", wrong.id)]["计入评价"]) == (right.id, None)
    assert listed[("指标完成值", right.id)]["更正原因"] == "问卷统计有误，更正为 90"
    assert listed[("指标完成值", right.id)]["填报人"] == "财务乙（finance2）"
    assert listed[("指标完成值", right.id)]["计入评价"] == "是"
    note = listed[("监控说明", MonitoringNote.objects.get().id)]
    assert (note["偏差原因"], note["完成目标可能性"], note["改进措施"]) == ("经费保障、其他（场地未落实）", "有可能", "下半年加开两期")


def test_rows_counted_as_of_july_are_those_current_on_31_july(scenario, tmp_path):
    listed = records(open_workbook(export(scenario, tmp_path, JUL_31))["填报记录"])
    counted = {key for key, row in listed.items() if row["计入评价"] == "是"}
    july = ExpenditureReport.objects.get(as_of=JUL_31)
    assert counted == {("支出", july.id), ("监控说明", MonitoringNote.objects.get().id)}
    assert len(listed) == 17  # later rows are listed too: the ledger is the whole history


def test_every_adjustment_is_listed_with_its_decision(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, NOV_20))["调整记录"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("类别", "记录号", "项目序号", "项目名称", "指标", "调整前", "调整后", "调整前数值", "调整后数值",
                       "调整原因", "生效日期", "状态", "提出人", "提出时间", "审批人", "审批时间", "驳回原因", "评价日有效")
    now = datetime.datetime(2026, 11, 25, 10, 0)
    sept_1 = datetime.datetime(2026, 9, 1)
    rejected = IndicatorAdjustment.objects.get(state="rejected")
    approved = IndicatorAdjustment.objects.get(state="approved")
    budget, pending = BudgetAdjustment.objects.order_by("id")
    expected = [
        ("指标调整", rejected.id, 1, "设备购置经费", "设备购置数", "≥ 8 台/件/组", "≥ 6 台/件/组", 8, 6, "采购计划调整", sept_1,
         "已驳回", "财务甲（finance）", now, "admin", now, "理由不充分", None),
        ("指标调整", approved.id, 2, "培训费", "培训人数", "≥ 162 人", "≥ 150 人", 162, 150, "上级压减培训班次，培训人数相应调减",
         sept_1, "已批准", "财务甲（finance）", now, "admin", now, None, "是"),
        ("预算调整", budget.id, 2, "培训费", "预算金额", "26.33 万元（本级 26.33，转移支付 0.00）",
         "24.00 万元（本级 24.00，转移支付 0.00）", 26.33, 24, "年中预算调减", sept_1, "已批准", "财务甲（finance）", now,
         "admin", now, None, "是"),
        ("预算调整", pending.id, 5, "幼儿园办学经费", "预算金额", "606.46 万元（本级 606.46，转移支付 0.00）",
         "600.00 万元（本级 600.00，转移支付 0.00）", 606.46, 600, "预计结余", datetime.datetime(2026, 10, 1), "待审批",
         "财务甲（finance）", now, None, None, None, None),
    ]
    assert mismatches(rows[1:], expected) == []


def test_no_adjustment_is_in_force_before_its_effective_date(scenario, tmp_path):
    sheet = open_workbook(export(scenario, tmp_path, JUL_31))["调整记录"]
    assert [row[-1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [None] * 4


def test_record_sheets_are_frozen_and_filtered_below_their_header(scenario, tmp_path):
    workbook = open_workbook(export(scenario, tmp_path, NOV_20))
    ledger, adjustments = workbook["填报记录"], workbook["调整记录"]
    assert (ledger.freeze_panes, ledger.auto_filter.ref) == ("D2", "A1:S18")
    assert (adjustments.freeze_panes, adjustments.auto_filter.ref) == ("D2", "A1:R5")
    assert ledger["I2"].number_format == "yyyy-mm-dd" and ledger["R2"].number_format == "yyyy-mm-dd hh:mm:ss"
