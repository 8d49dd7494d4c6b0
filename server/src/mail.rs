//! The mailer: sends the outbox over SMTP, and queues the mail that the
//! change log calls for (a mail per @mention, the digests).
//!
//! Every process with `--smtp-url` runs it; they share the outbox in the
//! database. A message is taken with a lease (a conditional update, so
//! one process wins), sent, then marked sent. A mail server that refuses
//! or is away only delays a message: it is tried again with growing
//! pauses, and given up (state `failed`, logged, counted) after
//! [`MAX_ATTEMPTS`] or at once on a permanent refusal (5xx). A process
//! that dies mid-way leaves the lease to expire, and the message is sent
//! by whoever comes next. The one window for a second copy is a crash
//! between the mail server's "accepted" and the mark: the copy then has
//! the same Message-ID (from the outbox key), which mail clients use to
//! show it once.

use app::mail::compose::{self, DigestLine, Recipient};
use app::mail::{schedule, MailSite};
use app::roadmap::activity::{item_href, item_title};
use app::roadmap::field::Field;
use app::roadmap::inbox::{mentions, notifications, ReadMarks, Reader};
use app::roadmap::ItemKind;
use app::store::{now_ms, QueuedMail, Store, StoreError};
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long a sender holds a message it took, in mail server timeouts:
/// a send is several exchanges (connect, greeting, TLS, sign-in, envelope,
/// data), each of which may take up to the timeout.
const LEASE_TIMEOUTS: i64 = 4;
/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: u32 = 12;
/// Messages taken per round.
const BATCH: usize = 20;

/// How to reach the mail server, from the command line.
#[derive(Clone, Debug)]
pub struct MailConfig {
    /// `smtp://host:587` (STARTTLS required), `smtps://host:465`, or
    /// `smtp://host:25?tls=none` for a relay on a trusted network.
    pub url: String,
    pub user: Option<String>,
    pub pass: Option<String>,
    /// A CA certificate (PEM) to trust besides the system's, for a mail
    /// server whose certificate an organisation's own CA signed.
    pub ca_file: Option<std::path::PathBuf>,
    /// The sender, `Name <address>` or an address.
    pub from: String,
    /// The first pause after a refused or failed attempt, in seconds.
    pub retry_seconds: u64,
    /// How long one exchange with the mail server may take, in seconds.
    pub timeout_seconds: u64,
}

/// The transport URL lettre gets: STARTTLS is required unless the URL
/// says otherwise (lettre's own default for `smtp://` is no TLS at all);
/// `tls=none` asks for plain SMTP.
pub fn transport_url(url: &str) -> Result<String, String> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    if !(base.starts_with("smtp://") || base.starts_with("smtps://")) {
        return Err(format!(
            "the mail server URL must start with smtp:// or smtps://: {url}"
        ));
    }
    let mut pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    let tls = pairs
        .iter()
        .find_map(|p| p.strip_prefix("tls="))
        .map(str::to_string);
    match tls.as_deref() {
        Some("none") => pairs.retain(|p| !p.starts_with("tls=")),
        Some("required" | "opportunistic") => {}
        Some(other) => {
            return Err(format!(
                "unknown tls={other} (required, opportunistic, none)"
            ))
        }
        None if base.starts_with("smtp://") => pairs.push("tls=required"),
        None => {}
    }
    Ok(if pairs.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", pairs.join("&"))
    })
}

/// The pause before attempt `attempts + 1`: `first_ms`, doubling, at
/// most an hour.
pub fn backoff_ms(first_ms: i64, attempts: u32) -> i64 {
    (first_ms << attempts.min(16)).min(3_600_000)
}

