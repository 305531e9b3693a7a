//! The Open Badges 3.0 credentials of the certificates a session awards, on the fixture
//! site `sessions`: unsigned, then signed with the committed test key
//! (`tests/fixtures/keys`), the signature checked here with the public key the site
//! publishes (the end-to-end suite checks it again with an independent verifier); a bad
//! key's diagnostics; a pseudonymised site's hashed names.

use base64ct::{Base64UrlUnpadded, Encoding};
use ed25519_dalek::pkcs8::DecodePublicKey;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::common::*;
use refolio::output::MemoryOutput;

const CONFIG: &str = "title = \"Sessions\"\n[candidates]\nallow_gaps = true\n";

fn key_text(name: &str) -> String {
    std::fs::read_to_string(fixture("keys").join(name)).unwrap()
}

/// The fixture site, signing with the test key.
fn signed() -> Scratch {
    Scratch::of("sessions")
        .write(
            "refolio.toml",
            &format!("{CONFIG}[certificates]\nsigning_key = \"keys/issuer.pem\"\n"),
        )
        .write("keys/issuer.pem", &key_text("test-issuer.pem"))
}

fn json(out: &MemoryOutput, path: &str) -> Value {
    let bytes = out.files.get(path).unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_slice(bytes).expect("valid JSON")
}

