//! The command line: every command, flag and environment variable.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use citynets_web::Limits;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// citynets keeps a temporal, sourced knowledge base of city networks
/// (UNESCO Creative Cities, EUROCITIES, national coordinations, twinnings):
/// who is a member of what since when, who held which role, where networks
/// met — every fact with its valid time and its sources.
///
/// The database is one SQLite file by default (created and loaded with the
/// bundled data on first use), or PostgreSQL when --database is a
/// postgres:// URL.
#[derive(Parser, Debug)]
#[command(name = "citynets", version, propagate_version = true, max_term_width = 100)]
#[command(after_help = "Exit codes: 0 success, 2 usage error, 3 bad input (the message says which file, line or \
parameter), 4 not found, 5 database error, 1 anything else.\n\nStart with: citynets serve, then open http://127.0.0.1:8080")]
pub struct Cli {
    /// Log more (debug level); CITYNETS_LOG=<filter> sets the filter exactly.
    #[arg(short, long, global = true)]
    pub verbose: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Args, Debug, Clone)]
pub struct Db {
    /// The database: a SQLite file path (created if missing) or a postgres:// URL.
    #[arg(long, short = 'd', env = "CITYNETS_DATABASE", default_value = "citynets.db", global = true)]
    pub database: String,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Run the web application and the JSON API.
    ///
    /// On first start the database is created and the bundled data loaded.
    /// The server binds to 127.0.0.1 by default: put it behind a reverse
    /// proxy to publish it (and name it with --trusted-proxy).
    ///
    /// Clients get at most --header-timeout seconds to send a request's
    /// head and --request-timeout seconds until its answer begins; an idle
    /// connection closes after --idle-timeout seconds; at most
    /// --max-connections are served at once.
    ///
    /// Examples:
    ///   citynets serve
    ///   citynets serve --listen 127.0.0.1:3000 --database /var/lib/citynets/registry.db
    ///   CITYNETS_DATABASE=postgres://citynets@db/citynets citynets serve
    #[command(verbatim_doc_comment)]
    Serve(ServeArgs),

    /// Import facts from JSON Lines or CSV files, in one transaction.
    ///
    /// JSON Lines: document objects as `citynets extract` prints them, or
    /// fact objects as `citynets export` prints them. CSV: a header naming
    /// fact-format columns (kind, city, country, network, field, year, since,
    /// until, event, edition, host, start, end, holder, role, organ, from,
    /// to, other, sources). A bad line stops the import with its file, line
    /// and field, and nothing is written. `-` reads standard input.
    ///
    /// Examples:
    ///   citynets import facts.jsonl
    ///   citynets import --status proposed extracted.jsonl
    ///   citynets import --format csv - < memberships.csv
    ///   citynets import --bundled
    ///   citynets import --all backup.jsonl --database new.db
    #[command(verbatim_doc_comment)]
    Import(ImportArgs),

    /// Write all current facts to standard output (JSON Lines by default),
    /// or with --all a backup of the whole registry.
    ///
    /// Examples:
    ///   citynets export > registry.jsonl
    ///   citynets export --format csv --status accepted > facts.csv
    ///   citynets export --all --output backup.jsonl
    /// Moving from SQLite to PostgreSQL:
    ///   citynets export --all -d citynets.db | citynets import --all - -d postgres://user@host/citynets
    #[command(verbatim_doc_comment)]
    Export(ExportArgs),

    /// Answer questions about the registry.
    #[command(subcommand)]
    Query(Query),

    /// Store texts in the registry with the facts they state, proposed for review.
    ///
    /// Each file becomes a document (its plain text kept, so every proposed
    /// fact points at the quote that states it). A text already in the
    /// registry changes nothing. Review the proposals with `citynets review`
    /// or on the web pages.
    ///
    /// Examples:
    ///   citynets ingest article.txt
    ///   citynets ingest --title "Carrara joins the coordination" --url https://example.org/n/1 page.html
    #[command(verbatim_doc_comment)]
    Ingest(IngestArgs),

    /// The review queue: list, accept or reject proposed facts.
    #[command(subcommand)]
    Review(Review),

