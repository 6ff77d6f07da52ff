//! The `plan_model` fuzz target's input: a pack and a plan as typed values (`arbitrary`),
//! printed as TOML by the `toml` crate's serializer. Words come mostly from the real
//! vocabulary (the schemas' closed words, the built-in packs' providers, products, rules and
//! regions) and dates from 2023–2033, so most inputs are valid plans and packs that reach the
//! engine; now and then a word is any string, and free text carries markers
//! ([`HOSTILE`]) that no output may pass on as markup or as a workflow command.

use arbitrary::{Arbitrary, Unstructured};
use toml::{Table, Value};

use crate::base::vocab::{Channel, Cloud, Kind, Sector};

/// Free text that would be markup, a link or a workflow command if an output passed it on
/// unescaped; `fuzzing.rs` looks for [`HTML_MARKER`], [`LINK_MARKER`] and
/// [`FORGED_MARKER`] in what it renders.
pub const HOSTILE: &[&str] = &[
    "<x-fuzz>tag</x-fuzz>",
    "[a link](https://fuzz.invalid/md)",
    "![an image](https://fuzz.invalid/img.png)",
    "<https://fuzz.invalid/auto>",
    "x\" onfuzz=\"1",
    "%0A::error::FUZZ-FORGED",
    "line\n::error file=a::FUZZ-FORGED",
    "cr\r::warning::FUZZ-FORGED",
    "50% ::notice::FUZZ-FORGED %25",
    "a | b ` c * d _ e ~~f~~ & g",
    "&lt;x-fuzz&gt; &amp;",
    "Ünïcødé ✓ 日本語 \u{200b}",
    "",
];

/// Text no plan or pack may hold (the schema refuses it): now and then, to keep the
/// refusals exercised.
const INVALID: &[&str] = &[
    "\u{1b}[31mred\u{1b}[0m",
    "\u{202e}reversed",
    "nul\u{0}",
    "\u{fffe}",
];
pub const HTML_MARKER: &str = "<x-fuzz";
pub const ATTRIBUTE_MARKER: &str = "\" onfuzz=";
pub const LINK_MARKER: &str = "fuzz.invalid";
pub const FORGED_MARKER: &str = "FUZZ-FORGED";

const PLAIN: &[&str] = &[
    "Acme Corp",
    "Harbor Bank N.V.",
    "Use an approved cloud.",
    "Letter MS-2026-114",
    "Cloud Governance Board",
];

