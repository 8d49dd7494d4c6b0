use axum::serve::ListenerExt;
use clap::Parser;
use leptos::prelude::get_configuration;
use server::cli::{Cli, Command, LogFormat};
use server::{router, AppState};
use tracing_subscriber::EnvFilter;

fn main() {
    // Before any thread starts: the runtime's threads take their
    // allocator arenas under these settings.
    server::memory::tune_allocator();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("starting the async runtime");
    let cli = Cli::parse();
    init_logs(cli.log_format);
    if let Err(e) = runtime.block_on(run(cli)) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
}

fn init_logs(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        // The request's span (its id, method and route) in every line.
        LogFormat::Json => logs
            .json()
            .with_current_span(true)
            .with_span_list(false)
            .init(),
        // Colours only for a person at a terminal, never into journald or
        // a log file.
        LogFormat::Text => logs
            .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stdout()))
            .init(),
    }
}

async fn run(cli: Cli) -> Result<(), Box<dyn std::error::Error>> {
    let db = cli.db_config();
    match &cli.command {
        Some(Command::Backup { to, from }) => {
            if from.is_none() && cli.database_url.is_none() && !cli.data_dir.join("db").exists() {
                return Err(format!("no database in {}", cli.data_dir.display()).into());
            }
            let said = server::backup::backup(to, from.as_deref(), &db).await;
            settle_database().await;
            println!("{}", said?);
            return Ok(());
        }
        Some(Command::Restore { file, replace }) => {
            if cli.database_url.is_none() {
                std::fs::create_dir_all(&cli.data_dir)
                    .map_err(|e| format!("cannot create {}: {e}", cli.data_dir.display()))?;
            }
            let said = server::backup::restore(file, *replace, &db).await;
            settle_database().await;
            println!("{}", said?);
            return Ok(());
        }
        _ => {}
    }
    if cli.database_url.is_none() {
        std::fs::create_dir_all(&cli.data_dir)
            .map_err(|e| format!("cannot create {}: {e}", cli.data_dir.display()))?;
    }
    let policy = app::store::SessionPolicy {
        idle_ms: cli.session_idle_minutes.max(1) * 60_000,
        ..Default::default()
    };
    let store = app::store::Store::open(&db)
        .await
        .map_err(|e| format!("cannot open the database at {}: {e}", db.url))?
        .with_session_policy(policy);
    if let Some(Command::CreateAdmin { email, name }) = &cli.command {
        let made = server::admin::create_admin(&store, email, name).await;
        drop(store);
        settle_database().await;
        return made;
    }
    let mut leptos = get_configuration(None)?.leptos_options;
    leptos.site_addr = cli.bind;
    // cargo-leptos names the assets by content hash and leaves `hash.txt`
    // beside this binary; `cargo leptos serve` says so through the
    // environment, a binary started directly finds out from the file.
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| exe.parent().map(|dir| dir.join(&*leptos.hash_file)))
            .is_some_and(|file| file.exists());
    }
    // A bad mail setting stops the start, before anything runs.
    let mailer = match cli.mail_config() {
        Some(config) => Some(server::mail::Mailer::new(&config)?),
        None => None,
    };
    let mut state = AppState::start(leptos, store)
        .await
        .map_err(|e| format!("cannot start the roadmap sync: {e}"))?
        .trusting_proxy(cli.trust_proxy)
        .with_contact(cli.contact_email.clone());
    if let Some(mailer) = mailer {
        tracing::info!("mail is sent; links point to {}", cli.public_url());
        state = state.with_mail(mailer, cli.public_url(), cli.digest_hour);
    }
    let background = state.background.clone();
    if let Some(ops) = cli.ops_bind {
        let listener = tokio::net::TcpListener::bind(ops)
            .await
            .map_err(|e| format!("cannot listen on {ops}: {e}"))?;
        tracing::info!("operator endpoints on http://{}", listener.local_addr()?);
        let ops = server::ops::router(state.store.clone());
        let stopping = background.stopping();
        background.spawn_graceful(async move {
            if let Err(e) = axum::serve(listener, ops)
                .with_graceful_shutdown(stopping)
                .await
            {
                tracing::error!("operator endpoints stopped: {e}");
            }
        });
    }
    let app = router(state);
    let listener = tokio::net::TcpListener::bind(cli.bind)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", cli.bind))?;
    tracing::info!("listening on http://{}", listener.local_addr()?);
    // Nagle's algorithm off: a sync message is one small frame that must
    // leave at once. With it on, a frame written while the previous one is
    // unacknowledged waits for the peer's delayed ACK (40 ms on Linux):
    // that was the light-load latency tail (README, *Sync benchmark*).
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::debug!("cannot set TCP_NODELAY: {e}");
        }
    });
    // The peer address is what the sign-in rate limit counts by.
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown({
        let background = background.clone();
        async move {
            shutdown_signal().await;
            // Sockets close and the writer drains while axum finishes the
            // requests in flight.
            background.stop();
        }
    })
    .await?;
    // The order of background.rs: our tasks end (dropping their database
    // handles), then the database's own.
    if !background.finish(STOP_WITHIN).await {
        tracing::warn!("some connections were still open after {STOP_WITHIN:?}");
    }
    drop(background);
    settle_database().await;
    Ok(())
}

/// How long a stop waits for connections and for the database.
const STOP_WITHIN: std::time::Duration = std::time::Duration::from_secs(5);

/// Lets the embedded database finish shutting down once its last handle
/// is gone, so its tasks are not cancelled with the runtime.
async fn settle_database() {
    if !server::background::settle(STOP_WITHIN).await {
        let alive = tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks();
        tracing::warn!(
            "the database was still shutting down after {STOP_WITHIN:?} ({alive} tasks)"
        );
    }
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
            .expect("installing the SIGTERM handler");
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    let _ = ctrl_c.await;
    tracing::info!("shutting down");
}
