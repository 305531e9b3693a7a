"""Verifies every signed Open Badges credential (`*.jwt`) of a built refolio site with
openbadgeslib, an implementation independent of refolio, against a public key given on
the command line (the test key's, not the one the site publishes: trust is not taken from
the site under test). Also checks that a token with its payload changed is refused.

Usage: verify_credentials.py PUBLIC_KEY.pem SITE_FOLDER
Prints one JSON object: {"verified": [{"path", "name", "achievementType", "validFrom",
"identity"}...], "failed": [{"path", "error"}...], "tampered_refused": bool}.
"""
import base64
import json
import pathlib
import sys

from openbadgeslib.ob3 import OB3Verifier, OB3VerificationError


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    key = pathlib.Path(sys.argv[1]).read_bytes()
    site = pathlib.Path(sys.argv[2])
    verifier = OB3Verifier(key)
    verified, failed = [], []
    tokens = sorted(site.glob("candidates/**/certificates/*.jwt"))
    for path in tokens:
        token = path.read_text().strip()
        try:
            credential = verifier.verify(token)
        except OB3VerificationError as e:
            failed.append({"path": str(path.relative_to(site)), "error": str(e)})
            continue
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        subject = payload["credentialSubject"]
        verified.append({
            "path": str(path.relative_to(site)),
            "name": credential.achievement.name,
            "achievementType": credential.achievement.achievement_type,
            "validFrom": payload["validFrom"],
            "identity": subject["identifier"][0]["identityHash"],
        })
    tampered_refused = False
    if tokens:
        header, payload, signature = tokens[0].read_text().strip().split(".")
        body = json.loads(base64.urlsafe_b64decode(payload + "=="))
        body["credentialSubject"]["identifier"][0]["identityHash"] = "Quelqu'un d'autre"
        forged = ".".join([header, b64(json.dumps(body).encode()), signature])
        try:
            verifier.verify(forged)
        except OB3VerificationError:
            tampered_refused = True
    print(json.dumps({"verified": verified, "failed": failed,
                      "tampered_refused": tampered_refused}, ensure_ascii=False))


if __name__ == "__main__":
    main()
