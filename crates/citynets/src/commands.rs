//! What each command does.

use std::io::{BufRead, Read, Write};
use std::path::Path;

use anyhow::Context;
use citynets_model::{AccountRole, Fact, Status};
use citynets_registry::exchange::{self, Format, ImportOptions};
use citynets_registry::store::{BackupHeader, FactQuery};
use citynets_registry::ingest::IngestInput;
use citynets_registry::{bundled, queries::parse_date, Registry, RegistryError};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{
    Cli, Command, Db, Decide, ExportArgs, FileFormat, ImportArgs, IngestArgs, OutputFormat, Query, Review, ServeArgs,
    StatusArg, UserCommand,
};
use crate::output::{date, describe, json, seat_note, sources, Table};

/// Input the user gave that cannot be used (exit code 3).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct InputError(pub String);

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve(args) => serve(args).await,
        Command::Import(args) => import(args, cli.verbose).await,
        Command::Export(args) => export(args).await,
        Command::Query(q) => query(q).await,
        Command::Ingest(args) => ingest(args).await,
        Command::Review(r) => review(r).await,
        Command::Extract(args) => extract(&args.files),
        Command::User(u) => user(u).await,
    }
}

fn progress_bar(message: &'static str) -> ProgressBar {
    let pb = ProgressBar::new(0).with_message(message);
    pb.set_style(
        ProgressStyle::with_template("{msg:24} [{bar:40}] {pos}/{len} ({eta})")
            .expect("a valid template")
            .progress_chars("=> "),
    );
    pb
}

/// Opens the registry, loading the bundled data on first use.
async fn open(db: &Db) -> anyhow::Result<Registry> {
    let registry = Registry::open(&db.database).await.with_context(|| format!("opening {}", db.database))?;
    with_bundled(db, registry).await
}

/// [`open`] for a command that loads data and serves nobody: large loads
/// may leave SQLite's WAL for their transaction (see
/// `SqlStore::open_for_loading`).
async fn open_for_loading(db: &Db) -> anyhow::Result<Registry> {
    let registry = Registry::open_for_loading(&db.database).await.with_context(|| format!("opening {}", db.database))?;
    with_bundled(db, registry).await
}

/// Loads the bundled data into `registry` when it has none yet.
async fn with_bundled(db: &Db, registry: Registry) -> anyhow::Result<Registry> {
    let pb = progress_bar("loading bundled data");
    let report = registry
        .ensure_bundled(&|done, total| {
            pb.set_length(total);
            pb.set_position(done);
        })
        .await?;
    pb.finish_and_clear();
    if let Some(r) = report {
        tracing::info!(
            added = r.written.added,
            merged = r.written.corroborated + r.written.enriched,
            skipped = r.skipped.len(),
            "bundled data loaded into {}",
            db.database
        );
        for s in r.skipped.iter().take(20) {
            tracing::debug!("not reconciled: {s}");
        }
    }
    Ok(registry)
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    // A first start's load runs on a thread of its own with a registry of
    // its own, both gone before the server starts: what the load held
    // (hundreds of MB at its peak) goes back to the system with them
    // instead of staying resident in the server.
    let db = args.db.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(open(&db)).map(drop)
    })
    .join()
    .map_err(|_| anyhow::anyhow!("loading the bundled data panicked"))??;
    let registry = open(&args.db).await?;
    if registry.users().await?.is_empty() {
        tracing::warn!("no accounts yet: the registry can be read, but every write is refused; add one with `citynets user add NAME --admin`");
    }
    let listener = tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("listening on {}", args.listen))?;
    tracing::info!("citynets on http://{} (database {}), building the search index", listener.local_addr()?, args.db.database);
    tokio::spawn(give_back_memory());
    let limits = args.limits();
    let trusted_proxies = args.trusted_proxies;
    let config = citynets_web::Config { public_url: args.public_url, trusted_proxies, limits };
    citynets_web::serve_with(registry, listener, config).await.context("serving")
}

/// How often a server returns to the system the memory its allocator
/// holds free.
const GIVE_BACK_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

