"""The fixed words of a briefing, one table per language: headings, labels, note templates.

Renderers never write words of their own: they take them from the story's table, so an
edition in another language adds a table here instead of editing the renderers. Templates
use str.format with named fields.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Wording:
    """Every fixed word and phrase an output prints, in one language."""

    # Punctuation and joins
    list_sep: str  # between names in a list: A、B、C
    clause_sep: str  # between clauses of one note: 同比增长28%，居全区首位
    item_sep: str  # between items of a longer list: A；B
    bar: str  # between parts of one line that are not a sentence: 鄂尔多斯市｜2024年
    sentence_ends: str  # marks that end a sentence: sentences ending so need no separator
    colon: str
    full_stop: str
    bracketed: str  # '{}' in brackets
    space: str  # a wide space between two parts of a heading
    numerals: str  # chapter numbers: "chinese" (一 … 四十 …), else Arabic digits
    # Blocks and their headings
    contents: str
    figures_list: str
    overview: str
    rankings: str
    key_figures: str
    charts: str
    highlights: str
    highlights_slide: str
    profiles: str
    profiles_slide: str
    profile_head: tuple[str, str]
    entities: str
    outlook: str
    pledges: str
    appendix: str
    appendix_running: str
    appendix_notes: str
    appendix_notes_text: str
    metrics_table: str
    rankings_table: str
    metric_head: tuple[str, ...]
    ranking_head: tuple[str, ...]
    sources: str
    no_sources: str
    one_source_note: str
    many_sources_note: str
    cite_one: str
    cite_many: str
    closing: str
    continued: str
    # Numbers, dates and pages
    year: str
    date: str
    page: str
    page_of: str
    chapter_part: str  # 第一部分
    caption: str
    unit: str
    rank_place: str
    large_numbers: tuple[tuple[float, str], ...]
    entity_kinds: dict[str, str] = field(default_factory=dict)
    chart_kinds: dict[str, str] = field(default_factory=dict)
    # Chart alt texts
    alt: str = ""
    alt_ranking: str = ""
    rank_row: str = ""  # a ranking chart's row naming who is ranked and in which list
    remainder: str = ""  # the rest of a share, beside its value in a ring's data
    # Speaker notes
    notes: dict[str, str] = field(default_factory=dict)
    # Names of the deck's shapes (PowerPoint's selection pane)
    shapes: dict[str, str] = field(default_factory=dict)
    # The deck's document properties as PowerPoint's edition in this language writes them:
    # slide-size formats by their English names, and the headings of the parts' titles
    # (themes, slide titles, an untitled slide).
    slide_formats: dict[str, str] = field(default_factory=dict)
    part_headings: tuple[str, str, str] = ("Theme", "Slide Titles", "PowerPoint Presentation")

    def ordinal(self, index: int) -> str:
        """The chapter number of the index-th chapter (0-based): 一, 二 … 十一 … 四十, or 1, 2 …"""
        if self.numerals != "chinese":
            return str(index + 1)
        from briefing.facts.printed import whole_chinese

        return whole_chinese(index + 1)

    def join(self, items: list[str] | tuple[str, ...]) -> str:
        """Names as a list: A、B、C."""
        return self.list_sep.join(items)

    def sentences(self, items: list[str] | tuple[str, ...]) -> str:
        """Sentences run together: a separator only after one that does not end itself."""
        return "".join(
            item if i == len(items) - 1 or item[-1:] in self.sentence_ends else item + self.item_sep
            for i, item in enumerate(items)
        )

    def note(self, name: str, /, **fields: object) -> str:
        """A speaker-notes line from its template."""
        return self.notes[name].format(**fields)

    def shape(self, name: str, *suffix: object) -> str:
        """A shape's name, numbered or qualified where given: '名次 2 轨道'."""
        return " ".join([self.shapes[name], *(str(s) for s in suffix)])


