//! `cargo run -p realname-demo`: the demo console on 127.0.0.1:8080.
#![forbid(unsafe_code)]

use std::sync::Arc;
use std::time::Duration;

use realname::store::Keyring;
use realname_demo::{Clock, Config, Service, spawn};
use realname_driver::DriverStore;

#[tokio::main]
async fn main() {
    let config = match Config::parse(
        std::env::args().skip(1),
        std::env::var("REALNAME_DEMO_SECRET").ok(),
    ) {
        Ok(c) => c,
        Err(e) if e == realname_demo::USAGE => {
            println!("{e}");
            return;
        }
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(config).await {
        eprintln!("realname-demo: {e}");
        std::process::exit(1);
    }
}

async fn run(config: Config) -> Result<(), Box<dyn std::error::Error>> {
    let (secret, demo) = config.secret();
    if demo {
        eprintln!(
            "warning: no --secret nor REALNAME_DEMO_SECRET given; using a fixed secret, for demonstration only"
        );
    }
    let ring = Keyring::new(secret.as_bytes())?;
    match &config.database_url {
        Some(url) => {
            let store = realname_postgres::PgStore::connect_url(url, ring).await?;
            eprintln!("store: PostgreSQL");
            serve(store, &config, secret.as_bytes()).await
        }
        None => {
            let store = realname_sqlite::SqliteStore::open(&config.data, ring)?;
            eprintln!("store: SQLite at {}", config.data.display());
            serve(store, &config, secret.as_bytes()).await
        }
    }
}

async fn serve<S: DriverStore + 'static>(
    store: S,
    config: &Config,
    secret: &[u8],
) -> Result<(), Box<dyn std::error::Error>> {
    let service = Arc::new(Service::new(store, config.parties(), secret, Clock::real()));
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let running = spawn(
        service,
        listener,
        Duration::from_secs(config.sweep_seconds.max(1)),
    )?;
    println!("realname-demo listening on http://{}/", running.addr);
    println!("  operator page: http://{}/operator", running.addr);
    tokio::signal::ctrl_c().await?;
    println!("realname-demo: stopping");
    Ok(())
}
