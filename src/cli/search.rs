//! `dangan search` and `dangan reindex`.

use std::io::{IsTerminal, Write};

use clap::Args;

use super::Context;
use super::output::{print_json, record_line_marked};
use crate::Archive;
use crate::archive::export::record_json;
use crate::domain::Status;
use crate::i18n::ui::S;
use crate::i18n::{CliMsg, Lang, RecordMsg};
use crate::width::sanitize;

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words or any part of a title, name, 文号, keyword, note or code; filters fonds:J001 year:2015..2019
    /// retention:Y status:在库 class:内部 dept:BGS; "a phrase"; -word to exclude
    #[arg(required = true, num_args = 1..)]
    query: Vec<String>,
    /// How many hits to show
    #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    limit: u64,
    /// relevance, or code for archival-code order (also `sort:code` in the query)
    #[arg(long, default_value = "relevance", value_parser = ["relevance", "code"])]
    sort: String,
    #[arg(long)]
    json: bool,
}

fn facet_json(values: &[(String, u64)]) -> serde_json::Value {
    values
        .iter()
        .map(|(value, count)| (value.clone(), serde_json::json!(count)))
        .collect::<serde_json::Map<_, _>>()
        .into()
}

/// `全宗 J001 12, J002 5, …`: the most frequent few.
fn facet_line(label: &str, values: &[(String, u64)], name: impl Fn(&str) -> String) -> String {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let shown: Vec<String> = sorted
        .iter()
        .take(6)
        .map(|(v, n)| format!("{} {n}", name(v)))
        .collect();
    let more = if sorted.len() > 6 { ", …" } else { "" };
    format!("{label} {}{more}", shown.join(", "))
}

pub fn search(context: &Context, args: &SearchArgs) -> crate::Result<()> {
    let (mut archive, session) = context.open_session()?;
    let mut text = args.query.join(" ");
    if args.sort == "code" {
        text.push_str(" sort:code");
    }
    // A large backlog (a rebuild, or a big import) shows its progress rather than a silent wait.
    catch_up_showing_progress(&mut archive, context.lang)?;
    let results = archive.search_with_counts(&session, &text, args.limit as usize)?;
    if args.json {
        let hits: Vec<serde_json::Value> = results
            .hits
            .iter()
            .map(|found| {
                let mut value = record_json(&found.record);
                value["score"] = serde_json::json!(found.score);
                let marks: Vec<[usize; 2]> =
                    found.title_marks.iter().map(|r| [r.start, r.end]).collect();
                value["title_marks"] = serde_json::json!(marks);
                value
            })
            .collect();
        let f = &results.facets;
        let facets = serde_json::json!({"fonds": facet_json(&f.fonds), "year": facet_json(&f.year), "status": facet_json(&f.status)});
        print_json(
            &serde_json::json!({"query": text, "total": results.total, "facets": facets, "hits": hits}),
        );
        return Ok(());
    }
    for found in &results.hits {
        // Its own escapes mark the matches; the record's text in it is sanitised already.
        println!(
            "{}",
            record_line_marked(&found.record, &found.title_marks, context.lang)
        );
    }
    let lang = context.lang;
    say!(
        "{}",
        CliMsg::MatchesShown {
            shown: results.hits.len(),
            total: results.total
        }
        .text(lang)
    );
    if let Some(near) = results.suggestion.as_ref().filter(|_| results.total == 0) {
        say!(
            "{}",
            RecordMsg::DidYouMean {
                query: near.clone()
            }
            .text(lang)
        );
    }
    if results.total > 0 {
        let f = &results.facets;
        let status = |code: &str| {
            Status::parse(code).map_or(code.to_string(), |s| {
                super::output::label(lang, s.label_zh(), s.label_en())
            })
        };
        let same = |v: &str| v.to_string();
        let word = |key: S| key.get(lang);
        // One line each, so that an 80-column terminal shows them unwrapped.
        for line in [
            facet_line(word(S::Fonds), &f.fonds, same),
            facet_line(word(S::Year), &f.year, same),
            facet_line(word(S::Status), &f.status, status),
        ] {
            say!("  {}", sanitize(&line, false));
        }
    }
    Ok(())
}

pub fn reindex(context: &Context) -> crate::Result<()> {
    let (mut archive, session) = context.open_session()?;
    let mut progress = IndexProgress::new(context.lang);
    let count = archive.reindex(&session, &mut |percent| progress.show(percent))?;
    progress.finish();
    say!("{}", CliMsg::Reindexed { count }.text(context.lang));
    Ok(())
}

/// Brings the index up to date, with a progress bar while a large backlog (a rebuild, a big
/// import, a new demo) is indexed, rather than a silent wait.
pub(super) fn catch_up_showing_progress(archive: &mut Archive, lang: Lang) -> crate::Result<()> {
    let mut progress = IndexProgress::new(lang);
    archive.catch_up(&mut |percent| progress.show(percent))?;
    progress.finish();
    Ok(())
}

/// A progress bar on standard error while the index is rebuilt or catches up, if that is a terminal.
struct IndexProgress {
    terminal: bool,
    shown: bool,
    lang: Lang,
}

impl IndexProgress {
    fn new(lang: Lang) -> IndexProgress {
        IndexProgress {
            terminal: std::io::stderr().is_terminal(),
            shown: false,
            lang,
        }
    }

    fn show(&mut self, percent: u64) {
        if !self.terminal {
            return;
        }
        let bar: String = (0..30)
            .map(|i| if i * 100 < percent * 30 { '█' } else { '·' })
            .collect();
        let label = S::Indexing.get(self.lang);
        eprint!("\r{label} {bar} {percent:>3}%");
        let _ = std::io::stderr().flush();
        self.shown = true;
    }

    fn finish(self) {
        if self.shown {
            eprintln!();
        }
    }
}