/// Returns freed memory to the system now and then: mimalloc keeps what a
/// thread freed until that thread allocates again, so an idle server would
/// otherwise keep the peak of its start (the search index's build)
/// resident.
async fn give_back_memory() {
    let mut every = tokio::time::interval(GIVE_BACK_EVERY);
    loop {
        every.tick().await;
        // SAFETY: `mi_collect` takes no pointers; mimalloc allows it from
        // any thread at any time.
        unsafe { libmimalloc_sys::mi_collect(true) };
    }
}

fn status(s: Option<StatusArg>) -> Option<Status> {
    s.map(|s| match s {
        StatusArg::Proposed => Status::Proposed,
        StatusArg::Accepted => Status::Accepted,
        StatusArg::Rejected => Status::Rejected,
    })
}

/// A file (or `-`, standard input) and its first line, read ahead so that a
/// backup is recognised before the database is opened.
struct Input {
    name: String,
    first: Vec<u8>,
    rest: Box<dyn std::io::BufRead + Send>,
}

impl Input {
    fn open(path: &Path) -> anyhow::Result<Input> {
        let name = path.display().to_string();
        let reader: Box<dyn Read + Send> = if path == Path::new("-") {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| InputError(format!("{name}: cannot read: {e}")))?)
        };
        let mut rest: Box<dyn std::io::BufRead + Send> = Box::new(std::io::BufReader::with_capacity(1 << 20, reader));
        let mut first = Vec::new();
        rest.read_until(b'\n', &mut first).map_err(|e| InputError(format!("{name}: cannot read: {e}")))?;
        Ok(Input { name, first, rest })
    }

    fn is_backup(&self) -> bool {
        std::str::from_utf8(&self.first).is_ok_and(BackupHeader::sniff)
    }

    /// The whole text (for an import of facts).
    fn text(mut self) -> anyhow::Result<String> {
        let mut bytes = self.first;
        self.rest.read_to_end(&mut bytes).map_err(|e| InputError(format!("{}: cannot read: {e}", self.name)))?;
        String::from_utf8(bytes).map_err(|e| {
            InputError(format!("{}: not UTF-8 text (bad byte at offset {})", self.name, e.utf8_error().valid_up_to())).into()
        })
    }
}

/// Restores a backup into an empty database (exit code 3 when it is not).
async fn restore(db: &Db, input: Input) -> anyhow::Result<()> {
    let registry = Registry::open_for_loading(&db.database).await.with_context(|| format!("opening {}", db.database))?;
    let Input { name, first, rest } = input;
    let mut reader = std::io::Cursor::new(first).chain(rest);
    let pb = progress_bar("restoring");
    let report = registry
        .store()
        .restore(&mut reader, &|done, total| {
            pb.set_length(total);
            pb.set_position(done);
        })
        .await
        .map_err(citynets_registry::RegistryError::from)
        .with_context(|| name.clone())?;
    pb.finish_and_clear();
    let rows: Vec<String> = report.rows.iter().map(|(t, n)| format!("{n} {t}")).collect();
    eprintln!("{name}: restored into {}: {}", db.database, rows.join(", "));
    Ok(())
}

