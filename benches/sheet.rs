//! Importing delegation lists (`cargo bench --bench sheet`): a CSV as Excel writes it and
//! an xlsx workbook, of 1 000 and 4 000 rows, so that a list four times as long is seen to
//! take about four times as long.
//!
//! Baseline, measured in the same run: the `csv` crate reading the same bytes into records
//! (the least any reader of the list does).

use std::sync::LazyLock;

use attache::model::{Dossier, Member};
use attache::sheet::{self, Kind, Options};

fn main() {
    divan::main();
}

const ROWS: [usize; 2] = [1_000, 4_000];

/// A dossier with one empty delegation, and its lists of each length: CSV (UTF-8 with a
/// BOM, CRLF, a title row, day-first dates, as Excel saves "CSV UTF-8") and xlsx.
struct Lists {
    dossier: Dossier,
    csv: Vec<Vec<u8>>,
    xlsx: Vec<Vec<u8>>,
}

static LISTS: LazyLock<Lists> = LazyLock::new(|| {
    let mut dossier = attache::synth::generate(attache::synth::Params {
        members: 10,
        points: 2,
        notes: 1,
        programme: 2,
        seed: 3,
    });
    dossier.delegations[0].members.clear();
    let mut csv = Vec::new();
    let mut xlsx = Vec::new();
    for n in ROWS {
        let mut text = String::from(
            "\u{FEFF}Delegation list,,,,,\r\nName,Position,Ministry,Arrival,Hotel,Phone\r\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "Delegate {i},Adviser {i},\"Ministry of Foreign Affairs, Division {}\",{:02}/01/2027 06:30,Willard,0612{i:06}\r\n",
                i % 7,
                1 + i % 28
            ));
        }
        csv.push(text.into_bytes());
        let mut delegation = dossier.delegations[0].clone();
        delegation.members = (0..n)
            .map(|i| {
                let mut m = Member::new();
                m.full_name = format!("Delegate {i}");
                m.position = format!("Adviser {i}");
                m.hotel = "Willard".into();
                m
            })
            .collect();
        xlsx.push(sheet::export_xlsx(&delegation).unwrap());
    }
    Lists { dossier, csv, xlsx }
});

fn import(bytes: &[u8], kind: Kind) -> usize {
    let (d, done) =
        sheet::import_into(&LISTS.dossier, 0, bytes, kind, &Options::default()).unwrap();
    d.delegations[0].members.len() + done.added
}

#[divan::bench(args = [0, 1])]
fn baseline_csv_records(size: usize) -> usize {
    let bytes = &LISTS.csv[size];
    csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(divan::black_box(bytes.as_slice()))
        .records()
        .count()
}

#[divan::bench(args = [0, 1])]
fn import_csv(size: usize) -> usize {
    import(divan::black_box(&LISTS.csv[size]), Kind::Csv)
}

#[divan::bench(args = [0, 1], sample_count = 20)]
fn import_xlsx(size: usize) -> usize {
    import(divan::black_box(&LISTS.xlsx[size]), Kind::Xlsx)
}