const PROVIDERS: &[&str] = &[
    "openai",
    "openai",
    "anthropic",
    "google",
    "meta",
    "mistral",
    "acme",
    "fz",
];
const PRODUCTS: &[&str] = &[
    "gpt-4o",
    "gpt-4.1",
    "o3",
    "gpt-5",
    "gpt-5.4",
    "gpt-5.5",
    "codex",
    "chatgpt-enterprise",
    "gpt-oss-20b",
    "gpt-oss-120b",
    "claude-3-5-sonnet",
    "claude-sonnet-4-5",
    "claude-opus-4-6",
    "gemini-2.5-pro",
    "gemini-3-pro",
    "llama-3.1-405b",
    "llama-4-scout",
    "mistral-large",
    "mixtral-8x7b",
    "fz-model",
    "fz-app",
];
const PACK_IDS: &[&str] = &[
    "acme",
    "fz",
    "openai-microsoft",
    "anthropic",
    "google",
    "meta",
    "mistral",
];
const RULE_IDS: &[&str] = &[
    "any-cloud",
    "first-on-azure",
    "microsoft-licence",
    "open-weight-models",
    "bedrock",
    "vertex",
    "eu-only",
    "no-gov",
    "approved-clouds",
    "review",
    "sunset",
];
const REGIONS: &[&str] = &[
    "us-east-1",
    "us-west-2",
    "eu-central-1",
    "eu-west-1",
    "us-gov-west-1",
    "eusc-de-east-1",
    "westeurope",
    "swedencentral",
    "usgovvirginia",
    "eastus",
    "uksouth",
    "us-central1",
    "europe-west4",
    "us-ashburn-1",
    "us-langley-1",
    "nowhere-9",
];
/// Each cloud's regions in the catalog (`policies/regions.toml`): a deployment's region is
/// mostly one of its cloud's, so rules on region, jurisdiction and government apply.
const CLOUD_REGIONS: &[(&str, &[&str])] = &[
    (
        "aws",
        &[
            "us-east-1",
            "us-west-2",
            "eu-central-1",
            "eu-west-1",
            "us-gov-west-1",
            "eusc-de-east-1",
            "ap-northeast-1",
        ],
    ),
    (
        "azure",
        &[
            "westeurope",
            "swedencentral",
            "usgovvirginia",
            "eastus",
            "uksouth",
            "japaneast",
        ],
    ),
    (
        "gcp",
        &["us-central1", "europe-west4", "europe-west1", "me-central2"],
    ),
    ("oci", &["us-ashburn-1", "us-langley-1", "uk-gov-london-1"]),
];
const REGION_PATTERNS: &[&str] = &["us-*", "eu-*", "us-gov-*", "*", "westeurope", "usgov*"];
const JURISDICTIONS: &[&str] = &["us", "eu", "uk", "ch", "jp", "in", "zz"];
const TAGS: &[&str] = &["production", "pilot", "internal", "confidential", "public"];
const APPROVERS: &[&str] = &[
    "cgb@acme.example",
    "*@acme.example",
    "procurement@acme.example",
    "someone@else.example",
];
const SOURCES: &[&str] = &[
    "https://openai.com/index/hello-gpt-4o/",
    "https://docs.aws.amazon.com/bedrock/latest/userguide/models.html",
    "Acme Policy PRC-7",
    "https://fuzz.invalid/terms/2026/clause-4",
];
const DEPLOYMENT_IDS: &[&str] = &["d1", "d2", "d3", "d4", "chat", "batch", "eu.prod", "x_1"];

/// A word from a list, or (rarely) any string: most inputs stay in the vocabulary.
#[derive(Debug, Clone)]
pub struct Word {
    pick: u8,
    raw: Option<String>,
}

impl<'a> Arbitrary<'a> for Word {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let pick = u8::arbitrary(u)?;
        // Not 0 or 255, which mutations write most: a raw string stays rare.
        let raw = if pick == 0xAB {
            Some(String::arbitrary(u)?)
        } else {
            None
        };
        Ok(Word { pick, raw })
    }
}

impl Word {
    fn of(&self, words: &[&str]) -> String {
        match &self.raw {
            Some(raw) => raw.clone(),
            None => nth(words, self.pick).to_string(),
        }
    }
}

fn nth<'w>(words: &[&'w str], pick: u8) -> &'w str {
    words
        .get(usize::from(pick) % words.len().max(1))
        .copied()
        .unwrap_or("")
}

fn closed<T: Copy + Into<&'static str>>(all: &[T], pick: u8) -> String {
    let words: Vec<&'static str> = all.iter().map(|t| (*t).into()).collect();
    nth(&words, pick).to_string()
}

/// Free text: plain words, a hostile marker, both, or (rarely) text the schema refuses or
/// any string.
#[derive(Debug, Clone)]
pub enum Text {
    Plain(u8),
    Hostile(u8),
    Both(u8, u8),
    Invalid(u8),
    Any(String),
}

impl<'a> Arbitrary<'a> for Text {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let pick = u8::arbitrary(u)?;
        // The rare kinds on values mutations seldom write (not 0, 127, 128 or 255).
        Ok(match pick {
            0x9A | 0x9B => Text::Invalid(pick),
            0x9C => Text::Any(String::arbitrary(u)?),
            0..=127 => Text::Plain(pick),
            128..=223 => Text::Hostile(pick),
            _ => Text::Both(pick, u8::arbitrary(u)?),
        })
    }
}