async fn import(args: ImportArgs, verbose: bool) -> anyhow::Result<()> {
    let mut inputs = args.files.iter().map(|p| Input::open(p)).collect::<anyhow::Result<Vec<_>>>()?;
    if args.all || (inputs.len() == 1 && inputs[0].is_backup()) {
        let [input] = <[Input; 1]>::try_from(inputs).map_err(|_| InputError("--all restores one backup at a time".into()))?;
        return restore(&args.db, input).await;
    }
    let registry = open_for_loading(&args.db).await?;
    if args.bundled {
        let pb = progress_bar("loading bundled data");
        let r = bundled::load(&registry, &|d, t| {
            pb.set_length(t);
            pb.set_position(d);
        })
        .await?;
        pb.finish_and_clear();
        let w = &r.written;
        eprintln!(
            "bundled data: {} added, {} corroborated, {} enriched, {} unchanged; {} rows not reconciled, {} cities taken for the largest of their namesakes{}",
            w.added,
            w.corroborated,
            w.enriched,
            w.unchanged,
            r.skipped.len(),
            r.guessed.len(),
            if verbose { ":" } else { " (--verbose lists them)" }
        );
        if verbose {
            for (cause, rows) in r.skipped_by_cause() {
                eprintln!("{} ({}):", cause.describe(), rows.len());
                for s in rows {
                    eprintln!("  {s}");
                }
            }
            if !r.guessed.is_empty() {
                eprintln!("resolved by population, a guess noted on the fact's source ({}):", r.guessed.len());
                for g in &r.guessed {
                    eprintln!("  {g}");
                }
            }
        }
    }
    let opts = ImportOptions { status: status(args.status), comment: args.comment.clone() };
    for (path, input) in args.files.iter().zip(inputs.drain(..)) {
        let name = path.display().to_string();
        let format = match args.format {
            Some(FileFormat::Csv) => Format::Csv,
            Some(FileFormat::Jsonl) => Format::Jsonl,
            None if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => Format::Csv,
            None => Format::Jsonl,
        };
        let text = input.text()?;
        let pb = progress_bar("importing");
        let imported = exchange::import(&registry, &name, &text, format, &opts, &|d, t| {
            pb.set_length(t);
            pb.set_position(d);
        })
        .await?;
        pb.finish_and_clear();
        let w = &imported.written;
        eprint!("{name}: {} added, {} corroborated, {} enriched, {} unchanged", w.added, w.corroborated, w.enriched, w.unchanged);
        match imported.guessed.len() {
            0 => eprintln!(),
            n if verbose => {
                eprintln!("; {n} cities taken for the largest of their namesakes, a guess noted on the fact's source:");
                for g in &imported.guessed {
                    eprintln!("  {g}");
                }
            }
            n => eprintln!("; {n} cities taken for the largest of their namesakes (--verbose lists them)"),
        }
    }
    Ok(())
}

async fn export(args: ExportArgs) -> anyhow::Result<()> {
    let Some(path) = &args.output else {
        let mut out = std::io::BufWriter::new(std::io::stdout());
        export_to(&args, &mut out).await?;
        return Ok(out.flush()?);
    };
    let mut file = private_file(path).with_context(|| format!("creating {}", path.display()))?;
    let mut out = std::io::BufWriter::new(file.as_file_mut());
    export_to(&args, &mut out).await?;
    let writing = || format!("writing {}", path.display());
    out.into_inner().map_err(|e| e.into_error()).and_then(|f| f.sync_all()).with_context(writing)?;
    file.persist(path).with_context(writing)?;
    Ok(())
}

/// The export or backup `args` ask for, written to `out` (flushed by the
/// caller).
async fn export_to(args: &ExportArgs, out: &mut (dyn Write + Send)) -> anyhow::Result<()> {
    if args.all {
        // A backup reads the database as it is: no bundled data is loaded.
        let registry = Registry::open(&args.db.database).await.with_context(|| format!("opening {}", args.db.database))?;
        let header = registry.store().backup(out).await.map_err(citynets_registry::RegistryError::from)?;
        let rows: Vec<String> = header.tables.iter().map(|t| format!("{} {}", t.rows, t.name)).collect();
        eprintln!("backup of {} (schema {}): {}", args.db.database, header.schema, rows.join(", "));
        return Ok(());
    }
    let registry = open(&args.db).await?;
    let format = match args.format {
        FileFormat::Jsonl => Format::Jsonl,
        FileFormat::Csv => Format::Csv,
    };
    let q = FactQuery { status: status(args.status), ..Default::default() };
    let n = exchange::export(&registry, &q, format, out).await?;
    tracing::info!("{n} facts exported");
    Ok(())
}

/// A new temporary file beside `path` that only its owner may read and
/// write (a backup holds password hashes and token digests, and an export
/// is the owner's to share), to be renamed over `path` once written whole
/// ([`tempfile::NamedTempFile::persist`]): whoever holds the file that was
/// there keeps reading its old content, and a failed write leaves it as it
/// was (the temporary file is removed when dropped).
fn private_file(path: &std::path::Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => std::path::Path::new("."),
    };
    // tempfile makes the file with mode 0600 on Unix.
    tempfile::Builder::new().prefix(".citynets-export-").tempfile_in(dir)
}

fn as_of(v: &Option<String>) -> anyhow::Result<Option<citynets_model::PartialDate>> {
    Ok(v.as_deref().map(|v| parse_date("as_of", v)).transpose()?)
}