    /// Read texts and print the facts they state, as JSON Lines.
    ///
    /// One line per file: {"doc_id", "language", "published", "facts"}, as
    /// specified by the fact format. Plain text, Markdown and HTML (by
    /// content). Reads no database.
    ///
    /// Examples:
    ///   citynets extract article.txt press-release.html
    ///   citynets extract docs/*.txt > proposed.jsonl
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),

    /// Accounts: add the first admin, editors and reviewers; passwords,
    /// API tokens and their expiry; remove an account.
    ///
    /// The web application refuses writes without an account: reading is
    /// public, writing needs a login (pages) or an API token (scripts).
    /// Roles: admin (everything), reviewer (accepts, rejects and corrects
    /// proposals), network_editor (the facts of one network, --scope),
    /// city_editor (the facts about one city, --scope). Any account may
    /// propose facts by adding a text.
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Add an account. The password is read from standard input (one line),
    /// or from CITYNETS_PASSWORD when set: at least 12 characters, and not
    /// one of the most common passwords (the list in data/passwords).
    ///
    /// Examples:
    ///   citynets user add ana --admin
    ///   echo 'a long passphrase' | citynets user add marco --role network_editor --scope uccn
    ///   CITYNETS_PASSWORD='…' citynets user add giulia --role city_editor --scope Bologna
    #[command(verbatim_doc_comment)]
    Add {
        name: String,
        /// The first account of a registry is an admin.
        #[arg(long, conflicts_with = "role")]
        admin: bool,
        /// admin, reviewer, network_editor or city_editor.
        #[arg(long, default_value = "reviewer")]
        role: String,
        /// The network (network_editor) or city (city_editor) the role covers.
        #[arg(long)]
        scope: Option<String>,
        #[command(flatten)]
        db: Db,
    },
    /// List the accounts with their roles.
    List {
        #[command(flatten)]
        db: Db,
    },
    /// Print a new API token for an account (shown once; send it as
    /// `Authorization: Bearer TOKEN`). It expires after --days; list an
    /// account's tokens with `user tokens`, end one early with `user revoke`.
    ///
    /// Examples:
    ///   TOKEN=$(citynets user token ana --label import-script)
    ///   citynets user token ana --label nightly-sync --days 365
    #[command(verbatim_doc_comment)]
    Token {
        name: String,
        /// What the token is for (shown by `user tokens`).
        #[arg(long, default_value = "cli")]
        label: String,
        /// How many days the token lasts (1 to 3650).
        #[arg(long, default_value_t = citynets_registry::accounts::TOKEN_DAYS)]
        days: u32,
        #[command(flatten)]
        db: Db,
    },
    /// List an account's API tokens: id, label, when made, when they expire.
    /// The secrets are not kept, so they cannot be shown again.
    ///
    /// Example:
    ///   citynets user tokens ana
    #[command(verbatim_doc_comment)]
    Tokens {
        name: String,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Revoke API tokens of an account, by the ids `user tokens` lists, or
    /// every one with --all. A revoked token is refused from the next
    /// request on.
    ///
    /// Examples:
    ///   citynets user revoke ana 3f2a9c01b7e4
    ///   citynets user revoke ana --all
    #[command(verbatim_doc_comment)]
    Revoke {
        name: String,
        /// Token ids, as `user tokens` lists them.
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        ids: Vec<String>,
        /// Every token of the account.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        db: Db,
    },
    /// Give an account a new password, read as `user add` reads it
    /// (standard input, or CITYNETS_PASSWORD). The account's browser
    /// sessions end; its API tokens stay (see `user revoke`).
    ///
    /// Examples:
    ///   citynets user passwd marco
    ///   CITYNETS_PASSWORD='…' citynets user passwd marco
    #[command(verbatim_doc_comment)]
    Passwd {
        name: String,
        #[command(flatten)]
        db: Db,
    },
    /// Remove an account: its sessions and API tokens stop working at once.
    /// Its name stays on the history of the facts it changed and in the
    /// account log, and is not given to a new account. The only admin is
    /// not removed.
    ///
    /// Example:
    ///   citynets user remove marco
    #[command(verbatim_doc_comment)]
    Remove {
        name: String,
        #[command(flatten)]
        db: Db,
    },
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, short, env = "CITYNETS_LISTEN", default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// The site's address as the public reaches it, such as
    /// https://citynets.example.org (behind a reverse proxy, the proxy's):
    /// the links in exports (GeoJSON, iCalendar) are made from it, never
    /// from a request's Host header. Default: the listen address.
    #[arg(long, env = "CITYNETS_PUBLIC_URL", value_parser = citynets_web::parse_public_url)]
    pub public_url: Option<citynets_web::Url>,
    /// A reverse proxy in front of the server (an address or a network,
    /// such as 10.0.0.5 or 10.0.0.0/24; repeat the flag, or separate them
    /// with commas in the variable): from it, and only from it, the
    /// X-Forwarded-For header tells the client's address, which the login
    /// limits count by. Default: none, every client is its peer's address.
    #[arg(
        long = "trusted-proxy",
        value_name = "ADDR",
        env = "CITYNETS_TRUSTED_PROXIES",
        value_delimiter = ',',
        value_parser = citynets_web::auth::parse_trusted_proxy
    )]
    pub trusted_proxies: Vec<citynets_web::auth::IpNet>,
    /// Seconds a client may take to send a request's head, from its first
    /// byte; a slower one is disconnected.
    #[arg(long, value_name = "SECS", env = "CITYNETS_HEADER_TIMEOUT",
          default_value_t = Limits::DEFAULT.header_timeout.as_secs(), value_parser = seconds())]
    pub header_timeout: u64,
    /// Seconds a connection may stay idle, waiting for a request or sending
    /// nothing of an answer, before it is closed.
    #[arg(long, value_name = "SECS", env = "CITYNETS_IDLE_TIMEOUT",
          default_value_t = Limits::DEFAULT.idle_timeout.as_secs(), value_parser = seconds())]
    pub idle_timeout: u64,
    /// Seconds a request may take before its answer begins; then it is
    /// answered 503 and its work dropped. A streamed export, once begun,
    /// is not cut by it.
    #[arg(long, value_name = "SECS", env = "CITYNETS_REQUEST_TIMEOUT",
          default_value_t = Limits::DEFAULT.request_timeout.as_secs(), value_parser = seconds())]
    pub request_timeout: u64,
    /// How many connections are served at once; more wait to be accepted.
    #[arg(long, value_name = "N", env = "CITYNETS_MAX_CONNECTIONS",
          default_value_t = Limits::DEFAULT.max_connections as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub max_connections: u32,
    #[command(flatten)]
    pub db: Db,
}

