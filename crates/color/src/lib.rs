//! devtools-color: under construction in this commit series.