async fn query(q: Query) -> anyhow::Result<()> {
    match q {
        Query::Members { network, as_of: at, field, country, opts } => {
            let r = open(&opts.db).await?;
            let net = r.network_param(&network).await?;
            let body = field.as_deref().map(|f| r.body_param(&net, f, "field")).transpose()?;
            let country = country.as_deref().map(|c| r.country_param(c)).transpose()?;
            let members = r.members(&net, as_of(&at)?, body.as_ref(), country.as_deref()).await?;
            if opts.output == OutputFormat::Json {
                return json(&members);
            }
            let mut t = Table::new(&["city", "country", "field or membership", "since", "sources"]);
            for m in &members {
                for f in &m.facts {
                    let (what, since) = match &f.fact {
                        Fact::Designation { field, year, .. } => (field.map(|f| f.to_string()).unwrap_or_else(|| "(field not stated)".into()), *year),
                        Fact::Membership { since, .. } => ("member".into(), *since),
                        other => (describe(other, None), None),
                    };
                    t.row(vec![m.city.name.clone(), m.city.country.clone(), what, date(since), sources(f)]);
                }
            }
            t.print();
            eprintln!("{} members of {}", members.len(), net.name);
        }
        Query::Gaps { network, country, as_of: at, opts } => {
            let r = open(&opts.db).await?;
            let net = r.network_param(&network).await?;
            let cc = r.country_param(&country)?;
            let gaps = r.gaps(&net, &cc, as_of(&at)?).await?;
            if opts.output == OutputFormat::Json {
                return json(&gaps);
            }
            let mut t = Table::new(&["body or field", "kind"]);
            for g in &gaps {
                t.row(vec![g.body.name.clone(), format!("{:?}", g.body.kind).to_lowercase()]);
            }
            t.print();
        }
        Query::Roles { organ, holder, as_of: at, opts } => {
            let r = open(&opts.db).await?;
            let organ = match organ {
                Some(o) => Some(r.organ_param(&o).await?),
                None => None,
            };
            let terms = r.roles(organ.as_ref().map(|(n, b)| (n, b.as_ref())), holder.as_deref(), as_of(&at)?).await?;
            if opts.output == OutputFormat::Json {
                return json(&terms);
            }
            let mut t = Table::new(&["holder", "role", "organ", "from", "to", "seat", "sources"]);
            for term in &terms {
                let f = &term.record;
                if let Fact::Role { holder, role, organ, from, to } = &f.fact {
                    t.row(vec![holder.clone(), role.to_string(), organ.clone(), date(*from), date(*to), seat_note(term), sources(f)]);
                }
            }
            t.print();
        }
        Query::Conflicts { network, opts } => {
            let r = open(&opts.db).await?;
            let network = match network {
                Some(n) => Some(r.network_param(&n).await?),
                None => None,
            };
            let conflicts = r.conflicts(network.as_ref()).await?;
            if opts.output == OutputFormat::Json {
                return json(&conflicts);
            }
            let mut t = Table::new(&["role", "organ", "holders", "facts", "both held"]);
            for c in &conflicts {
                let holders: Vec<String> = c.facts.iter().map(|f| match &f.fact {
                    Fact::Role { holder, .. } => holder.clone(),
                    _ => String::new(),
                }).collect();
                let both = format!("{} – {}", c.from, date(c.until));
                t.row(vec![c.role.to_string(), c.organ.clone(), holders.join(" / "), format!("{} / {}", c.facts[0].id, c.facts[1].id), both]);
            }
            t.print();
        }
        Query::Events { network, host, year, opts } => {
            let r = open(&opts.db).await?;
            let net = match network {
                Some(n) => Some(r.network_param(&n).await?),
                None => None,
            };
            let host = match host {
                Some(h) => Some(r.city_param(&h, "host").await?),
                None => None,
            };
            let facts = r.events(net.as_ref(), host.as_ref(), year).await?;
            if opts.output == OutputFormat::Json {
                return json(&facts);
            }
            let mut t = Table::new(&["start", "end", "host", "event", "network", "sources"]);
            for f in &facts {
                if let Fact::Event { network, event, host, start, end, .. } = &f.fact {
                    t.row(vec![date(*start), date(*end), host.clone().unwrap_or_else(|| "(online)".into()), event.clone(), network.clone(), sources(f)]);
                }
            }
            t.print();
        }
        Query::Twinnings { city, opts } => {
            let r = open(&opts.db).await?;
            let c = r.city_param(&city, "city").await?;
            let facts = r.twinnings(Some(&c), None).await?;
            if opts.output == OutputFormat::Json {
                return json(&facts);
            }
            let mut t = Table::new(&["city", "twinned with", "since", "sources"]);
            for f in &facts {
                if let Fact::Twinning { since, .. } = &f.fact {
                    t.row(vec![c.name.clone(), describe(&f.fact, Some(&c.name)).trim_start_matches("twinned with ").to_string(), date(*since), sources(f)]);
                }
            }
            t.print();
        }
        Query::City { name, opts } => {
            let r = open(&opts.db).await?;
            let c = r.city_param(&name, "name").await?;
            let timeline = r.timeline(&c).await?;
            if opts.output == OutputFormat::Json {
                return json(&serde_json::json!({ "city": c, "timeline": timeline }));
            }
            println!("{} ({}), key {}", c.name, c.country, c.key);
            let mut t = Table::new(&["from", "to", "fact", "sources"]);
            for f in &timeline {
                let vt = f.fact.valid_time();
                t.row(vec![date(vt.start), date(vt.end), describe(&f.fact, Some(&c.name)), sources(f)]);
            }
            t.print();
        }
    }
    Ok(())
}