fn text<'a>(out: &'a MemoryOutput, path: &str) -> &'a str {
    std::str::from_utf8(out.files.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

/// The errors of a check, as `path:line:col: error: message [suggestion]`.
fn errors(s: &Scratch) -> Vec<String> {
    let checked = refolio::check(s.root()).expect("site loads");
    checked
        .diagnostics
        .iter()
        .filter(|d| d.headline().contains(": error: "))
        .map(|d| {
            format!(
                "{} [{}]",
                d.headline(),
                d.suggestion.as_deref().unwrap_or("")
            )
        })
        .collect()
}

#[test]
fn a_credential_embeds_the_published_achievement_and_names_its_holder_and_date() {
    let out = build_in_memory(&fixture("sessions"));
    let credential = json(&out, "candidates/bruno/certificates/b1.json");
    assert_eq!(
        credential["@context"],
        serde_json::json!([
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ])
    );
    assert_eq!(
        credential["type"],
        serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"])
    );
    assert!(credential["id"].as_str().unwrap().starts_with("urn:uuid:"));
    assert_eq!(credential["name"], "Bloc un");
    assert_eq!(credential["issuer"]["name"], "Certificateur de test");
    assert_eq!(credential["validFrom"], "2026-06-30T00:00:00Z");
    let subject = &credential["credentialSubject"];
    assert_eq!(subject["type"], serde_json::json!(["AchievementSubject"]));
    assert_eq!(
        subject["identifier"],
        serde_json::json!([{
            "type": "IdentityObject",
            "identityHash": "Bruno Petitjean",
            "identityType": "name",
            "hashed": false
        }])
    );
    // The achievement the referential publishes, without its own contexts.
    let mut badge = json(&out, "r/badges/b1.json");
    badge.as_object_mut().unwrap().remove("@context");
    assert_eq!(subject["achievement"], badge);
    // The issuer is the achievement's creator: one profile.
    assert_eq!(credential["issuer"], badge["creator"]);

    let title = json(&out, "candidates/anne/certificates/certification.json");
    assert_eq!(
        title["credentialSubject"]["achievement"]["achievementType"],
        "Certification"
    );
    assert_ne!(title["id"], credential["id"]);

    // Unsigned: no token, no key, and the certificate says so.
    assert!(
        !out.files
            .keys()
            .any(|p| p.ends_with(".jwt") || p.ends_with(".pem"))
    );
    let page = html(&out, "candidates/bruno/certificates/b1.html");
    let notice = texts(&page, ".credential").join(" ");
    assert!(notice.contains("n'est pas signé"), "{notice}");
}

#[test]
fn with_a_base_url_a_credential_is_identified_by_its_address() {
    let s = Scratch::of("sessions").write(
        "refolio.toml",
        &format!("base_url = \"https://example.org/site/\"\n{CONFIG}"),
    );
    let out = build_in_memory(s.root());
    let credential = json(&out, "candidates/bruno/certificates/b1.json");
    assert_eq!(
        credential["id"],
        "https://example.org/site/candidates/bruno/certificates/b1.json"
    );
}

#[test]
fn a_signed_credential_is_a_vc_jwt_the_published_key_verifies() {
    let s = signed();
    let out = build_in_memory(s.root());
    let published = text(&out, "candidates/sessions/issuer-key.pem");
    assert_eq!(published, key_text("test-issuer.pub.pem"));
    let public = VerifyingKey::from_public_key_pem(published).expect("an Ed25519 public key");

    let tokens: Vec<&String> = out.files.keys().filter(|p| p.ends_with(".jwt")).collect();
    let jsons = out
        .files
        .keys()
        .filter(|p| p.contains("/certificates/") && p.ends_with(".json"))
        .count();
    assert_eq!(tokens.len(), jsons, "one token per credential");
    assert_eq!(jsons, 7);

    let token = text(&out, "candidates/bruno/certificates/b1.jwt").trim_end();
    let parts: Vec<&str> = token.split('.').collect();
    assert_eq!(parts.len(), 3, "{token}");
    let decode = |s: &str| Base64UrlUnpadded::decode_vec(s).expect("base64url");
    let header: Value = serde_json::from_slice(&decode(parts[0])).unwrap();
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["jwk"]["kty"], "OKP");
    assert_eq!(header["jwk"]["crv"], "Ed25519");
    assert_eq!(
        decode(header["jwk"]["x"].as_str().unwrap()),
        public.as_bytes()
    );
    let signature = Signature::from_slice(&decode(parts[2])).expect("64 bytes");
    let input = format!("{}.{}", parts[0], parts[1]);
    assert!(public.verify(input.as_bytes(), &signature).is_ok());
    // A changed payload does not verify.
    let forged = format!(
        "{}.{}",
        parts[0],
        Base64UrlUnpadded::encode_string(b"{\"name\":\"Titre\"}")
    );
    assert!(public.verify(forged.as_bytes(), &signature).is_err());

    // The payload is the JSON credential, with the registered claims that repeat it.
    let mut payload: Value = serde_json::from_slice(&decode(parts[1])).unwrap();
    let credential = json(&out, "candidates/bruno/certificates/b1.json");
    assert_eq!(payload["iss"], credential["issuer"]["id"]);
    assert_eq!(payload["jti"], credential["id"]);
    assert_eq!(payload["nbf"], 1_782_777_600, "2026-06-30T00:00:00Z");
    for claim in ["iss", "jti", "nbf"] {
        payload.as_object_mut().unwrap().remove(claim);
    }
    assert_eq!(payload, credential);

    let page = html(&out, "candidates/bruno/certificates/b1.html");
    let links: Vec<&str> = page
        .select(&sel(".credential a"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        links,
        [
            "b1.jwt",
            "b1.json",
            "../../../candidates/sessions/issuer-key.pem"
        ]
    );
    assert_eq!(broken_links(&out).0, Vec::<String>::new());
}

#[test]
fn two_signed_builds_are_byte_identical() {
    let s = signed();
    let (a, b) = (build_in_memory(s.root()), build_in_memory(s.root()));
    let token = "candidates/anne/certificates/certification.jwt";
    assert_eq!(a.files[token], b.files[token]);
    assert_eq!(a.files, b.files);
}

#[test]
fn a_key_given_on_the_command_line_replaces_the_configured_one() {
    let s = Scratch::of("sessions").write(
        "refolio.toml",
        &format!("{CONFIG}[certificates]\nsigning_key = \"/nowhere/issuer.pem\"\n"),
    );
    let key = fixture("keys").join("test-issuer.pem");
    let (code, _, stderr) = s.run(&["build", "--signing-key", key.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let token = s.root().join("public/candidates/chloe/certificates/b2.jwt");
    assert!(token.is_file(), "{stderr}");
    let published =
        std::fs::read_to_string(s.root().join("public/candidates/sessions/issuer-key.pem"))
            .unwrap();
    assert_eq!(published, key_text("test-issuer.pub.pem"));
}

#[test]
fn a_missing_or_wrong_key_is_an_error_at_the_setting() {
    let config = |path: &str| format!("{CONFIG}[certificates]\nsigning_key = \"{path}\"\n");
    let s = Scratch::of("sessions").write("refolio.toml", &config("keys/none.pem"));
    let found = errors(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("refolio.toml:5:15: error: cannot read the signing key `"),
        "{found:#?}"
    );
    assert!(
        found[0].ends_with(
            "[the path is relative to the site folder; make a key with `openssl genpkey -algorithm ed25519 -out issuer-key.pem`]"
        ),
        "{found:#?}"
    );

    let s = Scratch::of("sessions")
        .write("refolio.toml", &config("keys/issuer.pub.pem"))
        .write("keys/issuer.pub.pem", &key_text("test-issuer.pub.pem"));
    let found = errors(&s);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("refolio.toml:5:15: error: the signing key `")
            && found[0].contains("` is a public key: signing needs the private one"),
        "{found:#?}"
    );

    // Not PEM at all; and the build refuses, writing nothing.
    let s = Scratch::of("sessions")
        .write("refolio.toml", &config("keys/issuer.pem"))
        .write("keys/issuer.pem", "secret\n");
    let found = errors(&s);
    assert!(
        found[0].contains("` is not an Ed25519 private key in PKCS#8 PEM"),
        "{found:#?}"
    );
    let (code, _, _) = s.run(&["build"]);
    assert_eq!(code, 1);
    assert!(!s.root().join("public").exists());
}

#[test]
fn a_pseudonymised_site_hashes_the_holders_name() {
    let s =
        Scratch::of("sessions").write("refolio.toml", &format!("{CONFIG}pseudonymize = true\n"));
    let out = build_in_memory(s.root());
    let path = out
        .files
        .keys()
        .find(|p| p.ends_with("/certificates/b1.json") && p.contains("candidat-e-b"))
        .expect("Bruno's credential, under his pseudonym")
        .clone();
    let credential = json(&out, &path);
    let identity = &credential["credentialSubject"]["identifier"][0];
    assert_eq!(identity["hashed"], true);
    assert_eq!(identity["identityType"], "name");
    let salt = identity["salt"].as_str().unwrap();
    assert_eq!(salt.len(), 32);
    let hex: String = Sha256::digest(format!("Bruno Petitjean{salt}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(identity["identityHash"], format!("sha256${hex}"));
    let text = text(&out, &path);
    assert!(!text.contains("Bruno") && !text.contains("bruno"), "{text}");
}
