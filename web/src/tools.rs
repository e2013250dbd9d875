//! The one list of tools the site serves. Adding a tool means adding its crate and one line here.

use devtools_kit::{Job, Tool};

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

/// Every tool's subcommand of `devtools`, in the order `devtools --help` lists them.
#[rustfmt::skip] // one line per tool
pub fn commands() -> Vec<devtools_kit::cli::Command> {
    vec![
        devtools_http_status::cli::command(),
        devtools_cron::cli::command(),
        devtools_jwt::cli::command(),
        devtools_regex::cli::command(),
        devtools_color::cli::command(),
    ]
}

/// The isolated jobs of every tool, for the `__work` child process, which runs one job and exits: listed without
/// building the tools, whose API examples are answered when they are built (18 ms a process, measured). A test
/// keeps this equal to the jobs of [`all`].
pub fn jobs() -> Vec<Job> {
    devtools_regex::web::JOBS.to_vec()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_child_knows_every_tools_jobs() {
        let from_tools: Vec<&str> =
            super::all().iter().flat_map(|tool| tool.jobs.iter().map(|job| job.name)).collect();
        let listed: Vec<&str> = super::jobs().iter().map(|job| job.name).collect();
        assert_eq!(listed, from_tools);
    }
}
