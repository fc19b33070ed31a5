//! Receipt figures for issue 17, printed as a table (`cargo bench --bench receive`).
//!
//! Makes a department's folder with a fixed seed: DANGAN_BENCH_RECORDS records (default 10,000),
//! each with a text file of its own (2–40 KB of Chinese text). `dangan package` makes it a package
//! (a folder, and a zip), and `dangan receive` takes each into a fresh archive: every file hashed,
//! identified and checked, the list validated and written in one transaction, then indexed. The
//! peer is `sha256sum -c` over the same manifest: the hashing alone, what a clerk checks by hand.
//! Each step runs as its own process, its peak memory its own.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{Rng, fresh_archive, measure, row};

const SEED: u64 = 2019;
const FROM: &str = "市档案局";

fn department(dir: &Path, records: u64) -> u64 {
    std::fs::create_dir_all(dir.join("电子档案")).expect("folder");
    let mut rng = Rng(SEED);
    let mut list =
        String::from("\u{feff}全宗号,年度,保管期限,机构,件号,题名,责任者,日期,密级,文件\n");
    let mut bytes = 0;
    for n in 1..=records {
        let year = 2000 + n % 20;
        let title = format!("关于“第{n}号”文件——《年度工作》…（１）");
        let file = format!("电子档案/{year}/{n:06}.txt");
        list.push_str(&format!(
            "J001,{year},D30,BGS,,\"{title}\",市档案局办公室,{year}-06-{:02},公开,{file}\n",
            1 + n % 28
        ));
        let line = format!("第{n}号：关于档案工作的说明，第{}段。\n", rng.below(1000));
        let size = 2_000 + rng.below(38_000) as usize;
        let text = line.repeat(size / line.len() + 1);
        let path = dir.join(&file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("folder");
        std::fs::write(&path, &text).expect("file");
        bytes += text.len() as u64;
    }
    std::fs::write(dir.join("移交清单.csv"), list).expect("list");
    bytes
}

fn dangan(archive: &Path) -> Command {
    let mut command = common::dangan_as_bench(archive);
    command.stderr(Stdio::null());
    command
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let records = common::env_number("DANGAN_BENCH_RECORDS", 10_000);
    let work = tempfile::tempdir().expect("temp dir");
    let folder = work.path().join("移交");
    let bytes = department(&folder, records);
    println!(
        "\ndangan receive bench: {records} records with a file each, {:.0} MB, seed {SEED}\n",
        bytes as f64 / 1e6
    );
    println!("| {:<44} | {:>11} | {:>11} |", "step", "time", "peak RSS");
    println!("|{:-<46}|{:-<13}|{:-<13}|", "", "", "");
    let bag = work.path().join("package");
    let zip = work.path().join("package.zip");
    for (out, what) in [(&bag, "folder"), (&zip, "zip")] {
        let made = measure(
            dangan(work.path())
                .arg("package")
                .arg(&folder)
                .arg(out)
                .args(["--from", FROM]),
        );
        row(&format!("dangan package (a {what})"), &made);
    }
    let has_sha256sum = Command::new("sha256sum")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if has_sha256sum {
        let peer = measure(
            Command::new("sha256sum")
                .args(["--quiet", "-c", "manifest-sha256.txt"])
                .current_dir(&bag),
        );
        row("sha256sum -c manifest-sha256.txt (the peer)", &peer);
    } else {
        println!("| sha256sum not found: no peer measured       |             |             |");
    }
    for (package, what) in [(&bag, "folder"), (&zip, "zip")] {
        let archive = work.path().join(format!("archive-{what}"));
        fresh_archive(&archive);
        let received = measure(
            dangan(&archive)
                .arg("receive")
                .arg(package)
                .args(["--from", FROM]),
        );
        row(
            &format!("dangan receive (a {what}): checks, index"),
            &received,
        );
    }
    println!("\nceiling: 30 s for 10,000 records on 2 cores");
}
