//! Loading the big briefing beside the bare parse it is measured against (BENCHMARKS.md,
//! target 1): serde_yaml into the same raw structs, then everything `brief check` does, then
//! what opening it in the reader adds.
//!
//! The input is the generator's stress briefing (20,000 items in each section, ~22 MB), made in
//! memory at bench time. `BRIEF_BENCH_ITEMS=2000` makes it smaller.
//!
//! ```text
//! cargo bench --bench load
//! ```
//!
//! Times are CPU time of the benchmarking thread (see `common`); `BRIEF_BENCH_CLOCK=wall` for
//! wall time.

// A bench whose generated input does not load has nothing to measure: it stops there.
#![allow(clippy::panic)]

mod common;

use std::hint::black_box;

use brief::briefing::load::{load_str, parse_only};
use brief::briefing::prescan::prescan;
use brief::briefing::raw::RawBriefing;
use brief::briefing::search::SearchIndex;
use brief::briefing::srcmap::{LazyMap, SourceMap};
use brief::briefing::validate::validate;
use brief::briefing::Document;
use brief::briefing::Relations;
use common::CpuTime;
use criterion::{criterion_group, criterion_main, Criterion};

fn items() -> usize {
    std::env::var("BRIEF_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

fn whole(c: &mut Criterion<CpuTime>) {
    let text = briefgen::big(items());
    let mut g = c.benchmark_group("load");
    g.sample_size(10);
    g.throughput(common::bytes(&text));
    // The baseline: serde_yaml into the same raw structs, nothing else. Each result is handed
    // back to criterion, which drops it outside the time.
    g.bench_function("bare serde_yaml::from_slice", |b| {
        b.iter(|| serde_yaml::from_slice::<RawBriefing>(black_box(text.as_bytes())).ok())
    });
    g.bench_function("load_str (brief check)", |b| {
        b.iter(|| load_str(black_box(&text)).ok())
    });
    g.bench_function("load_str + Document::new (opening in the reader)", |b| {
        b.iter(|| {
            load_str(black_box(&text))
                .ok()
                .map(|l| Document::new(None, String::new(), l.briefing, l.warnings))
        })
    });
    g.finish();
}

fn steps(c: &mut Criterion<CpuTime>) {
    let text = briefgen::big(items());
    let Ok(raw) = parse_only(&text) else {
        panic!("the generated briefing does not parse");
    };
    let Ok(loaded) = load_str(&text) else {
        panic!("the generated briefing does not load");
    };
    let mut g = c.benchmark_group("load steps");
    g.sample_size(10);
    g.throughput(common::bytes(&text));
    g.bench_function("prescan", |b| b.iter(|| prescan(black_box(&text))));
    g.bench_function("SourceMap::starts", |b| {
        b.iter(|| SourceMap::starts(black_box(&text)))
    });
    g.bench_function("SourceMap::build", |b| {
        b.iter(|| SourceMap::build(black_box(&text)))
    });
    g.bench_function("validate", |b| {
        b.iter(|| validate(black_box(&raw), &LazyMap::new(black_box(&text))))
    });
    g.bench_function("Relations::derive", |b| {
        b.iter(|| Relations::derive(black_box(&loaded.briefing)))
    });
    g.bench_function("SearchIndex::build (on the first search)", |b| {
        b.iter(|| SearchIndex::build(black_box(&loaded.briefing)))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = common::criterion();
    targets = whole, steps
}
criterion_main!(benches);
