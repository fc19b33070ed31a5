//! The archiving interface under load, for issue 17 (`cargo bench --bench serve`).
//!
//! Makes DANGAN_BENCH_PACKAGES packages (default 1,000) with a fixed seed, each of 20 records with
//! 1 MB of files, and has 8 calling systems submit them at once to `dangan serve` on 127.0.0.1
//! (a client that is told 503 tries again), while a ninth asks for its figures every 10 ms. Then:
//! every package received exactly once, the records all there, `dangan check` clean. The peer is
//! `dangan receive` of the same packages one after another, without HTTP.

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{Rng, dangan_as_bench as dangan, fresh_archive, measure, with_password};

const SEED: u64 = 2026;
const CLIENTS: usize = 8;
const RECORDS: usize = 20;
const FILE_BYTES: usize = 50_000;
const FROM: &str = "市档案局";

/// Package `n`: 20 records, each with a text file of 50 KB (1 MB in all), zipped.
fn make(work: &Path, n: usize, rng: &mut Rng) -> PathBuf {
    let folder = work.join(format!("src-{n}"));
    std::fs::create_dir_all(folder.join("电子档案")).expect("folder");
    let mut list = String::from("全宗号,年度,保管期限,机构,件号,题名,责任者,日期,密级,文件\n");
    for r in 0..RECORDS {
        let file = format!("电子档案/{n:04}-{r:02}.txt");
        list.push_str(&format!(
            "J001,2019,Y,BGS,,\"第{n}批“移交”文件——《通知》…（{r}）\",市档案局,2019-06-03,公开,{file}\n"
        ));
        let line = format!("第{n}批第{r}件，段落{}。\n", rng.below(1_000_000));
        let text = line.repeat(FILE_BYTES / line.len() + 1);
        std::fs::write(folder.join(&file), &text.as_bytes()[..FILE_BYTES]).expect("file");
    }
    std::fs::write(folder.join("移交清单.csv"), list).expect("list");
    let out = work.join(format!("p-{n:04}.zip"));
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .expect("a time");
    dangan::archive::receive::make_package(&folder, &out, FROM, now).expect("package");
    std::fs::remove_dir_all(&folder).expect("tidy");
    out
}

