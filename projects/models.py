"""Master data: departments, their yearly projects and the indicators published for them."""
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

from projects.choices import LEVEL2_BY_LEVEL1, AdjustmentState, Basis, Level1, Level2, Operator

AMOUNT = {"max_digits": 14, "decimal_places": 2}
VALUE = {"max_digits": 20, "decimal_places": 4}
WEIGHT = {"max_digits": 9, "decimal_places": 4}


class Department(models.Model):
    name = models.CharField("部门名称", max_length=200, unique=True)
    code = models.SlugField("部门代码", max_length=50, unique=True, allow_unicode=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门"
        verbose_name_plural = "部门"
        ordering = ["code"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user works for a department; managers may belong to several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships", verbose_name="用户"
    )
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, related_name="memberships", verbose_name="部门"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "部门成员"
        verbose_name_plural = "部门成员"
        ordering = ["department", "user"]
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="membership_unique")]

    def __str__(self):
        return f"{self.user} @ {self.department}"


def _budget_split_constraints(prefix: str, budget: str, own: str, transfer: str) -> list:
    return [
        models.CheckConstraint(
            condition=Q(**{f"{budget}__gte": 0}, **{f"{own}__gte": 0}, **{f"{transfer}__gte": 0}),
            name=f"{prefix}_amounts_not_negative",
        ),
        models.CheckConstraint(
            condition=Q(**{budget: F(own) + F(transfer)}), name=f"{prefix}_split_adds_up"
        ),
    ]


