"""Two agencies, two Odoo servers: agency A's desk asks agency B over SOAP, for real.

Each agency runs its own server on its own database (both on loopback ports chosen free), installed as an agency
installs it (the desk, the inquiries and their bridge, with the sample data and Persian). Everything is configured
as an administrator does it, over XML-RPC, and the story is then told by the people of each agency, over XML-RPC
too:

1. A's clerk registers a request whose service needs an inquiry B answers automatically; A's cron (its real cron
   thread, woken by the registration) sends it, B answers at once, and A's request shows the answer and goes on
   to its response.
2. An inquiry B answers by hand: it waits at B as a registered incoming letter in the cartable of B's secretariat
   until B registers the reply letter; meanwhile A's response is refused; A's cron then fetches the answer.
3. B is stopped while A sends: A's queue retries with backoff (each failed attempt logged), and once B is back
   the inquiry ends answered, exactly once at B.

Every wait is bounded (``WAIT`` seconds); the servers' logs are shown when a check fails.
"""

import configparser
import contextlib
import json
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import xmlrpc.client

import psycopg2
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
ODOO_BIN = pathlib.Path(os.environ.get("ODOO_SRC", "/opt/odoo18")) / "odoo-bin"
MODULES = "miz_khedmat_inquiry"  # the desk, the secretariat and the inquiries come with it
INSTALL_TIMEOUT = 900
WAIT = 90  # longest wait for one state, in seconds
TOKEN = "e2e-secret-of-agency-a-for-agency-b-0123456789"
REQUESTER_CODE = "A-E2E"
PERSON = "0012345679"  # known to B's records
OTHER_PERSON = "0013456784"
THIRD_PERSON = "0071001001"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what, check, timeout=WAIT, pause=0.5):
    """``check()``'s first truthy value within ``timeout`` seconds; fails naming ``what`` otherwise."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"waited {timeout} s for {what}")
        time.sleep(pause)


class Cluster:
    """The PostgreSQL cluster and the file store of the configuration ``make test`` uses."""

    def __init__(self, conf):
        self.conf = conf
        parser = configparser.ConfigParser()
        parser.read(conf)
        self.options = parser["options"]
        self.data_dir = pathlib.Path(self.options.get("data_dir", "~/.local/share/Odoo")).expanduser()

    def connect(self):
        opt = self.options
        conn = psycopg2.connect(
            dbname="postgres",
            host=opt.get("db_host") or None,
            port=int(opt.get("db_port") or 5432),
            user=opt.get("db_user") or None,
            password=None if opt.get("db_password") in (None, "", "False") else opt["db_password"],
        )
        conn.autocommit = True
        return conn

    def copy(self, source, target):
        """``target``: a copy of the installed database ``source`` and of its file store."""
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute(f'CREATE DATABASE "{target}" WITH TEMPLATE "{source}"')
        store = self.data_dir / "filestore"
        if (store / source).is_dir():
            shutil.copytree(store / source, store / target)

    def drop(self, name):
        with contextlib.closing(self.connect()) as conn, conn.cursor() as cr:
            cr.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
            cr.execute(f'DROP DATABASE IF EXISTS "{name}"')
        shutil.rmtree(self.data_dir / "filestore" / name, ignore_errors=True)


class Server:
    """One agency's Odoo server: its database only, on a loopback port of its own."""

    def __init__(self, conf, db, logdir, cron_threads):
        self.conf, self.db, self.cron_threads = conf, db, cron_threads
        self.port = free_port()
        self.log = logdir / f"{db}.log"
        self.proc = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self, *args):
        return [sys.executable, str(ODOO_BIN), "-c", str(self.conf), "-d", self.db, f"--logfile={self.log}", *args]

    def install(self):
        done = subprocess.run(
            self.command(
                "-i",
                MODULES,
                "--load-language=fa_IR",
                "--without-demo=",  # the sample agency, its desk and its people, whatever the configuration says
                "--stop-after-init",
                "--max-cron-threads=0",
                f"--http-port={free_port()}",
            ),
            timeout=INSTALL_TIMEOUT,
            check=False,
            stdin=subprocess.DEVNULL,
        )
        assert done.returncode == 0, f"installing {MODULES} on {self.db} failed:\n{self.tail()}"

    def start(self):
        self.proc = subprocess.Popen(
            self.command(
                f"--db-filter=^{self.db}$",
                "--http-interface=127.0.0.1",
                f"--http-port={self.port}",
                f"--max-cron-threads={self.cron_threads}",
            ),
            stdin=subprocess.DEVNULL,
        )
        wait_for(f"the server of {self.db}", self.healthy, timeout=120)

    def healthy(self):
        if self.proc.poll() is not None:
            pytest.fail(f"the server of {self.db} stopped:\n{self.tail()}")
        try:
            with urllib.request.urlopen(f"{self.url}/web/health", timeout=5) as response:
                return response.status == 200
        except OSError:
            return False

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        self.proc = None

    def tail(self, lines=60):
        with contextlib.suppress(OSError):
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log)"

    def rpc(self, login, password=None):
        """As ``login`` (the sample people's password is their login): JSON-RPC, or XML-RPC for ``admin``."""
        return Rpc(self, login, password or login, "xmlrpc" if login == "admin" else "jsonrpc")


