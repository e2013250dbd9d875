"""JWT: devtools' decoder and signer against PyJWT (with `cryptography`), for every JWS algorithm.

Each case picks an algorithm and a key (generated per run), random claims and header extras; PyJWT signs, and devtools
must decode the same header and claims and verify the signature with the public key (or secret); the token with one
signature or payload character changed must not verify. The other way round, devtools signs with the private key
(JWK for EdDSA, PEM otherwise) and PyJWT must verify its token and read the same claims."""
from __future__ import annotations

import base64
import json
import random
import string

import jwt as pyjwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

from common import Api, Difference, Tally, curl_post

ALGS = ["HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512",
        "EdDSA"]
CURVES = {"ES256": ec.SECP256R1, "ES384": ec.SECP384R1, "ES512": ec.SECP521R1}


def make_keys(rng: random.Random) -> dict:
    """One key per algorithm family: (private for PyJWT, public text for devtools, private text for devtools)."""
    keys = {}
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    for alg in ALGS:
        if alg.startswith("HS"):
            secret = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(64))
            keys[alg] = (secret, secret, secret)
            continue
        if alg[:2] in ("RS", "PS"):
            private = rsa_key
        elif alg.startswith("ES"):
            private = ec.generate_private_key(CURVES[alg]())
        else:
            private = ed25519.Ed25519PrivateKey.generate()
        public_pem = private.public_key().public_bytes(serialization.Encoding.PEM,
                                                       serialization.PublicFormat.SubjectPublicKeyInfo).decode()
        private_pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                            serialization.NoEncryption()).decode()
        keys[alg] = (private, public_pem, private_pem)
    return keys


def value(rng: random.Random, depth=0):
    pick = rng.random()
    if pick < 0.3:
        return "".join(rng.choice(string.printable[:94] + "éß€😀 ") for _ in range(rng.randint(0, 20)))
    if pick < 0.5:
        return rng.randint(-2**40, 2**40)
    if pick < 0.6:
        return rng.choice([True, False, None])
    if pick < 0.7:
        return round(rng.uniform(-1e6, 1e6), 3)
    if depth < 2 and pick < 0.85:
        return [value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if depth < 2:
        return {f"k{i}": value(rng, depth + 1) for i in range(rng.randint(0, 3))}
    return "x"


def claims(rng: random.Random) -> dict:
    out = {f"c{i}_{rng.randint(0, 999)}": value(rng) for i in range(rng.randint(0, 6))}
    if rng.random() < 0.5:
        out["sub"] = "user-" + str(rng.randint(1, 10**6))
    if rng.random() < 0.3:
        out["iat"] = rng.randint(1_500_000_000, 1_800_000_000)
    return out


def flip(text: str, rng: random.Random) -> str:
    """`text` with one base64url character in its middle changed (never the last: its low bits may be padding)."""
    i = rng.randrange(0, max(1, len(text) - 2))
    alphabet = string.ascii_letters + string.digits + "-_"
    return text[:i] + rng.choice([c for c in alphabet if c != text[i]]) + text[i + 1:]


def run(api: Api, rng: random.Random, cases: int, tally: Tally):
    keys = make_keys(rng)
    for n in range(cases):
        alg = ALGS[n % len(ALGS)] if n < len(ALGS) else rng.choice(ALGS)
        private, public_text, private_text = keys[alg]
        payload = claims(rng)
        extra = {"kid": f"key-{rng.randint(1, 99)}"} if rng.random() < 0.3 else {}
        tally.cases += 1
        check_pyjwt_to_devtools(api, rng, alg, private, public_text, payload, extra, tally)
        check_devtools_to_pyjwt(api, alg, private, private_text, payload, tally)
        if n % 10 == 0:
            check_non_json_payload(api, rng, alg, private, public_text, tally)
        if n % 10 == 5:
            check_padding(api, alg, private, public_text, payload, tally)


def check_non_json_payload(api, rng, alg, private, public_text, tally: Tally):
    """A JWS whose payload is text, not a claims set (RFC 7515 allows any octets; RFC 8037 §A.4 signs a sentence)."""
    text = "".join(rng.choice(string.ascii_letters + " .,") for _ in range(rng.randint(1, 40)))
    token = pyjwt.api_jws.encode(text.encode(), private, algorithm=alg)
    _, answer, verdict, repro = decode(api, token, public_text)
    if verdict == "valid":
        tally.agree()
    else:
        tally.differ(Difference("jwt", f"{alg} JWS with a text payload by PyJWT: verifies", token,
                                f"{verdict}: {answer.get('message')}", "valid", repro))


def check_padding(api, alg, private, public_text, payload, tally: Tally):
    """A token whose parts carry `=` padding: RFC 7515 §2 says base64url without padding; PyJWT decodes it anyway."""
    token = pyjwt.encode(payload, private, algorithm=alg)
    padded = ".".join(part + "=" * (-len(part) % 4) for part in token.split("."))
    if padded == token:
        return
    try:
        pyjwt.decode(padded, private if alg.startswith("HS") else public_text, algorithms=[alg],
                     options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})
        oracle = "valid"
    except pyjwt.PyJWTError:
        oracle = "refused"
    _, answer, verdict, repro = decode(api, padded, public_text)
    dev = "valid" if verdict == "valid" else "refused"
    if dev == oracle:
        tally.agree()
    else:
        tally.differ(Difference("jwt", f"{alg} token with = padding: verifies", padded,
                                f"{verdict}: {answer.get('message')}", oracle, repro))


