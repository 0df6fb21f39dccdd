//! `realname-demo`: a small verification console over the `realname`
//! crate, its crash-safe driver and a store (SQLite by default,
//! PostgreSQL for many servers), with fake outside parties.
//!
//! The applicant's pages (Chinese) and the operator's page are a thin
//! layer over a JSON API:
//!
//! | route | what |
//! |---|---|
//! | `GET /api/profiles` | the four providers and their methods per subject kind |
//! | `GET /api/options?provider=&subject=` | the methods the rules allow, and those refused with the refusal |
//! | `POST /api/applications` | the rules first (method, age, document, account cap), then the flow starts |
//! | `GET /api/applications/{id}` | where it stands, and the next step |
//! | `POST /api/applications/{id}/submit`, `/sms`, `/liveness`, `/amount`, `/upload` | the applicant's steps |
//! | `POST /api/applications/{id}/payout`, `/pay` | the fakes by hand: the payer's callback, a recharge's payment arriving |
//! | `GET /api/reviews`, `POST /api/reviews/{flow}/{approve\|reject}` | the operator's queue |
#![forbid(unsafe_code)]

mod clock;
mod config;
mod html;
mod service;
mod web;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use clock::Clock;
pub use config::{Config, DEMO_SECRET, FakeSpec, USAGE};
pub use html::{escape, mask_name};
pub use service::{
    ApiError, DemoDriver, FileIn, Info, MachineKind, Msg, NewApplication, ReviewRow, Service, View,
    beijing, provider, status_zh,
};
pub use web::{parse_yuan, router};

use realname_driver::DriverStore;

/// A running demo: its address and its service.
#[derive(Debug)]
pub struct Running<S> {
    /// Where it listens.
    pub addr: SocketAddr,
    /// The service (for tests: its clock, its fakes).
    pub service: Arc<Service<S>>,
}

/// Serves `service` on `listener`, with the background task that
/// delivers the fake payer's callbacks and sweeps due flows every
/// `sweep` (until the process ends). Returns at once; the server runs on
/// the tokio runtime.
///
/// # Errors
///
/// The listener's address could not be read.
pub fn spawn<S: DriverStore + 'static>(
    service: Arc<Service<S>>,
    listener: tokio::net::TcpListener,
    sweep: Duration,
) -> std::io::Result<Running<S>> {
    let addr = listener.local_addr()?;
    let bg = Arc::clone(&service);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(sweep);
        loop {
            every.tick().await;
            bg.tick().await;
        }
    });
    let app = router(Arc::clone(&service));
    tokio::spawn(async move {
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await;
    });
    Ok(Running { addr, service })
}
