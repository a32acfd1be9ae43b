"""Chứng thư thử nghiệm: a throwaway certificate authority and signer (PKCS#12) made with ``cryptography``.

Used by ``kehoach demo`` (so signing works on a fresh clone) and by the tests. Never for real documents:
a real issuer's certificate comes from a licensed CA (Ban Cơ yếu Chính phủ) and is configured per issuer.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# Wide validity: the demo's documents are dated 2021 and are signed whenever someone tries them.
NOT_BEFORE = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
NOT_AFTER = datetime.datetime(2045, 1, 1, tzinfo=datetime.UTC)


@dataclass
class Authority:
    """A CA: its certificate and private key."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey

    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)


def _name(common_name: str, organisation: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def make_authority(common_name: str = "CA thử nghiệm Kehoach", organisation: str = "Kehoach") -> Authority:
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, organisation)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(cert, key)


def make_signer_p12(
    authority: Authority, common_name: str, organisation: str, password: bytes | None
) -> bytes:
    """A signer's certificate issued by ``authority``, with its key, as PKCS#12 bytes."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, organisation))
        .issuer_name(authority.cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOT_BEFORE)
        .not_valid_after(NOT_AFTER)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()), critical=False
        )
        .sign(authority.key, hashes.SHA256())
    )
    encryption = serialization.BestAvailableEncryption(password) if password else serialization.NoEncryption()
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, cert, [authority.cert], encryption
    )


def write_demo_pki(directory: Path, signer_name: str, organisation: str) -> dict[str, Path]:
    """Write a demo CA (``trust/demo-ca.pem``), a signer (``demo-signer.p12``) and its password file
    (``demo-signer.pass``) under ``directory``; kept if already there (the demo runs twice safely)."""
    import secrets

    directory.mkdir(parents=True, exist_ok=True)
    (directory / "trust").mkdir(exist_ok=True)
    paths = {
        "ca": directory / "trust" / "demo-ca.pem",
        "p12": directory / "demo-signer.p12",
        "password": directory / "demo-signer.pass",
    }
    if all(p.exists() for p in paths.values()):
        return paths
    password = secrets.token_urlsafe(16).encode()
    authority = make_authority()
    paths["ca"].write_bytes(authority.pem())
    paths["p12"].write_bytes(make_signer_p12(authority, signer_name, organisation, password))
    paths["password"].write_bytes(password)
    for p in (paths["p12"], paths["password"]):
        p.chmod(0o600)
    return paths
