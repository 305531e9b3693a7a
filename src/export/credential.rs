//! The Open Badges 3.0 `OpenBadgeCredential` of a certificate awarded by a jury session:
//! what the candidate holds, beside the printable certificate. Its achievement is the one
//! `badges/*.json` publishes (the same object, embedded); its issuer is the referential's
//! certifier; its date is the session's.
//!
//! Unsigned, it is plain JSON (`.json`). With a signing key, the same credential is also
//! written as a VC-JWT (`.jwt`, Open Badges 3.0 §8.2): the credential is the JWT payload,
//! with the registered claims `iss`, `nbf` and `jti`, and the issuer's public key in the
//! header.

use serde::Serialize;

use super::badges::{self, Achievement, CONTEXT, Profile};
use super::{Naming, to_json};
use crate::model::{Candidate, Referential, Session, Site};
use crate::sign::IssuerKey;

/// One award: a bloc, or the title when `bloc` is `None`, to a candidate by a session.
#[derive(Clone, Copy)]
pub struct Award<'a> {
    pub site: &'a Site,
    pub session: &'a Session,
    pub candidate: &'a Candidate,
    pub bloc: Option<usize>,
    /// Where the credential's JSON is published, relative to the site's root.
    pub path: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Credential<'a> {
    #[serde(rename = "@context")]
    context: [&'static str; 2],
    id: String,
    #[serde(rename = "type")]
    kind: [&'static str; 2],
    name: &'a str,
    issuer: Profile<'a>,
    valid_from: String,
    credential_subject: Subject<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Subject<'a> {
    #[serde(rename = "type")]
    kind: [&'static str; 1],
    identifier: [Identity<'a>; 1],
    achievement: Achievement<'a>,
}

/// Who the credential is for, without an identifier of the person (a candidate has no
/// e-mail or DID in refolio): their name, hashed on a pseudonymised site.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Identity<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    identity_hash: &'a str,
    identity_type: &'static str,
    hashed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    salt: Option<&'a str>,
}

/// The JWT payload: the credential and the registered claims that repeat it.
#[derive(Serialize)]
struct Claims<'a> {
    #[serde(flatten)]
    credential: &'a Credential<'a>,
    iss: &'a str,
    nbf: i64,
    jti: &'a str,
}

impl<'a> Award<'a> {
    fn referential(&self) -> &'a Referential {
        self.site.referential(&self.session.referential)
    }

    fn credential(&self) -> Option<Credential<'a>> {
        let (site, r, c) = (self.site, self.referential(), self.candidate);
        let achievement = match self.bloc {
            Some(b) => badges::bloc_achievement(r, &site.config, b)?,
            None => badges::certification_achievement(r, &site.config),
        }
        .embedded();
        let naming = Naming::new(r, site.config.base_url.as_deref());
        // The slug, not the folder, names the candidate: on a pseudonymised site nothing in
        // the identifier derives from the real name.
        let name = match self.bloc {
            Some(b) => format!(
                "credential/{}/{}/{}",
                self.session.id, c.slug, r.blocs[b].id
            ),
            None => format!("credential/{}/{}", self.session.id, c.slug),
        };
        let id = crate::paths::absolute(site.config.base_url.as_deref(), self.path)
            .unwrap_or_else(|| naming.uuid(Some(&name)).urn().to_string());
        let identity = match &c.hashed_name {
            Some(h) => Identity {
                kind: "IdentityObject",
                identity_hash: &h.hash,
                identity_type: "name",
                hashed: true,
                salt: Some(&h.salt),
            },
            None => Identity {
                kind: "IdentityObject",
                identity_hash: &c.name,
                identity_type: "name",
                hashed: false,
                salt: None,
            },
        };
        Some(Credential {
            context: CONTEXT,
            id,
            kind: ["VerifiableCredential", "OpenBadgeCredential"],
            name: achievement.name(),
            issuer: Profile::named(r.certifier.as_deref().unwrap_or(&site.config.title)),
            valid_from: format!("{}T00:00:00Z", self.session.date),
            credential_subject: Subject {
                kind: ["AchievementSubject"],
                identifier: [identity],
                achievement,
            },
        })
    }

    /// The credential, pretty-printed, ending with a newline.
    pub fn json(&self) -> String {
        self.credential().map(|c| to_json(&c)).unwrap_or_default()
    }

    /// The credential as a VC-JWT signed with `key`.
    pub fn jwt(&self, key: &IssuerKey) -> String {
        let Some(credential) = self.credential() else {
            return String::new();
        };
        let claims = Claims {
            iss: credential.issuer.id(),
            nbf: unix_midnight(&self.session.date).unwrap_or(0),
            jti: &credential.id,
            credential: &credential,
        };
        // Strings and numbers only: serialising cannot fail.
        let payload = serde_json::to_string(&claims).unwrap_or_default();
        let mut token = key.sign_compact(&payload);
        token.push('\n');
        token
    }
}

/// Seconds from 1970-01-01 to midnight UTC of an ISO date `YYYY-MM-DD` (the JWT
/// `NumericDate`), by the days-from-civil formula of the proleptic Gregorian calendar.
fn unix_midnight(date: &str) -> Option<i64> {
    let mut parts = date.splitn(3, '-').map(str::parse::<i64>);
    let (y, m, d) = (
        parts.next()?.ok()?,
        parts.next()?.ok()?,
        parts.next()?.ok()?,
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some((era * 146_097 + doe - 719_468) * 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_unix_seconds_at_midnight() {
        assert_eq!(unix_midnight("1970-01-01"), Some(0));
        assert_eq!(unix_midnight("2000-03-01"), Some(951_868_800));
        assert_eq!(unix_midnight("2026-07-02"), Some(1_782_950_400));
        assert_eq!(unix_midnight("2024-02-29"), Some(1_709_164_800));
        assert_eq!(unix_midnight("juin"), None);
    }
}
