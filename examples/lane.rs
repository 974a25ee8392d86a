use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, automaton::Automaton, dfa::DFA};
use aidisclose::config::Config;
use aidisclose::detect::code::Language;
use aidisclose::knowledge::Knowledge;
use aidisclose::workspace::{self, FileKind};
use std::time::Instant;
fn one(dfa: &DFA, hay: &[u8]) -> bool {
    let mut s = dfa.start_state(Anchored::No).unwrap();
    for &b in hay {
        s = dfa.next_state(Anchored::No, s, b);
        if dfa.is_special(s) && dfa.is_match(s) {
            return true;
        }
    }
    false
}
fn two(dfa: &DFA, hay: &[u8], longest: usize) -> bool {
    let n = hay.len();
    let mid = n / 2;
    let a = &hay[..(mid + longest).min(n)];
    let b = &hay[mid..];
    let start = dfa.start_state(Anchored::No).unwrap();
    let (mut s1, mut s2) = (start, start);
    let len = a.len().min(b.len());
    let (a1, b1) = (&a[..len], &b[..len]);
    for (&x, &y) in a1.iter().zip(b1) {
        s1 = dfa.next_state(Anchored::No, s1, x);
        s2 = dfa.next_state(Anchored::No, s2, y);
        if (dfa.is_special(s1) && dfa.is_match(s1)) || (dfa.is_special(s2) && dfa.is_match(s2)) {
            return true;
        }
    }
    for &x in &a[len..] {
        s1 = dfa.next_state(Anchored::No, s1, x);
        if dfa.is_special(s1) && dfa.is_match(s1) {
            return true;
        }
    }
    for &y in &b[len..] {
        s2 = dfa.next_state(Anchored::No, s2, y);
        if dfa.is_special(s2) && dfa.is_match(s2) {
            return true;
        }
    }
    false
}
fn lanes<const N: usize>(dfa: &DFA, hay: &[u8], longest: usize) -> bool {
    let n = hay.len();
    if n < N * 64 {
        return one(dfa, hay);
    }
    let step = n / N;
    let start = dfa.start_state(Anchored::No).unwrap();
    // lane i covers [i*step, (i+1)*step + longest) clipped; the last to the end
    let bounds: [(usize, usize); N] = std::array::from_fn(|i| {
        (
            i * step,
            if i + 1 == N {
                n
            } else {
                ((i + 1) * step + longest).min(n)
            },
        )
    });
    let common = bounds.iter().map(|(a, b)| b - a).min().unwrap();
    let mut s = [start; N];
    for j in 0..common {
        let mut hit = false;
        for i in 0..N {
            s[i] = dfa.next_state(Anchored::No, s[i], hay[bounds[i].0 + j]);
            hit |= dfa.is_special(s[i]);
        }
        if hit && s.iter().any(|&x| dfa.is_match(x)) {
            return true;
        }
    }
    for i in 0..N {
        for &b in &hay[bounds[i].0 + common..bounds[i].1] {
            s[i] = dfa.next_state(Anchored::No, s[i], b);
            if dfa.is_special(s[i]) && dfa.is_match(s[i]) {
                return true;
            }
        }
    }
    false
}
fn main() {
    let root = std::path::PathBuf::from(std::env::args().nth(1).unwrap());
    let k = Knowledge::embedded().unwrap();
    let found = workspace::discover(&root, &[], &Config::default(), 1).files;
    let files: Vec<Vec<u8>> = found
        .iter()
        .filter(|e| e.kind == FileKind::Source(Language::Python))
        .map(|e| std::fs::read(&e.abs).unwrap())
        .collect();
    let n: usize = files.iter().map(Vec::len).sum();
    let mut py = k.signals.literals(Language::Python.ecosystems());
    for dir in Language::Python.query_dirs() {
        for f in aidisclose::knowledge::query_files(dir) {
            for l in f.text.lines() {
                for m in ["; prefilter:", "; references:"] {
                    if let Some(r) = l.trim_start().strip_prefix(m) {
                        py.extend(r.split_whitespace().map(str::to_string));
                    }
                }
            }
        }
    }
    py.sort();
    py.dedup();
    let longest = py.iter().map(String::len).max().unwrap();
    let run = |name: &str, f: &dyn Fn(&[u8]) -> bool| {
        let mut best = f64::MAX;
        let mut c = 0;
        for _ in 0..5 {
            let t = Instant::now();
            c = files.iter().filter(|x| f(x)).count();
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{name:30} {:7.1} ms {:6.0} MB/s matches {c}",
            best * 1e3,
            n as f64 / 1e6 / best
        );
    };
    let ac = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .build(&py)
        .unwrap();
    run("ac is_match", &|x| ac.is_match(x));
    let dfa = aho_corasick::dfa::Builder::new()
        .prefilter(false)
        .build(&py)
        .unwrap();
    run("one lane", &|x| one(&dfa, x));
    run("two lanes", &|x| two(&dfa, x, longest));
    run("lanes<2>", &|x| lanes::<2>(&dfa, x, longest));
    run("lanes<3>", &|x| lanes::<3>(&dfa, x, longest));
    run("lanes<4>", &|x| lanes::<4>(&dfa, x, longest));
    run("lanes<6>", &|x| lanes::<6>(&dfa, x, longest));
    run("lanes<8>", &|x| lanes::<8>(&dfa, x, longest));
}
