//! A throwaway PostgreSQL for the tests (and the benchmark): one cluster
//! per test binary, one fresh database per test.
//!
//! - `REALNAME_PG_URL` set: that server is used (a connection string to a
//!   database whose user may `CREATE DATABASE`).
//! - otherwise `initdb` from `pg_config --bindir` (or Debian's
//!   `/usr/lib/postgresql/*/bin`, or `PATH`) makes a
//!   cluster in a temporary directory, listening on a Unix socket there
//!   only; as root it runs as the `postgres` user. A watchdog shell stops
//!   it and removes the directory when this process exits, however it
//!   exits (a panic, `SIGKILL`).
//! - neither: [`database`] prints why and returns `None` (the test
//!   skips), unless `REALNAME_PG_REQUIRED=1`, when it panics.

#![allow(dead_code)]
// The cluster waits on the clock; the clock rule is the library's.
#![allow(clippy::disallowed_methods)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Where the tests' server is.
pub struct Server {
    /// The connection string to the server's maintenance database.
    pub base: String,
    /// The local cluster's directory, when this process made one.
    pub dir: Option<PathBuf>,
}

static SERVER: OnceLock<Result<Server, String>> = OnceLock::new();
static SEQ: AtomicU32 = AtomicU32::new(0);

fn required() -> bool {
    std::env::var("REALNAME_PG_REQUIRED").is_ok_and(|v| v == "1")
}

/// The shared server: started on first use.
pub fn server() -> Option<&'static Server> {
    match SERVER.get_or_init(start) {
        Ok(s) => Some(s),
        Err(why) if required() => panic!("REALNAME_PG_REQUIRED=1 but no PostgreSQL: {why}"),
        Err(why) => {
            // Written past libtest's capture, once, so that a skip shows.
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "skipped: no PostgreSQL for the tests ({why}); set REALNAME_PG_URL, or install the server (pg_config, initdb), or set REALNAME_PG_REQUIRED=1 to fail instead"
                );
            });
            None
        }
    }
}

/// A new, empty database on the shared server, named after `test`: its
/// connection string. `None` (and a message) when there is no server.
pub fn database(test: &str) -> Option<String> {
    let server = server()?;
    let name = format!(
        "rn_{}_{}_{}",
        test.chars()
            .map(|c| if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            })
            .take(30)
            .collect::<String>(),
        std::process::id(),
        SEQ.fetch_add(1, Ordering::Relaxed)
    );
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    rt.block_on(async {
        let (client, conn) = tokio_postgres::connect(&server.base, tokio_postgres::NoTls)
            .await
            .unwrap_or_else(|e| panic!("connecting to {}: {e}", server.base));
        let task = tokio::spawn(conn);
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .await
            .unwrap_or_else(|e| panic!("CREATE DATABASE {name}: {e}"));
        drop(client);
        let _ = task.await;
    });
    Some(with_dbname(&server.base, &name))
}

/// `base` pointed at database `name`.
pub fn with_dbname(base: &str, name: &str) -> String {
    if base.starts_with("postgres://") || base.starts_with("postgresql://") {
        // Replace the path (the part after the authority) with the name.
        let (scheme, rest) = base.split_once("://").unwrap_or(("postgresql", base));
        let (authority, query) = match rest.split_once('/') {
            Some((a, tail)) => (a, tail.split_once('?').map(|(_, q)| q)),
            None => (
                rest.split_once('?').map_or(rest, |(a, _)| a),
                rest.split_once('?').map(|(_, q)| q),
            ),
        };
        match query {
            Some(q) => format!("{scheme}://{authority}/{name}?{q}"),
            None => format!("{scheme}://{authority}/{name}"),
        }
    } else {
        format!("{base} dbname={name}")
    }
}

fn bindir() -> Option<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Some(dir);
        }
    }
    // Debian's layout, newest version first, when pg_config is missing.
    if let Ok(dirs) = std::fs::read_dir("/usr/lib/postgresql") {
        let mut bins: Vec<PathBuf> = dirs
            .filter_map(|d| d.ok().map(|d| d.path().join("bin")))
            .filter(|b| b.join("initdb").exists())
            .collect();
        bins.sort_by_key(|b| {
            b.parent()
                .and_then(|v| v.file_name()?.to_str()?.parse::<u32>().ok())
                .unwrap_or(0)
        });
        if let Some(b) = bins.pop() {
            return Some(b);
        }
    }
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .find(|p| p.join("initdb").exists() && p.join("pg_ctl").exists())
    })
}

/// Whether this process runs as root: the owner of the directory it just
/// made.
fn is_root(made: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(made).is_ok_and(|m| m.uid() == 0)
}

/// runuser lives in sbin, which a root PATH may lack.
fn runuser() -> &'static str {
    ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        .into_iter()
        .find(|p| Path::new(p).exists())
        .unwrap_or("runuser")
}

