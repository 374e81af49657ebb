use claimcheck::{document::Document, factbase, mentions, rules::Rules, segment::Segmented};
use std::path::Path;
fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::load(&root.join("rules")).unwrap();
    let base = factbase::load_dir(&root.join("claims"), &rules).unwrap();
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 1, 20);
    let t = std::time::Instant::now();
    let doc = Document::from_text(Path::new("c.txt"), text.clone()).unwrap();
    let t1 = t.elapsed();
    let seg = Segmented::new(&doc, &rules);
    let t2 = t.elapsed();
    let m0 = mentions::extract(&seg, &rules, as_of, None).unwrap().len();
    let t3 = t.elapsed();
    let m1 = mentions::extract(&seg, &rules, as_of, Some(&base.names))
        .unwrap()
        .len();
    let t4 = t.elapsed();
    let mb = text.len() as f64 / 1e6;
    println!(
        "doc {:?} seg {:?} mentions-no-names {:?} ({m0}) mentions+names {:?} ({m1}) {mb} MB",
        t1,
        t2 - t1,
        t3 - t2,
        t4 - t3
    );
}
