//! The receipts screen: a clerk reads the transfer register, opens an accepted transfer's receipt
//! and a refused one's reasons, in Chinese and in English at 80×24; a reader is refused it.

mod common;

use std::path::{Path, PathBuf};

use common::desk::{Desk, now};
use dangan::archive::Archive;
use dangan::archive::receive::{ReceiveOutcome, make_package};
use dangan::i18n::Lang;
use dangan::tui::app::Screen;

const FROM: &str = "市档案局";

/// Two transfers into the desk's archive from the example package: one received, then a copy
/// with a file changed after packaging, refused.
fn two_transfers(desk: &Desk) {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("contrib/transfer-example");
    let good = desk.dir.path().join("市档案局-2019.zip");
    let bad: PathBuf = desk.dir.path().join("市档案局-2019-改");
    let packed_at = now().naive_utc();
    make_package(&example, &good, FROM, packed_at).expect("package");
    make_package(&example, &bad, FROM, packed_at).expect("package");
    std::fs::write(
        bad.join("data/电子档案/2019/２０１９年工作总结.txt"),
        "改过的",
    )
    .unwrap();
    let mut archive = Archive::open(&desk.dir.path().join("demo")).expect("archive");
    archive.set_clock(now);
    let session = archive
        .login("archivist", "demo-archivist-2019")
        .expect("log in");
    let outcome = archive.receive(&session, &good, FROM).expect("receive");
    assert!(matches!(outcome, ReceiveOutcome::Accepted(_)));
    let outcome = archive.receive(&session, &bad, FROM).expect("receive");
    assert!(matches!(outcome, ReceiveOutcome::Refused(_)));
}

fn opened(desk: &Desk) -> bool {
    matches!(desk.app.screen(), Screen::Receipts(view) if view.open.is_some())
}

#[test]
fn a_clerk_reads_the_register_and_opens_a_receipt_and_a_refusal() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    two_transfers(&desk);
    desk.login("archivist");
    desk.keys("t");
    let screen = desk.screen();
    assert!(screen.contains("接收登记"), "{screen}");
    assert!(
        screen.contains("移交单位") && screen.contains("市档案局"),
        "{screen}"
    );
    assert!(
        screen.contains("拒收") && screen.contains("接收"),
        "{screen}"
    );
    assert!(
        screen.contains("市档案局-2019-改"),
        "the package under the list: {screen}"
    );
    // Newest first: the refusal; Enter opens its reasons.
    desk.keys("<Enter>");
    assert!(opened(&desk));
    insta::assert_snapshot!("receipt_refused_zh_80x24", desk.screen());
    desk.keys("<Esc><Down><Enter>");
    insta::assert_snapshot!("receipt_accepted_zh_80x24", desk.screen());
    // The receipt scrolls; Esc closes it, and again leaves the register.
    desk.keys("<End><Esc>");
    assert!(!opened(&desk) && matches!(desk.app.screen(), Screen::Receipts(_)));
    // Tab: the figures, per department and per account, the success rate among them.
    desk.keys("<Tab>");
    let figures = desk.screen();
    assert!(
        figures.contains("按移交单位") && figures.contains("按提交账户"),
        "{figures}"
    );
    assert!(
        figures.contains("市档案局  提交 2，接收 1，拒收 1，接收率 50.0%"),
        "{figures}"
    );
    assert!(figures.contains("因真实性拒收 1 次"), "{figures}");
    desk.keys("<Tab>");
    let back = matches!(desk.app.screen(), Screen::Receipts(v) if v.figures.is_none());
    assert!(back, "Tab again: the register");
    desk.keys("<Esc>");
    assert!(
        matches!(desk.app.screen(), Screen::Fonds(_)),
        "{}",
        desk.screen()
    );
}

#[test]
fn the_register_reads_in_english_too() {
    let mut desk = Desk::demo(Lang::En, 80, 24);
    two_transfers(&desk);
    desk.login("archivist");
    desk.keys("<F11>");
    let screen = desk.screen();
    assert!(
        screen.contains("transfers received") && screen.contains("refused"),
        "{screen}"
    );
    desk.keys("<Enter>");
    insta::assert_snapshot!("receipt_refused_en_80x24", desk.screen());
}

#[test]
fn a_reader_is_refused_the_register() {
    let mut desk = Desk::demo(Lang::Zh, 80, 24);
    two_transfers(&desk);
    desk.login("reader");
    desk.keys("t");
    assert!(!matches!(desk.app.screen(), Screen::Receipts(_)));
    assert!(desk.screen().contains("不能"), "{}", desk.screen());
}
