//! What each message says, in the recipient's language: plain text, the
//! links absolute (from the server's public address), and on every
//! notification (mentions, digests) a footer with a one-click
//! unsubscribe link. Pure functions: the tests read the texts back.

use super::{DigestEvery, MailSite, RESET_MINUTES};
use crate::auth::session::digest;
use crate::auth::Role;
use crate::text::Texts;
use serde::{Deserialize, Serialize};

/// A message for the outbox. `key` names it for good: the outbox keeps
/// one row per key, so queueing the same message again does nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outgoing {
    pub key: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The unsubscribe address (`List-Unsubscribe`), notifications only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

/// The path of someone's unsubscribe page (the token is theirs alone).
pub fn unsubscribe_path(token: &str) -> String {
    format!("/unsubscribe/{token}")
}

fn footer(t: &Texts, site: &MailSite, unsubscribe: &str) -> String {
    t.fill(
        t.mail_footer,
        &[
            ("site", t.site_name),
            ("unsubscribe", unsubscribe),
            ("account", &site.link("/account")),
        ],
    )
}

/// An invitation: the one-time link (the token itself, which only this
/// message and the admin's screen ever hold).
pub fn invitation(
    t: &Texts,
    site: &MailSite,
    token: &str,
    to: &str,
    inviter: &str,
    role: Role,
    days: i64,
) -> Outgoing {
    let link = site.link(&format!("/invite/{token}"));
    Outgoing {
        key: format!("invite:{}", digest(token)),
        to: to.to_string(),
        subject: t.fill(t.mail_invite_subject, &[("site", t.site_name)]),
        body: t.fill(
            t.mail_invite_body,
            &[
                ("inviter", inviter),
                ("site", t.site_name),
                ("role", &t.role(role).to_lowercase()),
                ("days", &days.to_string()),
                ("link", &link),
            ],
        ),
        unsubscribe: None,
    }
}

/// A password-reset link.
pub fn password_reset(t: &Texts, site: &MailSite, token: &str, to: &str) -> Outgoing {
    let link = site.link(&format!("/reset/{token}"));
    Outgoing {
        key: format!("reset:{}", digest(token)),
        to: to.to_string(),
        subject: t.fill(t.mail_reset_subject, &[("site", t.site_name)]),
        body: t.fill(
            t.mail_reset_body,
            &[
                ("email", to),
                ("minutes", &RESET_MINUTES.to_string()),
                ("link", &link),
            ],
        ),
        unsubscribe: None,
    }
}

/// Who is told, and how to let them stop it.
pub struct Recipient<'a> {
    pub account: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub unsubscribe_token: &'a str,
}

/// Longest comment text quoted in a mention mail, in characters.
pub const EXCERPT_CHARS: usize = 500;

/// A comment that mentions someone.
#[derive(Clone, Copy)]
pub struct Mentioned<'a> {
    /// The log entry that wrote the comment: one mail per entry and person.
    pub seq: u64,
    /// The writer's name.
    pub who: &'a str,
    /// The title of the item commented on.
    pub title: &'a str,
    pub text: &'a str,
    /// Where the comment is shown.
    pub path: &'a str,
}

/// A mail telling `to` of a mention.
pub fn mention(t: &Texts, site: &MailSite, to: &Recipient, m: &Mentioned) -> Outgoing {
    let Mentioned {
        seq,
        who,
        title,
        text,
        path,
    } = *m;
    let mut excerpt: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        excerpt.push('…');
    }
    let unsubscribe = site.link(&unsubscribe_path(to.unsubscribe_token));
    let body = t.fill(
        t.mail_mention_body,
        &[
            ("who", who),
            ("title", title),
            ("excerpt", &excerpt),
            ("link", &site.link(path)),
        ],
    );
    Outgoing {
        key: format!("mention:{seq}:{}", to.account),
        to: to.email.to_string(),
        subject: t.fill(t.mail_mention_subject, &[("who", who), ("title", title)]),
        body: format!("{body}\n\n{}", footer(t, site, &unsubscribe)),
        unsubscribe: Some(unsubscribe),
    }
}

/// One followed item in a digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DigestLine {
    pub title: String,
    pub path: String,
    pub mentions: usize,
    pub comments: usize,
    pub changes: usize,
}

