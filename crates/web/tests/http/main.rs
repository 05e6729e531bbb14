//! The web application over HTTP, against the bundled data: one server for
//! the whole binary (see `common`).

mod accounts;
mod api;
mod common;
mod exports;
mod guide;
mod explore;
mod hardening;
mod hostile;
mod lists;
mod pages;
mod review;
mod search;
mod timeouts;
mod viz;
