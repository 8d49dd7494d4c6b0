#![recursion_limit = "256"]
//! `surreal start ...`: the SurrealDB server, used by the two-process sync
//! test and by anyone who wants to run several product servers on one
//! database.
fn main() -> std::process::ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
