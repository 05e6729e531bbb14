//! `/api-docs`: the API's routes as a page, read from the OpenAPI document
//! the API serves ([`crate::openapi::document`]), in the order of
//! [`crate::api::routes`]. The document stays the one description; this
//! page only lays it out for a person.

use askama::Template;
use axum::http::StatusCode;
use serde_json::Value;

use super::{PageResult, render};

/// Text with its `code` spans apart, as the document's descriptions write
/// them (Markdown backticks).
pub struct Piece {
    pub code: bool,
    pub text: String,
}

fn pieces(text: &str) -> Vec<Piece> {
    text.split('`')
        .enumerate()
        .filter(|(_, t)| !t.is_empty())
        .map(|(i, t)| Piece { code: i % 2 == 1, text: t.to_string() })
        .collect()
}

pub struct Parameter {
    pub name: String,
    /// `path` or `query`.
    pub location: String,
    pub required: bool,
    pub description: Vec<Piece>,
    pub example: String,
}

/// One method of one route.
pub struct Operation {
    pub method: String,
    pub path: String,
    pub anchor: String,
    pub summary: String,
    pub description: Vec<Piece>,
    pub parameters: Vec<Parameter>,
    /// The rows' field of a list, which also downloads as CSV and JSON Lines.
    pub list: Option<&'static str>,
    /// A write: it needs an account.
    pub write: bool,
    /// A GET's address with its path's examples filled in.
    pub example: Option<String>,
}

#[derive(Template)]
#[template(path = "api_docs.html")]
struct ApiDocsPage {
    operations: Vec<Operation>,
}

/// Every operation of the API, as [`crate::openapi::document`] describes it.
pub fn operations() -> Vec<Operation> {
    let doc = crate::openapi::document();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let mut out = Vec::new();
    for r in crate::api::routes() {
        for &m in r.methods {
            let op = &doc["paths"][r.path][m];
            let parameters: Vec<Parameter> = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| Parameter {
                    name: text(&p["name"]),
                    location: text(&p["in"]),
                    required: p["required"] == true,
                    description: pieces(p["description"].as_str().unwrap_or_default()),
                    example: match &p["example"] {
                        Value::String(s) => s.clone(),
                        Value::Null => String::new(),
                        v => v.to_string(),
                    },
                })
                .collect();
            let example = (m == "get").then(|| {
                parameters.iter().filter(|p| p.location == "path").fold(r.path.to_string(), |path, p| {
                    path.replace(&format!("{{{}}}", p.name), &super::encode(&p.example))
                })
            });
            let anchor = format!("{m}-{}", r.path.trim_start_matches('/'))
                .chars()
                .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '-' })
                .collect();
            out.push(Operation {
                method: m.to_ascii_uppercase(),
                path: r.path.to_string(),
                anchor,
                summary: text(&op["summary"]),
                description: pieces(op["description"].as_str().unwrap_or_default()),
                parameters,
                list: r.list.filter(|_| m == "get"),
                write: m != "get",
                example,
            });
        }
    }
    out
}

pub(super) async fn api_docs() -> PageResult {
    render(StatusCode::OK, &ApiDocsPage { operations: operations() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_set_apart() {
        let p = pieces("`json` (the default), or `csv`");
        let shown: Vec<(bool, &str)> = p.iter().map(|p| (p.code, p.text.as_str())).collect();
        assert_eq!(shown, [(true, "json"), (false, " (the default), or "), (true, "csv")]);
    }

    #[test]
    fn every_route_and_method_is_an_operation_with_a_summary() {
        let ops = operations();
        let methods: usize = crate::api::routes().iter().map(|r| r.methods.len()).sum();
        assert_eq!(ops.len(), methods);
        assert!(ops.iter().all(|o| !o.summary.is_empty()), "a route without a summary");
        let members = ops.iter().find(|o| o.path == "/api/networks/{id}/members").expect("members");
        assert!(members.example.as_deref().is_some_and(|e| !e.contains('{')), "{:?}", members.example);
        let anchors: std::collections::HashSet<&str> = ops.iter().map(|o| o.anchor.as_str()).collect();
        assert_eq!(anchors.len(), ops.len(), "anchors are unique");
    }
}
