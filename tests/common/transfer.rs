//! Transfer packages for the tests of `dangan package` and `dangan receive`: a department's
//! folder with Chinese titles and file names, packaged and received as a user would.

use std::path::{Path, PathBuf};

use super::{Run, Sandbox};

pub const FROM: &str = "市档案局";

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/objects")
        .join(name)
}

/// A department's folder: the transfer list and the files its rows name, item numbers given.
pub fn department(sandbox: &Sandbox, rows: &[(&str, &str, &str)]) -> PathBuf {
    let dir = sandbox.path("移交");
    let files = dir.join("电子档案");
    std::fs::create_dir_all(&files).unwrap();
    let mut list = String::from("\u{feff}档号,题名,责任者,日期,密级,文件\n");
    for (code, title, file) in rows {
        list.push_str(&format!(
            "{code},\"{title}\",市档案局办公室,2019-06-03,公开,{file}\n"
        ));
        if let Some(name) = file.strip_prefix("电子档案/")
            && fixture(name).exists()
        {
            std::fs::copy(fixture(name), files.join(name)).unwrap();
        }
    }
    std::fs::write(dir.join("移交清单.csv"), list).unwrap();
    dir
}

pub fn standard(sandbox: &Sandbox) -> PathBuf {
    department(
        sandbox,
        &[
            (
                "J001-2019-Y-BGS-0001",
                "关于开展“国际档案日”宣传活动的通知——第１号",
                "电子档案/关于“档案日”的通知.pdf",
            ),
            (
                "J001-2019-Y-BGS-0002",
                "《局务会议纪要》（扫描件）…",
                "电子档案/扫描件.jpg",
            ),
            (
                "J001-2019-Y-BGS-0003",
                "２０１９年度工作总结（Work Summary）",
                "电子档案/扫描件.png",
            ),
        ],
    )
}

/// `dangan package SOURCE OUT --from FROM …`.
pub fn package_run(sandbox: &Sandbox, source: &Path, out: &Path, extra: &[&str]) -> Run {
    let (source, out) = (source.display().to_string(), out.display().to_string());
    let mut args = vec!["package", source.as_str(), out.as_str(), "--from", FROM];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

pub fn package(sandbox: &Sandbox, source: &Path, out: &str) -> PathBuf {
    let out = sandbox.path(out);
    let run = package_run(sandbox, source, &out, &[]);
    assert_eq!(run.code, 0, "package: {}", run.stderr);
    out
}

pub fn receive(sandbox: &Sandbox, package: &Path, extra: &[&str]) -> Run {
    let path = package.display().to_string();
    let mut args = vec!["receive", path.as_str(), "--from", FROM];
    args.extend_from_slice(extra);
    sandbox.run(&args)
}

pub fn receipt_json(sandbox: &Sandbox, package: &Path) -> (Run, serde_json::Value) {
    let out = sandbox.path("回执.json");
    let run = receive(sandbox, package, &["--receipt", &out.display().to_string()]);
    let text = std::fs::read_to_string(&out).expect("the receipt file");
    (
        run,
        serde_json::from_str(&text).expect("the receipt is JSON"),
    )
}

/// Each refusal's check and reason (English) from a receipt.
pub fn refusals(receipt: &serde_json::Value) -> Vec<(String, String)> {
    receipt["refusals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let check = r["check"].as_str().unwrap().to_string();
            (
                check,
                format!(
                    "{}: {}",
                    r["place"].as_str().unwrap(),
                    r["en"].as_str().unwrap()
                ),
            )
        })
        .collect()
}