impl Text {
    fn print(&self, lines: bool) -> String {
        let text = match self {
            Text::Plain(i) => nth(PLAIN, *i).to_string(),
            Text::Hostile(i) => nth(HOSTILE, *i).to_string(),
            Text::Both(i, j) => format!("{} {}", nth(PLAIN, *i), nth(HOSTILE, *j)),
            Text::Invalid(i) => nth(INVALID, *i).to_string(),
            Text::Any(s) => s.clone(),
        };
        // Only some keys may hold line breaks (the schema says which); elsewhere a break
        // would make the file invalid, and most inputs should be valid.
        if lines {
            text
        } else {
            text.replace(['\n', '\r'], " ")
        }
    }
}

/// A day from 2023 to 2033, or one of the days the built-in packs turn on.
#[derive(Debug, Clone, Copy, Arbitrary)]
pub struct Day(u16);

impl Day {
    fn date(self) -> toml::value::Date {
        const KEY: &[(u16, u8, u8)] = &[
            (2026, 4, 27),
            (2025, 10, 28),
            (2032, 12, 31),
            (2033, 1, 1),
            (2025, 8, 5),
            (2026, 6, 1),
            (2024, 5, 13),
            (2026, 4, 28),
        ];
        let n = self.0;
        let (year, month, day) = if n.is_multiple_of(8) {
            KEY.get(usize::from(n / 8) % KEY.len())
                .copied()
                .unwrap_or((2026, 6, 1))
        } else {
            // Days 1 to 28 exist in every month.
            let m = n / 8;
            (
                2023 + m % 11,
                (1 + (m / 11) % 12) as u8,
                (1 + (m / 132) % 28) as u8,
            )
        };
        toml::value::Date { year, month, day }
    }

    fn value(self) -> Value {
        date_value(self.date())
    }

    /// The day `weeks` weeks after this one.
    fn after(self, weeks: u8) -> Value {
        date_value(add_days(self.date(), u32::from(weeks) * 7))
    }
}

fn date_value(date: toml::value::Date) -> Value {
    Value::Datetime(toml::value::Datetime {
        date: Some(date),
        time: None,
        offset: None,
    })
}

fn add_days(mut d: toml::value::Date, mut days: u32) -> toml::value::Date {
    let length = |year: u16, month: u8| -> u32 {
        match month {
            2 if year.is_multiple_of(4)
                && (!year.is_multiple_of(100) || year.is_multiple_of(400)) =>
            {
                29
            }
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        }
    };
    while days > 0 {
        let left = length(d.year, d.month) - u32::from(d.day);
        if days <= left {
            d.day += days as u8;
            break;
        }
        days -= left + 1;
        d.day = 1;
        if d.month == 12 {
            d.month = 1;
            d.year += 1;
        } else {
            d.month += 1;
        }
    }
    d
}

/// A match value: one word or a list; each a word of its key, `*`, or a prefix.
#[derive(Debug, Clone, Arbitrary)]
pub struct Pattern {
    words: Vec<Word>,
    list: bool,
}

impl Pattern {
    fn print(&self, words: &[&str]) -> Option<Value> {
        let mut values: Vec<Value> = self
            .words
            .iter()
            .take(3)
            .map(|w| Value::String(w.of(words)))
            .collect();
        match values.len() {
            0 => None,
            1 if !self.list => values.pop(),
            _ => Some(Value::Array(values)),
        }
    }
}

/// The words each match key draws from: the closed words of `vocab.rs` and the open ones
/// above, with `*` and prefixes.
struct Vocabulary {
    kinds: Vec<&'static str>,
    channels: Vec<&'static str>,
    channel_patterns: Vec<&'static str>,
    clouds: Vec<&'static str>,
    sectors: Vec<&'static str>,
    providers: Vec<&'static str>,
    products: Vec<&'static str>,
    regions: Vec<&'static str>,
}

