"""The last step of every ledger write: a lost correction race is a conflict; any other refusal stays an error."""
import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError

from core.errors import ConflictError
from indicators.models import IndicatorReport, Likelihood, MonitoringNote
from indicators.services.common import append_row
from tests.conftest import project

D = datetime.date(2026, 7, 31)


@pytest.fixture
def trainees(seeded):
    return project(2).indicators.get(order=1)  # 培训人数 ≥ 162 人


def test_a_correction_of_a_row_another_clerk_just_corrected_is_a_conflict(trainees, finance, finance2):
    first = append_row(IndicatorReport, indicator=trainees, value=Decimal(150), as_of=D, entered_by=finance)
    append_row(IndicatorReport, indicator=trainees, value=Decimal(155), as_of=D, corrects=first,
               reason="少录了一期", entered_by=finance2)
    with pytest.raises(ConflictError) as lost:
        append_row(IndicatorReport, indicator=trainees, value=Decimal(160), as_of=D, corrects=first,
                   reason="补录", entered_by=finance)
    assert str(lost.value) == "该记录刚被他人更正：请刷新后重试。"
    assert list(IndicatorReport.objects.filter(indicator=trainees).values_list("value", flat=True)) == [
        Decimal(155), Decimal(150)
    ]


def test_a_row_the_database_refuses_for_another_reason_is_not_reported_as_a_conflict(trainees, finance):
    # 有可能 without 改进措施: the services refuse it first; should one ever slip through, it must not read as a race.
    with pytest.raises(IntegrityError):
        append_row(MonitoringNote, project=trainees.project, indicator=trainees, as_of=D, reason_staff=True,
                   likelihood=Likelihood.POSSIBLE, measures="", entered_by=finance)
    assert not MonitoringNote.objects.exists()
