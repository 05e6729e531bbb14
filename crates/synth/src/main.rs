//! `citynets-synth`: writes a synthetic world into SQLite and PostgreSQL side
//! by side and measures the import rate and the latency of the reads the
//! web application makes.
//!
//! ```sh
//! cargo run --release -p citynets-synth -- --scale 0.01 --sqlite /tmp/synth.db \
//!     --postgres postgres://postgres@127.0.0.1:5432/postgres --search
//! ```
//!
//! The SQLite file is replaced; on PostgreSQL a fresh database is created
//! next to the one the URL names, and dropped at the end unless `--keep`.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use citynets_gazetteer::Gazetteer;
use citynets_registry::search::{SearchIndex, SearchQuery};
use citynets_registry::store::{scratch::ScratchPostgres, FactQuery, SqlStore, Store};
use citynets_registry::queries::MembersQuery;
use citynets_registry::Registry;
use citynets_synth::rng::Mix;
use citynets_synth::World;
use clap::Parser;

#[derive(Parser, Debug)]
#[command(name = "citynets-synth", about = "Synthetic world and scale benchmarks for citynets")]
struct Args {
    /// The world's size: 1 is 100,000 cities, 1,000 networks, 5,000,000 facts.
    #[arg(long, default_value_t = 0.01)]
    scale: f64,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A SQLite file to write the world into (replaced if it exists).
    #[arg(long)]
    sqlite: Option<PathBuf>,
    /// A PostgreSQL server URL: the world goes into a fresh database there.
    #[arg(long)]
    postgres: Option<String>,
    /// Facts per write (one transaction each).
    #[arg(long, default_value_t = 250_000)]
    batch: usize,
    /// Random samples per read.
    #[arg(long, default_value_t = 1_000)]
    samples: usize,
    /// Also build the search index and time searches.
    #[arg(long)]
    search: bool,
    /// Keep the PostgreSQL database (its URL is printed).
    #[arg(long)]
    keep: bool,
    /// Only generate and write: no reads.
    #[arg(long)]
    no_reads: bool,
    /// Reuse the SQLite file when it already holds the world: reads only
    /// (the file is read through once first, into the OS cache).
    #[arg(long)]
    reuse: bool,
    /// Load the SQLite file as a server would, through the WAL (by default
    /// as `citynets import` does: out of WAL mode for a large load, see
    /// `SqlStore::open_for_loading`).
    #[arg(long)]
    wal: bool,
}

/// Latencies of one read, in milliseconds.
struct Stats {
    name: &'static str,
    ms: Vec<f64>,
    rows: usize,
}

impl Stats {
    fn pct(&self, p: f64) -> f64 {
        let mut v = self.ms.clone();
        v.sort_by(f64::total_cmp);
        v[((v.len() as f64 - 1.0) * p).round() as usize]
    }
}

async fn time<T>(f: impl std::future::Future<Output = T>) -> (T, f64) {
    let t = Instant::now();
    let v = f.await;
    (v, t.elapsed().as_secs_f64() * 1e3)
}

fn rate(n: usize, d: Duration) -> String {
    format!("{:.0}", n as f64 / d.as_secs_f64())
}

async fn run(args: &Args, world: &World, backend: &str, store: SqlStore, out: &mut Vec<String>) -> anyhow::Result<()> {
    let shape = world.shape();
    if args.reuse && store.counts().await?.cities as usize == shape.cities {
        eprintln!("{backend}: reusing the world already there");
        return reads(args, world, backend, store, out).await;
    }
    eprintln!("{backend}: writing {} cities, {} networks, {} documents", shape.cities, shape.networks, shape.documents);
    let t = Instant::now();
    store.write(&world.entities()).await?;
    let entities = t.elapsed();
    let t = Instant::now();
    let mut written = 0;
    let (mut added, mut corroborated, mut enriched, mut unchanged) = (0, 0, 0, 0);
    // The writes alone, without making the world's facts (what parsing a
    // file is to `citynets import`).
    let mut writing = Duration::ZERO;
    for batch in world.batches(args.batch) {
        let w = Instant::now();
        let r = store.write(&batch).await?;
        writing += w.elapsed();
        written += batch.facts.len();
        added += r.added;
        corroborated += r.corroborated;
        enriched += r.enriched;
        unchanged += r.unchanged;
        eprintln!("{backend}: {written}/{} facts, {}/s", shape.inputs(), rate(written, t.elapsed()));
    }
    let facts = t.elapsed();
    out.push(format!(
        "| import | {} | {backend} | {} facts in {:.1} s | **{} facts/s** | the writes alone {:.1} s, {} facts/s; entities {:.1} s; added {added}, corroborated {corroborated}, enriched {enriched}, unchanged {unchanged} |",
        args.scale,
        written,
        facts.as_secs_f64(),
        rate(written, facts),
        writing.as_secs_f64(),
        rate(written, writing),
        entities.as_secs_f64()
    ));
    if args.no_reads {
        return Ok(());
    }
    reads(args, world, backend, store, out).await
}

