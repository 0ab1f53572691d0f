"""Every figure of an article: value, unit, qualifier, where it stands; changes and ranks.

Chinese statistical writing is regular: a qualifier (突破, 超, 近, 约), a number (53.2, 千,
两千一百二十四), a unit (亿元, 家, 个百分点, %), a trailing qualifier (余, 以上, 左右); a change
has its verb before it (同比增长28%, 新增50家, 提高2.1个百分点); a rank reads 第3位 or 首位
after 居, 位列 or 排名. Numbers that are not facts (years, dates, 四川, 5G, 两手抓, 一是,
“科技新政30条”, 第十五次) have no unit, or sit in quotes, or are numbered things, and are passed by.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field

from briefing.extract.numerals import CHINESE_NUMERALS, arabic_value, chinese_value, is_liang

# Units as printed, longest first when tried. A multiplier (万, 亿 …) may lead any of them.
BASE_UNITS = (
    "个百分点",
    "百分点",
    "平方公里",
    "平方千米",
    "平方米",
    "立方米",
    "千瓦时",
    "标方",
    "人次",
    "家次",
    "项次",
    "场次",
    "户次",
    "个月",
    "美元",
    "欧元",
    "港元",
    "元",
    "亩",
    "公顷",
    "公里",
    "千米",
    "千克",
    "公斤",
    "吨",
    "千瓦",
    "兆瓦",
    "吉瓦",
    "瓦",
    "度",
    "项",
    "家",
    "个",
    "人",
    "名",
    "位",
    "次",
    "场",
    "件",
    "篇",
    "部",
    "所",
    "座",
    "条",
    "套",
    "台",
    "辆",
    "架",
    "艘",
    "颗",
    "枚",
    "株",
    "户",
    "种",
    "类",
    "款",
    "份",
    "本",
    "册",
    "支",
    "批",
    "处",
    "栋",
    "间",
    "张",
    "门",
    "倍",
    "%",
    "％",
    "‰",
    "人年",
    "分",
    "MWh",
    "GWh",
    "kWh",
    "MW",
    "GW",
    "kW",
    "TB",
    "PB",
    "PFlops",
    "P",
)
MULTIPLIERS = ("万亿", "千万", "百万", "亿", "万")
UNITS_LONGEST_FIRST = sorted(BASE_UNITS, key=len, reverse=True)
BEFORE = {  # qualifier words before the number
    "突破": "over",
    "超过": "more_than",
    "超": "more_than",
    "逾": "more_than",
    "将近": "nearly",
    "接近": "nearly",
    "近": "nearly",
    "大约": "about",
    "约": "about",
}
BETWEEN = {"余": "and_more", "多": "and_more"}  # between the number and the unit
AFTER = {"以上": "above", "左右": "around"}  # after the unit

ARABIC = r"\d+(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = re.compile(rf"(?P<arabic>{ARABIC})|(?P<chinese>[{CHINESE_NUMERALS}]+)")
LATIN = re.compile(r"[A-Za-z]")
BOUNDARY = "，,。；;：:！!？?\n（）()"  # ends a clause
SENTENCE_END = "。；;！!？?\n"
OPENING, CLOSING = '“《「『"', '”》」』"'

# Words and names whose numerals are no figures: idioms, slogans, sayings.
IDIOMS = (
    "千家万户",
    "百家争鸣",
    "千方百计",
    "三位一体",
    "五位一体",
    "四位一体",
    "一揽子",
    "两个确立",
    "两个维护",
    "两个结合",
    "两个毫不动摇",
    "四个全面",
    "四个意识",
    "四个自信",
    "五个一",
    "百花齐放",
    "千帆竞发",
    "百舸争流",
    "千头万绪",
    "万无一失",
    "一张蓝图",
    "两手抓",
    "三个代表",
    "百年大计",
    "千里之行",
    "十年磨一剑",
    "两条腿",
    "三件套",
    "四梁八柱",
    "五湖四海",
    "四面八方",
    "九成",
    "一盘棋",
    "一条龙",
    "一站式",
    "一件事",
    "一张网",
)
# What may follow a count that makes it a name or a grade, not a figure.
NOT_AFTER_UNIT = ("级", "会议", "全会", "全体会议", "代表大会", "届", "型", "制", "式")

# A change: its verb (and what it compares with) just before the number.
CHANGE = re.compile(
    r"(?P<since>同比|环比|较上年同期|比上年同期|较去年同期|比去年同期|较上年|比上年|较去年|比去年|较上一年|"
    r"较\d{4}年(?:底|末)?|比\d{4}年(?:底|末)?)?"
    r"(?:年均|平均)?"
    r"(?P<verb>增长|增加|提高|提升|上升|上涨|增幅|增速|增长率|新增|净增|"
    r"下降|减少|降低|回落|下滑|降幅|前移|后退|跃升|攀升)"
    r"(?:了|达到|达|为|分别为|分别达到|分别达)?$"
)
FALLS = ("下降", "减少", "降低", "回落", "下滑", "降幅", "后退")
# A rank: what comes before the list position (居全省第三位, 位列第一, 排名第15位).
RANK_TRIGGER = re.compile(r"(?:居|列|排名|排|名列|位于|跃居|升至|跃升至|稳居|保持|排在|列第)")
LIST_WORDS = ("排名", "排行", "指数", "榜", "考核", "评价", "评估", "名单", "测评", "评比", "监测")
RANK = re.compile(rf"第(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>位|名)?|(?P<first>首位|榜首)")
TOP = re.compile(
    rf"(?<![之以提目当向眼])前(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>名|位|强)?"
    r"(?![季个月年天批届次])"
)
FRONT = re.compile(r"前列|前茅|唯一")
RUNNING = re.compile(rf"连续(?P<number>\d+|[{CHINESE_NUMERALS}]+)(?P<place>年|届|次)")
OUT_OF_AFTER = re.compile(rf"^[（(]?共(?P<number>\d+|[{CHINESE_NUMERALS}]+)")


@dataclass(frozen=True)
class Found:
    """One figure (or change, ranking, standing) read from an article."""

    kind: str  # "metric" | "change" | "ranking" | "standing"
    value: float  # a ranking: its rank; a standing: its rank if any, else 0
    written: str  # the number as printed: "1630", "1,086.2", "两千一百二十四", "首"
    unit: str | None  # as printed: "亿元", "万平方米", "个百分点", "%", "位", "家" …
    qualifier: str  # a Qualifier value
    numeral: str  # a Numeral value: arabic chinese liang
    start: int  # offset of the quote in the article text (0-based)
    end: int  # end offset (exclusive): quote == text[start:end]
    line: int  # 1-based line of `start`
    column: int  # 1-based column of `start`, in characters
    of: int | None = None  # a change: index of the figure it changes
    change_kind: str | None = None  # a change: a ChangeKind value
    out_of: int | None = None  # a ranking: the list size where printed
    text: str = field(default="", repr=False, compare=False)  # the whole article

    @property
    def quote(self) -> str:
        """The exact span of the article it was read from."""
        return self.text[self.start : self.end]

    def __repr__(self) -> str:
        return (
            f"Found({self.kind} {self.quote!r} at {self.line}:{self.column} value={self.value:g}"
            f" unit={self.unit} {self.qualifier}"
            + (f" {self.change_kind} of={self.of}" if self.kind == "change" else "")
            + (f" out_of={self.out_of}" if self.out_of else "")
            + ")"
        )


@dataclass
class _Raw:
    """A figure while it is being read: offsets only, no line or column yet."""

    kind: str
    value: float
    written: str
    unit: str | None
    qualifier: str
    numeral: str
    start: int
    end: int
    number_start: int
    change_kind: str | None = None
    out_of: int | None = None
    of: _Raw | None = None


def find_figures(text: str) -> list[Found]:
    """Every figure of the article, in reading order."""
    quoted = _quoted_spans(text)
    raws = [r for r in _counts(text, quoted) if r is not None]
    raws += _ranks(text, quoted)
    raws += _table_cells(text)
    raws.sort(key=lambda r: r.start)
    raws = _drop_overlaps(raws)
    raws = _shared_units(text, raws)
    raws = _read_changes(text, raws)
    raws = _rank_kinds(text, raws)
    return _located(text, raws)


# ── numbers with units ──────────────────────────────────────────────────────


def _counts(text: str, quoted: list[tuple[int, int]]) -> list[_Raw | None]:
    """Every number with a unit after it that is a figure."""
    found = []
    for match in NUMBER.finditer(text):
        if _inside(match.start(), quoted) or _in_idiom(text, match.start(), match.end()):
            continue
        found.append(_count_at(text, match))
    return found


def _count_at(text: str, match: re.Match[str]) -> _Raw | None:
    """The figure a number starts, or None if it is not one."""
    start, end = match.start(), match.end()
    written = match.group()
    before = text[max(0, start - 1) : start]
    if match.group("arabic"):
        if before and (LATIN.match(before) or before in ".-/－—~～" or before.isdigit()):
            return None  # CO2, 0477-8394929, 3-5年
        value, numeral = arabic_value(written), "arabic"
    else:
        if written[0] in "万亿" or written in ("一",):
            return None  # 万吨级, 一批, 一个: no figure
        number = chinese_value(written)
        if number is None:
            return None
        value, numeral = float(number), "liang" if is_liang(written) else "chinese"
    if before == "第":
        return None  # a position, read by _ranks
    unit, unit_end, qualifier = _unit_after(text, end, not match.group("arabic"))
    if unit is None:
        return None
    if LATIN.match(text[unit_end : unit_end + 1]) and unit[-1:].isascii():
        return None  # 5GB… glued to more letters
    if unit[-1:].isascii() and unit[-1:].isalpha() and not match.group("arabic"):
        return None
    if match.group("arabic") and LATIN.match(text[end : end + 1]) and not unit[:1].isascii():
        return None
    if text.startswith(NOT_AFTER_UNIT, unit_end):
        return None  # 万吨级, 三次会议, 十四届
    if unit == "名" and text.startswith("单", unit_end):
        return None
    if numeral != "arabic" and _names_a_list(text, unit, unit_end):
        return None  # 五个方面, 两项指标均…, 两位数: no figure
    if value == 0:
        return None  # 零部件
    qualifier_start = start
    for word, meaning in BEFORE.items():
        if text.endswith(word, 0, start):
            qualifier, qualifier_start = qualifier or meaning, start - len(word)
            break
    for word, meaning in AFTER.items():
        if text.startswith(word, unit_end):
            qualifier, unit_end = meaning, unit_end + len(word)
            break
    return _Raw(
        "metric",
        value,
        written,
        unit,
        qualifier or "exact",
        numeral,
        qualifier_start,
        unit_end,
        start,
    )


LISTED = re.compile(r"^(?:方面|领域|维度|环节|层面|板块|方向|指标|均|都|分别|数|大)")


def _names_a_list(text: str, unit: str, unit_end: int) -> bool:
    """A count in words that counts the items just named, not a figure: 五个方面, 两项均."""
    return (
        unit in ("个", "项", "位", "类", "种")
        and LISTED.match(text[unit_end : unit_end + 4]) is not None
    )


def _unit_after(
    text: str, at: int, numeral_chinese: bool = False
) -> tuple[str | None, int, str | None]:
    """The unit printed from `at` (after 余/多 if any), where it ends, and the qualifier
    the 余/多 gives: ('万人', 12, 'and_more') for 万余人."""
    qualifier = None
    multiplier = ""
    position = at
    if text[position : position + 1] in BETWEEN:
        qualifier = BETWEEN[text[position]]
        position += 1
    for word in MULTIPLIERS:
        if text.startswith(word, position):
            multiplier, position = word, position + len(word)
            break
    if multiplier and text[position : position + 1] in BETWEEN:
        qualifier = BETWEEN[text[position]]
        position += 1
    for unit in UNITS_LONGEST_FIRST:
        if text.startswith(unit, position):
            if unit == "分" and (
                numeral_chinese or text.startswith(("钟", "之", "别", "析"), position + 1)
            ):
                return None, at, None  # 十分重要, 3分钟: no score
            if unit in ("度",) and not multiplier:
                return None, at, None  # 年度, 力度: only 万度 is a unit
            return multiplier + unit, position + len(unit), qualifier
    return None, at, None


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans inside quotation marks and title marks: names, not figures."""
    spans = []
    for opening, closing in zip(OPENING, CLOSING, strict=True):
        start = 0
        while (left := text.find(opening, start)) >= 0:
            right = text.find(closing, left + 1)
            line_end = text.find("\n", left)
            if right < 0 or (0 <= line_end < right):
                start = left + 1
                continue
            if right - left <= 30:  # a name; a long quotation may hold real figures
                spans.append((left, right))
            start = right + 1
    return sorted(spans)