def decode(api: Api, token: str, key: str):
    body = {"token": token, "key": key, "now": 1_700_000_000}
    status, answer = api.post("/api/jwt/decode", body)
    verdict = answer.get("verification", {}).get("status") if status == 200 else f"error {answer.get('error')}"
    return status, answer, verdict, curl_post("/api/jwt/decode", body)


def check_pyjwt_to_devtools(api, rng, alg, private, public_text, payload, extra, tally: Tally):
    token = pyjwt.encode(payload, private, algorithm=alg, headers=extra or None)
    status, answer, verdict, repro = decode(api, token, public_text)
    header = pyjwt.get_unverified_header(token)
    label = f"{alg} token by PyJWT"
    if verdict != "valid":
        tally.differ(Difference("jwt", f"{label}: verifies", token, verdict, "valid", repro))
    else:
        tally.agree()
    if status == 200:
        same = answer.get("payload") == payload and answer.get("header") == header
        if same:
            tally.agree()
        else:
            tally.differ(Difference("jwt", f"{label}: header and claims", token,
                                    [answer.get("header"), answer.get("payload")], [header, payload], repro))
    # Tampered: one character of the signature or of the payload changed.
    head, body, sig = token.split(".")
    bad = ".".join([head, body, flip(sig, rng)] if rng.random() < 0.5 else [head, flip(body, rng), sig])
    try:
        pyjwt.decode(bad, private if alg.startswith("HS") else public_text, algorithms=[alg],
                     options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})
        oracle = "valid"
    except pyjwt.PyJWTError:
        oracle = "refused"
    _, _, verdict, repro = decode(api, bad, public_text)
    dev = "valid" if verdict == "valid" else "refused"
    if dev == oracle:
        tally.agree()
    else:
        tally.differ(Difference("jwt", f"{label}, tampered: verifies", bad, verdict, oracle, repro))


def check_devtools_to_pyjwt(api, alg, private, private_text, payload, tally: Tally):
    request = {"header": {"alg": alg, "typ": "JWT"}, "payload": payload, "key": private_text}
    status, answer = api.post("/api/jwt/encode", request)
    repro = curl_post("/api/jwt/encode", request)
    label = f"{alg} token by devtools"
    if status != 200:
        tally.differ(Difference("jwt", f"{label}: signs", json.dumps(request)[:200], f"error {answer}", "a token",
                                repro))
        return
    token = answer["token"]
    verify_key = private if alg.startswith("HS") else private.public_key()
    try:
        got = pyjwt.decode(token, verify_key, algorithms=[alg],
                           options={"verify_exp": False, "verify_nbf": False, "verify_iat": False})
        ok, oracle = got == payload, got
    except pyjwt.PyJWTError as error:
        ok, oracle = False, f"refused: {error}"
    if ok:
        tally.agree()
    else:
        tally.differ(Difference("jwt", f"{label}: PyJWT verifies", token, payload, oracle, repro))


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _padding(d: Difference) -> bool:
    return "= padding" in d.check and d.oracle == "valid" and str(d.devtools).startswith("error")


CLASSIFIERS = {
    "jwt-pyjwt-accepts-padding": _padding,
}
