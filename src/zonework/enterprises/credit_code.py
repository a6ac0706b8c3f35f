"""统一社会信用代码 (GB 32100-2015): format and check character.

An 18-character code:
  1     登记管理部门码 (registration authority: 1 机构编制, 5 民政, 9 工商, Y 其他, ...)
  2     机构类别码 (kind of entity within that authority)
  3–8   登记管理机关行政区划码 (six digits, GB/T 2260)
  9–17  主体标识码 (the organisation code of GB 11714, with its own check character)
  18    校验码 (check character)
Every character comes from the 31 characters 0–9 and A–Y without I, O, S, V, Z.

Check character: with the characters' values C1..C17 (0–9 → 0–9, A → 10, ..., Y → 30 in that
alphabet) and weights Wi = 3^(i−1) mod 31 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28),
C18 = 31 − (Σ Ci × Wi mod 31), where 31 becomes 0; the check character is the alphabet's C18-th.

The embedded organisation code (positions 9–17) has its own GB 11714 check, computed here by
`org_check_char` (weights 3, 7, 9, 10, 5, 8, 4, 2; 11 − Σ mod 11, 10 → X, 11 → 0) for generating
codes; validation follows GB 32100 and checks the code's own check character.
"""

from django.core.exceptions import ValidationError

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
VALUES = {c: i for i, c in enumerate(ALPHABET)}
WEIGHTS = [pow(3, i, 31) for i in range(17)]
ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

_FULL_WIDTH = {ord(c): ord(c) - 0xFEE0 for c in "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＬＭＮＰＱＲＴＵＷＸＹ"}


def normalise(code):
    """Strip spaces, turn full-width characters half-width, upper-case."""
    return "".join(str(code or "").translate(_FULL_WIDTH).split()).upper()


def check_char(first17):
    """The check character of the first 17 characters (which must be in the alphabet)."""
    total = sum(VALUES[c] * w for c, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def org_check_char(body8):
    """GB 11714 check character of an 8-character organisation code body."""
    def value(c):
        return int(c) if c.isdigit() else ord(c) - ord("A") + 10

    total = sum(value(c) * w for c, w in zip(body8, ORG_WEIGHTS, strict=True))
    c9 = 11 - total % 11
    return "X" if c9 == 10 else "0" if c9 == 11 else str(c9)


def make(prefix2, region6, org_body8):
    """A valid code from its parts (used by the demo and tests): e.g. make("91", "420100", "MA4KXXXX")."""
    org = org_body8 + org_check_char(org_body8)
    first17 = prefix2 + region6 + org
    return first17 + check_char(first17)


def problem(code):
    """The Chinese message for what is wrong with `code`, or None when it is valid."""
    code = normalise(code)
    if len(code) != 18:
        return f"统一社会信用代码应为18位，“{code}”为{len(code)}位。"
    bad = [c for c in code if c not in VALUES]
    if bad:
        return f"统一社会信用代码含有不允许的字符“{''.join(dict.fromkeys(bad))}”（不使用I、O、S、V、Z）。"
    if not code[2:8].isdigit():
        return f"统一社会信用代码第3至8位应为行政区划码（6位数字），“{code[2:8]}”不是。"
    expected = check_char(code[:17])
    if code[17] != expected:
        return f"统一社会信用代码“{code}”校验位错误，请核对（按GB 32100-2015，第18位应为“{expected}”）。"
    return None


def is_valid(code):
    return problem(code) is None


def validate_credit_code(code):
    """Model/form validator."""
    message = problem(code)
    if message:
        raise ValidationError(message, code="invalid_credit_code")
