//! A fonds' catalogues and a catalogue's volumes, drawn.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::view::menu_screen;
use super::volumes::{Catalogues, Volumes};
use crate::domain::volume::Volume;
use crate::i18n::{Lang, S};
use crate::tui::app::App;

pub fn catalogues(app: &App, c: &Catalogues, frame: &mut Frame, area: Rect) {
    let header = vec![
        (format!("{} {}", c.fonds.code, c.fonds.name), 24),
        (app.t(S::VolumeCount).to_string(), 10),
        (app.t(S::Count).to_string(), 12),
    ];
    let rows = c
        .menu
        .rows
        .iter()
        .map(|row| {
            vec![
                (format!("{} {}", app.t(S::CatalogueNo), row.catalogue), 24),
                (row.volumes.to_string(), 10),
                (row.items.to_string(), 12),
            ]
        })
        .collect();
    menu_screen(app, &c.menu, header, rows, frame, area);
}

/// 起止日期 by year and month, the way a 案卷目录 gives them at a glance.
fn dates(volume: &Volume) -> String {
    let month = |d: crate::domain::RecordDate| match d.month {
        0 => d.year.to_string(),
        m => format!("{}.{m:02}", d.year),
    };
    match (volume.data.start, volume.data.end) {
        (Some(s), Some(e)) => format!("{}—{}", month(s), month(e)),
        (Some(s), None) => month(s),
        (None, Some(e)) => format!("—{}", month(e)),
        (None, None) => volume.data.year.to_string(),
    }
}

pub fn volumes(app: &App, v: &Volumes, frame: &mut Frame, area: Rect) {
    let width = usize::from(area.width);
    // 案卷号 and 件数 always; 起止日期 and 保管期限 as the width allows; the title takes the rest.
    let (number, items) = (6, 6);
    let wide = width >= 70;
    let dates_width = if wide { 15 } else { 0 };
    let retention_width = if wide { 9 } else { 0 };
    let gaps = if wide { 4 } else { 2 };
    let title = width
        .saturating_sub(number + items + dates_width + retention_width + gaps)
        .max(8);
    let mut header = vec![
        (app.t(S::VolumeNo).to_string(), number),
        (app.t(S::VolumeTitle).to_string(), title),
    ];
    if wide {
        header.push((app.t(S::Dates).to_string(), dates_width));
    }
    header.push((app.t(S::Count).to_string(), items));
    if wide {
        header.push((app.t(S::Retention).to_string(), retention_width));
    }
    let rows = v
        .menu
        .rows
        .iter()
        .map(|volume| {
            let retention = match app.lang {
                Lang::Zh => volume.data.retention.label_zh(),
                Lang::En => volume.data.retention.label_en(),
            };
            let mut row = vec![
                (format!("{:03}", volume.code.no.number), number),
                (volume.data.title.clone(), title),
            ];
            if wide {
                row.push((dates(volume), dates_width));
            }
            row.push((volume.items.to_string(), items));
            if wide {
                row.push((retention.to_string(), retention_width));
            }
            row
        })
        .collect();
    menu_screen(app, &v.menu, header, rows, frame, area);
}
