from .base import Channel, ChannelError


class SmsChannel(Channel):
    """A text message to the recipient's phone; a gateway implements `send_sms(phone, text)`."""

    name = "sms"
    label = "短信"

    def address(self, message):
        return (message.recipient.phone or "").strip()

    def send(self, message, address):
        self.send_sms(address, f"【{self.options.get('sign_name', 'zonework')}】{message.get_kind_display()}：{message.title}")

    def send_sms(self, phone, text):
        raise NotImplementedError


class HttpJsonSmsChannel(SmsChannel):
    """A gateway taking POST {"phone", "text", "token"} as JSON and answering {"code": 0} (or "ok")."""

    def send_sms(self, phone, text):
        reply = self.post_json(self.options["url"], {"phone": phone, "text": text, "token": self.options.get("token", "")})
        code = reply.get("code", 0)
        if code not in (0, "0", "ok", "OK"):
            raise ChannelError(f"短信网关返回{code}：{reply.get('message', '')}")
