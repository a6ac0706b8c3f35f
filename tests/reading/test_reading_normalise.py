"""Normalisation: simplified characters, no pinyin, ASCII digits, years as numbers, offsets kept."""

from zonework.reading.normalise import normalise


def test_traditional_becomes_simplified():
    assert normalise("開發區實現地區生產總值").text == "开发区实现地区生产总值"


def test_pinyin_after_characters_is_dropped():
    """開(kāi)發(fā)區(qū) reads as 开发区."""
    assert normalise("開(kāi)發(fā)區(qū)").text == "开发区"


def test_real_parentheses_are_kept():
    """Scope notes and responsibility notes are text, not pinyin."""
    text = "全口径财政收入(含土地收入)增长25%(责任单位:经信局、招商局)(GDP)(ab)"
    assert normalise(text).text == text


def test_untoned_syllables_are_dropped_only_in_a_glossed_text():
    glossed = "開(kāi)發(fā)區(qū)實(shí)現(xiàn)我們(men)的目標"
    assert normalise(glossed).text == "开发区实现我们的目标"
    assert normalise("项目(an)").text == "项目(an)"


def test_full_width_digits_and_symbols_become_ascii():
    assert normalise("２０１２年增长２０．５％，（一）").text == "2012年增长20.5%,(一)"


def test_chinese_numeral_years_and_dates_become_digits():
    assert normalise("二0一二年十二月二十六日").text == "2012年12月26日"
    assert normalise("二〇一三年工作要点").text == "2013年工作要点"
    assert normalise("二〇二一年三月").text == "2021年3月"


def test_ordinary_chinese_numbers_are_left_alone():
    """一二三 in prose (一是, 第二篇) is not a year."""
    assert normalise("一是加快建设;第二篇").text == "一是加快建设;第二篇"


def test_offsets_point_back_into_the_original_text():
    """Every normalised span maps to the same words in the uploaded text."""
    original = "開(kāi)發(fā)區(qū)在二〇一二年實(shí)現(xiàn)產(chǎn)值２０億元"
    norm = normalise(original)
    assert norm.text == "开发区在2012年实现产值20亿元"
    start = norm.text.index("实现")
    s, e = norm.span_to_original(start, start + 2)
    assert original[s:e] == "實(shí)現"
    k = norm.text.index("2012年")
    s, e = norm.span_to_original(k, k + 5)
    assert original[s:e] == "二〇一二年"
    k = norm.text.index("20亿元")
    s, e = norm.span_to_original(k, len(norm.text))
    assert original[s:e] == "２０億元"


def test_offsets_are_identity_when_nothing_changed_length():
    norm = normalise("开发区实现地区生产总值170亿元")
    assert norm.to_original(5) == 5
    assert norm.maps[0].starts == [] and norm.maps[1].starts == []