impl ServeArgs {
    /// The timeouts and the connection cap the flags set.
    pub fn limits(&self) -> Limits {
        Limits {
            header_timeout: Duration::from_secs(self.header_timeout),
            idle_timeout: Duration::from_secs(self.idle_timeout),
            request_timeout: Duration::from_secs(self.request_timeout),
            max_connections: self.max_connections as usize,
        }
    }
}

/// A timeout's flag: whole seconds, at least one, at most a day.
fn seconds() -> clap::builder::RangedU64ValueParser<u64> {
    clap::value_parser!(u64).range(1..=86_400)
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    Jsonl,
    Csv,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusArg {
    Proposed,
    Accepted,
    Rejected,
}

#[derive(Args, Debug)]
pub struct ImportArgs {
    /// Files to import (`-` for standard input).
    #[arg(required_unless_present = "bundled")]
    pub files: Vec<PathBuf>,
    /// The files' format; by default from the extension (.csv is CSV, else JSON Lines).
    #[arg(long, short)]
    pub format: Option<FileFormat>,
    /// Give every imported fact this status (default: each line's own, else accepted).
    #[arg(long)]
    pub status: Option<StatusArg>,
    /// Why: recorded with every fact version the import creates.
    #[arg(long)]
    pub comment: Option<String>,
    /// Load the bundled data again (a no-op where it is already loaded).
    #[arg(long)]
    pub bundled: bool,
    /// Restore a backup written by `export --all` into an empty database
    /// (a backup is also recognised by its first line).
    #[arg(long, conflicts_with_all = ["bundled", "format", "status", "comment"])]
    pub all: bool,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    #[arg(long, short, default_value = "jsonl")]
    pub format: FileFormat,
    /// Only facts with this status (default: all current facts).
    #[arg(long)]
    pub status: Option<StatusArg>,
    /// Back up the whole registry instead: every table's every row, fact
    /// history included, as JSON Lines under a header.
    #[arg(long, conflicts_with_all = ["format", "status"])]
    pub all: bool,
    /// Write to this file instead of standard output, readable and writable
    /// by its owner only (mode 0600): a backup holds password hashes.
    #[arg(long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub db: Db,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputFormat {
    #[default]
    Table,
    Json,
}

#[derive(Args, Debug)]
pub struct QueryOpts {
    /// How to print the answer.
    #[arg(long, short, default_value = "table", global = true)]
    pub output: OutputFormat,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Subcommand, Debug)]
