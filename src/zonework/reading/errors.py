"""The one exception the reader raises for input it cannot read."""


class ReadError(Exception):
    """Input the reader refuses, with a message in Chinese fit to show a user as is.

    `code` is a stable English tag (empty, binary, corrupt, no_text, too_large, unsupported; no_ocr
    and no_office when Tesseract or LibreOffice is not installed, ocr_failed) so the web side can
    choose an icon or a status without parsing the message.
    """

    def __init__(self, message_zh: str, code: str = "unreadable", file_name: str | None = None):
        self.message_zh = message_zh
        self.code = code
        self.file_name = file_name
        super().__init__(message_zh)

    def __str__(self) -> str:
        if self.file_name:
            return f"{self.file_name}：{self.message_zh}"
        return self.message_zh
