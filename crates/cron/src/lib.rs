//! devtools-cron: under construction in this commit series.