ZH = Wording(
    list_sep="、",
    clause_sep="，",
    item_sep="；",
    bar="｜",
    sentence_ends="。！？",
    colon="：",
    full_stop="。",
    bracketed="（{}）",
    space="\u3000",
    numerals="chinese",
    contents="目录",
    figures_list="图目录",
    overview="概览",
    rankings="主要排名",
    key_figures="关键数据",
    charts="图表",
    highlights="工作进展",
    highlights_slide="{heading}：工作进展",
    profiles="重点机构进展",
    profiles_slide="{heading}：重点机构进展",
    profile_head=("机构", "主要进展"),
    entities="相关主体",
    outlook="展望",
    pledges="重点方向",
    appendix="附录\u3000数据说明与来源",
    appendix_running="附录",
    appendix_notes="数据说明",
    appendix_notes_text=(
        "表中数值连同其限定词（如“突破”“超”“近”“余”）一并列出，与正文及图表所印一致；"
        "排名为在所列名单中的位次。"
    ),
    metrics_table="指标一览",
    rankings_table="排名一览",
    metric_head=("序号", "指标", "数值", "所属主题", "来源"),
    ranking_head=("序号", "榜单", "对象", "位次", "所属主题", "来源"),
    sources="资料来源",
    no_sources="（未列出资料来源）",
    one_source_note="各项指标与排名均出自资料来源[1]。",
    many_sources_note="各项指标与排名未逐项标注出处，均出自下列资料来源[1]至[{count}]。",
    cite_one="[1]",
    cite_many="见下",
    closing="谢谢",
    continued="{title}（续）",
    year="{year}年",
    date="{year}年{month}月{day}日",
    page="第 {number} 页",
    page_of="第 {number} 页 / 共 {total} 页",
    chapter_part="第{number}部分",
    caption="图{number}  {title}",
    unit="单位：{unit}",
    rank_place="第{place}位",
    large_numbers=((1e8, "亿"), (1e4, "万")),
    entity_kinds={
        "institution": "机构",
        "organization": "组织",
        "enterprise": "企业",
        "person": "人物",
        "award": "奖项",
        "project": "项目",
        "technology": "技术与成果",
        "place": "地区",
        "policy": "政策",
        "program": "行动与机制",
        "event": "活动",
        "platform": "平台",
        "recognition": "荣誉与入选",
        "industry": "产业",
    },
    chart_kinds={
        "bar": "条形图",
        "share": "占比图",
        "ranking": "排名图",
        "grouped": "分组条形图",
        "line": "折线图",
    },
    alt="{kind}：{title}。{said}",
    alt_ranking="{subject}在{list}中{position}",
    rank_row="{subject} · {list}",
    remainder="其余",
    notes={
        "opening": "开场：今天汇报{title}，范围为{region}，时期为{period}。",
        "subtitle": "副题：{subtitle}。",
        "author": "材料由{issuer}编写。",
        "agenda": "汇报分为{count}个部分：{parts}。",
        "agenda_part": "{number}是{title}",
        "agenda_flow": "每部分先讲关键数字，再看图表和工作亮点。",
        "rankings": "先点出排名：{rankings}。",
        "claim": "要点：{claim}",
        "key_figures": "用几个数字概括全年：",
        "section_figures": "{name}的关键数字：",
        "figure": "{label}：{value}",
        "stress": "请重点强调：{figures}。",
        "highlights": "本部分共{count}项工作亮点，本页{shown}项，可择要讲述：",
        "profiles": "以下{count}项进展分属各重点机构：",
        "divider": "下面进入第{number}部分：{title}。",
        "sources": "本页列出数据来源，提问时可据此说明口径：",
        "thanks": "感谢聆听，欢迎提问与交流。",
        "closing": "如需数据口径，可参阅资料来源页；材料由{issuer}编写。",
        "chart_top": "请强调：{label}最高，为{value}。",
        "chart_panels": "各组数值单位不同（{units}），分{count}图并列，每图一条数值轴。",
        "fixed_labels": "图中{values}为固定文字，修改图表数据后不会随之更新，请一并修改。",
        "ring_value": "环形图中央的“{value}”为文本框，修改图表数据后请一并修改。",
    },
    shapes={
        "band": "色带",
        "title": "标题",
        "title_rule": "标题下划线",
        "footer": "页脚",
        "footer_marking": "页脚密级",
        "slide_number": "页码",
        "accent": "强调条",
        "cover_title": "主标题",
        "closing_title": "结束语",
        "cover_lines": "说明",
        "marking": "密级",
        "logo": "标志",
        "logo_plate": "标志底板",
        "tile_bar": "色条",
        "agenda_row": "议程",
        "agenda_number": "序号",
        "lead": "导语",
        "points": "要点",
        "ranking_tile": "排名",
        "key_tile": "关键数据",
        "figure_tile": "指标",
        "highlights": "亮点",
        "profiles": "机构进展",
        "sources": "资料来源",
        "pledge": "举措",
        "divider_panel": "章节色块",
        "divider_number": "章节序号",
        "divider_label": "章节标签",
        "divider_summary": "章节概要",
        "chart": "图表",
        "caption": "图题",
        "chart_card": "图表底板",
        "rank": "名次",
        "rank_name": "名称",
        "rank_value": "数值",
        "rank_track": "轨道",
        "rank_place": "位次",
        "rank_first": "首位",
        "rank_last": "末位",
        "rank_badge": "徽标",
        "ring_value": "环形图数值",
        "ring_label": "环形图名称",
    },
    slide_formats={
        "Widescreen": "宽屏",
        "On-screen Show (4:3)": "全屏显示(4:3)",
        "On-screen Show (16:9)": "全屏显示(16:9)",
        "On-screen Show (16:10)": "全屏显示(16:10)",
        "A4 Paper (210x297 mm)": "A4 纸张(210x297 毫米)",
        "Custom": "自定义",
    },
    part_headings=("主题", "幻灯片标题", "PowerPoint 演示文稿"),
)

WORDINGS = {"zh-CN": ZH, "zh": ZH}


def wording_for(language: str) -> Wording:
    """The table of a language ('zh-CN'), else of its base language, else Chinese."""
    return WORDINGS.get(language) or WORDINGS.get(language.split("-")[0]) or ZH
