//! Any bytes as a backup, restored into an empty SQLite database: a
//! restore, or an error (naming the line when the file is at fault) that
//! leaves the database empty; never a panic.
#![no_main]

use std::sync::{Mutex, OnceLock};

use citynets_registry::store::{Counts, SqlStore, Store, StoreError};
use libfuzzer_sys::fuzz_target;

struct Harness {
    rt: tokio::runtime::Runtime,
    /// An in-memory database (one connection; ten times the executions of
    /// a file), replaced after a restore that wrote rows or a database
    /// error, so that every input meets an empty, sound database.
    store: Mutex<Option<SqlStore>>,
}

fn harness() -> &'static Harness {
    static H: OnceLock<Harness> = OnceLock::new();
    H.get_or_init(|| Harness {
        rt: tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime"),
        store: Mutex::new(None),
    })
}

fuzz_target!(|data: &[u8]| {
    let h = harness();
    h.rt.block_on(async {
        let mut slot = h.store.lock().unwrap();
        if slot.is_none() {
            *slot = Some(SqlStore::open("sqlite::memory:").await.expect("open the database"));
        }
        let store = slot.as_ref().unwrap();
        let mut input = std::io::Cursor::new(data);
        let replace = match store.restore(&mut input, &|_, _| {}).await {
            Ok(report) => report.rows.iter().any(|(_, n)| *n > 0),
            Err(e) => {
                let database = match &e {
                    StoreError::Backup { line, .. } => {
                        assert!(*line >= 1, "{e}");
                        false
                    }
                    StoreError::NotEmpty(_) => panic!("restoring into a database a failed restore left rows in: {e}"),
                    StoreError::Database(_) | StoreError::Corrupt(_) => true,
                    other => panic!("unexpected error: {other}"),
                };
                assert_eq!(store.counts().await.expect("counts"), Counts::default(), "a failed restore left rows ({e})");
                database
            }
        };
        if replace {
            store.close().await;
            *slot = None;
        }
    });
});
