//! A screenshot of each main page, saved under
//! `target/browser-screenshots/`; with `CITYNETS_UPDATE_SCREENSHOTS=1` also
//! copied to `docs/screenshots/`, which the README shows.

use std::path::{Path, PathBuf};

use reqwest::StatusCode;

use crate::{api, server};
use crate::chrome::{Browser, VIEWPORT};

/// A page to photograph: the file name (without `.png`) and its path.
struct Page {
    name: &'static str,
    path: String,
}

impl Page {
    fn new(name: &'static str, path: impl Into<String>) -> Page {
        Page { name, path: path.into() }
    }
}

/// A short news text for the review pages to show.
const NEWS: (&str, &str) = (
    "Parma, City of Gastronomy",
    "Parma was designated a UNESCO Creative City of Gastronomy in December 2015. \
     In 2023 Parma hosted the meeting of the Italian UNESCO Creative Cities.",
);

/// Adds [`NEWS`] through the ingest form, as a person would: the form
/// sends the browser to log in first, and back. Returns the path of the
/// review page it leads to, which must list proposals.
async fn add_news(b: &Browser) -> String {
    let (title, text) = NEWS;
    b.open("/ingest").await;
    b.wait_for("form.login").await;
    assert_eq!(b.location().await, "/login?next=%2Fingest", "the form needs an account");
    b.submit("form.login", &[("name", server::ADMIN), ("password", server::ADMIN_PASSWORD)]).await;
    b.wait_for("form.ingest").await;
    assert_eq!(b.location().await, "/ingest", "back to the form, logged in");
    b.submit("form.ingest", &[("title", title), ("text", text)]).await;
    b.wait_for("ol.proposals > li.proposal").await;
    b.location().await
}

/// The main pages, each showing what it is for (a filter filled in where
/// the page would otherwise show only its form); `review` is the page of a
/// text just added.
async fn main_pages(review: String) -> Vec<Page> {
    let bologna = api::city_key("Bologna").await;
    vec![
        Page::new("home", "/"),
        Page::new("cities", "/cities"),
        Page::new("city", format!("/cities/{bologna}")),
        Page::new("network", "/networks/uccn"),
        Page::new("events", "/events"),
        Page::new("roles", "/roles"),
        Page::new("gaps", "/gaps?network=uccn&country=IT&as_of=2020"),
        Page::new("map", "/map?network=uccn"),
        Page::new("graph", "/graph?city=Carrara&from=Carrara&to=Leipzig"),
        Page::new("search", "/search?q=Bolgna"),
        Page::new("review", "/review"),
        Page::new("review-document", review),
        Page::new("ingest", "/ingest"),
    ]
}

/// `target/browser-screenshots`, beside the tests' `target/tmp`.
fn target_dir() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().expect("CARGO_TARGET_TMPDIR is <target>/tmp").join("browser-screenshots")
}

/// `docs/screenshots` in the repository.
fn docs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/screenshots")
}

/// The width and height of a PNG, checking its signature and header.
fn png_size(png: &[u8]) -> (u32, u32) {
    const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";
    assert!(png.starts_with(SIGNATURE), "not a PNG");
    assert_eq!(png.get(12..16), Some(&b"IHDR"[..]), "a PNG starts with its header");
    let be = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().expect("four bytes"));
    (be(16), be(20))
}

/// An error page's heading is its status: `404 Not Found`.
fn is_error_heading(h1: &str) -> bool {
    h1.split_whitespace().next().is_some_and(|w| w.len() == 3 && w.bytes().all(|c| c.is_ascii_digit())) || h1.to_lowercase().contains("error")
}

#[tokio::test]
async fn screenshots_of_the_main_pages() {
    let Some(b) = Browser::start().await else { return };
    let out = target_dir();
    std::fs::create_dir_all(&out).expect("create target/browser-screenshots");
    let update_docs = std::env::var("CITYNETS_UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1");
    if update_docs {
        std::fs::create_dir_all(docs_dir()).expect("create docs/screenshots");
    }

    let review = add_news(&b).await;
    for page in main_pages(review).await {
        let Page { name, path } = &page;
        assert_eq!(api::status(path).await, StatusCode::OK, "{name}: GET {path}");
        b.open(path).await;
        let h1 = b.h1().await;
        assert!(!is_error_heading(&h1), "{name}: {path} shows an error: {h1:?}");

        let png = b.screenshot().await;
        let (width, height) = png_size(&png);
        assert_eq!((width, height), VIEWPORT, "{name}: the screenshot is the viewport");
        assert!(png.len() > 8 * 1024, "{name}: a {} byte screenshot is blank", png.len());
        let file = out.join(format!("{name}.png"));
        std::fs::write(&file, &png).unwrap_or_else(|e| panic!("write {}: {e}", file.display()));
        if update_docs {
            let doc = docs_dir().join(format!("{name}.png"));
            std::fs::write(&doc, &png).unwrap_or_else(|e| panic!("write {}: {e}", doc.display()));
        }
    }
}
