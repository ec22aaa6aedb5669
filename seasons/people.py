"""The 人员 sheet of the set-up workbook: accounts created in bulk, each with its organisation
and role (``stations.services.account_create``, which e-mails the set-password link once the
import's transaction commits). A user name already there is left as it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

from seasons import layout
from seasons.parsing import Record
from stations import services
from stations.enums import Role
from stations.models import Organisation, Station, User

# A refusal of account_create, by field, is put at the cell of its heading.
HEADINGS = {
    "username": "用户名",
    "full_name": "姓名",
    "email": "电子邮箱",
    "organisation": "单位",
    "station": "社工站",
}


@dataclass
class People:
    changes: list[str] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    def problem(self, record: Record, heading: str, reason: str) -> None:
        self.problems.append(record.problem(heading, reason))


def import_people(records: list[Record], *, agency: Organisation) -> People:
    result = People()
    for r in records:
        v = r.values
        role = layout.ROLES.get(str(v["角色"]))
        if role is None:
            result.problem(r, "角色", f"角色应为{'、'.join(layout.ROLES)}之一")
            continue
        if User.objects.filter(username__iexact=v["用户名"]).exists():
            result.unchanged += 1
            continue
        organisation = Organisation.objects.filter(name=v["单位"]).first()
        if organisation is None:
            result.problem(r, "单位", f"没有名为“{v['单位']}”的单位")
            continue
        if role in (Role.COORDINATOR, Role.EXPERT) and organisation.pk != agency.pk:
            result.problem(r, "单位", "只能为本评估机构开设评估机构的账号")
            continue
        station = None
        if role == Role.STATION_STAFF:
            station = Station.objects.filter(name=v["社工站"] or "").first()
            if station is None:
                result.problem(r, "社工站", "社工站工作人员须填写其社工站")
                continue
        try:
            services.account_create(
                username=str(v["用户名"]),
                full_name=str(v["姓名"]),
                email=str(v["电子邮箱"]),
                organisation=organisation,
                role=role,
                station=station,
                by=None,
            )
        except ValidationError as exc:
            fields = exc.error_dict if hasattr(exc, "error_dict") else {"username": exc.error_list}
            for name, errors in fields.items():
                reason = "；".join(m for e in errors for m in e.messages)
                result.problem(r, HEADINGS.get(name, "用户名"), reason)
            continue
        result.changes.append(
            f"新增账号 {v['用户名']}（{v['姓名']}，{organisation.name}，{v['角色']}）"
        )
    return result
