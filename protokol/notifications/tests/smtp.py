"""A real SMTP server (aiosmtpd) for the tests: it listens on a free port, keeps what it receives, and
can be stopped and started again on the same port (the server "down" and back)."""

import socket
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message as EmailMessage

from aiosmtpd.controller import Controller


@dataclass
class Received:
    to: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        from email.header import decode_header, make_header

        return str(make_header(decode_header(self.message["Subject"])))

    @property
    def text(self) -> str:
        payload = self.message.get_payload(decode=True)
        return payload.decode(self.message.get_content_charset() or "utf-8")


@dataclass
class Inbox:
    received: list[Received] = field(default_factory=list)

    async def handle_DATA(self, server, session, envelope) -> str:
        self.received.append(Received(list(envelope.rcpt_tos), message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Received]:
        return [r for r in self.received if address in r.to]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SMTPServer:
    def __init__(self) -> None:
        self.inbox = Inbox()
        self.port = free_port()
        self.controller: Controller | None = None

    def start(self) -> None:
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
