//! devtools-regex: under construction in this commit series.
