from stations.enums import (
    ASSIGNABLE_ROLES,
    REPRESENTATIVE_ROLES,
    ROLE_ORGANISATION_KIND,
    OrganisationKind,
    Role,
    Stage,
    Status,
)
from stations.models.contracts import Contract, OperatorTerm
from stations.models.evaluations import Assignment, AuditEntry, Evaluation
from stations.models.experts import ExpertProfile, ExpertTie
from stations.models.organisations import Membership, Organisation, User
from stations.models.places import Community, District, ServiceArea, Station, Street
from stations.models.seasons import Season

__all__ = [
    "ASSIGNABLE_ROLES",
    "REPRESENTATIVE_ROLES",
    "ROLE_ORGANISATION_KIND",
    "Assignment",
    "AuditEntry",
    "Community",
    "Contract",
    "District",
    "Evaluation",
    "ExpertProfile",
    "ExpertTie",
    "Membership",
    "OperatorTerm",
    "Organisation",
    "OrganisationKind",
    "Role",
    "Season",
    "ServiceArea",
    "Stage",
    "Station",
    "Status",
    "Street",
    "User",
]
