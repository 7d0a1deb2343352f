//! Synthetic briefings for benchmarks: deterministic, valid, and shaped like real ones.
//!
//! Not part of the reader: a dev-dependency of `brief`, never built into the binary.
//! `examples/generate.rs` writes these to disk and `benches/` builds them in memory, so both
//! measure the same text. It writes YAML text only and does not depend on `brief`; the tests
//! that load what it writes are in `tests/it/generated.rs`. The same seed always gives the same bytes: a small
//! SplitMix64 generator of our own keeps that true across platforms and dependency upgrades.
//!
//! Every file passes `brief check` with no errors and no warnings: every source is used, every
//! claim is answered, exactly a third of the responses deny, and the declared contradictions name
//! existing items (some merge into implied pairs, as in hand-written briefings).

use std::fmt::Write;

/// SplitMix64: tiny, fast, and good enough to vary text.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`; the slight modulo bias does not matter here).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True `num` times in `den`.
    pub fn chance(&mut self, num: usize, den: usize) -> bool {
        self.below(den) < num
    }

    /// One of `xs`; None when it is empty.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> Option<&'a T> {
        xs.get(self.below(xs.len()))
    }

    /// One of `words`.
    pub fn word(&mut self, words: &[&'static str]) -> &'static str {
        words.get(self.below(words.len())).copied().unwrap_or("")
    }
}

// --- Word lists ------------------------------------------------------------------------------

const SUBJECTS: &[&str] = &[
    "the ministry",
    "officials familiar with the plan",
    "the city council",
    "a spokesperson for the operator",
    "the defence ministry",
    "analysts at the institute",
    "the port authority",
    "the mayor's office",
    "the transport workers' union",
    "two senior officials",
    "the finance ministry",
    "residents of the eastern district",
    "the bridge operator",
    "the opposition party",
    "a parliamentary committee",
    "the ferry passengers' association",
    "diplomats in the capital",
    "the state audit office",
    "people briefed on the talks",
    "the regional governor",
];

const SAYING: &[&str] = &[
    "said",
    "told reporters",
    "confirmed",
    "warned",
    "reported",
    "estimated",
    "argued",
    "insisted",
    "acknowledged",
    "suggested",
    "wrote in a statement",
    "said on Tuesday",
    "said late on Friday",
];

const MODALS: &[&str] = &[
    "would",
    "could",
    "had already begun to",
    "was preparing to",
    "did not plan to",
    "is expected to",
    "has agreed to",
    "may be forced to",
    "has no intention to",
    "was asked to",
];

const ACTIONS: &[&str] = &[
    "raise",
    "cut",
    "review",
    "withdraw",
    "extend",
    "suspend",
    "approve",
    "delay",
    "publish",
    "renegotiate",
    "audit",
    "double",
    "scrap",
    "reopen",
];

const OBJECTS: &[&str] = &[
    "the toll on the harbour bridge",
    "the number of troops stationed in the region",
    "the budget for night buses",
    "funding for the ferry service",
    "the cost-sharing agreement",
    "the maintenance contract for the tunnel",
    "subsidies for late-night routes",
    "the safety inspection programme",
    "the plan to merge the two depots",
    "compensation for affected residents",
    "the annual defence budget",
    "the timetable for the new line",
    "the fare for students and pensioners",
    "the environmental review of the port",
    "the contract with the private operator",
];

const COMPLEMENTS: &[&str] = &[
    "by {n}%",
    "before the end of {month}",
    "from {n} to {m}",
    "in the next fiscal year",
    "after a review of safety records",
    "despite objections from local groups",
    "according to documents seen by reporters",
    "at a cost of about ${n}m",
    "within {n} months",
    "without a vote in the council",
    "for the first time since {year}",
    "once the current agreement expires",
    "pending an independent audit",
    "if the talks with Seoul stall",
    "as part of a wider spending review",
    "even though ridership has risen by {n}%",
    "while the figures remain unpublished",
    "after {n} complaints from passengers",
];

const CONNECTORS: &[&str] = &[", and", ", although", ", while", ", but", "; meanwhile"];

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const KO_SUBJECTS: &[&str] = &[
    "국방부는",
    "시청 관계자는",
    "항만공사는",
    "연안교통연구소는",
    "시의회는",
    "운영사 측은",
    "야당 의원들은",
    "여객선 승객협회는",
    "정부 고위 관계자는",
];

const KO_OBJECTS: &[&str] = &[
    "통행료 인상 계획을",
    "주한미군 감축 방안을",
    "야간버스 노선 예산을",
    "여객선 안전 점검 결과를",
    "방위비 분담 협정을",
    "터널 유지보수 계약을",
    "학생 요금 할인 제도를",
];

const KO_COMPLEMENTS: &[&str] = &[
    "올해 안에",
    "다음 달부터",
    "약 {n}% 정도",
    "관련 문서에 따르면",
    "지역 주민들의 반대에도 불구하고",
    "예산 부족을 이유로",
    "지난 회의에서",
    "공식 발표 없이",
    "독립적인 감사가 끝날 때까지",
    "최근 몇 년 동안",
];

const KO_VERBS: &[&str] = &[
    "검토하고 있다고 밝혔다.",
    "부인했다.",
    "확인했다.",
    "발표할 예정이라고 말했다.",
    "논의한 적이 없다고 설명했다.",
    "재검토해야 한다고 주장했다.",
];

const ATTRIBUTIONS: &[&str] = &[
    "unnamed officials familiar with the discussions",
    "a ministry statement, reported by the agency",
    "two people briefed on the plan",
    "a council document seen by the paper",
    "the operator's annual report",
    "a spokesperson speaking on condition of anonymity",
    "minutes of the committee meeting",
    "국방부 대변인 정례 브리핑",
    "a press conference at City Hall",
];

const NOTES: &[&str] = &[
    "Both can be true at once: the denial covers talks between governments, the report an internal option.",
    "The two figures use different baselines; neither side has published its calculation.",
    "The earlier statement predates the audit, which may explain the gap.",
    "The report relies on a single unnamed source, while the ministry's account is on the record.",
    "Each side counts a different period, so the numbers are not directly comparable.",
    "두 주장은 서로 다른 기간을 기준으로 하고 있다.",
];

const PLACES: &[&str] = &[
    "Hwanpo",
    "Eastport",
    "Northgate",
    "Seorin",
    "Baekdo",
    "Riverside",
    "Coastal",
    "Metro",
    "Harbour",
    "National",
    "Gangseo",
    "Westfield",
];

/// Per source kind: name endings, and whether such a source is usually a party.
const KINDS: &[(&str, &[&str], bool)] = &[
    (
        "media",
        &["Daily", "Herald", "TV News", "Times", "Observer", "일보"],
        false,
    ),
    (
        "government",
        &[
            "City Hall",
            "Ministry of Transport",
            "Port Authority",
            "Ministry of National Defense",
        ],
        true,
    ),
    (
        "official",
        &["Mayor", "Deputy Minister", "Council Chair", "Governor"],
        true,
    ),
    ("agency", &["Press Agency", "News Service", "Wire"], false),
    (
        "analyst",
        &["Transport Institute", "Policy Institute", "Economics Forum"],
        false,
    ),
    (
        "other",
        &[
            "Passengers' Association",
            "Ferry Operators Ltd",
            "Residents' Group",
        ],
        true,
    ),
];

const STATUSES: &[&str] = &["reported", "confirmed", "denied", "disputed", "unverified"];
/// The stances other than `denies`, which gets exactly a third of the responses.
const OTHER_STANCES: &[&str] = &["disputes", "confirms", "clarifies", "declines"];
const RELIABILITY: &[&str] = &["A", "B", "C", "D", "E", "F"];
const TAGS: &[&str] = &[
    "transport",
    "defence",
    "tolls",
    "budget",
    "alliance",
    "ferries",
    "council",
    "audit",
    "통행료",
    "예산",
    "korea",
    "ports",
];

// --- Text ------------------------------------------------------------------------------------

fn fill(rng: &mut Rng, template: &str) -> String {
    let mut s = template.to_string();
    if s.contains("{n}") {
        s = s.replace("{n}", &rng.range(2, 95).to_string());
    }
    if s.contains("{m}") {
        s = s.replace("{m}", &rng.range(100, 900).to_string());
    }
    if s.contains("{year}") {
        s = s.replace("{year}", &rng.range(1990, 2023).to_string());
    }
    if s.contains("{month}") {
        s = s.replace("{month}", rng.word(MONTHS));
    }
    s
}

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// A sentence length between 15 and 60 words: mostly 15 to 30, one in five longer.
fn sentence_length(rng: &mut Rng) -> usize {
    if rng.chance(1, 5) {
        rng.range(31, 60)
    } else {
        rng.range(15, 30)
    }
}

/// One English news sentence of about `target` words, built from clauses and complements.
fn english_sentence(rng: &mut Rng, target: usize) -> String {
    let mut s = format!(
        "{} {} that {} {} {} {}",
        rng.word(SUBJECTS),
        rng.word(SAYING),
        rng.word(SUBJECTS),
        rng.word(MODALS),
        rng.word(ACTIONS),
        rng.word(OBJECTS)
    );
    let mut n = words(&s);
    let mut tries = 0;
    let mut used: Vec<&str> = Vec::new();
    while n < target && tries < 40 {
        tries += 1;
        let piece = if rng.chance(1, 4) {
            format!(
                "{} {} {} {}",
                rng.word(CONNECTORS),
                rng.word(SUBJECTS),
                rng.word(MODALS),
                rng.word(ACTIONS)
            ) + " "
                + rng.word(OBJECTS)
        } else {
            let t = rng.word(COMPLEMENTS);
            if used.contains(&t) {
                continue;
            }
            used.push(t);
            format!(" {}", fill(rng, t))
        };
        let len = words(&piece);
        if n + len > target + 2 {
            continue;
        }
        s.push_str(&piece);
        n += len;
    }
    capitalise(&mut s);
    s.push('.');
    s
}

fn korean_sentence(rng: &mut Rng, target: usize) -> String {
    let mut s = String::from(rng.word(KO_SUBJECTS));
    let mut n = 1;
    let mut used: Vec<&str> = Vec::new();
    while n + 3 < target && used.len() < KO_COMPLEMENTS.len() {
        let t = rng.word(KO_COMPLEMENTS);
        if used.contains(&t) {
            continue;
        }
        used.push(t);
        s.push(' ');
        s.push_str(&fill(rng, t));
        n = words(&s);
    }
    s.push(' ');
    s.push_str(rng.word(KO_OBJECTS));
    s.push(' ');
    s.push_str(rng.word(KO_VERBS));
    s
}

fn capitalise(s: &mut String) {
    if let Some(first) = s.get(..1) {
        let upper = first.to_ascii_uppercase();
        s.replace_range(..1, &upper);
    }
}

/// An item's text: usually one or two English sentences; sometimes Korean, sometimes Korean
/// followed by an English translation on its own line.
fn item_text(rng: &mut Rng) -> Text {
    match rng.below(20) {
        0 | 1 => {
            let len = rng.range(12, 30);
            Text::Plain(korean_sentence(rng, len))
        }
        2 => {
            let ko_len = rng.range(10, 25);
            let en_len = sentence_length(rng);
            let ko = korean_sentence(rng, ko_len);
            let en = english_sentence(rng, en_len);
            Text::Literal(format!("{ko}\n({en})"))
        }
        3 => {
            let a = sentence_length(rng);
            let b = rng.range(15, 30);
            let (a, b) = (english_sentence(rng, a), english_sentence(rng, b));
            Text::Folded(format!("{a} {b}"))
        }
        _ => {
            let len = sentence_length(rng);
            Text::Folded(english_sentence(rng, len))
        }
    }
}

enum Text {
    /// One line, written as a plain or quoted scalar.
    Plain(String),
    /// Long prose, written as a folded block scalar (`>`), wrapped.
    Folded(String),
    /// Lines kept as written, a literal block scalar (`|`).
    Literal(String),
}

/// A short extract in the speaker's words: "we will not raise the fare for students …".
fn quote_text(rng: &mut Rng) -> String {
    let who = rng.word(&["we", "the city", "the government", "our members", "nobody"]);
    let mut s = format!(
        "{who} {} {} {}",
        rng.word(MODALS),
        rng.word(ACTIONS),
        rng.word(OBJECTS)
    );
    if rng.chance(1, 2) {
        let t = rng.word(COMPLEMENTS);
        s.push(' ');
        s.push_str(&fill(rng, t));
    }
    s
}

// --- YAML writing ----------------------------------------------------------------------------

/// Whether `s` can be written as a plain scalar in block context and read back unchanged.
fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) || first.is_whitespace() {
        return false;
    }
    if s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.ends_with(' ')
        || s.contains('\n')
        || s.contains('\t')
    {
        return false;
    }
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
    ) {
        return false;
    }
    // Anything that starts like a number is quoted, to be safe.
    !first.is_ascii_digit() && !s.starts_with('.') && !s.starts_with('+')
}