/// `program args…`, as the `postgres` user when this process is root.
fn as_pg(root: bool, program: &Path) -> Command {
    if root {
        let mut c = Command::new(runuser());
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) -> Result<(), String> {
    let out = c.output().map_err(|e| format!("{what}: {e}"))?;
    if out.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

fn start() -> Result<Server, String> {
    if let Ok(url) = std::env::var("REALNAME_PG_URL")
        && !url.trim().is_empty()
    {
        return Ok(Server {
            base: url,
            dir: None,
        });
    }
    let bin = bindir().ok_or("no pg_config --bindir and no initdb on PATH")?;
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let dir = std::env::temp_dir().join(format!("realname-pg-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let made = local(&bin, &dir);
    if made.is_err() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    made
}

/// A cluster in `dir`, started, with its watchdog.
fn local(bin: &Path, dir: &Path) -> Result<Server, String> {
    let root = is_root(dir);
    if root {
        // The server refuses root: the cluster belongs to `postgres`.
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        let ids = passwd.lines().find_map(|l| {
            let f: Vec<&str> = l.split(':').collect();
            match f.as_slice() {
                ["postgres", _, uid, gid, ..] => Some((uid.parse().ok()?, gid.parse().ok()?)),
                _ => None,
            }
        });
        let (uid, gid) = ids.ok_or("running as root, and there is no postgres user")?;
        std::os::unix::fs::chown(dir, Some(uid), Some(gid))
            .map_err(|e| format!("chown postgres {}: {e}", dir.display()))?;
    }
    let data = dir.join("data");
    let mut initdb = as_pg(root, &bin.join("initdb"));
    initdb.arg("-D").arg(&data).args([
        "-U",
        "postgres",
        "--auth=trust",
        "-E",
        "UTF8",
        "--locale=C",
        "--no-sync",
    ]);
    run(initdb, "initdb")?;
    let conf = format!(
        "\nlisten_addresses = ''\nunix_socket_directories = '{}'\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\nmax_connections = 300\nshared_buffers = 64MB\n",
        dir.display()
    );
    {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .append(true)
            .open(data.join("postgresql.conf"))
            .map_err(|e| format!("postgresql.conf: {e}"))?;
        f.write_all(conf.as_bytes())
            .map_err(|e| format!("postgresql.conf: {e}"))?;
    }
    let pg_ctl = bin.join("pg_ctl");
    let mut startc = as_pg(root, &pg_ctl);
    startc
        .arg("-D")
        .arg(&data)
        .arg("-l")
        .arg(dir.join("log"))
        .args(["-w", "-t", "60", "start"])
        .stdin(Stdio::null());
    // pg_ctl leaves the server holding what it was given as stdout and
    // stderr: send them to the log, not to the test's pipes.
    let out = startc
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("pg_ctl start: {e}"))?;
    if !out.success() {
        let log = std::fs::read_to_string(dir.join("log")).unwrap_or_default();
        return Err(format!("pg_ctl start failed: {log}"));
    }
    watchdog(root, &pg_ctl, &data, dir);
    let base = format!("host={} user=postgres", dir.display());
    wait_ready(&base)?;
    Ok(Server {
        base: format!("{base} dbname=postgres"),
        dir: Some(dir.to_path_buf()),
    })
}

/// A shell that outlives nothing: it waits for this process to end, then
/// stops the cluster and removes its directory.
fn watchdog(root: bool, pg_ctl: &Path, data: &Path, dir: &Path) {
    let stop = if root {
        format!(
            "'{}' -u postgres -- '{}' -D '{}' -m immediate stop",
            runuser(),
            pg_ctl.display(),
            data.display()
        )
    } else {
        format!(
            "'{}' -D '{}' -m immediate stop",
            pg_ctl.display(),
            data.display()
        )
    };
    let script = format!(
        "PATH=/usr/sbin:/usr/bin:/sbin:/bin:$PATH; while kill -0 {pid} 2>/dev/null; do sleep 0.2; done; {stop} >/dev/null 2>&1; rm -rf '{dir}'",
        pid = std::process::id(),
        dir = dir.display()
    );
    let _ = Command::new("/bin/sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

fn wait_ready(base: &str) -> Result<(), String> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + Duration::from_secs(30);
    rt.block_on(async {
        loop {
            match tokio_postgres::connect(&format!("{base} dbname=postgres"), tokio_postgres::NoTls)
                .await
            {
                Ok(_) => return Ok(()),
                Err(e) if Instant::now() > deadline => {
                    return Err(format!("server not ready: {e}"));
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    })
}

/// A pool of `size` connections on `url`.
pub fn pool(url: &str, size: usize) -> deadpool_postgres::Pool {
    let config: tokio_postgres::Config = url.parse().expect("connection string");
    let manager = deadpool_postgres::Manager::new(config, tokio_postgres::NoTls);
    deadpool_postgres::Pool::builder(manager)
        .max_size(size)
        .runtime(deadpool_postgres::Runtime::Tokio1)
        .build()
        .expect("pool")
}
