"""Old-town renewal (棚改旧改): a project and its red-line households, work groups, the freeze notice, measured
courtyards and factories, population determination with publicity and objections, the police cross-check, the
compensation policy, agreements and violations.

Every table carries its unit (and, where it has one, the 村居) so that scoping, and a later sharding by unit,
need no joins. Dates a progress figure is counted by (first measured, determined, signed, vacated) are kept on
the rows they describe, so the dashboard and the brief are single aggregate queries "as of" any day.

One module an area; every model (and the choices the forms share) is imported here, where Django and the code
base find them.
"""

from taizhang.renewal.models.compensation import Agreement, CompensationPolicy, current_agreement
from taizhang.renewal.models.crosschecks import CrosscheckRun, CrosscheckTask, PoliceFact
from taizhang.renewal.models.determinations import Determination, Objection, Publicity, PublicityLine, Verdict
from taizhang.renewal.models.measurements import (
    CERTIFICATES,
    LAND_TYPES,
    STRUCTURES,
    USES,
    Attachment,
    Building,
    Measurement,
    MeasurementPhoto,
    Site,
)
from taizhang.renewal.models.projects import FreezeNotice, Project, ProjectGroup, ProjectHousehold
from taizhang.renewal.models.violations import Violation, ViolationPhoto

__all__ = [
    "Project",
    "ProjectGroup",
    "ProjectHousehold",
    "FreezeNotice",
    "STRUCTURES",
    "USES",
    "CERTIFICATES",
    "LAND_TYPES",
    "Site",
    "Measurement",
    "Building",
    "Attachment",
    "MeasurementPhoto",
    "Verdict",
    "Determination",
    "Publicity",
    "PublicityLine",
    "Objection",
    "CrosscheckRun",
    "CrosscheckTask",
    "PoliceFact",
    "CompensationPolicy",
    "current_agreement",
    "Agreement",
    "Violation",
    "ViolationPhoto",
]