async fn ingest(args: IngestArgs) -> anyhow::Result<()> {
    let registry = open(&args.db).await?;
    let pb = progress_bar("ingesting");
    pb.set_length(args.files.len() as u64);
    for path in &args.files {
        let bytes = std::fs::read(path).map_err(|e| InputError(format!("{}: cannot read: {e}", path.display())))?;
        let key = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let input = IngestInput { key, title: args.title.clone(), url: args.url.clone(), bytes, ..Default::default() };
        let r = registry.ingest(input).await.with_context(|| path.display().to_string())?;
        pb.inc(1);
        pb.suspend(|| {
            if r.already_known {
                eprintln!("{}: already in the registry as {}: nothing changed", path.display(), r.document);
            } else {
                eprintln!("{}: document {}, {} facts proposed", path.display(), r.document, r.facts.len());
            }
            for u in &r.unresolved {
                eprintln!("  not proposed ({u})");
            }
        });
    }
    pb.finish_and_clear();
    Ok(())
}

async fn review(r: Review) -> anyhow::Result<()> {
    match r {
        Review::List { document, opts } => {
            let registry = open(&opts.db).await?;
            let mut facts = registry.proposals(document.as_deref(), None).await?;
            let confidence = |f: &citynets_model::FactRecord| f.sources.iter().filter_map(|s| s.confidence).fold(0.0f32, f32::max);
            facts.sort_by(|a, b| confidence(b).total_cmp(&confidence(a)).then(a.id.cmp(&b.id)));
            if opts.output == OutputFormat::Json {
                return json(&facts);
            }
            let mut t = Table::new(&["id", "fact", "from", "to", "document", "confidence", "why", "quote"]);
            for f in &facts {
                let vt = f.fact.valid_time();
                let first = f.sources.first();
                let quote: String = first.and_then(|s| s.quote.clone()).unwrap_or_default().chars().take(70).collect();
                let sure = first.and_then(|s| s.confidence).map(|c| format!("{c:.2}")).unwrap_or_default();
                let why = first.and_then(|s| s.cue.clone()).unwrap_or_default();
                t.row(vec![f.id.to_string(), describe(&f.fact, None), date(vt.start), date(vt.end), sources(f), sure, why, quote]);
            }
            t.print();
        }
        Review::Accept(d) => decide(d, true).await?,
        Review::Reject(d) => decide(d, false).await?,
    }
    Ok(())
}

async fn decide(d: Decide, accept: bool) -> anyhow::Result<()> {
    let registry = open(&d.db).await?;
    let ids = match (&d.document, d.min_confidence) {
        (Some(doc), Some(floor)) if accept => registry.accept_document_above(doc, floor, d.comment.as_deref()).await?,
        (Some(_), Some(_)) => return Err(RegistryError::input("arguments", "--min-confidence", "only when accepting").into()),
        (Some(doc), None) => registry.decide_document(doc, accept, d.comment.as_deref()).await?,
        (None, _) => registry.decide(&d.ids, accept, d.comment.as_deref()).await?,
    };
    eprintln!("{} facts {}", ids.len(), if accept { "accepted" } else { "rejected" });
    println!("{}", ids.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(" "));
    Ok(())
}

