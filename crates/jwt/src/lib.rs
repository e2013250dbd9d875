//! devtools-jwt: under construction in this commit series.
