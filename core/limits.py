"""One length limit per text field, the same for every door: pages, API, imports and the services behind them.

A text over its limit is refused as a whole with where it is and how long it is; it is never cut. The model
columns of names, targets and units are CharFields of these lengths; the long texts are TextFields held to them here,
by the write services themselves (`check_lengths`), so a caller that skips the form, the serializer and the import
reader is refused too.
"""
from core.errors import DomainError

TEXT_LIMITS = {
    # What finance enters during the year (reports, expenditures, monitoring notes).
    "note": 2000,  # 说明 of a report or an expenditure
    "correction_reason": 2000,  # 更正原因 of a correction
    "reason_other": 500,  # 偏差原因「其他」的说明
    "measures": 2000,  # 改进措施 of a monitoring note
    "adjustment_reason": 2000,  # 调整原因, 驳回原因
    # The year-end self-evaluation (DOMAIN §9).
    "line_text": 2000,  # a line's 偏差原因分析及改进措施, 评价依据, a deduction's or a change's reason
    "project_text": 5000,  # 实际完成情况, 存在问题, 改进措施 of a project
    # What the published table holds (projects.models column lengths for the first four).
    "project_name": 300,
    "indicator_name": 500,
    "target_text": 200,
    "unit": 50,
    "overview": 5000,  # 项目概况
    "annual_goal": 5000,  # 年度绩效目标
    "livelihood_standard": 5000,  # 重大民生标准
}


def length_problem(text: str | None, key: str) -> str:
    """'' when `text` fits the limit of `key`, else the Chinese reason (to follow the field's place and name)."""
    limit = TEXT_LIMITS[key]
    if text is None or len(text) <= limit:
        return ""
    return f"过长：{len(text)} 字，最多 {limit} 字（不会截断，请精简后重新提交）"


def length_refusal(text: str | None, *, key: str, label: str) -> str:
    """'' when `text` fits, else the message a service gives beside the field named `label`."""
    limit = TEXT_LIMITS[key]
    if text is None or len(text) <= limit:
        return ""
    return f"{label}最多 {limit} 字，现有 {len(text)} 字：请精简后再保存（系统不会截断）。"


def length_errors(*texts: tuple[str, str, str, str | None]) -> dict[str, list[str]]:
    """Every over-long text among `(field, key, label, text)`, keyed by field, to join a service's other errors."""
    errors: dict[str, list[str]] = {}
    for field, key, label, text in texts:
        message = length_refusal(text, key=key, label=label)
        if message:
            errors.setdefault(field, []).append(message)
    return errors


def check_lengths(*texts: tuple[str, str, str, str | None]) -> None:
    """Refuses (DomainError, 400) a write with any over-long text among `(field, key, label, text)`, naming each."""
    errors = length_errors(*texts)
    if errors:
        raise DomainError(errors)
