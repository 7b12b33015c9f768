//! Every committed fuzzing input (`fuzz/seeds`, and `fuzz/regressions`, where each input
//! that once failed is kept) through the fuzzers' properties, on every `cargo test`: what
//! the fuzzers found once stays fixed without running them.

use std::path::Path;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut out = Vec::new();
    for dir in ["seeds", "regressions"] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_file() && path.extension().is_none_or(|e| e != "md") {
                out.push((
                    path.display().to_string(),
                    std::fs::read(&path).expect("a committed input reads"),
                ));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_committed_inputs_keep_every_property() {
    let inputs = inputs();
    assert!(
        inputs.len() >= 10,
        "the seed corpus is there: {}",
        inputs.len()
    );
    for (name, bytes) in &inputs {
        for (property, check) in [
            ("load", attache::fuzzing::load as fn(&[u8])),
            ("roundtrip", attache::fuzzing::roundtrip),
            ("pack", attache::fuzzing::pack),
            ("list", attache::fuzzing::list),
        ] {
            if let Err(e) = std::panic::catch_unwind(|| check(bytes)) {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("{name}: the {property} property fails: {message}");
            }
        }
    }
}

#[test]
fn the_committed_three_way_inputs_keep_the_merge_property() {
    // Base, ours and theirs split at NUL bytes (`fuzz/seeds/merge-*`): a marking lowered
    // on one side while the other adds what it covers.
    let merges: Vec<(String, Vec<u8>)> = inputs()
        .into_iter()
        .filter(|(_, bytes)| bytes.iter().filter(|&&b| b == 0).count() == 2)
        .collect();
    assert!(merges.len() >= 2, "{} three-way inputs", merges.len());
    for (name, bytes) in &merges {
        if let Err(e) = std::panic::catch_unwind(|| attache::fuzzing::merge3_bytes(bytes)) {
            let message = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panic!("{name}: the merge3 property fails: {message}");
        }
    }
}

#[test]
fn every_pair_of_committed_dossiers_diffs_and_merges() {
    let dossiers: Vec<(String, attache::model::Dossier)> = inputs()
        .into_iter()
        .filter_map(|(name, bytes)| Some((name, attache::store::parse_bytes(&bytes).ok()?)))
        .collect();
    assert!(dossiers.len() >= 5, "{} dossiers", dossiers.len());
    for (an, a) in &dossiers {
        for (bn, b) in &dossiers {
            if let Err(e) = std::panic::catch_unwind(|| attache::fuzzing::diff_merge(a, b)) {
                let message = e
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                panic!("{an} against {bn}: {message}");
            }
        }
    }
}

#[test]
fn merges_of_the_sample_and_its_variants_keep_both_sides_changes() {
    // Variants of one dossier, as colleagues' copies are: each pair of them against the
    // sample as base, and every committed dossier as base of the same pair.
    let sample =
        attache::store::parse_str(include_str!("../dossiers/kenya-us-washington-talks.ron"))
            .unwrap();
    let mut variants = vec![sample.clone()];
    let mut v = sample.clone();
    v.delegations[0].members[2].position = "Adviser".to_owned();
    v.talking_points.pop();
    variants.push(v);
    let mut v = sample.clone();
    v.delegations[0].members.swap(1, 3);
    v.delegations[0].members[1].contact = "x@example.org".to_owned();
    v.security_notes[0].summary = "Changed.".to_owned();
    variants.push(v);
    let mut v = sample.clone();
    let m = v.delegations[0].members.remove(4);
    v.delegations[1].members.push(m);
    v.meta.venue = "Nairobi".to_owned();
    v.programme.clear();
    variants.push(v);
    // Markings lowered on one side where the other adds or changes text (each pair is
    // merged both ways round): the merge must never print that text lower.
    let mut secret = sample.clone();
    secret.meta.marking = attache::model::Marking::new("SECRET");
    secret.talking_points[0].marking = Some(attache::model::Marking::new("SECRET"));
    secret.delegations[1].marking = None;
    variants.push(secret.clone());
    let mut v = secret.clone();
    v.talking_points[0].marking = Some(attache::model::Marking::new("OFFICIAL"));
    v.meta.marking = attache::model::Marking::new("OFFICIAL");
    variants.push(v);
    let mut v = secret.clone();
    v.talking_points[0]
        .key_messages
        .push("A secret message.".into());
    let mut member = v.delegations[1].members[0].clone();
    member.id = attache::model::Id::new("usa-added").unwrap();
    member.marking = None;
    v.delegations[1].members.push(member);
    variants.push(v);
    let mut bases = vec![sample.clone(), secret.clone()];
    bases.extend(
        inputs()
            .into_iter()
            .filter_map(|(_, bytes)| attache::store::parse_bytes(&bytes).ok()),
    );
    let mut clean = 0;
    for base in &bases {
        for o in &variants {
            for t in &variants {
                clean += usize::from(attache::fuzzing::merge3(base, o, t));
            }
        }
    }
    assert!(
        clean >= variants.len() * variants.len(),
        "the property was checked: {clean} clean merges"
    );
}
