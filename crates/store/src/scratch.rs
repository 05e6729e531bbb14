//! Scratch PostgreSQL databases, for tests and benchmarks: a fresh database
//! on a server, dropped when done.
//!
//! Tests read the server's URL from `CITYNETS_TEST_POSTGRES` (e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`) and skip, saying so, when
//! it is unset: see [`test_server`].

use sqlx::Connection;

/// The variable tests read a PostgreSQL server's URL from.
pub const TEST_POSTGRES: &str = "CITYNETS_TEST_POSTGRES";

/// The test server's URL, or `None` after printing why the test skips.
pub fn test_server() -> Option<String> {
    match std::env::var(TEST_POSTGRES) {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            eprintln!("skipped: {TEST_POSTGRES} is not set (e.g. postgres://postgres@127.0.0.1:5432/postgres)");
            None
        }
    }
}

/// A database of its own on a server.
pub struct ScratchPostgres {
    admin: String,
    name: String,
    /// The new database's URL.
    pub url: String,
}

impl ScratchPostgres {
    /// Creates a database named `{prefix}_{pid}_{nanos}` on the server that
    /// `admin` (a URL with a database to connect to) names.
    pub async fn create(admin: &str, prefix: &str) -> Result<ScratchPostgres, sqlx::Error> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
        let prefix: String = prefix.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let name = format!("{prefix}_{}_{nanos}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)).to_lowercase();
        let mut conn = sqlx::PgConnection::connect(admin).await?;
        // The name is made here of ASCII letters, digits and underscores.
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await?;
        conn.close().await?;
        let (base, query) = match admin.split_once('?') {
            Some((b, q)) => (b, format!("?{q}")),
            None => (admin, String::new()),
        };
        let base = base.rsplit_once('/').map(|(b, _)| b).unwrap_or(base);
        Ok(ScratchPostgres { admin: admin.into(), url: format!("{base}/{name}{query}"), name })
    }

    /// Drops the database, closing what is still connected to it.
    pub async fn drop(self) -> Result<(), sqlx::Error> {
        let mut conn = sqlx::PgConnection::connect(&self.admin).await?;
        sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name))).execute(&mut conn).await?;
        conn.close().await
    }
}