def _inside(position: int, spans: list[tuple[int, int]]) -> bool:
    return any(left < position < right for left, right in spans)


def _in_idiom(text: str, start: int, end: int) -> bool:
    """Whether the number is part of an idiom or slogan (千家万户, 两手抓)."""
    window = text[max(0, start - 6) : end + 6]
    for idiom in IDIOMS:
        at = window.find(idiom)
        while at >= 0:
            left = max(0, start - 6) + at
            if (left <= start and end <= left + len(idiom)) or left < end <= left + len(idiom):
                return True
            at = window.find(idiom, at + 1)
    return False


# ── tables ──────────────────────────────────────────────────────────────────

CELL_SPLIT = re.compile(r"[ \t\u3000|]+")
BARE = re.compile(rf"^(?:{ARABIC})%?$")
RANK_HEADS = ("排序", "排名", "位次", "名次")


def _table_cells(text: str) -> list[_Raw]:
    """Bare numbers in the rows of a table (cells split by spaces, tabs or |): a rank
    column (排名, 排序, 位次) gives rankings, the others figures with no unit (in the header)."""
    found: list[_Raw] = []
    offset = 0
    header: list[str] | None = None
    for line in text.split("\n"):
        cells = [c for c in CELL_SPLIT.split(line.strip()) if c]
        numeric = [c for c in cells if BARE.match(c)]
        tabular = len(cells) >= 2 and not re.search(r"[。，；]", line)
        if tabular and numeric and header is not None and len(cells) == len(header):
            position = offset
            for cell, head in zip(cells, header, strict=True):
                at = text.find(cell, position, offset + len(line))
                position = at + len(cell)
                if not BARE.match(cell) or head.startswith("序号"):
                    continue
                unit = "%" if cell.endswith("%") else None
                digits = cell.rstrip("%")
                kind = "ranking" if head.startswith(RANK_HEADS) else "metric"
                found.append(
                    _Raw(
                        kind,
                        arabic_value(digits),
                        digits,
                        unit,
                        "exact",
                        "arabic",
                        at,
                        at + len(cell),
                        at,
                    )
                )
        elif tabular and not numeric:
            header = cells
        elif not tabular:
            header = None
        offset += len(line) + 1
    return found


