//! The integration tests, one binary: each module is the suite of one area, over fixture
//! sites of its own. One binary links the crate once instead of once per file.

mod accessibility;
mod architecture;
mod candidate_diagnostics;
mod candidates;
mod cli;
mod common;
mod corpus;
mod credentials;
mod decision;
mod diagnostics;
mod dossier_facts;
mod dossier_summary;
mod evidence_links;
mod fuzz_regressions;
mod import_blind;
mod import_help;
mod import_office;
mod import_rncp;
mod import_table;
mod import_unseen;
mod incremental;
mod interop;
mod output_safety;
mod properties;
mod referential_links;
mod referentials;
mod search;
mod search_folding;
mod serve;
mod sessions;
mod site;
mod terminal;
mod unchanged_files;
mod xss;