/// Prints one JSON line per file; a file that cannot be read is reported
/// and the others are still read (exit code 3 at the end).
fn extract(files: &[std::path::PathBuf]) -> anyhow::Result<()> {
    let extractor = citynets_extract::Extractor::new(citynets_gazetteer::Gazetteer::bundled());
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for path in files {
        let doc_id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let result = std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| extractor.extract(&doc_id, &bytes, citynets_extract::Format::Auto).map_err(|e| e.to_string()));
        match result {
            Ok(x) => writeln!(out, "{}", x.to_json_line())?,
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                failed += 1;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        return Err(InputError(format!("{failed} of {} files could not be read", files.len())).into());
    }
    Ok(())
}

async fn user(u: UserCommand) -> anyhow::Result<()> {
    match u {
        UserCommand::Add { name, admin, role, scope, db } => {
            let role: AccountRole = if admin {
                AccountRole::Admin
            } else {
                let bad = |e: citynets_model::UnknownTerm| InputError(format!("--role: {e}"));
                role.parse().map_err(bad)?
            };
            let password = read_password(&name)?;
            let registry = open(&db).await?;
            let user = registry.add_user(&name, &password, role, scope.as_deref()).await?;
            eprintln!("added {} ({}{})", user.name, user.role, user.scope.map(|s| format!(" of {s}")).unwrap_or_default());
        }
        UserCommand::List { db } => {
            let registry = open(&db).await?;
            let mut t = Table::new(&["name", "role", "scope"]);
            for u in registry.users().await? {
                t.row(vec![u.name, u.role.to_string(), u.scope.unwrap_or_default()]);
            }
            t.print();
        }
        UserCommand::Token { name, label, days, db } => {
            let registry = open(&db).await?;
            let user = registry.user_named(&name).await?.ok_or_else(|| no_account(&name))?;
            let (token, info) = registry.new_token_lasting(&user, &label, days).await?;
            println!("{token}");
            let expires = info.expires_at.unwrap_or_default();
            eprintln!("token {} of {} expires {expires}", info.id, user.name);
        }
        UserCommand::Tokens { name, opts } => {
            let registry = open(&opts.db).await?;
            let (_, tokens) = registry.tokens(&name).await?;
            if opts.output == OutputFormat::Json {
                return json(&tokens);
            }
            let mut t = Table::new(&["id", "label", "created", "expires"]);
            for k in tokens {
                let expired = k.expired();
                let expires = match k.expires_at {
                    Some(at) if expired => format!("{at} (expired)"),
                    Some(at) => at,
                    None => "never (made before tokens expired)".into(),
                };
                t.row(vec![k.id, k.label, k.created_at, expires]);
            }
            t.print();
        }
        UserCommand::Revoke { name, ids, all, db } => {
            let registry = open(&db).await?;
            let n = registry.revoke_tokens(&name, (!all).then_some(ids.as_slice())).await?;
            eprintln!("revoked {n} token(s) of {}", name.trim());
        }
        UserCommand::Passwd { name, db } => {
            let registry = open(&db).await?;
            // Known before the password is asked for.
            registry.user_named(&name).await?.ok_or_else(|| no_account(&name))?;
            let password = read_password(&name)?;
            registry.set_password(&name, &password).await?;
            eprintln!("new password for {}; its browser sessions ended", name.trim());
        }
        UserCommand::Remove { name, db } => {
            let registry = open(&db).await?;
            let user = registry.remove_user(&name).await?;
            eprintln!("removed {}: its sessions and API tokens no longer open anything", user.name);
        }
    }
    Ok(())
}

fn no_account(name: &str) -> RegistryError {
    RegistryError::NotFound(format!("no account named '{name}'"))
}

/// An account's password: CITYNETS_PASSWORD when set, else one line of
/// standard input.
fn read_password(name: &str) -> anyhow::Result<String> {
    if let Ok(p) = std::env::var("CITYNETS_PASSWORD") {
        return Ok(p);
    }
    eprintln!("password for {name} (one line on standard input):");
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).context("reading the password")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