# ── ranks and standings ─────────────────────────────────────────────────────


def _ranks(text: str, quoted: list[tuple[int, int]]) -> list[_Raw]:
    """Positions in lists (第3位, 首位), tops (前20名), runs (连续3年) and 前列, 唯一."""
    found: list[_Raw] = []
    for match in RANK.finditer(text):
        if _inside(match.start(), quoted):
            continue
        raw = _rank_at(text, match)
        if raw is not None:
            found.append(raw)
    for match in TOP.finditer(text):
        value = _number_value(match.group("number"))
        if value and not _inside(match.start(), quoted):
            found.append(
                _Raw(
                    "standing",
                    value,
                    match.group("number"),
                    match.group("place"),
                    "exact",
                    _numeral_of(match.group("number")),
                    match.start(),
                    match.end(),
                    match.start("number"),
                )
            )
    for match in RUNNING.finditer(text):
        value = _number_value(match.group("number"))
        if value and not _inside(match.start(), quoted):
            found.append(
                _Raw(
                    "standing",
                    value,
                    match.group("number"),
                    match.group("place"),
                    "exact",
                    _numeral_of(match.group("number")),
                    match.start(),
                    match.end(),
                    match.start("number"),
                )
            )
    for match in FRONT.finditer(text):
        if _inside(match.start(), quoted):
            continue
        lead = text[max(0, match.start() - 6) : match.start()]
        if match.group() == "唯一" and not re.search(r"[全国省区市州盟县]$", lead):
            continue
        if match.group() != "唯一" and not re.search(r"(居|列|处于|走在|保持|进入)", lead):
            continue
        found.append(
            _Raw(
                "standing",
                0,
                match.group(),
                None,
                "exact",
                "chinese",
                match.start(),
                match.end(),
                match.start(),
            )
        )
    return found


