"""A real SMTP server for the tests (aiosmtpd): every message it accepts
is written to DIR as one JSON file (envelope recipients, the headers and
the text body decoded by Python's e-mail parser; written whole, then
renamed into place). It can refuse the first N messages with a temporary
error, as a busy mail server does, to test the outbox's retries; and it can
hold the first message S seconds before taking it (a file `.holding` in DIR
says it is holding), so a test can kill the sender mid-send. Like a real
mail server, it takes a message only by answering 250: if the sender goes
away while it holds, the message is not stored.

With --tls-ca FILE it is a submission server as on port 587: STARTTLS
required before anything else, with a certificate for 127.0.0.1 from a
throwaway CA (PyPI trustme) whose certificate it writes to FILE for the
sender to trust, and AUTH (PLAIN or LOGIN, only over TLS) required with
--user and --password.

    python sink.py --port 2525 --dir /tmp/mail [--refuse-first 2] [--hold-first 3]
                   [--tls-ca ca.pem --user u --password p]

Prints "ready" once it listens; stops on SIGTERM or SIGINT.
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import logging
import os
import signal
import threading
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, directory, refuse_first, hold_first):
        self.directory = directory
        self.refuse_left = refuse_first
        self.hold_next = hold_first
        self.counter = itertools.count()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.refuse_left > 0:
                self.refuse_left -= 1
                return "451 4.3.0 Busy, try again later"
            hold, self.hold_next = self.hold_next, 0
        if hold > 0:
            open(os.path.join(self.directory, ".holding"), "w").close()
            # A lost connection cancels this coroutine (aiosmtpd), so a
            # sender killed now leaves nothing stored.
            await asyncio.sleep(hold)
        with self.lock:
            n = next(self.counter)
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        record = {
            "envelope_to": envelope.rcpt_tos,
            "headers": {k.lower(): str(v) for k, v in message.items()},
            "body": message.get_body(preferencelist=("plain",)).get_content(),
        }
        name = f"{time.time_ns()}-{n:05}.json"
        tmp = os.path.join(self.directory, "." + name)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(self.directory, name))
        return "250 2.0.0 Stored"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--refuse-first", type=int, default=0)
    parser.add_argument("--hold-first", type=float, default=0)
    parser.add_argument("--tls-ca")
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    handler = Sink(args.dir, args.refuse_first, args.hold_first)
    secure = {}
    if args.tls_ca:
        import ssl

        import trustme

        # A client that does not trust this CA is one of the cases tested;
        # aiosmtpd would log each refused handshake as a traceback, which
        # only buries the test output.
        logging.getLogger("mail.log").setLevel(logging.CRITICAL)
        ca = trustme.CA()
        ca.cert_pem.write_to_path(args.tls_ca)
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
        wanted = (args.user.encode(), args.password.encode())

        def authenticate(server, session, envelope, mechanism, auth_data):
            return AuthResult(success=(auth_data.login, auth_data.password) == wanted)

        secure = dict(
            tls_context=context,
            require_starttls=True,
            auth_required=True,
            auth_require_tls=True,
            authenticator=authenticate,
        )
    controller = Controller(handler, hostname="127.0.0.1", port=args.port, **secure)
    controller.start()
    print("ready", flush=True)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
