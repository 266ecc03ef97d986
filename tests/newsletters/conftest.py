import asyncio
import socket
from datetime import date

import pytest
from aiosmtpd.controller import Controller

from django.test import override_settings

from tests.factories import NewsletterIndexPageFactory, NewsletterIssuePageFactory


@pytest.fixture
def archive(home):
    return NewsletterIndexPageFactory(parent=home, introduction="Nyheter från nätverket.")


@pytest.fixture
def issues(archive):
    """Three issues over two years, published in a jumbled order."""
    return {
        number: NewsletterIssuePageFactory(
            parent=archive,
            title=title,
            slug=f"nummer-{number}",
            number=number,
            issue_date=issue_date,
            tags=["klimatneutralitet"] if number == 1 else [],
        )
        for number, title, issue_date in [
            (2, "Hösten i nätverket", date(2025, 10, 2)),
            (1, "Verksamhetsplanen", date(2025, 4, 20)),
            (3, "Efter slutkonferensen", date(2026, 11, 20)),
        ]
    }


class Inbox:
    """What a real SMTP server received; `refuse_after` makes it turn messages away."""

    def __init__(self):
        self.messages = []
        self.refuse_after = None
        self.while_receiving = None  # called in a thread of its own as each message comes in

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        if self.while_receiving is not None:
            await asyncio.to_thread(self.while_receiving)
        if self.refuse_after is not None and len(self.messages) >= self.refuse_after:
            return "451 4.3.0 Try again later"
        self.messages.append(envelope)
        return "250 Message accepted for delivery"

    @property
    def recipients(self):
        return sorted(address for message in self.messages for address in message.rcpt_tos)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_port():
    """A free loopback port; Django's SMTP backend sends there for the length of the test."""
    port = free_port()
    with override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=5,
    ):
        yield port


class SmtpServer:
    """A real SMTP server in a thread, started and stopped by the test."""

    def __init__(self, port):
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)
        self.running = False

    def start(self):
        self.controller.start()
        self.running = True
        return self.inbox

    def stop(self):
        if self.running:
            self.controller.stop()
            self.running = False


@pytest.fixture
def smtp(smtp_port):
    """The SMTP server Django is pointed at, not yet started: until then, SMTP is down."""
    server = SmtpServer(smtp_port)
    yield server
    server.stop()


@pytest.fixture
def smtp_server(smtp):
    """A real SMTP server on a free loopback port, up for the length of one test."""
    return smtp.start()