/// `s` as a YAML scalar: plain when it reads back as the same string, else double-quoted.
pub fn scalar(s: &str) -> String {
    if plain_ok(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn key(out: &mut String, indent: &str, k: &str, v: &str) {
    let _ = writeln!(out, "{indent}{k}: {}", scalar(v));
}

/// Writes `k: >` and `text` folded at about 76 columns, or `k: |` and its lines as they are.
fn key_text(out: &mut String, indent: &str, k: &str, text: &Text) {
    match text {
        Text::Plain(s) => key(out, indent, k, s),
        Text::Folded(s) => {
            let _ = writeln!(out, "{indent}{k}: >");
            let mut line = String::new();
            for w in s.split(' ') {
                if !line.is_empty() && line.len() + 1 + w.len() > 76 {
                    let _ = writeln!(out, "{indent}  {line}");
                    line.clear();
                }
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(w);
            }
            if !line.is_empty() {
                let _ = writeln!(out, "{indent}  {line}");
            }
        }
        Text::Literal(s) => {
            let _ = writeln!(out, "{indent}{k}: |");
            for l in s.lines() {
                let _ = writeln!(out, "{indent}  {l}");
            }
        }
    }
}

/// Days in `month` of `year` (the loader has its own; this crate does not depend on it).
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

fn date(rng: &mut Rng) -> String {
    let year = 2023 + rng.below(3) as i32;
    let month = rng.range(1, 12) as u8;
    let day = rng.range(1, usize::from(days_in_month(year, month)));
    format!("{year:04}-{month:02}-{day:02}")
}

// --- Briefings -------------------------------------------------------------------------------

/// How big a briefing to make.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub seed: u64,
    pub sources: usize,
    pub claims: usize,
    pub responses: usize,
    pub context: usize,
    /// One declared contradiction per this many context items (0: none).
    pub declared_every: usize,
}

impl Spec {
    /// The stress briefing: `n` items in each section (20,000 makes about 20 MB).
    pub fn big(n: usize) -> Spec {
        Spec {
            seed: 0x00B1_6B1E_F1A6,
            sources: 60,
            claims: n,
            responses: n,
            context: n,
            declared_every: 8,
        }
    }

    /// The `index`th briefing of a library: a few sources, a handful of items.
    pub fn ordinary(index: u64) -> Spec {
        let mut rng = Rng::new(0x11B_2A27 ^ index.wrapping_mul(0x9E37_79B9));
        let claims = rng.range(2, 10);
        let responses = rng.range(1, claims + 2);
        let context = rng.range(1, 8);
        Spec {
            seed: rng.next_u64(),
            sources: rng.range(2, 8).min(claims + responses + context),
            claims,
            responses,
            context,
            declared_every: rng.range(2, 4),
        }
    }
}

/// Writes the briefing `spec` describes. Same spec, same bytes.
pub fn briefing(spec: &Spec) -> String {
    let mut rng = Rng::new(spec.seed);
    let total = spec.claims + spec.responses + spec.context;
    let mut out = String::with_capacity(total * 360 + 4096);

    let title = {
        let mut t = format!(
            "{} {} to {} {}",
            rng.word(SUBJECTS),
            rng.word(&["plans", "refuses", "is asked", "votes", "is expected"]),
            rng.word(ACTIONS),
            rng.word(OBJECTS)
        );
        capitalise(&mut t);
        t
    };
    key(&mut out, "", "title", &title);
    let _ = writeln!(out, "date: {}", date(&mut rng));
    let summary = {
        let (a, b) = (sentence_length(&mut rng), sentence_length(&mut rng));
        Text::Folded(format!(
            "{} {}",
            english_sentence(&mut rng, a),
            english_sentence(&mut rng, b)
        ))
    };
    key_text(&mut out, "", "summary", &summary);
    let n_tags = rng.range(2, 6);
    let mut tags: Vec<&str> = (0..n_tags).map(|_| rng.word(TAGS)).collect();
    tags.dedup();
    tags.sort_unstable();
    tags.dedup();
    let _ = writeln!(out, "tags: [{}]", tags.join(", "));

    // Sources: every kind, some Korean names, and each one used by at least one item.
    let mut sources: Vec<String> = Vec::with_capacity(spec.sources);
    if spec.sources > 0 {
        out.push_str("\nsources:\n");
    }
    for i in 0..spec.sources {
        let Some(&(kind, endings, party)) = KINDS.get(i % KINDS.len()) else {
            continue;
        };
        let (place, ending) = (rng.word(PLACES), rng.word(endings));
        let name = format!("{place} {ending}");
        // Short ids, as people write them: `hwanpo-d-3`, `eastport-mond-7`.
        let initials: String = ending
            .split(' ')
            .filter_map(|w| w.chars().next())
            .filter(char::is_ascii_alphabetic)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let initials = if initials.is_empty() {
            "x".into()
        } else {
            initials
        };
        let id = format!("{}-{initials}-{i}", place.to_ascii_lowercase());
        let _ = writeln!(out, "  - id: {id}");
        let shown = if rng.chance(1, 5) {
            format!(
                "{name} ({})",
                rng.word(&["환포일보", "환포시청", "연안교통연구소", "승객협회"])
            )
        } else {
            name
        };
        key(&mut out, "    ", "name", &shown);
        let _ = writeln!(out, "    kind: {kind}");
        if rng.chance(2, 3) {
            let _ = writeln!(out, "    url: https://{id}.example/");
        }
        if rng.chance(3, 4) {
            let _ = writeln!(out, "    reliability: {}", rng.word(RELIABILITY));
        }
        if rng.chance(3, 4) {
            let word = if party { "party" } else { "none" };
            let _ = writeln!(out, "    interest: {word}");
        }
        sources.push(id);
    }

    let claim_id = |i: usize| format!("c{i:05}");
    let mut global = 0usize;
    let mut item_common = |out: &mut String, rng: &mut Rng, text: &Text| {
        key_text(out, "    ", "text", text);
        // The first items use each source in turn, so none is left unused.
        let source = if global < sources.len() {
            sources.get(global)
        } else if rng.chance(9, 10) {
            rng.pick(&sources)
        } else {
            None
        };
        global += 1;
        if let Some(s) = source {
            let _ = writeln!(out, "    source: {s}");
        }
        if rng.chance(1, 3) {
            key(out, "    ", "attribution", rng.word(ATTRIBUTIONS));
        }
        if rng.chance(3, 4) {
            let _ = writeln!(out, "    date: {}", date(rng));
        }
    };
    let item_tail = |out: &mut String, rng: &mut Rng, id: &str| {
        if rng.chance(2, 3) {
            let _ = writeln!(out, "    credibility: {}", rng.range(1, 6));
        }
        if rng.chance(1, 6) {
            key(out, "    ", "quote", &quote_text(rng));
        }
        if rng.chance(1, 4) {
            let _ = writeln!(
                out,
                "    url: https://news.example/{}/{id}",
                rng.range(2023, 2025)
            );
        }
    };

    // The date line an item written from `start` on has, if any (dates are fixed-width, so
    // they compare as strings).
    fn date_at(out: &str, start: usize) -> Option<(usize, String)> {
        let at = out.get(start..)?.find("\n    date: ")? + start + "\n    date: ".len();
        Some((at, out.get(at..at + 10)?.to_string()))
    }
    let mut claim_dates: Vec<Option<String>> = Vec::with_capacity(spec.claims);
    out.push_str("\nclaims:\n");
    for i in 0..spec.claims {
        let id = claim_id(i);
        let start = out.len();
        let _ = writeln!(out, "  - id: {id}");
        let text = item_text(&mut rng);
        item_common(&mut out, &mut rng, &text);
        claim_dates.push(date_at(&out, start).map(|(_, d)| d));
        if rng.chance(4, 5) {
            let _ = writeln!(out, "    status: {}", rng.word(STATUSES));
        }
        item_tail(&mut out, &mut rng, &id);
    }
    if spec.claims == 0 {
        out.truncate(out.len() - 1);
        out.push_str(" []\n");
    }

    // Response r answers every claim j with j % responses == r, so every claim is answered;
    // some also answer one more claim.
    let mut denials: Vec<(usize, usize)> = Vec::new();
    out.push_str("\nresponses:\n");
    for r in 0..spec.responses {
        let id = format!("r{r:05}");
        let start = out.len();
        let _ = writeln!(out, "  - id: {id}");
        let text = item_text(&mut rng);
        item_common(&mut out, &mut rng, &text);
        let mut targets: Vec<usize> = (r..spec.claims).step_by(spec.responses.max(1)).collect();
        if spec.claims > 1 && (targets.is_empty() || rng.chance(1, 4)) {
            let extra = rng.below(spec.claims);
            if !targets.contains(&extra) {
                targets.push(extra);
            }
        }
        if targets.is_empty() {
            targets.push(0);
        }
        // A response is never dated before a claim it answers (`brief check` warns of that):
        // the date drawn stands unless a target's is later, which it then takes. No draw is
        // added, so everything else the seed gives stays as it was.
        let latest = targets
            .iter()
            .filter_map(|&j| claim_dates.get(j).cloned().flatten())
            .max();
        if let (Some((at, drawn)), Some(latest)) = (date_at(&out, start), latest) {
            if drawn < latest {
                out.replace_range(at..at + 10, &latest);
            }
        }
        let list: Vec<String> = targets.iter().map(|&j| claim_id(j)).collect();
        if list.len() > 2 && rng.chance(1, 2) {
            let _ = writeln!(out, "    responds_to:");
            for l in &list {
                let _ = writeln!(out, "      - {l}");
            }
        } else {
            let _ = writeln!(out, "    responds_to: [{}]", list.join(", "));
        }
        let stance = if r % 3 == 0 {
            denials.push((targets.first().copied().unwrap_or(0), r));
            "denies"
        } else {
            rng.word(OTHER_STANCES)
        };
        let _ = writeln!(out, "    stance: {stance}");
        item_tail(&mut out, &mut rng, &id);
    }
    if spec.responses == 0 {
        out.truncate(out.len() - 1);
        out.push_str(" []\n");
    }

    out.push_str("\ncontext:\n");
    for x in 0..spec.context {
        let id = format!("x{x:05}");
        let _ = writeln!(out, "  - id: {id}");
        let text = item_text(&mut rng);
        item_common(&mut out, &mut rng, &text);
        item_tail(&mut out, &mut rng, &id);
    }
    if spec.context == 0 {
        out.truncate(out.len() - 1);
        out.push_str(" []\n");
    }

    // Declared contradictions: a context item against a claim, and now and then a note on a
    // denial (which merges into the implied pair).
    if spec.declared_every > 0 && spec.claims > 0 {
        let mut first = true;
        for x in (0..spec.context).step_by(spec.declared_every) {
            if first {
                out.push_str("\ncontradictions:\n");
                first = false;
            }
            let c = rng.below(spec.claims);
            let _ = writeln!(out, "  - between: [{}, x{x:05}]", claim_id(c));
            if rng.chance(4, 5) {
                key(&mut out, "    ", "note", rng.word(NOTES));
            }
            if let Some(&(c, r)) = denials.get(x / spec.declared_every * 3) {
                let _ = writeln!(out, "  - between: [r{r:05}, {}]", claim_id(c));
                key(&mut out, "    ", "note", rng.word(NOTES));
            }
        }
    }
    out
}

/// The stress briefing with `n` items in each section.
pub fn big(n: usize) -> String {
    briefing(&Spec::big(n))
}

/// The `index`th briefing of a generated library.
pub fn ordinary(index: u64) -> String {
    briefing(&Spec::ordinary(index))
}