/// A digest of `lines` for period `period` (see `schedule`).
pub fn digest_mail(
    t: &Texts,
    site: &MailSite,
    to: &Recipient,
    every: DigestEvery,
    period: &str,
    lines: &[DigestLine],
) -> Outgoing {
    let subject = match every {
        DigestEvery::Weekly => t.mail_digest_subject_weekly,
        _ => t.mail_digest_subject_daily,
    };
    let mut body = t.fill(t.mail_digest_intro, &[("name", to.name)]);
    body.push('\n');
    for line in lines {
        let counts: Vec<String> = [
            (line.mentions, t.mail_digest_mentions),
            (line.comments, t.mail_digest_comments),
            (line.changes, t.mail_digest_changes),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, text)| t.fill(text, &[("n", &n.to_string())]))
        .collect();
        body.push_str(&format!(
            "\n* {} ({})\n  {}\n",
            line.title,
            counts.join(", "),
            site.link(&line.path)
        ));
    }
    body.push_str(&format!(
        "\n{} {}\n\n",
        t.mail_digest_all,
        site.link("/notifications")
    ));
    let unsubscribe = site.link(&unsubscribe_path(to.unsubscribe_token));
    body.push_str(&footer(t, site, &unsubscribe));
    Outgoing {
        key: format!("digest:{}:{period}", to.account),
        to: to.email.to_string(),
        subject: t.fill(
            subject,
            &[("n", &lines.len().to_string()), ("site", t.site_name)],
        ),
        body,
        unsubscribe: Some(unsubscribe),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Locale;

    fn site() -> MailSite {
        MailSite {
            enabled: true,
            public_url: "https://tyotila.example.fi/".into(),
            digest_hour: 7,
        }
    }

    fn bertta() -> Recipient<'static> {
        Recipient {
            account: "u2",
            email: "bertta@example.fi",
            name: "Bertta",
            unsubscribe_token: "tok",
        }
    }

    #[test]
    fn an_invitation_carries_its_link_in_the_language_asked_for() {
        let m = invitation(
            Locale::Sv.texts(),
            &site(),
            "abc",
            "x@y.fi",
            "Aino",
            Role::Editor,
            7,
        );
        assert!(m.body.contains("https://tyotila.example.fi/invite/abc"));
        assert!(m.body.contains("Aino"));
        assert!(m.body.contains("7 dygn"), "{}", m.body);
        assert!(!m.key.contains("abc"), "the key never holds the token");
        assert_eq!(m.unsubscribe, None);
    }

    #[test]
    fn a_reset_link_says_how_long_it_works() {
        let m = password_reset(Locale::Fi.texts(), &site(), "t0k", "a@b.fi");
        assert!(m.body.contains("https://tyotila.example.fi/reset/t0k"));
        assert!(m.body.contains("15 minuutin"));
        assert!(m.key.starts_with("reset:"));
    }

    #[test]
    fn a_mention_quotes_the_comment_and_can_be_stopped() {
        let long = "ä".repeat(EXCERPT_CHARS + 10);
        let m = mention(
            Locale::En.texts(),
            &site(),
            &bertta(),
            &Mentioned {
                seq: 42,
                who: "Aino",
                title: "Grants",
                text: &long,
                path: "/areas/PI#comment-c1",
            },
        );
        assert_eq!(m.key, "mention:42:u2");
        assert_eq!(m.subject, "Aino mentioned you: Grants");
        assert!(m.body.contains(&format!("{}…", "ä".repeat(EXCERPT_CHARS))));
        assert!(!m.body.contains(&"ä".repeat(EXCERPT_CHARS + 1)));
        assert!(m
            .body
            .contains("https://tyotila.example.fi/areas/PI#comment-c1"));
        assert_eq!(
            m.unsubscribe.as_deref(),
            Some("https://tyotila.example.fi/unsubscribe/tok")
        );
        assert!(m
            .body
            .contains("https://tyotila.example.fi/unsubscribe/tok"));
    }

    #[test]
    fn a_digest_lists_each_item_with_what_happened() {
        let lines = vec![
            DigestLine {
                title: "Grants".into(),
                path: "/roadmap?open=a1".into(),
                mentions: 0,
                comments: 2,
                changes: 1,
            },
            DigestLine {
                title: "Pirkanmaa".into(),
                path: "/areas/PI".into(),
                mentions: 1,
                comments: 0,
                changes: 0,
            },
        ];
        let m = digest_mail(
            Locale::Fi.texts(),
            &site(),
            &bertta(),
            DigestEvery::Weekly,
            "w2026-50",
            &lines,
        );
        assert_eq!(m.key, "digest:u2:w2026-50");
        assert!(m.subject.starts_with("Viikon kooste (2)"));
        assert!(m.body.contains("* Grants (kommentteja 2, muutoksia 1)"));
        assert!(m.body.contains("* Pirkanmaa (mainintoja 1)"));
        assert!(m
            .body
            .contains("https://tyotila.example.fi/roadmap?open=a1"));
        assert!(m.body.contains("Hei Bertta"));
    }
}