async fn reads(args: &Args, world: &World, backend: &str, store: SqlStore, out: &mut Vec<String>) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = Arc::new(store);
    let registry = Registry::new(store.clone(), Gazetteer::bundled());
    let networks = store.networks().await?;
    let cities = world.cities();
    let m = Mix::new(args.seed, 99);
    let mut stats = Vec::new();

    // The API's answer (its first page, of 100 members), and every member.
    for (name, page) in [("members of a network as of a year, a page of 100", Some((100, 0))), ("members of a network as of a year, all", None)] {
        let mut s = Stats { name, ms: Vec::new(), rows: 0 };
        for i in 0..args.samples as u64 {
            let net = &networks[(m.at(i) % networks.len() as u64) as usize];
            let year = citynets_model::PartialDate::year(1960 + (m.at(i + 1_000_000) % 65) as i32)?;
            let q = MembersQuery { as_of: Some(year), page, ..Default::default() };
            let (r, ms) = time(registry.members_page(net, &q)).await;
            s.rows += r?.members.len();
            s.ms.push(ms);
        }
        stats.push(s);
    }

    let mut s = Stats { name: "members from one country, as of a year", ms: Vec::new(), rows: 0 };
    for i in 0..args.samples as u64 {
        let net = &networks[(m.at(i + 2_000_000) % networks.len() as u64) as usize];
        let year = citynets_model::PartialDate::year(1960 + (m.at(i + 3_000_000) % 65) as i32)?;
        let country = &cities[(m.at(i + 4_000_000) % cities.len() as u64) as usize].country;
        let (r, ms) = time(registry.members(net, Some(year), None, Some(country))).await;
        s.rows += r?.len();
        s.ms.push(ms);
    }
    stats.push(s);

    let mut s = Stats { name: "a city's timeline", ms: Vec::new(), rows: 0 };
    for i in 0..args.samples as u64 {
        let city = &cities[(m.at(i + 5_000_000) % cities.len() as u64) as usize];
        let (r, ms) = time(registry.timeline(city)).await;
        s.rows += r?.len();
        s.ms.push(ms);
    }
    stats.push(s);

    let mut s = Stats { name: "a fact's history", ms: Vec::new(), rows: 0 };
    let newest = store.facts(&FactQuery { newest_first: true, limit: Some(1), ..Default::default() }).await?;
    let max_id = newest.first().map_or(1, |f| f.id);
    for i in 0..args.samples as u64 {
        let id = 1 + (m.at(i + 6_000_000) % max_id as u64) as i64;
        let (r, ms) = time(store.history(id)).await;
        s.rows += r?.len();
        s.ms.push(ms);
    }
    stats.push(s);

    // The store keeps the last counts until the next write: each sample
    // asks for another year than the one before, so that each one counts.
    let mut s = Stats { name: "member counts of every network as of a year", ms: Vec::new(), rows: 0 };
    let mut last = None;
    for i in 0..(args.samples / 10).max(5) as u64 {
        let mut year = (m.at(i + 7_000_000) % 65) as i32;
        if last == Some(year) {
            year = (year + 1) % 65;
        }
        last = Some(year);
        let (r, ms) = time(store.member_counts(citynets_model::PartialDate::year(1960 + year)?)).await;
        s.rows += r?.len();
        s.ms.push(ms);
    }
    stats.push(s);
    let mut s = Stats { name: "member counts of every network as of a year, asked again", ms: Vec::new(), rows: 0 };
    let year = citynets_model::PartialDate::year(2020)?;
    store.member_counts(year).await?;
    for _ in 0..args.samples {
        let (r, ms) = time(store.member_counts(year)).await;
        s.rows += r?.len();
        s.ms.push(ms);
    }
    stats.push(s);

    if args.search {
        let index = SearchIndex::new()?;
        let t = Instant::now();
        let entries = index.rebuild(store.as_ref()).await?;
        let build = t.elapsed();
        out.push(format!(
            "| search index build | {} | {backend} | {entries} entries | {:.1} s | |",
            args.scale,
            build.as_secs_f64()
        ));
        // One third each: a city's name, its first four letters, the name
        // with its fourth letter wrong; reported together and by shape.
        let mut all = Stats { name: "search (a city's name, a prefix, a typo)", ms: Vec::new(), rows: 0 };
        let mut shapes = ["search: a city's name", "search: a prefix (4 letters)", "search: a typo"]
            .map(|name| Stats { name, ms: Vec::new(), rows: 0 });
        for i in 0..args.samples as u64 {
            let name = &cities[(m.at(i + 8_000_000) % cities.len() as u64) as usize].name;
            let text = match i % 3 {
                0 => name.clone(),
                1 => name[..4].to_string(),
                _ => format!("{}x{}", &name[..3], &name[4..]),
            };
            let q = SearchQuery { text, ..Default::default() };
            let t = Instant::now();
            let r = index.search(&q)?;
            let ms = t.elapsed().as_secs_f64() * 1e3;
            for s in [&mut all, &mut shapes[(i % 3) as usize]] {
                s.ms.push(ms);
                s.rows += r.hits.len();
            }
        }
        stats.push(all);
        stats.extend(shapes);
    }
    for s in &stats {
        out.push(format!(
            "| {} | {} | {backend} | p50 {:.2} ms | **p99 {:.2} ms** | max {:.1} ms, {:.0} rows on average over {} samples |",
            s.name,
            args.scale,
            s.pct(0.5),
            s.pct(0.99),
            s.pct(1.0),
            s.rows as f64 / s.ms.len() as f64,
            s.ms.len()
        ));
    }
    Ok(())
}