/// The TLS of `url` (a [`transport_url`]) trusting the CA certificate
/// `pem` too: STARTTLS required or opportunistic as the URL says, TLS from
/// the start for `smtps://`.
fn tls_trusting(url: &str, pem: &[u8]) -> Result<Tls, String> {
    let (base, query) = url.split_once('?').unwrap_or((url, ""));
    let (scheme, rest) = base.split_once("://").unwrap_or(("", base));
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.rsplit_once(':').map_or(authority, |(h, _)| h),
    };
    let cert = Certificate::from_pem(pem).map_err(|e| format!("bad CA certificate: {e}"))?;
    let params = TlsParameters::builder(host.to_string())
        .add_root_certificate(cert)
        .build_rustls()
        .map_err(|e| format!("cannot set up TLS for {host}: {e}"))?;
    Ok(match (scheme, query) {
        ("smtps", _) => Tls::Wrapper(params),
        (_, q) if q.split('&').any(|p| p == "tls=opportunistic") => Tls::Opportunistic(params),
        (_, q) if q.split('&').any(|p| p == "tls=required") => Tls::Required(params),
        _ => return Err("a CA file needs TLS: not with tls=none".to_string()),
    })
}

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// The first pause after a refusal (`--mail-retry-seconds`).
    retry_ms: i64,
    /// How long a taken message stays taken (a process that dies holding
    /// it leaves it to others after this).
    lease_ms: i64,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Self, String> {
        let url = transport_url(&config.url)?;
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| format!("bad mail server URL {}: {e}", config.url))?
            .timeout(Some(Duration::from_secs(config.timeout_seconds.max(1))));
        if let Some(path) = &config.ca_file {
            let pem = std::fs::read(path)
                .map_err(|e| format!("cannot read the CA file {}: {e}", path.display()))?;
            builder = builder.tls(tls_trusting(&url, &pem)?);
        }
        if let Some(user) = &config.user {
            builder = builder.credentials(Credentials::new(
                user.clone(),
                config.pass.clone().unwrap_or_default(),
            ));
        }
        let from = config
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("bad sender address {}: {e}", config.from))?;
        Ok(Self {
            transport: builder.build(),
            from,
            retry_ms: (config.retry_seconds.max(1) * 1000) as i64,
            lease_ms: LEASE_TIMEOUTS * (config.timeout_seconds.max(1) * 1000) as i64,
        })
    }

    fn message(&self, mail: &QueuedMail) -> Result<Message, String> {
        let to = mail
            .to
            .parse::<Mailbox>()
            .map_err(|e| format!("bad address {}: {e}", mail.to))?;
        let domain = self.from.email.domain().to_string();
        let id: String = mail
            .key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '.'
                }
            })
            .collect();
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .message_id(Some(format!("<{id}@{domain}>")))
            .header(ContentType::TEXT_PLAIN);
        if let Some(link) = &mail.unsubscribe {
            // RFC 8058: mail clients' one-click unsubscribe posts here.
            let post = link.replacen("/unsubscribe/", "/api/v1/unsubscribe/", 1);
            builder = builder
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe"),
                    format!("<{post}>"),
                ))
                .raw_header(HeaderValue::new(
                    HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                    "List-Unsubscribe=One-Click".into(),
                ));
        }
        builder.body(mail.body.clone()).map_err(|e| e.to_string())
    }
}

/// Starts the mailer's three loops.
pub fn spawn(
    background: &crate::background::Background,
    store: Store,
    mailer: Mailer,
    site: MailSite,
) {
    let mailer = std::sync::Arc::new(mailer);
    {
        let store = store.clone();
        background.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tick.tick().await;
                if let Err(e) = send_due(&store, &mailer).await {
                    tracing::warn!("mail: cannot read the outbox: {e}");
                }
            }
        });
    }
    {
        let (store, site) = (store.clone(), site.clone());
        background.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(2));
            loop {
                tick.tick().await;
                if let Err(e) = queue_mentions(&store, &site).await {
                    tracing::warn!("mail: cannot queue mention mail: {e}");
                }
            }
        });
    }
    background.spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            if let Err(e) = queue_digests(&store, &site, chrono::Utc::now()).await {
                tracing::warn!("mail: cannot queue digests: {e}");
            }
        }
    });
}