fn vocabulary() -> &'static Vocabulary {
    static WORDS: std::sync::OnceLock<Vocabulary> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let channels: Vec<&'static str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
        let words =
            |all: Vec<&'static str>, extra: &[&'static str]| [all.as_slice(), extra].concat();
        Vocabulary {
            kinds: words(
                Kind::ALL.iter().map(|k| k.as_str()).collect(),
                &["*", "open-*"],
            ),
            channel_patterns: words(channels.clone(), &["*", "azure-*"]),
            channels,
            clouds: words(
                Cloud::ALL.iter().map(|c| c.as_str()).collect(),
                &["*", "on-*"],
            ),
            sectors: words(
                Sector::ALL.iter().map(|s| s.as_str()).collect(),
                &["*", "public-*"],
            ),
            providers: words(PROVIDERS.to_vec(), &["*", "open*"]),
            products: words(PRODUCTS.to_vec(), &["*", "gpt-*", "claude-*", "gpt-oss-*"]),
            regions: words(REGIONS.to_vec(), REGION_PATTERNS),
        }
    })
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Match {
    provider: Option<Pattern>,
    product: Option<Pattern>,
    kind: Option<Pattern>,
    channel: Option<Pattern>,
    cloud: Option<Pattern>,
    region: Option<Pattern>,
    jurisdiction: Option<Pattern>,
    government: Option<bool>,
    sector: Option<Pattern>,
    domicile: Option<Pattern>,
    workload: Option<Pattern>,
    data: Option<Pattern>,
}