def _rank_at(text: str, match: re.Match[str]) -> _Raw | None:
    """A rank (第3位, 第三, 首位) read where its words make it one."""
    lead = _clause_before(text, match.start())
    place = match.group("place")
    after = text[match.end() : match.end() + 1]
    if match.group("first"):
        if not RANK_TRIGGER.search(lead[-12:]) and match.group() != "榜首":
            return None  # 首位战略: no position
        return _Raw(
            "ranking",
            1,
            "首",
            "位" if match.group() == "首位" else None,
            "exact",
            "chinese",
            match.start(),
            match.end(),
            match.start(),
        )
    written = match.group("number")
    value = _number_value(written)
    if not value:
        return None
    if place is None:
        if after and after not in BOUNDARY + "、的和与，" and after not in "\u3000 ":
            return None  # 第一资源, 第十五次, 第二批
        if not RANK_TRIGGER.search(lead[-14:]):
            return None
    elif place == "名" and text.startswith("单", match.end()):
        return None
    return _Raw(
        "ranking",
        value,
        written,
        place,
        "exact",
        _numeral_of(written),
        match.start(),
        match.end(),
        match.start("number"),
    )


def _number_value(written: str) -> float:
    if written[:1].isdigit():
        return arabic_value(written)
    value = chinese_value(written)
    return float(value) if value is not None else 0.0