/// A load holds millions of small values; glibc's allocator slows down as
/// its heap grows and fragments (see ARCHITECTURE.md, "Allocator").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    // CITYNETS_LOG=citynets_store=debug shows where a bulk write spends its time.
    if let Ok(filter) = std::env::var("CITYNETS_LOG") {
        tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::new(filter)).with_writer(std::io::stderr).init();
    }
    let t = Instant::now();
    let world = World::new(args.seed, args.scale);
    eprintln!("world at scale {}: {:?} ({:.1} s)", args.scale, world.shape(), t.elapsed().as_secs_f64());
    let mut out = vec![
        format!("scale {} (seed {}): {:?}", args.scale, args.seed, world.shape()),
        String::new(),
        "| operation | scale | backend | | | |".into(),
        "|---|---|---|---|---|---|".into(),
    ];
    if let Some(path) = &args.sqlite {
        for ext in if args.reuse { &[][..] } else { &["", "-wal", "-shm"][..] } {
            let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
        }
        if args.reuse && path.exists() {
            // A file from an earlier run may have left the OS cache (a
            // full-size run's own memory pushes it out): read it once, as a
            // server that has been running a while would have it, so that
            // p99 is not the first reads from disk.
            std::io::copy(&mut std::fs::File::open(path)?, &mut std::io::sink())?;
        }
        let path = path.to_str().context("a UTF-8 path")?;
        let store = if args.wal { SqlStore::open(path).await? } else { SqlStore::open_for_loading(path).await? };
        run(&args, &world, "SQLite", store, &mut out).await?;
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        out.push(format!("| database size | {} | SQLite | {:.0} MB | | |", args.scale, size as f64 / 1e6));
    }
    if let Some(url) = &args.postgres {
        let db = ScratchPostgres::create(url, "citynets_synth").await?;
        let store = SqlStore::open(&db.url).await?;
        let result = run(&args, &world, "PostgreSQL", store.clone(), &mut out).await;
        if let Ok(rows) = sqlx_size(&store).await {
            out.push(format!("| database size | {} | PostgreSQL | {:.0} MB | | |", args.scale, rows as f64 / 1e6));
        }
        store.close().await;
        if args.keep {
            eprintln!("kept {}", db.url);
        } else {
            db.drop().await?;
        }
        result?;
    }
    for l in &out {
        println!("{l}");
    }
    Ok(())
}

/// The PostgreSQL database's size in bytes.
async fn sqlx_size(store: &SqlStore) -> anyhow::Result<i64> {
    Ok(store.database_size().await?)
}
