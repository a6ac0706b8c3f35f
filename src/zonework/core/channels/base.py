import json
import urllib.error
import urllib.request


class ChannelError(Exception):
    pass


class Channel:
    name = ""
    label = ""
    per_event = False  # one send per event (a group robot), not one per recipient
    timeout = 10

    def __init__(self, name=None, kinds=None, timeout=None, **options):
        self.name = name or self.name
        # Only these message kinds go out this way (None: all), e.g. SMS for 催办 and 批示 only.
        self.kinds = set(kinds) if kinds else None
        if timeout is not None:
            self.timeout = timeout
        self.options = options

    def wants(self, message):
        return self.kinds is None or message.kind in self.kinds

    def address(self, message):
        raise NotImplementedError

    def send(self, message, address):
        raise NotImplementedError

    def post_json(self, url, payload):
        """POST `payload` as JSON; the parsed JSON reply (or {} for an empty one)."""
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(url, data=data, method="POST",
                                         headers={"Content-Type": "application/json; charset=utf-8"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (configured URL)
                body = response.read()
        except urllib.error.HTTPError as exc:
            raise ChannelError(f"HTTP {exc.code}：{exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise ChannelError(f"无法连接{url}：{getattr(exc, 'reason', exc)}") from exc
        if not body.strip():
            return {}
        try:
            return json.loads(body)
        except ValueError as exc:
            raise ChannelError(f"对方返回的不是JSON：{body[:200]!r}") from exc