class Project(models.Model):
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="projects", verbose_name="部门"
    )
    year = models.PositiveSmallIntegerField("年度")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("项目名称", max_length=300)
    overview = models.TextField("项目概况", blank=True)
    budget = models.DecimalField("预算金额(万元)", **AMOUNT)
    own_level = models.DecimalField("本级支出(万元)", **AMOUNT)
    transfer = models.DecimalField("转移支付支出(万元)", **AMOUNT)
    annual_goal = models.TextField("年度绩效目标", blank=True)
    livelihood_standard = models.TextField("重大民生标准", blank=True)
    # The same project from year to year (issue #22): the 一体化 项目代码 where the table prints one, else assigned
    # when the table is imported (projects.keys) and carried by name or by the draft it was published from.
    code = models.CharField("项目编码", max_length=60, blank=True)
    implementing_unit = models.CharField(
        "实施单位", max_length=200, blank=True, help_text="自评表的实施单位；留空时为本部门的名称。"
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ["department", "year", "seq"]
        constraints = [
            models.UniqueConstraint(fields=["department", "year", "seq"], name="project_unique_seq"),
            models.UniqueConstraint(fields=["department", "year", "code"], condition=~Q(code=""),
                                    name="project_unique_code"),
            *_budget_split_constraints("project", "budget", "own_level", "transfer"),
        ]
        indexes = [models.Index(fields=["year", "department"], name="project_year_dept")]

    def __str__(self):
        return f"{self.year} {self.seq}. {self.name}"


def _class_pair_constraint(name: str, level1: str, level2: str):
    pairs = [Q(**{level1: l1, f"{level2}__in": list(l2s)}) for l1, l2s in LEVEL2_BY_LEVEL1.items()]
    return models.CheckConstraint(condition=reduce(or_, pairs), name=name)


def _target_constraint(name: str, operator: str, value: str):
    # 定性 (blank operator) exactly when there is no target number.
    return models.CheckConstraint(
        condition=Q(**{operator: "", f"{value}__isnull": True})
        | (~Q(**{operator: ""}) & Q(**{f"{value}__isnull": False})),
        name=name,
    )


class Indicator(models.Model):
    project = models.ForeignKey(
        Project, on_delete=models.CASCADE, related_name="indicators", verbose_name="项目"
    )
    order = models.PositiveSmallIntegerField("指标序号")
    name = models.CharField("指标名称", max_length=500)
    operator = models.CharField("运算符", max_length=1, choices=Operator.choices, blank=True)
    target_text = models.CharField("年度目标值（原文）", max_length=200, blank=True)
    target_value = models.DecimalField("年度目标值", null=True, blank=True, **VALUE)
    unit = models.CharField("单位", max_length=50, blank=True)
    level1 = models.CharField("一级指标", max_length=20, choices=Level1.choices)
    level2 = models.CharField("二级指标", max_length=20, choices=Level2.choices)
    # DOMAIN §2: a table that does not print the classes has them inferred at import, marked until confirmed.
    classes_inferred = models.BooleanField(
        "分类为推断", default=False, help_text="导入时按指标名称、运算符和单位推断的一级、二级指标，待财务人员或管理员确认。"
    )
    weight = models.DecimalField(
        "权重", null=True, blank=True, help_text="同一一级指标内的相对权重；留空为 1（平均分配）。", **WEIGHT
    )
    # DOMAIN §4, weighting `explicit`: the line's own 分值 as a table printed it (with the budget line's, 100.00).
    points = models.DecimalField(
        "分值", null=True, blank=True, max_digits=5, decimal_places=2,
        help_text="表中逐项给出的分值（权重）；填写后本项目按各指标分值计分，预算执行分值不变，合计须为 100。",
    )
    basis = models.CharField(
        "监控口径", max_length=10, choices=Basis.choices,
        help_text="累计：随年度推进增长的数量，按序时进度判断；时点：任一时点都应达到的标准，达到为绿、未达到为红；"
                  "定性：按完成档次。导入时按规则推断，可更正。",
    )
    # The same line from year to year (issue #22), assigned with the project's code (projects.keys).
    key = models.CharField("指标编码", max_length=80, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "绩效指标"
        verbose_name_plural = "绩效指标"
        ordering = ["project", "order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "order"], name="indicator_unique_order"),
            models.UniqueConstraint(fields=["project", "key"], condition=~Q(key=""), name="indicator_unique_key"),
            _target_constraint("indicator_target_iff_operator", "operator", "target_value"),
            _class_pair_constraint("indicator_level2_belongs_to_level1", "level1", "level2"),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gt=0), name="indicator_weight_positive"
            ),
            models.CheckConstraint(
                condition=Q(points__isnull=True) | Q(points__gte=0), name="indicator_points_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.name} {self.operator} {self.target_text}{self.unit}".strip()


class Adjustment(models.Model):
    """Common fields of a proposed change to 年初 values (DOMAIN §8)."""

    reason = models.TextField("调整原因")
    effective_date = models.DateField("生效日期")
    state = models.CharField(
        "状态", max_length=10, choices=AdjustmentState.choices, default=AdjustmentState.PENDING
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="提出人"
    )
    proposed_at = models.DateTimeField("提出时间")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="审批人",
    )
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    rejection_reason = models.TextField("驳回原因", blank=True)

    class Meta:
        abstract = True

    @staticmethod
    def one_pending(subject: str, prefix: str) -> models.UniqueConstraint:
        """At most one pending adjustment of an indicator or a project: the next waits for the decision."""
        return models.UniqueConstraint(
            fields=[subject], condition=Q(state=AdjustmentState.PENDING), name=f"{prefix}_one_pending"
        )

    @staticmethod
    def in_force_index(subject: str, name: str) -> models.Index:
        """The index of the in-force reads: the approved adjustments of a subject up to a date."""
        return models.Index(fields=[subject, "state", "effective_date"], name=name)

    @staticmethod
    def decision_constraints(prefix: str) -> list:
        return [
            models.CheckConstraint(
                condition=Q(state=AdjustmentState.PENDING, decided_by__isnull=True, decided_at__isnull=True)
                | (~Q(state=AdjustmentState.PENDING) & Q(decided_by__isnull=False, decided_at__isnull=False)),
                name=f"{prefix}_decision_complete",
            ),
            models.CheckConstraint(
                condition=~Q(state=AdjustmentState.REJECTED) | ~Q(rejection_reason=""),
                name=f"{prefix}_rejection_has_reason",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name=f"{prefix}_has_reason"),
        ]


class IndicatorAdjustment(Adjustment):
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="adjustments", verbose_name="指标"
    )
    old_operator = models.CharField("原运算符", max_length=1, choices=Operator.choices, blank=True)
    old_target_text = models.CharField("原目标值（原文）", max_length=200, blank=True)
    old_target_value = models.DecimalField("原目标值", null=True, blank=True, **VALUE)
    old_unit = models.CharField("原单位", max_length=50, blank=True)
    old_weight = models.DecimalField("原权重", null=True, blank=True, **WEIGHT)
    new_operator = models.CharField("新运算符", max_length=1, choices=Operator.choices, blank=True)
    new_target_text = models.CharField("新目标值（原文）", max_length=200, blank=True)
    new_target_value = models.DecimalField("新目标值", null=True, blank=True, **VALUE)
    new_unit = models.CharField("新单位", max_length=50, blank=True)
    new_weight = models.DecimalField("新权重", null=True, blank=True, **WEIGHT)

    class Meta:
        verbose_name = "指标调整"
        verbose_name_plural = "指标调整"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            Adjustment.one_pending("indicator", "indicator_adjustment"),
            _target_constraint("indicator_adjustment_new_target_iff_operator", "new_operator", "new_target_value"),
            models.CheckConstraint(
                condition=Q(new_weight__isnull=True) | Q(new_weight__gt=0),
                name="indicator_adjustment_weight_positive",
            ),
            *Adjustment.decision_constraints("indicator_adjustment"),
        ]
        indexes = [Adjustment.in_force_index("indicator", "ind_adj_in_force")]

    def __str__(self):
        return f"{self.indicator.name}：{self.old_target_text} → {self.new_target_text}（{self.get_state_display()}）"


