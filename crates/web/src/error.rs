//! Errors of the web application, and how the API reports them.
//!
//! Every error a request can cause is an [`Error`]. The API renders it as
//! JSON, `{"error": {"parameter": "as_of", "message": "..."}}` (or `"field"`
//! for a request body); the pages render the same error as an HTML page (see
//! `pages::PageError`). Bad input is always a 4xx naming what was wrong;
//! a full database is a 507 and an unavailable or read-only one a 503, with
//! a message that says so; anything else unexpected is a 500. The details
//! of those go to the log, not to the client.

use axum::Json;
use axum::extract::multipart::{MultipartError, MultipartRejection};
use axum::extract::rejection::{FormRejection, JsonRejection, PathRejection, QueryRejection};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use citynets_registry::RegistryError;
use citynets_registry::store::{Fault, StoreError};
use serde_json::{Value, json};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A query or path parameter is malformed or names nothing known.
    #[error("{name}: {message}")]
    Parameter { name: String, message: String },
    /// A field of a request body is wrong. `at` locates the fact in a
    /// batch ("fact 2").
    #[error("{field}: {message}")]
    Field { field: String, message: String, at: Option<String> },
    /// A field of a request body is larger than the route accepts (413).
    #[error("{field}: {message}")]
    TooLarge { field: String, message: String },
    /// The request body is not what the route reads (not JSON, too large).
    #[error("{message}")]
    Body { status: StatusCode, message: String },
    /// A request the router or the HTTP layer refused before any handler
    /// read it (a method a route does not take, a URL or headers too large).
    #[error("{message}")]
    Request { status: StatusCode, message: String },
    #[error("{0}")]
    NotFound(String),
    /// A change to a fact that is no longer current.
    #[error("{0}")]
    Conflict(String),
    /// No account, or credentials that are not valid (401). `next` is the
    /// page a browser returns to after logging in.
    #[error("{message}")]
    Unauthorized { message: String, next: Option<String> },
    /// The account may not do this (403).
    #[error("{0}")]
    Forbidden(String),
    /// Too many attempts (429): try again after `retry_after` seconds.
    #[error("{message}")]
    TooManyRequests { message: String, retry_after: u64 },
    /// The database is full (507), read-only or unavailable (503):
    /// `message` is shown, `cause` is logged.
    #[error("{message}: {cause}")]
    Database { status: StatusCode, message: &'static str, cause: String },
    /// Not the client's fault; the message is logged, not shown.
    #[error("internal error: {0}")]
    Internal(String),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn parameter(name: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Parameter { name: name.into(), message: message.into() }
    }

    pub fn field(field: impl Into<String>, message: impl Into<String>) -> Self {
        Error::Field { field: field.into(), message: message.into(), at: None }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Error::NotFound(message.into())
    }

    pub fn status(&self) -> StatusCode {
        match self {
            Error::Parameter { .. } | Error::Field { .. } => StatusCode::BAD_REQUEST,
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Body { status, .. } | Error::Request { status, .. } => *status,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::Unauthorized { .. } => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::Database { status, .. } => *status,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// What a client is told: the message of a 4xx, a generic one for a 500.
    pub fn public_message(&self) -> String {
        match self {
            Error::Parameter { message, .. }
            | Error::Field { message, .. }
            | Error::TooLarge { message, .. }
            | Error::Body { message, .. }
            | Error::Request { message, .. } => message.clone(),
            Error::NotFound(m) | Error::Conflict(m) | Error::Forbidden(m) => m.clone(),
            Error::Unauthorized { message, .. } | Error::TooManyRequests { message, .. } => message.clone(),
            Error::Database { message, .. } => message.to_string(),
            Error::Internal(_) => "internal error; it has been logged".to_string(),
        }
    }

    /// The JSON body of the error response.
    pub fn to_json(&self) -> Value {
        let message = self.public_message();
        let inner = match self {
            Error::Parameter { name, .. } => json!({ "parameter": name, "message": message }),
            Error::Field { field, at, .. } => match at {
                Some(at) => json!({ "field": field, "at": at, "message": message }),
                None => json!({ "field": field, "message": message }),
            },
            Error::TooLarge { field, .. } => json!({ "field": field, "message": message }),
            Error::Body { .. } => json!({ "field": "body", "message": message }),
            _ => json!({ "message": message }),
        };
        json!({ "error": inner })
    }

    /// Logs a server-side error; client errors are traced at debug level.
    pub fn log(&self) {
        match self {
            Error::Internal(e) => tracing::error!(error = %e, "request failed"),
            e @ Error::Database { .. } => tracing::error!(error = %e, "request failed"),
            e => tracing::debug!(error = %e, "request refused"),
        }
    }
}

impl From<RegistryError> for Error {
    fn from(e: RegistryError) -> Self {
        match e {
            RegistryError::Input { place, field, message } if place == "parameter" => Error::Parameter { name: field, message },
            RegistryError::Input { place, field, message } => {
                let field = if field == "-" { "body".to_string() } else { field };
                let at = (place != "body").then_some(place);
                Error::Field { field, message, at }
            }
            RegistryError::NotFound(m) => Error::NotFound(m),
            RegistryError::Forbidden(m) => Error::Forbidden(m),
            RegistryError::Store(e) => e.into(),
        }
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound(id) => Error::NotFound(format!("no fact with id {id}")),
            e @ (StoreError::NotCurrent { .. } | StoreError::NotProposed { .. }) => Error::Conflict(e.to_string()),
            e if e.fault() == Some(Fault::Full) => {
                Error::Database { status: StatusCode::INSUFFICIENT_STORAGE, message: "the database is full: nothing was written", cause: e.to_string() }
            }
            e if e.fault() == Some(Fault::ReadOnly) => {
                Error::Database { status: StatusCode::SERVICE_UNAVAILABLE, message: "the database is read-only here; send writes to the primary", cause: e.to_string() }
            }
            e if e.fault() == Some(Fault::Unavailable) => {
                Error::Database { status: StatusCode::SERVICE_UNAVAILABLE, message: "the database is unavailable; try again", cause: e.to_string() }
            }
            StoreError::Invalid { index, field, message } => {
                Error::Field { field, message, at: Some(format!("fact {}", index + 1)) }
            }
            StoreError::Field { field, message } => Error::Field { field, message, at: None },
            e => Error::Internal(e.to_string()),
        }
    }
}

impl From<QueryRejection> for Error {
    fn from(r: QueryRejection) -> Self {
        Error::parameter("query", r.body_text())
    }
}

impl From<PathRejection> for Error {
    fn from(r: PathRejection) -> Self {
        Error::parameter("path", r.body_text())
    }
}

impl From<JsonRejection> for Error {
    fn from(r: JsonRejection) -> Self {
        let status = match &r {
            JsonRejection::JsonDataError(_) | JsonRejection::JsonSyntaxError(_) => StatusCode::BAD_REQUEST,
            r => r.status(),
        };
        Error::Body { status, message: r.body_text() }
    }
}

impl From<FormRejection> for Error {
    fn from(r: FormRejection) -> Self {
        let status = match &r {
            FormRejection::FailedToDeserializeForm(_) | FormRejection::FailedToDeserializeFormBody(_) => StatusCode::BAD_REQUEST,
            r => r.status(),
        };
        Error::Body { status, message: r.body_text() }
    }
}

impl From<MultipartRejection> for Error {
    fn from(r: MultipartRejection) -> Self {
        Error::Body { status: r.status(), message: r.body_text() }
    }
}

impl From<MultipartError> for Error {
    fn from(e: MultipartError) -> Self {
        Error::Body { status: e.status(), message: e.body_text() }
    }
}

impl Error {
    /// Whether a page shows this error beside the form that caused it: bad
    /// input, conflicts and refusals of the account's role. The rest (no
    /// account, a failing server) get a page of their own.
    pub fn shown_beside_a_form(&self) -> bool {
        !matches!(self, Error::Internal(_) | Error::Database { .. } | Error::Unauthorized { .. } | Error::TooManyRequests { .. })
    }

    /// Sets the headers the status asks for on a response of this error,
    /// JSON or page: how to authenticate (401), when to try again (429).
    pub fn add_headers(&self, response: &mut Response) {
        let headers = response.headers_mut();
        match self {
            Error::Unauthorized { .. } => {
                headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"citynets\""));
            }
            Error::TooManyRequests { retry_after, .. } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
            }
            _ => {}
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        self.log();
        let mut response = (self.status(), Json(self.to_json())).into_response();
        self.add_headers(&mut response);
        response
    }
}