pub enum Query {
    /// Members of a network as of a date, by field or body and country.
    ///
    /// Which Italian cities are UNESCO Creative Cities, in which field, since when?
    ///   citynets query members --network uccn --country IT
    /// EUROCITIES members as of 2016:
    ///   citynets query members --network eurocities --as-of 2016
    /// Cities of Gastronomy (field names in any language):
    ///   citynets query members --network uccn --field gastronomia
    #[command(verbatim_doc_comment)]
    Members {
        /// The network: key, name or alias (uccn, eurocities, "Rete delle Città Creative UNESCO").
        #[arg(long, short)]
        network: String,
        /// Members as of this date (YYYY, YYYY-MM or YYYY-MM-DD; default today).
        #[arg(long)]
        as_of: Option<String>,
        /// A UCCN field or a body of the network.
        #[arg(long)]
        field: Option<String>,
        /// Only cities of this country (ISO code or name).
        #[arg(long)]
        country: Option<String>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Fields or bodies of a network with no member from a country.
    ///
    /// Which UCCN fields had no Italian member as of 2020?
    ///   citynets query gaps --network uccn --country IT --as-of 2020
    #[command(verbatim_doc_comment)]
    Gaps {
        #[arg(long, short)]
        network: String,
        #[arg(long)]
        country: String,
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Who held which role in an organ, when.
    ///
    /// Who chaired the EUROCITIES Culture Forum in 2014?
    ///   citynets query roles --organ "EUROCITIES Culture Forum" --as-of 2014
    /// Who leads the Italian Coordination of UNESCO Creative Cities, with whom in support?
    ///   citynets query roles --organ "Italian Coordination of UNESCO Creative Cities"
    /// Every role Bologna held:
    ///   citynets query roles --holder Bologna
    /// Who is EUROCITIES' president now? (A term whose end no source states
    /// ends when the next holder's begins: "ended by succession".)
    ///   citynets query roles --organ EUROCITIES --as-of 2026
    #[command(verbatim_doc_comment)]
    Roles {
        /// A network, or a body after its network's name.
        #[arg(long)]
        organ: Option<String>,
        /// A city or a person.
        #[arg(long)]
        holder: Option<String>,
        /// Roles held at this date (default: every term).
        #[arg(long)]
        as_of: Option<String>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Holders of a role one holder holds at a time (a president, a chair,
    /// a secretary general, a lead) whose stated terms surely overlap.
    ///
    /// A reviewer resolves one by correcting either fact (its dates, or
    /// its status).
    ///   citynets query conflicts
    ///   citynets query conflicts --network eurocities
    #[command(verbatim_doc_comment)]
    Conflicts {
        #[arg(long, short)]
        network: Option<String>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Meetings of networks and their host cities.
    ///
    /// Where did the UCCN annual meeting take place in 2010?
    ///   citynets query events --network uccn --year 2010
    #[command(verbatim_doc_comment)]
    Events {
        #[arg(long, short)]
        network: Option<String>,
        /// A host city.
        #[arg(long)]
        host: Option<String>,
        #[arg(long)]
        year: Option<i32>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Twinnings of a city.
    ///
    /// Since when is Bologna twinned with Leipzig?
    ///   citynets query twinnings --city Bologna
    #[command(verbatim_doc_comment)]
    Twinnings {
        #[arg(long, short)]
        city: String,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// A city and the timeline of every fact about it.
    ///
    ///   citynets query city Torino
    #[command(verbatim_doc_comment)]
    City {
        /// The city: key (turin-it) or a name in any language.
        name: String,
        #[command(flatten)]
        opts: QueryOpts,
    },
}

#[derive(Args, Debug)]
pub struct IngestArgs {
    /// Text, Markdown or HTML files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// The document's title (default: its first line).
    #[arg(long)]
    pub title: Option<String>,
    /// Where the document was published.
    #[arg(long)]
    pub url: Option<String>,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Subcommand, Debug)]
pub enum Review {
    /// List proposed facts, the surest first, with the quote that states
    /// each and how sure the extractor was and why.
    ///
    ///   citynets review list
    ///   citynets review list --document carrara-nel-coordinamento
    #[command(verbatim_doc_comment)]
    List {
        #[arg(long)]
        document: Option<String>,
        #[command(flatten)]
        opts: QueryOpts,
    },
    /// Accept proposed facts, by id or a whole document's.
    ///
    /// An accepted fact the registry already knows adds the document as a
    /// further source instead of a duplicate.
    ///
    ///   citynets review accept 412 413
    ///   citynets review accept --document carrara-nel-coordinamento --comment "checked"
    ///   citynets review accept --document carrara-nel-coordinamento --min-confidence 0.8
    #[command(verbatim_doc_comment)]
    Accept(Decide),
    /// Reject proposed facts, by id or a whole document's.
    ///
    ///   citynets review reject 414 --comment "the text speaks of a project, not a membership"
    #[command(verbatim_doc_comment)]
    Reject(Decide),
}

#[derive(Args, Debug)]
pub struct Decide {
    /// Fact ids.
    #[arg(required_unless_present = "document", conflicts_with = "document")]
    pub ids: Vec<i64>,
    /// Every proposal of this document.
    #[arg(long)]
    pub document: Option<String>,
    /// Why: recorded with the decision.
    #[arg(long)]
    pub comment: Option<String>,
    /// With --document, when accepting: only the proposals the extractor
    /// read with at least this confidence (0 to 1); the others stay
    /// proposed.
    #[arg(long, requires = "document")]
    pub min_confidence: Option<f32>,
    #[command(flatten)]
    pub db: Db,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Text, Markdown or HTML files.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}
