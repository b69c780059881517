"""HTTPS through ``SafeFetcher``: the socket goes to the checked IP while SNI and the
certificate check use the host name (no DNS-rebinding gap, no broken TLS)."""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Iterator
from pathlib import Path

import pytest

from demoforge.adapters.fetcher import SafeFetcher
from demoforge.domain.errors import PermanentError
from demoforge.settings import Settings
from tests.support.site_server import SiteServer

pytestmark = pytest.mark.integration


def _self_signed(tmp: Path, host: str) -> tuple[Path, Path]:
    x509 = pytest.importorskip("cryptography.x509", reason="cryptography builds the test certificate")
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(days=1))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp / "cert.pem", tmp / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


@pytest.fixture
def tls_site(tmp_path: Path) -> Iterator[tuple[SiteServer, ssl.SSLContext, list[str | None]]]:
    cert, key = _self_signed(tmp_path, "shop.test")
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    sni: list[str | None] = []
    server_ctx.sni_callback = lambda sock, name, ctx: sni.append(name)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    with SiteServer(tls=server_ctx) as site:
        site.html("/", "<html><body><p>secure shop</p></body></html>")
        yield site, client_ctx, sni


def _fetcher(ctx: ssl.SSLContext) -> SafeFetcher:
    return SafeFetcher(Settings().with_(fetch_timeout_s=3.0), resolver=lambda h, p: ["127.0.0.1"],
                       extra_allowed=["127.0.0.1/32"], ssl_context=ctx, honour_robots=False)


def test_https_uses_sni_and_verifies_the_host_name(tls_site: tuple[SiteServer, ssl.SSLContext, list[str | None]]) -> None:
    site, ctx, sni = tls_site
    page = _fetcher(ctx).fetch(f"https://shop.test:{site.port}/")
    assert "secure shop" in page.text and page.address == "127.0.0.1"
    assert sni == ["shop.test"]
    assert site.requests[-1][1]["host"] == f"shop.test:{site.port}"


def test_certificate_for_another_name_is_refused(tls_site: tuple[SiteServer, ssl.SSLContext, list[str | None]]) -> None:
    site, ctx, _ = tls_site
    with pytest.raises(PermanentError) as ei:
        _fetcher(ctx).fetch(f"https://other.test:{site.port}/")
    assert ei.value.code == "tls_error"
