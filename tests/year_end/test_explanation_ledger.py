"""Year-end explanations are a ledger of their own (DOMAIN §6, §9): appended, corrected with a reason, never
changed; over-long texts are refused whole and nothing is stored."""
import pytest

from core.errors import ConflictError, DomainError
from indicators.models import LedgerError, LineExplanation, ProjectSelfEvaluation
from indicators.services.year_end import (
    LINE_TEXT_LIMIT,
    PROJECT_TEXT_LIMIT,
    record_budget_explanation,
    record_line_explanation,
    record_project_texts,
)
from tests.conftest import project
from tests.year_end.conftest import line


def test_a_first_explanation_is_appended_without_a_reason(scenario, finance):
    row, created = record_line_explanation(indicator=line(1, 4), user=finance, text="  新设备调试，利用率偏低。 ")
    assert created
    assert (row.text, row.corrects, row.reason, row.entered_by) == ("新设备调试，利用率偏低。", None, "", finance)
    assert row.project == project(1)


def test_changing_an_explanation_appends_a_correction_that_names_the_row_and_why(scenario, finance, finance2):
    first, _ = record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。")
    with pytest.raises(DomainError) as refused:
        record_line_explanation(indicator=line(1, 4), user=finance2, text="新设备调试，利用率偏低。")
    assert refused.value.errors["reason"] == ["指标「设备利用率」的年终说明已有内容（财务甲，2026-12-20 10:00 填写）：修改请填写修改原因。"]
    second, created = record_line_explanation(indicator=line(1, 4), user=finance2, text="新设备调试，利用率偏低。",
                                              reason="补充原因")
    assert created
    assert (second.corrects, second.reason) == (first, "补充原因")
    first.refresh_from_db()
    assert first.text == "利用率偏低。"  # the first row stays as it was written
    assert LineExplanation.objects.filter(indicator=line(1, 4)).count() == 2


def test_the_same_text_again_appends_nothing(scenario, finance):
    first, _ = record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。")
    again, created = record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。 ")
    assert (again, created) == (first, False)
    assert LineExplanation.objects.count() == 1


def test_a_text_left_out_keeps_what_the_line_has(scenario, finance):
    caring = line(3, 3)
    record_line_explanation(indicator=caring, user=finance, text="走访慰问 5 人，部分对象外出未见面。")
    row, _ = record_line_explanation(indicator=caring, user=finance, basis="走访覆盖 5 人中的 4 人，按部分达成 70% 计。",
                                     reason="补评价依据")
    assert (row.text, row.basis) == ("走访慰问 5 人，部分对象外出未见面。", "走访覆盖 5 人中的 4 人，按部分达成 70% 计。")


def test_a_basis_is_refused_on_a_quantitative_line(scenario, finance):
    with pytest.raises(DomainError) as refused:
        record_line_explanation(indicator=line(1, 4), user=finance, basis="按问卷")
    assert refused.value.errors == {"basis": ["评价依据只用于定性指标：定量指标请填写偏差原因分析及改进措施。"]}
    assert LineExplanation.objects.count() == 0


def test_a_stale_page_is_a_conflict_and_stores_nothing(scenario, finance, finance2):
    first, _ = record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。")
    with pytest.raises(ConflictError) as conflict:
        record_line_explanation(indicator=line(1, 4), user=finance2, text="另一种说法。", reason="改写",
                                expected_current_id=None)
    assert conflict.value.other == first
    assert "保存前已有人修改了指标「设备利用率」的年终说明" in str(conflict.value)
    assert LineExplanation.objects.count() == 1


def test_only_finance_of_the_department_writes(scenario, manager, outsider):
    for user in (manager, outsider):
        with pytest.raises(DomainError, match="只有本部门的财务人员可以填报"):
            record_budget_explanation(project=project(1), user=user, text="尾款未付。")
    assert LineExplanation.objects.count() == 0


@pytest.mark.parametrize("field", ["text", "basis"])
def test_an_over_long_line_text_is_refused_whole_and_nothing_is_stored(scenario, finance, field):
    before = LineExplanation.objects.count()
    with pytest.raises(DomainError) as refused:
        record_line_explanation(indicator=line(3, 3), user=finance, **{field: "慰" * (LINE_TEXT_LIMIT + 1)})
    label = {"text": "偏差原因分析及改进措施", "basis": "评价依据"}[field]
    assert refused.value.errors == {field: [f"{label}最多 2000 字，现有 2001 字：请精简后再保存（系统不会截断）。"]}
    assert LineExplanation.objects.count() == before
    row, _ = record_line_explanation(indicator=line(3, 3), user=finance, **{field: "慰" * LINE_TEXT_LIMIT})
    assert len(getattr(row, field)) == LINE_TEXT_LIMIT


def test_over_long_project_texts_are_all_named_and_nothing_is_stored(scenario, finance):
    before = ProjectSelfEvaluation.objects.count()
    with pytest.raises(DomainError) as refused:
        record_project_texts(project=project(1), user=finance, achievement="完" * (PROJECT_TEXT_LIMIT + 1),
                             problems="问题", measures="措" * (PROJECT_TEXT_LIMIT + 2))
    assert refused.value.errors == {
        "achievement": ["实际完成情况最多 5000 字，现有 5001 字：请精简后再保存（系统不会截断）。"],
        "measures": ["改进措施最多 5000 字，现有 5002 字：请精简后再保存（系统不会截断）。"],
    }
    assert ProjectSelfEvaluation.objects.count() == before


def test_project_texts_are_corrected_as_a_whole_row(scenario, finance):
    first, _ = record_project_texts(project=project(1), user=finance, achievement="完成设备购置。")
    second, _ = record_project_texts(project=project(1), user=finance, problems="验收偏晚。", reason="补存在问题")
    assert (second.achievement, second.problems, second.measures) == ("完成设备购置。", "验收偏晚。", "")
    assert second.corrects == first


def test_explanation_rows_cannot_be_changed_or_deleted(scenario, finance):
    row, _ = record_line_explanation(indicator=line(1, 4), user=finance, text="利用率偏低。")
    texts, _ = record_project_texts(project=project(1), user=finance, achievement="完成。")
    for saved, model in ((row, LineExplanation), (texts, ProjectSelfEvaluation)):
        with pytest.raises(LedgerError):
            saved.save()
        with pytest.raises(LedgerError):
            saved.delete()
        with pytest.raises(LedgerError):
            model.objects.filter(pk=saved.pk).update(reason="x")
        with pytest.raises(LedgerError):
            model.objects.all().delete()
    row.refresh_from_db()
    assert row.text == "利用率偏低。"