class RpcError(Exception):
    """An error an Odoo server answered (its message is what the person reads)."""


class Rpc:
    """One person of one agency: administrators configure over XML-RPC; the people of the desk and of the
    secretariat act over JSON-RPC, as their web client does (an action that returns a report to print, as the
    desk's registration does, cannot be sent over XML-RPC: it holds ``None`` values)."""

    def __init__(self, server, login, password, protocol):
        self.server, self.password, self.protocol = server, password, protocol
        self.uid = xmlrpc.client.ServerProxy(f"{server.url}/xmlrpc/2/common").authenticate(
            server.db, login, password, {}
        )
        assert self.uid, f"{login} cannot log in on {server.db}"

    def __call__(self, model, method, *args, **kwargs):
        call = [self.server.db, self.uid, self.password, model, method, list(args), kwargs]
        if self.protocol == "xmlrpc":
            proxy = xmlrpc.client.ServerProxy(f"{self.server.url}/xmlrpc/2/object", allow_none=True)
            try:
                return proxy.execute_kw(*call)
            except xmlrpc.client.Fault as fault:
                raise RpcError(fault.faultString) from None
        body = {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {"service": "object", "method": "execute_kw", "args": call},
        }
        http = urllib.request.Request(
            f"{self.server.url}/jsonrpc", json.dumps(body).encode(), {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(http, timeout=60) as response:
            answer = json.load(response)
        if "error" in answer:
            raise RpcError(answer["error"]["data"]["message"])
        return answer["result"]

    def read(self, model, record_id, names):
        return self(model, "read", [record_id], names)[0]

    def ref(self, xmlid):
        module, name = xmlid.split(".")
        rows = self("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"])
        assert rows, f"no record {xmlid}"
        return rows[0]["res_id"]


@pytest.fixture(scope="module")
def agencies(pytestconfig):
    conf = pathlib.Path(
        getattr(pytestconfig.option, "odoo_config", None)
        or os.environ.get("MIZ_ODOO_CONF")
        or ROOT / ".miz" / "odoo.conf"
    ).resolve()
    cluster = Cluster(conf)
    names = [f"miz_e2e_{os.getpid()}_{side}" for side in ("a", "b")]
    logdir = pathlib.Path(tempfile.mkdtemp(prefix="miz_e2e_"))
    server_a = Server(conf, names[0], logdir, cron_threads=1)
    server_b = Server(conf, names[1], logdir, cron_threads=0)
    try:
        server_a.install()
        cluster.copy(names[0], names[1])
        server_a.start()
        server_b.start()
        a, b = server_a.rpc("admin"), server_b.rpc("admin")
        configure(a, b, server_b.url)
        yield {"a": server_a, "b": server_b, "admin_a": a, "admin_b": b}
    finally:
        for server in (server_a, server_b):
            server.stop()
        for name in names:
            cluster.drop(name)
        shutil.rmtree(logdir, ignore_errors=True)


def configure(a, b, b_url):
    """What each agency's administrator sets up: B grants A two inquiry types, A points its types at B."""
    # B: its own agency answers; A is a partner with a secret and two granted types
    b_agency = b.ref("miz_khedmat.demo_agency")
    b("miz.agency", "write", [b_agency], {"name": "دستگاه ب: اداره کل ثبت احوال (آزمون)"})
    a_at_b = b("miz.agency", "create", {"name": "دستگاه الف: اداره کل تعاون (آزمون)"})
    inbound = {"direction": "inbound", "agency_id": b_agency, "subject_required": True}
    auto_b = b(
        "miz.inquiry.type",
        "create",
        {**inbound, "name": "هویت شخص با کد ملی", "code": "e2e.person", "answer_kind": "person_national_code"},
    )
    manual_b = b(
        "miz.inquiry.type",
        "create",
        {
            **inbound,
            "name": "گواهی سوابق (پاسخ با نامه)",
            "code": "e2e.certificate",
            "answer_kind": "manual",
            "manual_user_id": b.ref("miz_secretariat.demo_user_secretariat"),
        },
    )
    b(
        "miz.inquiry.partner",
        "create",
        {
            "agency_id": a_at_b,
            "agency_code": REQUESTER_CODE,
            "new_token": TOKEN,
            "type_ids": [(6, 0, [auto_b, manual_b])],
        },
    )
    for name, code in (("مریم احمدی", PERSON), ("رضا کاظمی", THIRD_PERSON)):
        b("res.partner", "create", {"name": name, "miz_national_code": code})

    # A: two outbound types at B's address, retried after 1, 2, 4… seconds
    a("ir.config_parameter", "set_param", "miz_inquiry.retry_base_seconds", "1")
    b_at_a = a("miz.agency", "create", {"name": "دستگاه ب: اداره کل ثبت احوال (آزمون)"})
    outbound = {
        "direction": "outbound",
        "agency_id": a.ref("miz_khedmat.demo_agency"),
        "provider_agency_id": b_at_a,
        "endpoint_url": f"{b_url}/miz/inquiry/soap",
        "requester_code": REQUESTER_CODE,
        "outbound_secret": TOKEN,
        "timeout": 5,
        "max_attempts": 30,
        "poll_minutes": 1,
        "sla_days": 3,
    }
    a("miz.inquiry.type", "create", {**outbound, "name": "هویت شخص با کد ملی", "code": "e2e.person"})
    a("miz.inquiry.type", "create", {**outbound, "name": "گواهی سوابق (پاسخ با نامه)", "code": "e2e.certificate"})


# ---------------------------------------------------------------------------------------------- the desk at A
SERVICE = "miz_khedmat.demo_service_09"  # in person, one step: the labour relations office


def need_inquiry(admin_a, code):
    type_id = admin_a("miz.inquiry.type", "search", [("code", "=", code)])
    admin_a("miz.khedmat.service", "write", [admin_a.ref(SERVICE)], {"inquiry_type_ids": [(6, 0, type_id)]})


def register(server_a, admin_a, applicant_code, name):
    clerk = server_a.rpc("clerk")
    request_id = clerk(
        "miz.khedmat.request",
        "create",
        {
            "applicant_kind": "person",
            "applicant_code": applicant_code,
            "applicant_name": name,
            "applicant_mobile": "09121234567",
            "service_id": admin_a.ref(SERVICE),
            "channel": "in_person",
        },
    )
    documents = clerk("miz.khedmat.request.document", "search", [("request_id", "=", request_id)])
    clerk("miz.khedmat.request.document", "write", documents, {"received": True})
    clerk("miz.khedmat.request", "action_register", [request_id])
    return request_id


def decide(server_a, request_id):
    """The labour relations office receives the file, records the result and hands it back to the desk."""
    rep = server_a.rpc("unitrep")
    (step,) = rep("miz.khedmat.request.step", "search", [("request_id", "=", request_id)])
    rep("miz.khedmat.request.step", "action_receive", [step])
    rep(
        "miz.khedmat.request",
        "write",
        [request_id],
        {"result": "approved", "result_note": "قرارداد ثبت شد."},
    )
    rep("miz.khedmat.request.step", "action_hand_over", [step])


def inquiry_of(admin_a, request_id):
    (row,) = admin_a(
        "miz.inquiry.request",
        "search_read",
        [("khedmat_request_id", "=", request_id)],
        [
            "state",
            "request_uuid",
            "purpose_ref",
            "attempt_count",
            "answer_code",
            "answer_values_json",
            "answered_request_sha256",
            "remote_inquiry_id",
            "last_error",
        ],
    )
    return row


def at_b(admin_b, request_uuid):
    return admin_b(
        "miz.inquiry.inbound",
        "search_read",
        [("request_id", "=", request_uuid)],
        ["state", "purpose_ref", "request_sha256", "letter_id", "partner_id", "answer_code"],
    )


def run_queue(admin_a):
    """Run A's queue cron now, as its cron thread does (the thread may hold it: then try again)."""
    cron = admin_a.ref("miz_inquiry.ir_cron_miz_inquiry_queue")
    with contextlib.suppress(RpcError):
        admin_a("ir.cron", "method_direct_trigger", [cron])


def log_of(admin, inquiry_field, inquiry_id):
    return admin(
        "miz.inquiry.message",
        "search_read",
        [(inquiry_field, "=", inquiry_id)],
        ["direction", "operation", "outcome", "request_sha256"],
        order="id",
    )


def check(server, condition, message):
    assert condition, f"{message}\n--- log of {server.db}:\n{server.tail()}"


# ---------------------------------------------------------------------------------------------- the stories
def test_b_answers_automatically_and_a_request_goes_on(agencies):
    server_a, admin_a, admin_b = agencies["a"], agencies["admin_a"], agencies["admin_b"]
    need_inquiry(admin_a, "e2e.person")
    request_id = register(server_a, admin_a, PERSON, "مریم احمدی")
    tracking_code = admin_a.read("miz.khedmat.request", request_id, ["tracking_code"])["tracking_code"]
    queued = inquiry_of(admin_a, request_id)
    assert queued["purpose_ref"] == tracking_code
    # nobody runs anything: A's cron thread, woken by the registration, sends it
    answered = wait_for(
        "A's cron to send the inquiry and B to answer it",
        lambda: (row := inquiry_of(admin_a, request_id))["state"] == "answered" and row,
    )
    check(server_a, answered["answer_code"] == "FOUND", answered)
    assert json.loads(answered["answer_values_json"]) == [["name", "مریم احمدی"]]
    (inbound,) = at_b(admin_b, answered["request_uuid"])
    assert (inbound["state"], inbound["purpose_ref"], inbound["answer_code"]) == ("answered", tracking_code, "FOUND")
    # the answer keeps the hash of the very request B answered, as both logs show
    assert answered["answered_request_sha256"] == inbound["request_sha256"]
    sent = [row for row in log_of(admin_a, "request_id", queued["id"]) if row["direction"] == "out"]
    assert [(row["operation"], row["outcome"]) for row in sent] == [("SubmitInquiry", "ANSWERED")]
    received = log_of(admin_b, "inbound_id", inbound["id"])
    assert [(row["direction"], row["outcome"]) for row in received] == [("in", "ANSWERED")]
    assert received[0]["request_sha256"] == sent[0]["request_sha256"]
    # the answer is on A's request, which goes on to its response
    clerk = server_a.rpc("clerk")
    bodies = clerk(
        "mail.message", "search_read", [("model", "=", "miz.khedmat.request"), ("res_id", "=", request_id)], ["body"]
    )
    assert any("FOUND" in message["body"] for message in bodies)
    decide(server_a, request_id)
    clerk("miz.khedmat.request", "action_notify_response", [request_id])
    assert clerk.read("miz.khedmat.request", request_id, ["state"])["state"] == "notified"


def test_manual_inquiry_waits_at_b_as_a_letter_until_its_reply(agencies):
    server_a, server_b, admin_a, admin_b = agencies["a"], agencies["b"], agencies["admin_a"], agencies["admin_b"]
    need_inquiry(admin_a, "e2e.certificate")
    request_id = register(server_a, admin_a, OTHER_PERSON, "علی صادقی")
    received = wait_for(
        "B to receive the manual inquiry",
        lambda: (row := inquiry_of(admin_a, request_id))["state"] == "sent" and row,
    )
    assert received["remote_inquiry_id"]
    (inbound,) = at_b(admin_b, received["request_uuid"])
    assert inbound["state"] == "received"
    # at B: a registered incoming letter, in the cartable of B's secretariat
    secretariat = server_b.rpc("secretariat")
    letter = secretariat.read(
        "miz.secretariat.letter", inbound["letter_id"][0], ["kind", "state", "name", "sender_number"]
    )
    assert (letter["kind"], letter["state"]) == ("incoming", "registered")
    assert letter["sender_number"] == inbound["purpose_ref"]
    referrals = secretariat(
        "miz.secretariat.referral", "search_read", [("letter_id", "=", letter["id"])], ["to_user_id", "state"]
    )
    assert [row["to_user_id"][0] for row in referrals] == [secretariat.uid]
    # at A: the response waits for the answer
    decide(server_a, request_id)
    clerk = server_a.rpc("clerk")
    with pytest.raises(RpcError, match="استعلام"):
        clerk("miz.khedmat.request", "action_notify_response", [request_id])
    assert clerk.read("miz.khedmat.request", request_id, ["state"])["state"] == "result"
    # B's secretariat registers the reply letter to the inquiry's letter: that is B's answer
    own_agency = admin_b.ref("miz_khedmat.demo_agency")
    a_at_b = admin_b("miz.inquiry.partner", "read", [inbound["partner_id"][0]], ["agency_id"])[0]["agency_id"][0]
    reply = secretariat(
        "miz.secretariat.letter",
        "create",
        {
            "kind": "outgoing",
            "agency_id": own_agency,
            "subject": "پاسخ استعلام گواهی سوابق",
            "body": "<p>متقاضی سابقهٔ منفی ندارد.</p>",
            "recipient_agency_ids": [(4, a_at_b)],
            "reply_to_id": letter["id"],
            "signatory_id": secretariat.uid,
        },
    )
    secretariat("miz.secretariat.letter", "action_approve", [reply])
    secretariat("miz.secretariat.letter", "action_register", [reply])
    reply_number = secretariat.read("miz.secretariat.letter", reply, ["name"])["name"]
    assert at_b(admin_b, received["request_uuid"])[0]["state"] == "answered"
    # at A: the inquiry officer asks again now instead of at the next poll; A's cron thread fetches the answer
    admin_a("miz.inquiry.request", "action_send_now", [received["id"]])
    answered = wait_for(
        "A's cron to fetch B's reply",
        lambda: (row := inquiry_of(admin_a, request_id))["state"] == "answered" and row,
    )
    check(server_a, answered["answer_code"] == "ANSWERED_BY_LETTER", answered)
    assert dict(json.loads(answered["answer_values_json"]))["letterNumber"] == reply_number
    operations = [row["operation"] for row in log_of(admin_a, "request_id", received["id"])]
    assert operations == ["SubmitInquiry", "GetInquiryResult"]
    clerk("miz.khedmat.request", "action_notify_response", [request_id])
    assert clerk.read("miz.khedmat.request", request_id, ["state"])["state"] == "notified"


def test_b_stopped_a_retries_and_b_answers_exactly_once(agencies):
    server_a, server_b, admin_a = agencies["a"], agencies["b"], agencies["admin_a"]
    need_inquiry(admin_a, "e2e.person")
    server_b.stop()
    try:
        request_id = register(server_a, admin_a, THIRD_PERSON, "رضا کاظمی")

        def failed_twice():
            run_queue(admin_a)
            row = inquiry_of(admin_a, request_id)
            return row["attempt_count"] >= 2 and row

        waiting = wait_for("A to try B twice", failed_twice, pause=1)
        check(server_a, waiting["state"] == "queued" and waiting["last_error"], waiting)
        outcomes = {row["outcome"] for row in log_of(admin_a, "request_id", waiting["id"])}
        assert outcomes == {"CONNECTION"}, outcomes
    finally:
        server_b.start()
    admin_b = server_b.rpc("admin")

    def answered():
        run_queue(admin_a)
        row = inquiry_of(admin_a, request_id)
        return row["state"] == "answered" and row

    done = wait_for("A to retry once B is back", answered, pause=1)
    check(server_a, done["answer_code"] == "FOUND", done)
    assert len(at_b(admin_b, done["request_uuid"])) == 1
    outcomes = [row["outcome"] for row in log_of(admin_a, "request_id", done["id"])]
    assert outcomes[-1] == "ANSWERED" and set(outcomes[:-1]) == {"CONNECTION"} and len(outcomes) >= 3