def _numeral_of(written: str) -> str:
    if written[:1].isdigit():
        return "arabic"
    return "liang" if is_liang(written) else "chinese"


def _clause_before(text: str, at: int) -> str:
    """The text of the clause before `at`: back to the last comma, stop or line break."""
    start = at
    while start > 0 and text[start - 1] not in BOUNDARY:
        start -= 1
    return text[start:at]


def _sentence_of(text: str, at: int) -> tuple[int, int]:
    """The offsets of the sentence holding `at`."""
    start = at
    while start > 0 and text[start - 1] not in SENTENCE_END:
        start -= 1
    end = at
    while end < len(text) and text[end] not in SENTENCE_END:
        end += 1
    return start, end


def _rank_kinds(text: str, raws: list[_Raw]) -> list[_Raw]:
    """A rank after a figure in its sentence is that figure's standing (…56项，居各盟市首位);
    a rank after a list's name is a ranking (…指数排名第33位), with the list's size if
    printed (在27家…中位列第一, 第3位（共27个）), that figure then not one of its own."""
    consumed: set[int] = set()
    for index, raw in enumerate(raws):
        if raw.kind != "ranking":
            continue
        sentence_start, _ = _sentence_of(text, raw.start)
        before = [
            (i, r)
            for i, r in enumerate(raws[:index])
            if r.kind in ("metric", "change") and r.start >= sentence_start and i not in consumed
        ]
        out_of = _out_of_before(text, raw, before)
        if out_of is not None:
            consumed.add(out_of)
            raw.out_of = int(raws[out_of].value)
        else:
            after = OUT_OF_AFTER.match(text[raw.end : raw.end + 12])
            if after:
                raw.out_of = int(_number_value(after.group("number")))
        if raw.out_of is None and before:
            between = text[before[-1][1].end : raw.start]
            if not any(word in between for word in LIST_WORDS):
                raw.kind = "standing"
    return [r for i, r in enumerate(raws) if i not in consumed]


def _out_of_before(text: str, rank: _Raw, before: list[tuple[int, _Raw]]) -> int | None:
    """The index of the list size printed before a rank: 在27家…中位列第一."""
    if not before:
        return None
    index, size = before[-1]
    between = text[size.end : rank.start]
    lead = text[max(0, size.start - 8) : size.start]
    if "中" in between and any(ch in BOUNDARY for ch in between) is False and "在" in lead:
        return index
    return None


# ── units shared, changes attached ──────────────────────────────────────────


