//! The demo on PostgreSQL (`--database-url`): a throwaway cluster from
//! realname-postgres's test support, the cap across two accounts through
//! the API. Skips without a server, unless `REALNAME_PG_REQUIRED=1`.

#[path = "../../stores/postgres/tests/support/mod.rs"]
mod pg_support;

mod common;

use std::sync::Arc;
use std::time::Duration as StdDuration;

use common::request;
use realname::chrono::{TimeZone, Utc};
use realname::store::Keyring;
use realname_demo::{Clock, Config, Service, spawn};
use realname_postgres::PgStore;
use serde_json::{Value, json};

#[test]
fn the_cap_holds_on_postgres() {
    // The database is made before any runtime runs (its support blocks).
    let Some(url) = pg_support::database("demo_cap") else {
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    rt.block_on(async {
        let ring = Keyring::new(b"a test secret of at least 32 bytes!!").expect("a keyring");
        let store = PgStore::connect_url(&url, ring).await.expect("the store");
        let clock = Clock::fixed(Utc.with_ymd_and_hms(2026, 6, 1, 2, 0, 0).unwrap());
        let service = Arc::new(Service::new(
            store,
            Config::default().parties(),
            b"sms secret for the tests",
            clock,
        ));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let running = spawn(service, listener, StdDuration::from_secs(3600)).expect("the server");
        let post = |path: String, body: Value| async move {
            request(
                running.addr,
                "POST",
                &path,
                "application/json",
                body.to_string().as_bytes(),
            )
            .await
        };
        let app = |account: &str| {
            json!({
                "provider": "kingsoft", "subject": "individual", "method": "id_card_video",
                "account": account, "name": "张三", "id_number": "11010519491231002X",
            })
        };
        let v = post("/api/applications".into(), app("pg-1")).await.json();
        let id = v["id"].as_str().unwrap().to_owned();
        post(format!("/api/applications/{id}/submit"), json!({})).await;
        let v = post(format!("/api/applications/{id}/liveness"), json!({}))
            .await
            .json();
        assert_eq!(v["status_code"], "verified", "{v}");
        let r = post("/api/applications".into(), app("pg-2")).await;
        assert_eq!(r.status, 422, "{}", r.body);
        assert_eq!(r.json()["error"]["code"], "account_cap_reached");
    });
}
