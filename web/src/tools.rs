//! The one list of tools the site serves. Adding a tool means adding its crate and one line here.

use devtools_core::Tool;

/// Every tool, in the order the navigation and the home page show them.
#[rustfmt::skip] // one line per tool, so adding one is a one-line change
pub fn all() -> Vec<Tool> {
    vec![
        devtools_http_status::web::tool(),
        devtools_color::web::tool(),
        devtools_cron::web::tool(),
        devtools_jwt::web::tool(),
        devtools_regex::web::tool(),
    ]
}