/// Sends what is due; returns how many were sent.
pub async fn send_due(store: &Store, mailer: &Mailer) -> Result<usize, StoreError> {
    let now = now_ms();
    let mut sent = 0;
    for key in store.due_mail(now, BATCH).await? {
        let Some(mail) = store.claim_mail(&key, now, mailer.lease_ms).await? else {
            continue;
        };
        let outcome = match mailer.message(&mail) {
            Ok(message) => mailer.transport.send(message).await.map_err(|e| {
                let permanent = e.is_permanent();
                (e.to_string(), permanent)
            }),
            Err(e) => Err((e, true)),
        };
        match outcome {
            Ok(_) => {
                store.mail_sent(&key).await?;
                metrics::counter!("mail_sent_total").increment(1);
                sent += 1;
            }
            Err((error, permanent)) => {
                let attempts = mail.attempts + 1;
                let give_up = permanent || attempts >= MAX_ATTEMPTS;
                let retry =
                    (!give_up).then(|| now_ms() + backoff_ms(mailer.retry_ms, mail.attempts));
                if give_up {
                    tracing::error!("mail {key} given up after {attempts} attempts: {error}");
                    metrics::counter!("mail_failed_total").increment(1);
                } else {
                    tracing::warn!(
                        "mail {key} not sent (attempt {attempts}), retried later: {error}"
                    );
                    metrics::counter!("mail_retried_total").increment(1);
                }
                store.mail_failed(&key, &error, retry).await?;
            }
        }
    }
    Ok(sent)
}

/// Log entries read per round for mention mail.
const MENTION_BATCH: u64 = 500;

/// Queues a mail for every account newly @mentioned in a comment since
/// the cursor (a comment's edit that adds a name mentions it; one that
/// keeps it does not mention it again). The cursor starts at the log's
/// head the first time, so switching mail on never mails old mentions.
/// Returns how many were queued.
pub async fn queue_mentions(store: &Store, site: &MailSite) -> Result<usize, StoreError> {
    const CURSOR: &str = "mentions";
    let head = store.roadmap_head().await?;
    let Some(cursor) = store.mail_cursor(CURSOR).await? else {
        store.advance_mail_cursor(CURSOR, head).await?;
        return Ok(0);
    };
    if cursor >= head {
        return Ok(0);
    }
    let entries = store.roadmap_changes_since(cursor, MENTION_BATCH).await?;
    let Some(last) = entries.last().map(|e| e.seq) else {
        return Ok(0);
    };
    let body_of = |fields: &std::collections::BTreeMap<String, serde_json::Value>| {
        fields
            .get(Field::Body.name())
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string()
    };
    let comments: Vec<_> = entries
        .iter()
        .filter(|e| e.kind == ItemKind::Comment && e.fields.contains_key(Field::Body.name()))
        .collect();
    let mut mails = Vec::new();
    if !comments.is_empty() {
        let state = store.roadmap_state().await?;
        let accounts: Vec<_> = store
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| a.active)
            .collect();
        for entry in comments {
            let (body, before) = (body_of(&entry.fields), body_of(&entry.prev));
            let Some(subject) = state
                .items
                .get(&entry.item)
                .and_then(|c| state.items.get(c.subject()))
            else {
                continue;
            };
            for account in &accounts {
                if account.id == entry.account
                    || !mentions(&body, &account.name)
                    || mentions(&before, &account.name)
                {
                    continue;
                }
                let prefs = store.ensure_mail_prefs(&account.id).await?;
                if !prefs.mentions {
                    continue;
                }
                let locale = app::i18n::Locale::from_code(&prefs.lang).unwrap_or_default();
                let title = app::i18n::with_locale(locale, || item_title(subject));
                let to = Recipient {
                    account: &account.id,
                    email: &account.email,
                    name: &account.name,
                    unsubscribe_token: &prefs.unsubscribe,
                };
                mails.push(compose::mention(
                    locale.texts(),
                    site,
                    &to,
                    &compose::Mentioned {
                        seq: entry.seq,
                        who: &entry.by,
                        title: &title,
                        text: &body,
                        path: &item_href(subject),
                    },
                ));
            }
        }
    }
    store.enqueue_mail(&mails).await?;
    store.advance_mail_cursor(CURSOR, last).await?;
    Ok(mails.len())
}

