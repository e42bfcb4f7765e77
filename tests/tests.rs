//! The one integration-test binary: runs `lexiscope` on fixtures in
//! tests/data and checks exit codes, messages and parsed outputs.

mod charts;
mod cli;
mod commands;
mod dictionaries;
mod docs;
mod encodings;
mod formats;
mod hostile;
mod lexicon_validity;
mod library;
mod outputs;
mod parquet;
mod platforms;
mod quanteda;
mod report;
mod rules;
mod scale;
mod shapes;
mod simulation;
mod slow;
mod terminal;
mod util;
mod validation;
mod workflow;
