//! `dangan search` and `dangan reindex`.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::Context;
use super::output::{print_json, record_line};
use crate::exchange::json;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words or any part of a title, name, 文号, keyword, note or code; filters fonds:J001 year:2015..2019
    /// retention:Y status:在库 class:内部 dept:BGS; "a phrase"; -word to exclude
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// How many hits to show
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    limit: u64,
    #[arg(long)]
    json: bool,
}

pub fn search(context: &Context, args: &SearchArgs) -> crate::Result<()> {
    let (mut archive, session) = context.open_session()?;
    let text = args.query.join(" ");
    let results = archive.search(&session, &text, args.limit as usize)?;
    if args.json {
        let hits: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|(record, score)| {
                let mut value = json::full(record);
                value["score"] = serde_json::json!(score);
                value
            })
            .collect();
        print_json(&serde_json::json!({"query": text, "total": results.total, "hits": hits}));
        return Ok(());
    }
    for (record, _) in &results.hits {
        println!("{}", record_line(record));
    }
    println!("{} of {} matches", results.hits.len(), results.total);
    Ok(())
}

pub fn reindex(context: &Context) -> crate::Result<()> {
    let (mut archive, session) = context.open_session()?;
    let terminal = std::io::stderr().is_terminal();
    let mut progress = |done: u64, total: u64| {
        if terminal {
            let percent = (done * 100).checked_div(total).unwrap_or(100);
            let bar: String = (0..30)
                .map(|i| if i * 100 < percent * 30 { '█' } else { '·' })
                .collect();
            eprint!("\r{bar} {percent:>3}%  {done}/{total}");
            let _ = std::io::stderr().flush();
        }
    };
    let count = archive.reindex(&session, &mut progress)?;
    if terminal {
        eprintln!();
    }
    println!("index rebuilt: {count} records");
    Ok(())
}