def _shared_units(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Bare numbers listed before a figure share its unit: 56、26家 → 56家 and 26家."""
    extra: list[_Raw] = []
    for raw in raws:
        if raw.kind != "metric" or raw.numeral != "arabic":
            continue
        position = raw.number_start
        while True:
            lead = text[max(0, position - 24) : position]
            match = re.search(rf"(?<![\d.A-Za-z\-])({ARABIC})[、和与及]$", lead)
            if not match:
                break
            start = position - len(lead) + match.start(1)
            written = match.group(1)
            extra.append(
                _Raw(
                    "metric",
                    arabic_value(written),
                    written,
                    raw.unit,
                    "exact",
                    "arabic",
                    start,
                    start + len(written),
                    start,
                )
            )
            position = start
    return sorted(raws + extra, key=lambda r: r.start)


def _read_changes(text: str, raws: list[_Raw]) -> list[_Raw]:
    """Mark the figures its verb makes changes (同比增长28%), each attached to the figure
    it changes: the last figure before it in its sentence, else the next one; a count
    after 新增 with nothing to change stays a figure of its own."""
    for index, raw in enumerate(raws):
        if raw.kind != "metric":
            continue
        lead = _clause_before(text, raw.start)
        match = CHANGE.search(lead)
        if match is None and raws[index - 1 : index] and raws[index - 1].kind == "change":
            previous = raws[index - 1]
            if re.fullmatch(r"[、和与及]", text[previous.end : raw.start]):
                raw.kind, raw.change_kind = "change", previous.change_kind
                raw.value = -raw.value if previous.value < 0 else raw.value
            continue
        if match is None:
            continue
        raw.change_kind = _change_kind(match, raw.unit or "")
        if raw.change_kind is None:
            continue
        raw.kind = "change"
        if match.group("verb") in FALLS:
            raw.value = -raw.value
    _attach(text, raws)
    return raws


def _change_kind(match: re.Match[str], unit: str) -> str | None:
    """The ChangeKind a verb and unit make: yoy, growth, added, points, places."""
    verb, since = match.group("verb"), match.group("since")
    if unit.endswith("百分点"):
        return "points"
    if unit in ("位", "名") and verb in ("提升", "上升", "前移", "下降", "后退", "跃升", "攀升"):
        return "places"
    if unit in ("%", "％", "倍", "‰"):
        return "yoy" if since and ("同" in since or "环比" in since) else "growth"
    if verb in ("新增", "净增", "增加", "减少", "增长", "提高", "提升", "下降"):
        return "added"
    return None


def _attach(text: str, raws: list[_Raw]) -> None:
    """Each change to the figure it changes; 分别 pairs changes with figures in order."""
    for index, raw in enumerate(raws):
        if raw.kind != "change":
            continue
        start, end = _sentence_of(text, raw.start)
        wanted = ("ranking",) if raw.change_kind == "places" else ("metric",)
        earlier = [r for r in raws[:index] if r.kind in wanted and r.start >= start]
        later = [r for r in raws[index + 1 :] if r.kind in wanted and r.end <= end]
        if earlier:
            raw.of = _paired(text, raws, index, earlier)
        elif later and raw.change_kind == "added":
            raw.of = later[0]
        elif raw.change_kind == "added":
            raw.kind, raw.change_kind = "metric", None  # 新增50家 alone: a figure
            raw.value = abs(raw.value)


def _paired(text: str, raws: list[_Raw], index: int, earlier: list[_Raw]) -> _Raw:
    """The figure a change belongs to: the last before it, or, for a run of changes right
    after as many figures (330家、701家，分别增长12%、15%), the one at its place in the run."""

    def joined(left: _Raw, right: _Raw) -> bool:
        return re.fullmatch(r"[、和与及]", text[left.end : right.start]) is not None

    first = index
    while first > 0 and raws[first - 1].kind == "change" and joined(raws[first - 1], raws[first]):
        first -= 1
    last = index
    while (
        last + 1 < len(raws)
        and raws[last + 1].kind == "change"
        and joined(raws[last], raws[last + 1])
    ):
        last += 1
    count = last - first + 1
    figures = raws[max(0, first - count) : first]
    if (
        count > 1
        and len(figures) == count
        and all(f in earlier and f.kind == "metric" for f in figures)
        and all(joined(a, b) for a, b in itertools.pairwise(figures))
    ):
        return figures[index - first]
    if raws[index].change_kind == "points" and re.search(
        r"增速|增幅", _clause_before(text, raws[index].start)
    ):
        changes = [
            r for r in raws[:index] if r.kind == "change" and r in earlier_changes(raws, earlier)
        ]
        if changes:
            return changes[-1]
    return earlier[-1]


def earlier_changes(raws: list[_Raw], earlier: list[_Raw]) -> list[_Raw]:
    """Changes in the same sentence as the figures given."""
    if not earlier:
        return []
    return [r for r in raws if r.kind == "change" and r.start >= earlier[0].start]


def _drop_overlaps(raws: list[_Raw]) -> list[_Raw]:
    """Where two readings cover the same text, the longer (then the earlier) wins."""
    kept: list[_Raw] = []
    for raw in raws:
        if kept and raw.start < kept[-1].end:
            if raw.end - raw.start > kept[-1].end - kept[-1].start:
                kept[-1] = raw
            continue
        kept.append(raw)
    return kept


def _located(text: str, raws: list[_Raw]) -> list[Found]:
    """The figures with their lines and columns, changes pointing at list indexes."""
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    index_of = {id(r): i for i, r in enumerate(raws)}
    found = []
    for raw in raws:
        line = bisect.bisect_right(line_starts, raw.start)
        found.append(
            Found(
                kind=raw.kind,
                value=raw.value,
                written=raw.written,
                unit=raw.unit,
                qualifier=raw.qualifier,
                numeral=raw.numeral,
                start=raw.start,
                end=raw.end,
                line=line,
                column=raw.start - line_starts[line - 1] + 1,
                of=index_of.get(id(raw.of)) if raw.of is not None else None,
                change_kind=raw.change_kind,
                out_of=raw.out_of,
                text=text,
            )
        )
    return found
