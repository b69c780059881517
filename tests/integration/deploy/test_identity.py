"""``created_by`` comes only from what can be verified: google-auth's ID-token verifier
against a local certificate endpoint (Google's ``oauth2/v1/certs`` format: key id -> X.509
PEM) serving a test RSA key, and forged headers that must change nothing. Also through the
api: ``POST /jobs`` records the verified caller, not the forged one."""

from __future__ import annotations

import base64
import datetime as dt
import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from google.auth import crypt, jwt

from demoforge.adapters.identity import GoogleCallerIdentity
from demoforge.adapters.local_artifacts import LocalArtifactStore
from demoforge.adapters.memory_bus import MemoryBus
from demoforge.adapters.sqlite_store import SQLiteJobStore
from demoforge.bootstrap import Container
from demoforge.entrypoints.http import create_app
from demoforge.settings import Settings

pytestmark = pytest.mark.integration

API = "https://demoforge-api-123456789.europe-west1.run.app"
OTHER_SERVICE = "https://billing-987.europe-west1.run.app"


def _key_and_cert(cn: str) -> tuple[bytes, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = dt.datetime.now(dt.UTC)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    pem_key = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return pem_key, cert.public_bytes(serialization.Encoding.PEM).decode()


class CertsServer:
    """``GET /oauth2/v1/certs`` -> {kid: PEM}, with Cache-Control like Google's."""

    def __init__(self, certs: dict[str, str]) -> None:
        self.certs = certs
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                return

            def do_GET(self) -> None:
                outer.hits += 1
                body = json.dumps(outer.certs).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Cache-Control", "public, max-age=19000, must-revalidate")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}/oauth2/v1/certs"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


GOOGLE_KEY, GOOGLE_CERT = _key_and_cert("google-test")
ATTACKER_KEY, _ = _key_and_cert("attacker")


@pytest.fixture(scope="module")
def certs() -> Iterator[CertsServer]:
    srv = CertsServer({"google-kid": GOOGLE_CERT})
    yield srv
    srv.close()


def token(email: str, *, key: bytes = GOOGLE_KEY, kid: str = "google-kid", aud: str = API,
          iss: str = "https://accounts.google.com", expires_in: int = 3600) -> str:
    now = int(time.time())
    claims = {"iss": iss, "aud": aud, "sub": "1234567890", "email": email,
              "email_verified": True, "iat": now - 10, "exp": now + expires_in}
    return jwt.encode(crypt.RSASigner.from_string(key, kid), claims).decode()


def unsigned(email: str) -> str:
    """A token as the platform hands it on after verifying it: signature removed."""
    enc = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{enc({'alg': 'RS256', 'kid': 'google-kid'})}.{enc({'email': email, 'aud': API})}."


def verifier(certs: CertsServer, **over: Any) -> GoogleCallerIdentity:
    s = Settings().with_(trust_platform_identity=True, api_audiences=(API,),
                         id_token_certs_url=certs.url).with_(**over)
    return GoogleCallerIdentity(s)


def bearer(t: str) -> str:
    return f"Bearer {t}"


def test_a_valid_google_id_token_names_the_caller(certs: CertsServer) -> None:
    assert verifier(certs).caller({"Authorization": bearer(token("ce@corp.example"))}) == "ce@corp.example"


def test_x_serverless_authorization_wins_over_a_forged_authorization(certs: CertsServer) -> None:
    v = verifier(certs)
    headers = {"X-Serverless-Authorization": bearer(token("ce@corp.example")),
               "Authorization": bearer(unsigned("ceo@corp.example"))}
    assert v.caller(headers) == "ce@corp.example"
    # The platform checked X-Serverless-Authorization (and removed its signature): its
    # claims count, and a fully signed token in Authorization cannot override them.
    headers = {"X-Serverless-Authorization": bearer(unsigned("ce@corp.example")),
               "Authorization": bearer(token("ceo@corp.example"))}
    assert v.caller(headers) == "ce@corp.example"


@pytest.mark.parametrize(("why", "tok"), [
    ("signed by another key", lambda: token("ceo@corp.example", key=ATTACKER_KEY)),
    ("minted for another service", lambda: token("ce@corp.example", aud=OTHER_SERVICE)),
    ("not issued by Google", lambda: token("ce@corp.example", iss="https://evil.example")),
    ("expired", lambda: token("ce@corp.example", expires_in=-3600)),
    ("unknown key id", lambda: token("ce@corp.example", kid="rotated-away")),
    ("not a JWT", lambda: "opaque-access-token"),
])
def test_unverifiable_tokens_give_unknown(certs: CertsServer, why: str, tok: Any) -> None:
    assert verifier(certs).caller({"Authorization": bearer(tok())}) == "unknown", why


def test_client_sent_iap_headers_are_ignored_unless_behind_iap(certs: CertsServer) -> None:
    headers = {"X-Goog-Authenticated-User-Email": "accounts.google.com:ceo@corp.example",
               "Authorization": bearer(token("ce@corp.example"))}
    assert verifier(certs).caller(headers) == "ce@corp.example"
    assert verifier(certs).caller({"X-Goog-Authenticated-User-Email": "ceo@corp.example"}) == "unknown"
    assert verifier(certs, behind_iap=True).caller(headers) == "ceo@corp.example"


def test_without_an_audience_nothing_is_verified(certs: CertsServer) -> None:
    assert verifier(certs, api_audiences=()).caller(
        {"Authorization": bearer(token("ce@corp.example"))}) == "unknown"


def test_local_runs_are_local(certs: CertsServer) -> None:
    assert verifier(certs, trust_platform_identity=False).caller(
        {"Authorization": bearer(token("ce@corp.example"))}) == "local"


def test_certificates_are_fetched_once_per_max_age(certs: CertsServer) -> None:
    v = verifier(certs)
    before = certs.hits
    for i in range(5):
        assert v.caller({"Authorization": bearer(token(f"u{i}@corp.example"))}) == f"u{i}@corp.example"
    assert certs.hits - before == 1


def test_post_jobs_records_the_verified_caller_not_the_forged_headers(
    certs: CertsServer, tmp_path: Path,
) -> None:
    s = Settings(home=tmp_path, trust_platform_identity=True, api_audiences=(API,),
                 id_token_certs_url=certs.url)
    deps = Container(s, store=SQLiteJobStore(tmp_path / "jobs.sqlite"), bus=MemoryBus(),
                artifacts=LocalArtifactStore(tmp_path))
    client = create_app(lambda: deps).test_client()
    forged = {
        "X-Serverless-Authorization": bearer(token("ce@corp.example")),
        "Authorization": bearer(token("ceo@corp.example", key=ATTACKER_KEY)),
        "X-Goog-Authenticated-User-Email": "accounts.google.com:ceo@corp.example",
    }
    resp = client.post("/jobs", json={"customer_url": "https://example.com"}, headers=forged)
    assert resp.status_code == 202, resp.get_data(as_text=True)
    job = client.get(resp.get_json()["status_url"], headers=forged).get_json()
    assert job["created_by"] == "ce@corp.example"
    # The forged identity is not the owner either: it reads nothing of ce's job.
    as_ceo = client.get(resp.get_json()["status_url"], headers={
        "Authorization": bearer(token("ceo@corp.example", key=ATTACKER_KEY))})
    assert as_ceo.status_code == 403