class BudgetAdjustment(Adjustment):
    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="budget_adjustments", verbose_name="项目"
    )
    old_budget = models.DecimalField("原预算金额(万元)", **AMOUNT)
    old_own_level = models.DecimalField("原本级支出(万元)", **AMOUNT)
    old_transfer = models.DecimalField("原转移支付支出(万元)", **AMOUNT)
    new_budget = models.DecimalField("新预算金额(万元)", **AMOUNT)
    new_own_level = models.DecimalField("新本级支出(万元)", **AMOUNT)
    new_transfer = models.DecimalField("新转移支付支出(万元)", **AMOUNT)

    class Meta:
        verbose_name = "预算调整"
        verbose_name_plural = "预算调整"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            Adjustment.one_pending("project", "budget_adjustment"),
            *_budget_split_constraints("budget_adjustment_new", "new_budget", "new_own_level", "new_transfer"),
            *Adjustment.decision_constraints("budget_adjustment"),
        ]
        indexes = [Adjustment.in_force_index("project", "budget_adj_in_force")]

    def __str__(self):
        return f"{self.project.name}：{self.old_budget} → {self.new_budget}（{self.get_state_display()}）"


POINTS = {"max_digits": 5, "decimal_places": 2}


class PointsAdjustment(Adjustment):
    """A change of a project's explicit 分值 (DOMAIN §4, weighting `explicit`), proposed for the whole project at
    once because the lines and the budget line must still foot to 100.00; its lines hold each indicator's old and
    new 分值."""

    project = models.ForeignKey(
        Project, on_delete=models.PROTECT, related_name="points_adjustments", verbose_name="项目"
    )

    class Meta:
        verbose_name = "分值调整"
        verbose_name_plural = "分值调整"
        ordering = ["-proposed_at", "-id"]
        constraints = [
            Adjustment.one_pending("project", "points_adjustment"),
            *Adjustment.decision_constraints("points_adjustment"),
        ]
        indexes = [Adjustment.in_force_index("project", "points_adj_in_force")]

    def __str__(self):
        return f"{self.project.name}：分值调整（{self.get_state_display()}）"


