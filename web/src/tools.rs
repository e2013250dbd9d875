//! The one list of tools the host mounts. Adding a tool means adding its crate and one line to [`entries`].

use devtools_kit::cli::Command;
use devtools_kit::{Job, Tool};

/// One tool as the host mounts it: its part of the site (pages, API, search), its `devtools` subcommand, and the
/// jobs it runs isolated, which the `__work` worker processes must know by name.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    tool: fn() -> Tool,
    command: fn() -> Command,
    jobs: &'static [Job],
}

impl Entry {
    /// A tool from its crate's `web::tool` and `cli::command`, with no isolated jobs.
    pub const fn new(tool: fn() -> Tool, command: fn() -> Command) -> Entry {
        Entry { tool, command, jobs: &[] }
    }

    /// The same tool with the jobs its work runs isolated (its `web::JOBS`). A test keeps them equal to the jobs
    /// the built tool declares.
    pub const fn with_jobs(self, jobs: &'static [Job]) -> Entry {
        Entry { jobs, ..self }
    }
}

/// Every tool, in the order the navigation, the home page and `devtools --help` list them.
#[rustfmt::skip] // one line per tool, so adding one is a one-line change
pub fn entries() -> Vec<Entry> {
    vec![
        Entry::new(devtools_http_status::web::tool, devtools_http_status::cli::command),
        Entry::new(devtools_color::web::tool, devtools_color::cli::command),
        Entry::new(devtools_cron::web::tool, devtools_cron::cli::command),
        Entry::new(devtools_jwt::web::tool, devtools_jwt::cli::command),
        Entry::new(devtools_regex::web::tool, devtools_regex::cli::command).with_jobs(devtools_regex::web::JOBS),
    ]
}

/// Every tool's part of the site, built (their API examples are answered now).
pub fn all() -> Vec<Tool> {
    entries().iter().map(|entry| (entry.tool)()).collect()
}

/// Every tool's subcommand of `devtools`.
pub fn commands() -> Vec<Command> {
    entries().iter().map(|entry| (entry.command)()).collect()
}

/// The isolated jobs of every tool, for the `__work` worker processes, which run jobs one after another: listed
/// without building the tools, whose API examples are answered when they are built (18 ms a process, measured).
pub fn jobs() -> Vec<Job> {
    entries().iter().flat_map(|entry| entry.jobs.iter().cloned()).collect()
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

    #[test]
    fn every_tool_has_its_subcommand_in_the_same_order() {
        let tools: Vec<&str> = super::all().iter().map(|tool| tool.meta.slug).collect();
        let commands: Vec<&str> = super::commands().iter().map(|command| command.name).collect();
        assert_eq!(commands.len(), tools.len());
        // The status reference's subcommand is the short `status`; every other tool's is its slug.
        for (slug, command) in tools.iter().zip(&commands) {
            assert!(
                slug == command || (*slug, *command) == ("http-status", "status"),
                "{slug} {command}"
            );
        }
    }
}
