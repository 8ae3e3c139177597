"""Choices shared by models, forms and serializers; values mirror indicators.rules."""
from django.db import models


class Operator(models.TextChoices):
    GE = "≥", "≥"
    GT = ">", ">"
    LE = "≤", "≤"
    LT = "<", "<"
    EQ = "=", "="
    NONE = "", "（定性）"


class Level1(models.TextChoices):
    OUTPUT = "产出指标", "产出指标"
    BENEFIT = "效益指标", "效益指标"
    SATISFACTION = "满意度指标", "满意度指标"


class Level2(models.TextChoices):
    QUANTITY = "数量指标", "数量指标"
    QUALITY = "质量指标", "质量指标"
    TIMELINESS = "时效指标", "时效指标"
    COST = "成本指标", "成本指标"
    ECONOMIC = "经济效益指标", "经济效益指标"
    SOCIAL = "社会效益指标", "社会效益指标"
    ECOLOGICAL = "生态效益指标", "生态效益指标"
    SUSTAINABLE = "可持续影响指标", "可持续影响指标"
    SERVICE_SATISFACTION = "服务对象满意度指标", "服务对象满意度指标"


LEVEL2_BY_LEVEL1 = {
    Level1.OUTPUT: [Level2.QUANTITY, Level2.QUALITY, Level2.TIMELINESS, Level2.COST],
    Level1.BENEFIT: [Level2.ECONOMIC, Level2.SOCIAL, Level2.ECOLOGICAL, Level2.SUSTAINABLE],
    Level1.SATISFACTION: [Level2.SERVICE_SATISFACTION],
}


class AdjustmentState(models.TextChoices):
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "已驳回"
