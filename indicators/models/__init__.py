from indicators.models.contract import ContractIndicator
from indicators.models.figures import (
    Attendance,
    Filing,
    IndicatorActual,
    Narrative,
    ReportedFigures,
    StaffingFigure,
)
from indicators.models.uploads import SelfAssessmentUpload

__all__ = [
    "Attendance",
    "ContractIndicator",
    "Filing",
    "IndicatorActual",
    "Narrative",
    "ReportedFigures",
    "SelfAssessmentUpload",
    "StaffingFigure",
]
