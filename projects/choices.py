"""Model choices of the published table's words: made from `projects.vocabulary`'s enums, never typed again."""
from django.db import models

from projects import vocabulary


def _text_choices(enum, labels: dict | None = None) -> type[models.TextChoices]:
    labels = labels or {}
    return models.TextChoices(enum.__name__, [(member.name, (member.value, labels.get(member, member.value)))
                                              for member in enum])


Operator = _text_choices(vocabulary.Operator, {vocabulary.Operator.NONE: "（定性）"})
Level1 = _text_choices(vocabulary.Level1)
Level2 = _text_choices(vocabulary.Level2)
Basis = _text_choices(vocabulary.Basis)

LEVEL2_BY_LEVEL1 = {
    Level1(level1.value): [Level2(level2.value) for level2 in children]
    for level1, children in vocabulary.LEVEL2_BY_LEVEL1.items()
}


class AdjustmentState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"
    WITHDRAWN = "withdrawn", "已撤回"  # by the finance clerk who proposed it, while it was pending


class ReviewState(models.TextChoices):
    """A project-year's year-end self-evaluation (DOMAIN §9); 已送审 and 已审核 lock the project."""

    DRAFT = "draft", "填报中"
    SUBMITTED = "submitted", "已送审"
    RETURNED = "returned", "已退回"  # unlocked like 填报中, kept apart so that finance sees what came back
    APPROVED = "approved", "已审核"


class ReviewAction(models.TextChoices):
    SUBMIT = "submit", "送审"
    APPROVE = "approve", "审核通过"
    RETURN = "return", "退回"
    REOPEN = "reopen", "撤销审核"


LOCKED_STATES = (ReviewState.SUBMITTED, ReviewState.APPROVED)
# Each action's allowed (from, to): the review service checks it, and so does a constraint on the ledger.
REVIEW_TRANSITIONS = {
    ReviewAction.SUBMIT: ((ReviewState.DRAFT, ReviewState.RETURNED), ReviewState.SUBMITTED),
    ReviewAction.APPROVE: ((ReviewState.SUBMITTED,), ReviewState.APPROVED),
    ReviewAction.RETURN: ((ReviewState.SUBMITTED,), ReviewState.RETURNED),
    ReviewAction.REOPEN: ((ReviewState.APPROVED,), ReviewState.DRAFT),
}
REASON_REQUIRED = (ReviewAction.RETURN, ReviewAction.REOPEN)


Framework = _text_choices(vocabulary.Framework, {
    vocabulary.Framework.FIN_10: "财预〔2020〕10号：产出、效益、满意度指标",
    vocabulary.Framework.FIN_101: "财预〔2021〕101号：产出、成本、效益、满意度指标",
})
Weighting = _text_choices(vocabulary.Weighting, {
    vocabulary.Weighting.CLASS: "按一级指标分值平均分配",
    vocabulary.Weighting.EXPLICIT: "按汇总表列出的各指标分值",
})


class ReverseFormula(models.TextChoices):
    """How a 反向 line not met scores; the values are the rules layer's (indicators.rules.ReverseFormula)."""

    TARGET_OVER_ACTUAL = "target/actual", "目标值 ÷ 完成值"
    ONE_MINUS_EXCESS = "1-(actual-target)/target", "1 −（完成值 − 目标值）÷ 目标值，最低为 0"
