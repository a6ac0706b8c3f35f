"""统一社会信用代码 per GB 32100-2015: the check character computed, bad codes refused in Chinese."""

import pytest
from django.core.exceptions import ValidationError

from zonework.enterprises import credit_code

# Codes whose check characters were computed by hand from the standard's weights
# (1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28; C18 = 31 − Σ mod 31).
VALID = [
    "91350100M000100Y43",   # the example printed in most explanations of the standard
    "91420100MA4K5C2A7H",   # 工商, 武汉市, organisation code MA4K5C2A7
    "91420113714569231Y",   # check value 30 → Y
    "12420100441234566B",   # 机构编制 (public institution)
    "51330200MJ8765437U",   # 民政 (social organisation)
]


@pytest.mark.parametrize("code", VALID)
def test_valid_codes_pass(code):
    assert credit_code.problem(code) is None
    credit_code.validate_credit_code(code)


@pytest.mark.parametrize(("code", "message"), [
    ("91350100M000100Y44", "校验位错误"),           # last character changed
    ("91350100M000100Y4", "应为18位"),              # too short
    ("91350100M000100Y433", "应为18位"),            # too long
    ("91350100M0001O0Y43", "不允许的字符“O”"),       # letter O is not used
    ("9135A100M000100Y43", "行政区划码"),            # region code must be digits
    ("", "应为18位"),
])
def test_invalid_codes_get_a_chinese_message(code, message):
    with pytest.raises(ValidationError) as exc:
        credit_code.validate_credit_code(code)
    assert message in exc.value.messages[0]


def test_input_is_normalised():
    assert credit_code.is_valid(" 91350100m000100y43 ")
    assert credit_code.is_valid("９１350100M000100Y43")  # full-width digits typed on a Chinese keyboard


@pytest.mark.parametrize(("first17", "check"), [("91350100M000100Y4", "3"), ("91420113714569231", "Y")])
def test_check_char(first17, check):
    assert credit_code.check_char(first17) == check


def test_make_builds_valid_codes_with_a_valid_organisation_code():
    code = credit_code.make("91", "420100", "MA4K5C2A")
    assert code == "91420100MA4K5C2A7H" and credit_code.is_valid(code)
    assert credit_code.org_check_char("M000100Y") == "4"  # GB 11714 check of the standard's example