fn ok(command: &mut Command) -> String {
    let output = command.output().expect("run dangan");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let at = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len());
    samples[at - 1]
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let packages = common::env_number("DANGAN_BENCH_PACKAGES", 1_000) as usize;
    let work = tempfile::tempdir().expect("temp dir");
    let made = Instant::now();
    let mut rng = Rng(SEED);
    let zips: Vec<PathBuf> = (0..packages)
        .map(|n| make(work.path(), n, &mut rng))
        .collect();
    println!(
        "\ndangan serve bench: {packages} packages of {RECORDS} records with 1 MB of files, {CLIENTS} clients, seed {SEED} (made in {:.1} s)\n",
        made.elapsed().as_secs_f64()
    );

    let archive = work.path().join("archive");
    fresh_archive(&archive);
    let tokens: Vec<String> = (0..CLIENTS)
        .map(|c| {
            let name = format!("system{c}");
            with_password(
                dangan(&archive).args([
                    "user",
                    "add",
                    &name,
                    "--role",
                    "archivist",
                    "--clearance",
                    "内部",
                    "--password-stdin",
                ]),
                "系统账户的长口令-2026-无人知晓",
            );
            let said = ok(dangan(&archive).args(["user", "token", &name]));
            said.lines().last().expect("a token").trim().to_string()
        })
        .collect();
    // The service's own log (its errors, if any) goes to the bench's standard error.
    let mut server = dangan(&archive)
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .spawn()
        .expect("serve");
    let mut first = String::new();
    std::io::BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("the address");
    let address = first
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .expect("an address")
        .to_string();
    let base = format!("http://{address}");

    let zips = Arc::new(zips);
    let submits = Arc::new(Mutex::new(Vec::new()));
    let statuses = Arc::new(Mutex::new((0u64, 0u64, 0u64)));
    let running = Arc::new(AtomicBool::new(true));
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (zips, submits, statuses) = (zips.clone(), submits.clone(), statuses.clone());
            let (token, base) = (tokens[c].clone(), base.clone());
            std::thread::spawn(move || {
                let agent = agent();
                for zip in zips.iter().skip(c).step_by(CLIENTS) {
                    let body = std::fs::read(zip).expect("a package");
                    let took = Instant::now();
                    loop {
                        let mut answer = agent
                            .post(format!("{base}/api/v1/transfers"))
                            .query("from", FROM)
                            .header("Authorization", format!("Bearer {token}"))
                            .send(&body[..])
                            .expect("an answer");
                        let status = answer.status().as_u16();
                        let _ = answer.body_mut().read_to_string();
                        let mut counts = statuses.lock().expect("counts");
                        match status {
                            201 => counts.0 += 1,
                            503 => {
                                counts.2 += 1;
                                drop(counts);
                                std::thread::sleep(Duration::from_millis(20));
                                continue;
                            }
                            other => panic!("status {other} for {}", zip.display()),
                        }
                        break;
                    }
                    submits.lock().expect("samples").push(took.elapsed());
                }
            })
        })
        .collect();
    let watcher = {
        let (running, base, token) = (running.clone(), base.clone(), tokens[0].clone());
        std::thread::spawn(move || {
            let agent = agent();
            let mut samples = Vec::new();
            while running.load(Ordering::Relaxed) {
                let took = Instant::now();
                let mut answer = agent
                    .get(format!("{base}/api/v1/stats"))
                    .header("Authorization", format!("Bearer {token}"))
                    .call()
                    .expect("an answer");
                assert_eq!(answer.status().as_u16(), 200);
                let _ = answer.body_mut().read_to_string();
                samples.push(took.elapsed());
                std::thread::sleep(Duration::from_millis(10));
            }
            samples
        })
    };
    for client in clients {
        client.join().expect("a client");
    }
    let whole = started.elapsed();
    running.store(false, Ordering::Relaxed);
    let mut status_samples = watcher.join().expect("the watcher");
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.id())).unwrap_or_default();
    let mb = |field: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(field))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    let (peak, own, mapped) = (mb("VmHWM:"), mb("RssAnon:"), mb("RssFile:"));
    let _ = server.kill();
    let _ = server.wait();

    let register = ok(dangan(&archive).args(["receive", "list", "--json"]));
    let rows: serde_json::Value = serde_json::from_str(&register).expect("JSON");
    let accepted = rows.as_array().map_or(0, |r| {
        r.iter().filter(|t| t["outcome"] == "accepted").count()
    });
    let listed = ok(dangan(&archive).args(["list", "--json", "--per-page", "1"]));
    let total = serde_json::from_str::<serde_json::Value>(&listed).expect("JSON")["total"]
        .as_u64()
        .unwrap_or(0);
    let check = dangan(&archive).arg("check").output().expect("check");
    let (created, _, busy) = *statuses.lock().expect("counts");
    let mut submit_samples = submits.lock().expect("samples").clone();

    let peer_count = packages.min(50);
    let peer_archive = work.path().join("peer");
    fresh_archive(&peer_archive);
    let peer_started = Instant::now();
    for zip in zips.iter().take(peer_count) {
        let mut command = dangan(&peer_archive);
        command
            .arg("receive")
            .arg(zip)
            .args(["--from", FROM])
            .stderr(Stdio::null());
        measure(&mut command);
    }
    let peer = peer_started.elapsed();

    println!("| measure                                          |          value |");
    println!("|--------------------------------------------------|----------------|");
    println!("| packages received (201)                          | {created:>14} |");
    println!("| answered 503 (busy) and sent again               | {busy:>14} |");
    println!("| transfers accepted in the register               | {accepted:>14} |");
    println!("| records in the archive                           | {total:>14} |");
    let clean = if check.status.success() {
        "clean"
    } else {
        "FAILED"
    };
    println!("| dangan check afterwards                          | {clean:>14} |");
    println!(
        "| all {packages} packages, {CLIENTS} clients                    | {:>12.1} s |",
        whole.as_secs_f64()
    );
    println!(
        "| per package over HTTP (wall time / packages)     | {:>11.1} ms |",
        whole.as_secs_f64() * 1000.0 / packages as f64
    );
    println!(
        "| submit p50 / p99                                 | {:>5.0} / {:>4.0} ms |",
        percentile(&mut submit_samples, 0.5).as_secs_f64() * 1000.0,
        percentile(&mut submit_samples, 0.99).as_secs_f64() * 1000.0
    );
    println!(
        "| figures call while that runs, p50 / p99 ({:>5})  | {:>5.1} / {:>4.1} ms |",
        status_samples.len(),
        percentile(&mut status_samples, 0.5).as_secs_f64() * 1000.0,
        percentile(&mut status_samples, 0.99).as_secs_f64() * 1000.0
    );
    println!("| service peak resident memory (VmHWM)             | {peak:>11.1} MB |");
    println!(
        "|   at the end: its own / files mapped             | {own:>5.0} / {mapped:>3.0} MB |"
    );
    println!(
        "| peer: dangan receive one by one, per package ({peer_count}) | {:>11.1} ms |",
        peer.as_secs_f64() * 1000.0 / peer_count as f64
    );
    println!("\nceilings: every package exactly once; figures p99 50 ms; memory 200 MB");
}
