"""The scheme shipped with the portal: weights and grade bands as the seed report states them
(一(五) 评估结果说明), the panel's sheets combined by trimmed mean, and one score sheet per
party. The third-party sheet follows the seed's dimensions (项目管理 with 人员/行政/继续教育,
服务质量, 服务监测, 服务成效); the other parties' sheets follow what the seed says each judges.
The item maxima are the portal's proposal: the seed publishes no per-item points.

``install`` takes an app registry so that the data migration (historical models) and code
(live models) create it the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

NAME = "广州市社工站购买服务项目评估指标体系"
VERSION = 1

WEIGHTS = {"third_party": 55, "buyer": 20, "supervision": 15, "bureau": 10}
BANDS = [("优秀", 90), ("良好", 80), ("合格", 60), ("不合格", 0)]

# Per party: (code, title, maximum or None for a section, guidance), in sheet order. A code's
# parent is the code without its last part.
SHEETS: dict[str, list[tuple[str, str, int | None, str]]] = {
    "third_party": [
        ("1", "项目管理", None, ""),
        ("1.1", "运营管理", None, "社工站人员管理、行政管理、继续教育。"),
        (
            "1.1.1",
            "人员配置与管理",
            8,
            "平均配备人数；持证率、从业两年及以上社工占比、稳岗率（以协议规定配置人数为基数）；"
            "劳动合同签订；负责人资质是否符合协议要求。",
        ),
        (
            "1.1.2",
            "行政管理",
            6,
            "行政、人事管理制度健全并有效施行；定期召开工作会议，总结反思，优化内部流程。",
        ),
        (
            "1.1.3",
            "继续教育",
            6,
            "社工继续教育时数达标率；培训记录完整、规范（签名齐全、格式统一）。",
        ),
        (
            "1.2",
            "专业规范性管理",
            6,
            "服务管理制度、服务流程及专业技术规范细则；专业伦理规范与服务对象权益保障机制。",
        ),
        (
            "1.3",
            "项目宣传",
            4,
            "服务宣传制度；通过服务卡、宣传册、微信公众号、宣传栏等多渠道宣传。",
        ),
        ("2", "服务质量", None, "按片区查阅调研、服务方案等服务工作痕迹记录。"),
        (
            "2.1",
            "困难群众和特殊群体服务",
            12,
            "基本情况掌握；建档全覆盖（一户一档、一人一案）；日常走访与分级评估跟进；"
            "需求评估与服务计划的精准度。",
        ),
        (
            "2.2",
            "需求调研与服务计划",
            8,
            "调研方法多样、对象全面、结论能支撑服务计划；年度计划规范、逻辑清晰、可执行。",
        ),
        (
            "2.3",
            "专业服务开展",
            10,
            "个案、小组、社区活动的专业性与记录规范；疑难案例与特色服务的整理。",
        ),
        ("3", "服务监测", None, ""),
        (
            "3.1",
            "服务对象满意度",
            8,
            "从服务对象名册随机抽取不少于 100 名（不足 100 名的全覆盖）开展满意度调查；"
            "总体满意度。",
        ),
        (
            "3.2",
            "志愿者与社区社会组织培育",
            4,
            "志愿者登记与骨干培育；志愿队伍组建与活跃度；社区社会组织备案。",
        ),
        ("3.3", "过程记录与归档", 3, "签名确认、归档规范、档案完整。"),
        ("4", "服务成效", None, ""),
        ("4.1", "协议指标完成情况", 10, "各项协议指标是否按预期进度完成。"),
        (
            "4.2",
            "党建引领与社区治理",
            5,
            "党建与服务的融合；社区公共问题的回应；社区治理成效。",
        ),
        (
            "4.3",
            "五社联动与资源链接",
            6,
            "慈善资源平台、社区慈善基金的建立与筹集；自主链接资源。",
        ),
        ("4.4", "成效总结与特色亮点", 4, "阶段性总结、成效提炼、特色品牌打造。"),
    ],
    "buyer": [
        ("1", "作用发挥", None, "整合利益相关方与社工站的沟通合作情况，评估社工站的作用发挥。"),
        ("1.1", "回应辖区需求、关注弱势群体", 20, "关注辖内弱势群体，通过活动和项目提供帮助。"),
        ("1.2", "资源链接与整合", 20, "链接居民、政府、社会组织、企业等资源。"),
        ("2", "沟通协作", None, ""),
        ("2.1", "与街道、社区的沟通协作", 30, "日常工作中与街道、各社区的沟通协作。"),
        ("3", "服务认可", None, ""),
        ("3.1", "利益相关方评价", 30, "居民、社区、合作单位对社工站服务的评价。"),
    ],
    "supervision": [
        ("1", "内部管理", None, "根据社工站日常管理及督导情况评估服务质量保障。"),
        ("1.1", "制度机制与工作指引", 15, "内部管理制度和机制是否完善，工作指引是否详细。"),
        ("1.2", "服务数据与信息公开", 15, "服务数据、资源链接情况是否及时公示。"),
        ("2", "宣传推广", None, ""),
        ("2.1", "服务宣传与媒体报道", 20, "社区特色活动、服务通讯稿及媒体报道。"),
        ("3", "督导与培训", None, ""),
        ("3.1", "督导资源配置与内部共学", 20, "专题督导、内部共学机制及培训的计划与组织。"),
        ("3.2", "双工联动", 10, "双工联动的推进与机制建设。"),
        ("4", "研究与总结", None, ""),
        ("4.1", "案例总结与研究成果", 20, "成功案例、服务经验的总结与发表。"),
    ],
    "bureau": [
        ("1", "日常督查", None, "通过日常督查工作评估社工站的自查自纠与整改落实。"),
        ("1.1", "自查自纠", 40, "配合日常督查，对发现的问题自查自纠。"),
        ("2", "整改落实", None, ""),
        ("2.1", "整改落实情况", 40, "上一次评估需要关注事项的整改落实。"),
        ("3", "民政重点工作", None, ""),
        ("3.1", "兜底民生服务与民政重点任务", 20, "兜底民生服务及民政重点任务的落实。"),
    ],
}


def install(apps):
    """Create and publish the default scheme unless it exists. Returns it."""
    Scheme = apps.get_model("scoring", "Scheme")
    existing = Scheme.objects.filter(name=NAME, version=VERSION).first()
    if existing is not None:
        return existing
    PartyWeight = apps.get_model("scoring", "PartyWeight")
    GradeBand = apps.get_model("scoring", "GradeBand")
    SheetItem = apps.get_model("scoring", "SheetItem")
    scheme = Scheme.objects.create(name=NAME, version=VERSION)
    for party, weight in WEIGHTS.items():
        PartyWeight.objects.create(scheme=scheme, party=party, weight=Decimal(weight))
    for label, lower in BANDS:
        GradeBand.objects.create(scheme=scheme, label=label, lower=Decimal(lower))
    for party, rows in SHEETS.items():
        by_code: dict[str, Any] = {}  # the party's items by code (historical or live models)
        for position, (code, title, maximum, guidance) in enumerate(rows, start=1):
            parent_code = code.rpartition(".")[0]
            by_code[code] = SheetItem.objects.create(
                scheme=scheme,
                party=party,
                parent=by_code.get(parent_code),
                code=code,
                title=title,
                guidance=guidance,
                max_points=None if maximum is None else Decimal(maximum),
                position=position,
            )
    scheme.published_at = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    scheme.save(update_fields=["published_at"])
    return scheme