impl Match {
    fn print(&self) -> Table {
        let v = vocabulary();
        let mut t = Table::new();
        let mut put = |key: &str, p: &Option<Pattern>, words: &[&str]| {
            if let Some(value) = p.as_ref().and_then(|p| p.print(words)) {
                t.insert(key.to_string(), value);
            }
        };
        put("provider", &self.provider, &v.providers);
        put("product", &self.product, &v.products);
        put("kind", &self.kind, &v.kinds);
        put("channel", &self.channel, &v.channel_patterns);
        put("cloud", &self.cloud, &v.clouds);
        put("region", &self.region, &v.regions);
        put("jurisdiction", &self.jurisdiction, JURISDICTIONS);
        put("sector", &self.sector, &v.sectors);
        put("domicile", &self.domicile, JURISDICTIONS);
        put("workload", &self.workload, TAGS);
        put("data", &self.data, TAGS);
        if let Some(g) = self.government {
            t.insert("government".to_string(), Value::Boolean(g));
        }
        t
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Product {
    id: Word,
    provider: Word,
    kind: u8,
    title: Option<Text>,
    released: Option<Day>,
    /// Clouds and the weeks after the release (or a day of their own) it was offered there.
    offered: Vec<(u8, u8)>,
    declined: Vec<u8>,
    note: Option<Text>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Rule {
    id: Word,
    effect: u8,
    title: Option<Text>,
    clause: Option<Text>,
    from: Option<Day>,
    /// `until`, in weeks after `from` (or after 2023-01-01 when there is none).
    until: Option<u8>,
    matches: Match,
    unless: Vec<Match>,
    unless_list: bool,
    first_on: Option<(u8, Day)>,
    requires_offered: Option<bool>,
    on_expiry: Option<bool>,
    message: Option<Text>,
    help: Option<Text>,
    confidence: Option<u8>,
    sources: Vec<Word>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Pack {
    id: Word,
    version: Option<Text>,
    title: Option<Text>,
    description: Option<Text>,
    governs: Vec<Word>,
    approvers: Option<Vec<Word>>,
    sources: Vec<Word>,
    products: Vec<Product>,
    rules: Vec<Rule>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Deployment {
    id: Word,
    provider: Word,
    product: Word,
    channel: u8,
    cloud: Option<u8>,
    region: Option<Word>,
    start: Option<Day>,
    /// The end, in weeks after the start (or after the as-of date).
    end: Option<u8>,
    workload: Option<Word>,
    data: Option<Word>,
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Exception {
    /// `PACK/RULE`: a pack id and one of its rules, or one of the engine's codes.
    pack: Word,
    rule: Word,
    engine_code: bool,
    deployments: Option<Vec<Word>>,
    reason: Text,
    approved_by: Word,
    expires: Day,
}

impl Exception {
    fn reason_pick(&self) -> u8 {
        self.approved_by.pick
    }
}

#[derive(Debug, Clone, Arbitrary)]
pub struct Plan {
    organization: Option<Text>,
    sector: Option<u8>,
    domicile: Option<Word>,
    as_of: Option<Day>,
    /// Built-in packs the plan names (`[plan].policies`), when it names any.
    policies: Option<Vec<Word>>,
    deployments: Vec<Deployment>,
    exceptions: Vec<Exception>,
}

/// What the `plan_model` target decodes its bytes into.
#[derive(Debug, Clone, Arbitrary)]
pub struct Model {
    /// The plan's first deployment: even the shortest input deploys something.
    pub first: Deployment,
    pub plan: Plan,
    pub pack: Pack,
    /// More deployments: the last field takes the rest of the input (`arbitrary_take_rest`),
    /// so a longer input is a plan of more deployments, not a longer string.
    pub more: Vec<Deployment>,
}

impl Model {
    /// The pack's and the plan's files.
    pub fn files(&self) -> (String, String) {
        let more: Vec<Deployment> = std::iter::once(&self.first)
            .chain(&self.more)
            .cloned()
            .collect();
        (self.pack.to_toml(), self.plan.to_toml(&self.pack, &more))
    }
}

fn text(t: &mut Table, key: &str, value: &Option<Text>, lines: bool) {
    if let Some(v) = value {
        t.insert(key.to_string(), Value::String(v.print(lines)));
    }
}

fn strings(words: &[Word], list: &[&str], most: usize) -> Value {
    let mut seen: Vec<String> = Vec::new();
    for w in words.iter().take(most) {
        let w = w.of(list);
        if !seen.contains(&w) {
            seen.push(w);
        }
    }
    Value::Array(seen.into_iter().map(Value::String).collect())
}

fn tables(items: Vec<Table>) -> Value {
    Value::Array(items.into_iter().map(Value::Table).collect())
}

/// A file as TOML: its header table (`[pack]`, `[plan]`), then each array of tables that has
/// any entries.
fn document(header: (&str, Table), arrays: [(&str, Vec<Table>); 2]) -> String {
    let mut doc = Table::new();
    doc.insert(header.0.into(), Value::Table(header.1));
    for (key, items) in arrays {
        if !items.is_empty() {
            doc.insert(key.into(), tables(items));
        }
    }
    toml::to_string(&doc).unwrap_or_default()
}

impl Pack {
    /// The pack's id as printed (the plan's exceptions name its rules by it).
    pub fn id(&self) -> String {
        self.id.of(PACK_IDS)
    }

    pub fn to_toml(&self) -> String {
        let mut header = Table::new();
        header.insert("id".into(), Value::String(self.id()));
        text(&mut header, "version", &self.version, false);
        text(&mut header, "title", &self.title, false);
        text(&mut header, "description", &self.description, true);
        header.insert("governs".into(), strings(&self.governs, PROVIDERS, 3));
        if let Some(approvers) = &self.approvers {
            header.insert("approvers".into(), strings(approvers, APPROVERS, 3));
        }
        if !self.sources.is_empty() {
            header.insert("sources".into(), strings(&self.sources, SOURCES, 2));
        }

        let mut products = Vec::new();
        let mut seen = Vec::new();
        for p in self.products.iter().take(12) {
            let key = (p.provider.of(PROVIDERS), p.id.of(PRODUCTS));
            if seen.contains(&key) {
                continue;
            }
            seen.push(key.clone());
            let mut t = Table::new();
            t.insert("id".into(), Value::String(key.1));
            t.insert("provider".into(), Value::String(key.0));
            t.insert("kind".into(), Value::String(closed(Kind::ALL, p.kind)));
            text(&mut t, "title", &p.title, false);
            if let Some(released) = p.released {
                t.insert("released".into(), released.value());
            }
            let mut offered = Table::new();
            for (cloud, weeks) in p.offered.iter().take(5) {
                let day = match p.released {
                    Some(released) => released.after(*weeks),
                    None => Day(u16::from(*weeks) * 8 + 1).value(),
                };
                offered.insert(closed(Cloud::ALL, *cloud), day);
            }
            if !offered.is_empty() {
                t.insert("offered".into(), Value::Table(offered));
            }
            if !p.declined.is_empty() {
                let mut clouds: Vec<String> = Vec::new();
                for c in p.declined.iter().take(3) {
                    let c = closed(Cloud::ALL, *c);
                    if !clouds.contains(&c) {
                        clouds.push(c);
                    }
                }
                t.insert(
                    "declined".into(),
                    Value::Array(clouds.into_iter().map(Value::String).collect()),
                );
            }
            text(&mut t, "note", &p.note, true);
            products.push(t);
        }

        let mut rules = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for (i, r) in self.rules.iter().take(16).enumerate() {
            let mut id = r.id.of(RULE_IDS);
            if ids.contains(&id) {
                id = format!("{id}-{i}");
            }
            ids.push(id.clone());
            let effect = nth(&["allow", "allow", "deny", "warn", "advise"], r.effect);
            let mut t = Table::new();
            t.insert("id".into(), Value::String(id));
            t.insert("effect".into(), Value::String(effect.to_string()));
            text(&mut t, "title", &r.title, false);
            text(&mut t, "clause", &r.clause, false);
            if let Some(from) = r.from {
                t.insert("from".into(), from.value());
            }
            if let Some(weeks) = r.until {
                let start = r.from.unwrap_or(Day(8 * 12 + 1)); // 2023-01-01 and on
                t.insert("until".into(), start.after(weeks));
            }
            let matches = r.matches.print();
            if !matches.is_empty() {
                t.insert("match".into(), Value::Table(matches));
            }
            let unless: Vec<Table> = r
                .unless
                .iter()
                .take(2)
                .map(Match::print)
                .filter(|m| !m.is_empty())
                .collect();
            match unless.len() {
                0 => {}
                1 if !r.unless_list => {
                    if let Some(one) = unless.into_iter().next() {
                        t.insert("unless".into(), Value::Table(one));
                    }
                }
                _ => {
                    t.insert("unless".into(), tables(unless));
                }
            }
            if let Some((cloud, day)) = r.first_on {
                let mut f = Table::new();
                f.insert("cloud".into(), Value::String(closed(Cloud::ALL, cloud)));
                f.insert("released_from".into(), day.value());
                t.insert("first_on".into(), Value::Table(f));
            }
            if let Some(b) = r.requires_offered {
                t.insert("requires_offered".into(), Value::Boolean(b));
            }
            if let Some(deny) = r.on_expiry.filter(|_| effect == "allow") {
                let word = if deny { "deny" } else { "warn" };
                t.insert("on_expiry".into(), Value::String(word.into()));
            }
            text(&mut t, "message", &r.message, true);
            text(&mut t, "help", &r.help, true);
            if let Some(c) = r.confidence {
                let word = nth(&["announced", "reported", "assumed"], c);
                t.insert("confidence".into(), Value::String(word.into()));
            }
            if !r.sources.is_empty() {
                t.insert("sources".into(), strings(&r.sources, SOURCES, 2));
            }
            rules.push(t);
        }

        document(("pack", header), [("product", products), ("rule", rules)])
    }
}

impl Plan {
    /// The plan as TOML; `pack` is the model pack's id, whose rules the exceptions may name.
    pub fn to_toml(&self, pack: &Pack, more: &[Deployment]) -> String {
        let mut header = Table::new();
        text(&mut header, "organization", &self.organization, false);
        if let Some(s) = self.sector {
            header.insert("sector".into(), Value::String(closed(Sector::ALL, s)));
        }
        if let Some(d) = &self.domicile {
            header.insert("domicile".into(), Value::String(d.of(JURISDICTIONS)));
        }
        let as_of = self.as_of.unwrap_or(Day(8 * 5));
        if self.as_of.is_some() {
            header.insert("as_of".into(), as_of.value());
        }
        if let Some(policies) = &self.policies {
            let builtin = PACK_IDS.get(2..).unwrap_or(PACK_IDS);
            header.insert("policies".into(), strings(policies, builtin, 3));
        }

        let mut deployments = Vec::new();
        let mut ids: Vec<String> = Vec::new();
        for (i, d) in self.deployments.iter().chain(more).take(16).enumerate() {
            let mut t = Table::new();
            let mut id = d.id.of(DEPLOYMENT_IDS);
            if ids.contains(&id) {
                id = format!("{id}-{i}");
            }
            ids.push(id.clone());
            t.insert("id".into(), Value::String(id));
            t.insert("provider".into(), Value::String(d.provider.of(PROVIDERS)));
            t.insert("product".into(), Value::String(d.product.of(PRODUCTS)));
            let channel = nth(&vocabulary().channels, d.channel);
            t.insert("channel".into(), Value::String(channel.to_string()));
            // The cloud the channel implies (or none), now and then another; any cloud for a
            // channel that implies none.
            let implied = match channel {
                "azure-foundry" => Some("azure"),
                "bedrock" => Some("aws"),
                "vertex" => Some("gcp"),
                "oci-genai" => Some("oci"),
                _ => None,
            };
            let cloud = match (implied, d.cloud) {
                (Some(_), None) => None,
                (Some(cloud), Some(c)) if c % 16 != 0 => Some(cloud.to_string()),
                (_, c) => Some(closed(Cloud::ALL, c.unwrap_or(d.channel))),
            };
            if let Some(cloud) = &cloud {
                t.insert("cloud".into(), Value::String(cloud.clone()));
            }
            if let Some(r) = &d.region {
                let own = CLOUD_REGIONS
                    .iter()
                    .find(|(c, _)| cloud.as_deref().or(implied) == Some(*c))
                    .map(|(_, regions)| *regions);
                let regions = match own {
                    Some(regions) if r.pick % 16 != 0 => regions,
                    _ => REGIONS,
                };
                t.insert("region".into(), Value::String(r.of(regions)));
            }
            if let Some(start) = d.start {
                t.insert("start".into(), start.value());
            }
            if let Some(weeks) = d.end {
                t.insert("end".into(), d.start.unwrap_or(as_of).after(weeks));
            }
            if let Some(w) = &d.workload {
                t.insert("workload".into(), Value::String(w.of(TAGS)));
            }
            if let Some(w) = &d.data {
                t.insert("data".into(), Value::String(w.of(TAGS)));
            }
            deployments.push(t);
        }

        let pack_id = pack.id();
        let pack_rules: Vec<&'static str> = pack
            .rules
            .iter()
            .map(|r| -> &'static str { nth(RULE_IDS, r.id.pick) })
            .collect();
        let engine: Vec<&'static str> = crate::base::codes::in_pack().map(|c| c.name()).collect();
        let fixed: Vec<&'static str> = crate::base::codes::fixed()
            .filter(|c| c.name().starts_with("plan/"))
            .map(|c| c.name())
            .collect();
        let mut exceptions = Vec::new();
        for e in self.exceptions.iter().take(4) {
            let mut t = Table::new();
            let rule = if e.engine_code && e.pack.pick % 4 == 0 {
                nth(&fixed, e.rule.pick).to_string()
            } else {
                let pack = match e.pack.pick % 3 {
                    0 => pack_id.clone(),
                    _ => e.pack.of(PACK_IDS),
                };
                let rule = if e.engine_code || pack_rules.is_empty() {
                    nth(&engine, e.rule.pick).to_string()
                } else {
                    e.rule.of(&[pack_rules.as_slice(), RULE_IDS].concat())
                };
                format!("{pack}/{rule}")
            };
            t.insert("rule".into(), Value::String(rule));
            if let Some(names) = e.deployments.as_ref().filter(|_| !ids.is_empty()) {
                // The plan's own ids, mostly; a word of the list now and then.
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                let list = if e.reason_pick() % 8 == 0 {
                    DEPLOYMENT_IDS
                } else {
                    known.as_slice()
                };
                let ids = strings(names, list, 3);
                if ids.as_array().is_some_and(|a| !a.is_empty()) {
                    t.insert("deployments".into(), ids);
                }
            }
            let reason = e.reason.print(true);
            let reason = if reason.is_empty() {
                "approved".to_string()
            } else {
                reason
            };
            t.insert("reason".into(), Value::String(reason));
            t.insert(
                "approved_by".into(),
                Value::String(e.approved_by.of(APPROVERS)),
            );
            t.insert("expires".into(), e.expires.value());
            exceptions.push(t);
        }

        document(
            ("plan", header),
            [("deployment", deployments), ("exception", exceptions)],
        )
    }
}
