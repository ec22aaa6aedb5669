"""The report's content: every figure in its sentence, as the seed writes it."""

from __future__ import annotations

from reports import content
from reports.text import apply_masks, fill_tokens, join_cn, mask_name, typed_numbers, unknown_tokens

SEED_PROGRESS = (
    "社工站共完成电话访问 1842 个，入户探访 778 个，分别完成协议指标量的 92.05%、77.64%；"
    "专业个案接案 38 个，服务 307 节，结案 19 个，分别完成协议指标量的 44.71%、60.2% 和 31.67%；"
    "完成小组 15 个，100 节，服务 885 人次，分别完成协议指标量的 50%、55.56% 和 61.46%；"
    "完成大型社区活动 11 次，服务 3435 人次，分别完成协议指标量的 110%、343.5%；"
    "完成中小型社区活动 49 次，服务 5244 人次，分别完成协议指标量的 98%、437%；"
    "新登记志愿者 73 名，培育志愿者骨干 20 名，发展志愿者队伍 2 支，分别完成协议指标量的 36.5%、66.67% 和 100%。"
    "（以上数据由社工站提供，各项目指标完成情况见附件 1）"
)


def test_the_progress_paragraph_is_the_seeds_word_for_word(written):
    data = content.build(written.evaluation)
    assert data.progress == SEED_PROGRESS
    assert data.progress_judgement.startswith(
        "从以上数据可知，官洲街社工站除个案结案、新登记志愿者未能达到预期进度外，其余指标基本完成。"
    )


def test_basic_information_and_staffing_per_operator_term(written):
    data = content.build(written.evaluation)
    assert data.basic_info == [
        "官洲街社工站位于官洲街北山村北大街 19 号二楼，辖内共有 7 个社区，划分为 4 个服务片区。"
        "2024 年 6 月 9 日至 2024 年 7 月 8 日由广州市明心社会工作服务中心负责运营，"
        "于 2024 年 7 月 9 日开始，由广州市越秀区穗青社会工作服务中心负责运营。",
        "2024 年 6 月 9 日截至 2024 年 7 月 8 日，社工站平均配备社工 17 名，其中持证社工 16 名"
        "（高级社工师资格 1 名，中级社工师资格 6 名，助理社工师资格 9 名），非持证社工 1 名。",
        "2024 年 7 月 9 日截至 2024 年 12 月 31 日，社工站平均配备社工 18 名，其中持证社工 13 名"
        "（中级社工师资格 4 名，助理社工师资格 9 名），非持证社工 5 名。",
        "本社工站服务经费为 216 万元，项目合同期为 2024 年 6 月 9 日至 2025 年 6 月 8 日。",
    ]


def test_the_results_rule_comes_from_the_scheme(written):
    data = content.build(written.evaluation)
    assert data.results_rule == (
        "评估总分为 100 分，其中，第三方评估机构占比 55%、街道办事处（镇人民政府）占比 20%、"
        "督导中心占比 15%、区民政局占比 10%。评估结果由四方评估分数的总和确定。评估等级分为"
        "优秀、良好、合格、不合格四个等级，90 分以上为优秀，80 分至 90 分（不含 90 分）为良好，"
        "60 分至 80 分（不含 80 分）为合格，60 分以下(不含 60 分) 为不合格。"
    )
    assert (data.station_short, data.stage, data.score, data.grade) == (
        "官洲街社工站",
        "中期",
        "85.4",
        "良好",
    )
    assert data.title == "2024—2025 年度海珠区官洲街社工服务站 中期评估报告"
    assert (data.bureau, data.buyer, data.operator, data.agency, data.date_text) == (
        "广州市海珠区民政局",
        "广州市海珠区官洲街道办事处",
        "广州市越秀区穗青社会工作服务中心",
        "广州市社会组织联合会",
        "2025年3月14日",
    )


def test_findings_cite_figures_from_the_data_and_names_are_masked(written):
    data = content.build(written.evaluation)
    management = data.sections[0]
    assert management.title == "项目管理"
    strengths = management.parts[0].groups[0].items
    assert strengths[0].startswith(
        "（1）在人员配置与管理方面，截至 2024 年 12 月 31 日，社工站平均人员配置数量为 18 人，其中持证社工 13 人，占协议规定配置人员总数（18 人）的 72.22%"
    )
    assert (
        "应到岗 108 人次，实际到岗 108 人次；持证社工应到岗 54 人次，实际到岗 77.5 人次；非持证社工到岗 30.5 人次"
        in strengths[0]
    )
    assert (
        strengths[1]
        == "（2）在社工继续教育工作方面，按照评估进度要求，社工应接受继续教育培训 648 小时，实际完成培训时长为 692.5 小时，达标率达 106.87%。"
    )
    concern = management.parts[1].groups[0].items[0]
    assert "社工持续在岗人数为 11 人，稳岗率为 61.11%" in concern
    quality = data.sections[1]
    assert [g.heading for g in quality.parts[0].groups] == [
        "（1）北山片区，该片区范围包括：北山社区",
        "（2）官洲片区，该片区范围包括：官洲社区",
        "（3）赤沙片区，该片区范围包括：赤沙东南约社区、赤沙西北约社区、学院社区",
        "（4）仑头片区，该片区范围包括：仑头东社区、仑头西社区",
    ]
    assert (
        quality.parts[0]
        .groups[0]
        .items[0]
        .endswith("以北山社区为例，应建档 40 人，实际建档 40 人。")
    )
    monitoring = data.sections[2]
    assert "随机抽取 100 名服务对象" in monitoring.parts[0].lead
    everything = str(data)
    assert "邱*茵" in everything
    assert "邱慧茵" not in everything
    outcomes = data.sections[3].parts[0].groups[0].items[3]
    assert "592089.9 元的慈善物资(其中资金 20791.16 元，物资折合 571298.74 元)" in outcomes
    assert "累计整合 617791.8 元社区慈善资源" in outcomes
    buyer = data.sections[4]
    assert (buyer.title, buyer.parts[0].groups[0].items[0][:6]) == ("购买方评估", "社工站能够将")


def test_masking():
    assert [mask_name(n) for n in ["邱慧茵", "张三", "欧阳娜娜", "李"]] == [
        "邱*茵",
        "张*",
        "欧**娜",
        "李",
    ]
    assert apply_masks("邱慧茵与邱慧说", ["邱慧", "邱慧茵"]) == "邱*茵与邱*说"


def test_tokens_and_typed_numbers():
    values = {"持证率": "72.22%", "应到岗": "108"}
    assert (
        fill_tokens("占 【持证率】，应到岗 【应到岗】 人次；【未知】", values)
        == "占 72.22%，应到岗 108 人次；【未知】"
    )
    assert unknown_tokens("【持证率】【未知】", values) == ["未知"]
    assert typed_numbers("持证率 72.22%，培训 30 小时，【应到岗】", values) == ["30"]


def test_lists_are_joined_as_the_seed_joins_them():
    assert [join_cn(x) for x in (["a"], ["a", "b"], ["a", "b", "c"])] == ["a", "a、b", "a、b 和 c"]