/// Queues the digests due at `now`: for each person whose digest period
/// has turned, what happened since their last digest in what they follow
/// (as `/notifications` counts it). Nothing new: no mail, and the period
/// is still marked done. Returns how many mails were queued.
pub async fn queue_digests(
    store: &Store,
    site: &MailSite,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<usize, StoreError> {
    let due: Vec<(app::store::StoredMailPrefs, String)> = store
        .digest_subscribers()
        .await?
        .into_iter()
        .filter_map(|p| {
            let period = schedule::period(p.digest, now, site.digest_hour)?;
            (period != p.digest_period).then_some((p, period))
        })
        .collect();
    let Some(oldest) = due.iter().map(|(p, _)| p.digest_seq).min() else {
        return Ok(0);
    };
    let state = store.roadmap_state().await?;
    let window = app::store::INBOX_WINDOW;
    let since = oldest.max(state.head.saturating_sub(window));
    let entries = store.roadmap_changes_since(since, window).await?;
    let mut queued = 0;
    for (prefs, period) in due {
        let account = store.account(&prefs.account).await?;
        let mail = match account.filter(|a| a.active) {
            None => None,
            Some(account) => {
                let news: Vec<_> = entries
                    .iter()
                    .filter(|e| e.seq > prefs.digest_seq)
                    .cloned()
                    .collect();
                let reader = Reader {
                    account: &account.aid,
                    name: &account.name,
                };
                let follows = store.follows(&account.aid).await?;
                let groups = notifications(&state, &news, &reader, &follows, &ReadMarks::default());
                let locale = app::i18n::Locale::from_code(&prefs.lang).unwrap_or_default();
                let lines: Vec<DigestLine> = groups
                    .iter()
                    .filter_map(|g| {
                        let item = state.items.get(&g.item)?;
                        Some(DigestLine {
                            title: app::i18n::with_locale(locale, || item_title(item)),
                            path: item_href(item),
                            mentions: g.mentions,
                            comments: g.comments,
                            changes: g.changes,
                        })
                    })
                    .collect();
                (!lines.is_empty()).then(|| {
                    compose::digest_mail(
                        locale.texts(),
                        site,
                        &Recipient {
                            account: &account.aid,
                            email: &account.email,
                            name: &account.name,
                            unsubscribe_token: &prefs.unsubscribe,
                        },
                        prefs.digest,
                        &period,
                        &lines,
                    )
                })
            }
        };
        queued += usize::from(mail.is_some());
        store
            .digest_done(&prefs.account, &period, state.head, mail.as_ref())
            .await?;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starttls_is_required_unless_the_url_says_otherwise() {
        assert_eq!(
            transport_url("smtp://mail.example.fi:587").unwrap(),
            "smtp://mail.example.fi:587?tls=required"
        );
        assert_eq!(
            transport_url("smtp://127.0.0.1:2525?tls=none").unwrap(),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            transport_url("smtp://h:25?tls=opportunistic").unwrap(),
            "smtp://h:25?tls=opportunistic"
        );
        assert_eq!(transport_url("smtps://h").unwrap(), "smtps://h");
        assert!(transport_url("http://h").is_err());
        assert!(transport_url("smtp://h?tls=maybe").is_err());
    }

    #[test]
    fn retries_back_off_up_to_an_hour() {
        assert_eq!(backoff_ms(30_000, 0), 30_000);
        assert_eq!(backoff_ms(30_000, 1), 60_000);
        assert_eq!(backoff_ms(30_000, 6), 1_920_000);
        assert_eq!(backoff_ms(30_000, 7), 3_600_000);
        assert_eq!(backoff_ms(30_000, 30), 3_600_000);
        assert_eq!(backoff_ms(1_000, 2), 4_000);
    }

    #[test]
    fn a_bad_sender_is_refused_at_start() {
        let config = MailConfig {
            url: "smtp://127.0.0.1:2525?tls=none".into(),
            user: None,
            pass: None,
            ca_file: None,
            from: "not an address".into(),
            retry_seconds: 30,
            timeout_seconds: 30,
        };
        assert!(Mailer::new(&config).is_err());
    }
}