class PointsAdjustmentLine(models.Model):
    """One indicator's 分值 before and after its project's PointsAdjustment."""

    adjustment = models.ForeignKey(
        PointsAdjustment, on_delete=models.CASCADE, related_name="lines", verbose_name="分值调整"
    )
    indicator = models.ForeignKey(
        Indicator, on_delete=models.PROTECT, related_name="points_adjustment_lines", verbose_name="指标"
    )
    old_points = models.DecimalField("原分值", **POINTS)
    new_points = models.DecimalField("新分值", **POINTS)

    class Meta:
        verbose_name = "分值调整明细"
        verbose_name_plural = "分值调整明细"
        ordering = ["adjustment", "indicator__order"]
        constraints = [
            models.UniqueConstraint(fields=["adjustment", "indicator"], name="points_adjustment_line_unique"),
            # As Indicator.points: a line may be worth 0, never less; and never more than the whole form.
            models.CheckConstraint(
                condition=Q(old_points__gte=0, new_points__gte=0, old_points__lte=100, new_points__lte=100),
                name="points_adjustment_line_points_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.name}：{self.old_points} → {self.new_points}"


# --- Next year's table, drafted before it is published (issue #22) -------------------------------------------------


class DraftTable(models.Model):
    """A department's table for a coming year, drafted (usually from this year's) and reviewed before it is
    published. Kept apart from Project and Indicator, so a draft is never scored, listed or shown to managers;
    publishing runs the published-table import on the draft's text, like any other table."""

    class State(models.TextChoices):
        DRAFT = "draft", "起草中"
        PUBLISHED = "published", "已发布"

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="drafts", verbose_name="部门")
    year = models.PositiveSmallIntegerField("年度")
    source_year = models.PositiveSmallIntegerField("起草依据的年度", null=True, blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="起草人"
    )
    created_at = models.DateTimeField("起草时间")
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="发布人",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True)

    class Meta:
        verbose_name = "下一年度目标草稿"
        verbose_name_plural = "下一年度目标草稿"
        constraints = [
            models.UniqueConstraint(fields=["department", "year"], name="draft_one_per_year"),
            models.CheckConstraint(
                condition=Q(state="draft", published_at__isnull=True)
                | Q(state="published", published_at__isnull=False, published_by__isnull=False),
                name="draft_published_has_who_and_when",
            ),
        ]

    def __str__(self):
        return f"{self.department.name} {self.year} 年目标草稿（{self.get_state_display()}）"


class DraftProject(models.Model):
    table = models.ForeignKey(DraftTable, on_delete=models.CASCADE, related_name="projects", verbose_name="草稿")
    seq = models.PositiveSmallIntegerField("序号")
    name = models.CharField("项目名称", max_length=300)
    overview = models.TextField("项目概况", blank=True)
    budget = models.DecimalField("预算金额(万元)", **AMOUNT)
    own_level = models.DecimalField("本级支出(万元)", **AMOUNT)
    transfer = models.DecimalField("转移支付支出(万元)", **AMOUNT)
    annual_goal = models.TextField("年度绩效目标", blank=True)
    livelihood_standard = models.TextField("重大民生标准", blank=True)
    code = models.CharField("项目编码", max_length=60, blank=True)  # carried to the published project

    class Meta:
        verbose_name = "草稿项目"
        verbose_name_plural = "草稿项目"
        ordering = ["seq"]
        constraints = [
            models.UniqueConstraint(fields=["table", "seq"], name="draft_project_unique_seq"),
            *_budget_split_constraints("draft_project", "budget", "own_level", "transfer"),
        ]

    def __str__(self):
        return f"{self.seq}. {self.name}"


class DraftIndicator(models.Model):
    project = models.ForeignKey(DraftProject, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name="草稿项目")
    order = models.PositiveSmallIntegerField("指标序号")
    name = models.CharField("指标名称", max_length=500)
    operator = models.CharField("运算符", max_length=1, choices=Operator.choices, blank=True)
    target_text = models.CharField("年度目标值（原文）", max_length=200, blank=True)
    unit = models.CharField("单位", max_length=50, blank=True)
    # What the line was and achieved in the year it was drafted from (历史标准): shown beside the new target.
    last_target_text = models.CharField("上年目标值", max_length=200, blank=True)
    last_actual_text = models.CharField("上年实际（历史标准）", max_length=200, blank=True)
    last_actual = models.DecimalField("上年实际值", null=True, blank=True, **VALUE)
    key = models.CharField("指标编码", max_length=80, blank=True)  # carried to the published line

    class Meta:
        verbose_name = "草稿指标"
        verbose_name_plural = "草稿指标"
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["project", "order"], name="draft_indicator_unique_order")]

    def __str__(self):
        return f"{self.order}. {self.name}"


# The review ledger lives in its own module; Django finds its models through this import.
from projects.models_review import ProjectReview, ReviewEvent  # noqa: E402, F401
from projects.models_profile import RuleProfile  # noqa: E402, F401
