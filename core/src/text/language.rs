//! Language identification: py3langid's classifier, on py3langid's model.
//!
//! py3langid (a fork of langid.py) scores a text with a naive Bayes model over
//! byte n-grams: an automaton walks the text's UTF-8 bytes, each state it
//! enters may count one feature, and each class scores
//! `sum(log1p(count) * ptc[feature][class]) + pc[class]`. With normalised
//! probabilities the scores are divided by the square root of the byte length
//! and turned into a softmax; labels that appear twice (a language in two
//! scripts) add up. This module does the same in the same single precision, so
//! it returns py3langid's `classify` to float tolerance.
//!
//! The model is `data/langid.bin`, written from py3langid's by
//! `bench/export_langid.py` and embedded in the library: it is read in place
//! once per process (the automaton's arrays are copied, about 2 MB), with
//! nothing to decompress.

use std::cell::RefCell;
use std::sync::OnceLock;

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use crate::pystr;

/// Characters of the sample a language is read from.
pub const SAMPLE_CHARS: usize = 3000;
/// Characters that decide the language when the classifier is sure of them.
pub const FIRST_CHARS: usize = 400;
/// Probability above which the first characters decide.
pub const SURE: f64 = 0.9;
/// A sample shorter than this has no language.
pub const MIN_CHARS: usize = 40;
/// A language less probable than this is no language.
pub const MIN_PROBABILITY: f64 = 0.5;
/// Exceptions from which a feature's values are kept as a dense row.
const DENSE_MIN: usize = 64;

static DATA: &[u8] = include_bytes!("../../data/langid.bin");
const MAGIC: &[u8; 8] = b"ACLANGID";
const VERSION: u32 = 2;

/// The model file is not what this build of the core reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError(pub String);

impl std::fmt::Display for ModelError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "language model: {}", self.0)
    }
}

impl std::error::Error for ModelError {}

/// py3langid's model: the automaton that finds the features and the naive
/// Bayes tables that score them.
#[derive(Debug)]
pub struct Model {
    labels: Vec<&'static str>,
    pc: Vec<f32>,
    /// Each class's commonest value of `ptc`.
    common: Vec<f32>,
    /// Rows of the shallow states (the start state and its children, numbered
    /// first): `dense[256 * state + byte]`, so that most failure chains end in
    /// one lookup.
    dense: Vec<u32>,
    shallow: usize,
    /// Per state, what the walk reads together: see [`State`].
    states: Vec<State>,
    /// `(byte << 24) | state`, by state, then by byte.
    children: Vec<u32>,
    exc_start: Vec<u32>,
    /// Three bytes per exception: float16 bits (little-endian) and the class.
    exceptions: &'static [u8],
    /// The features with at least [`DENSE_MIN`] exceptions, as rows of every
    /// class's difference to its common value (zero where the class has none):
    /// `rows[row * classes + class]`. Common n-grams (those of most texts)
    /// differ from most classes, and a row adds up without looking up classes.
    rows: Vec<f32>,
    /// Per feature, its row in `rows`, or `u32::MAX`.
    row_of: Vec<u32>,
    /// `(first, again)`: columns of a label that appears twice.
    aliases: Vec<(usize, usize)>,
}

/// One state of the automaton, its fields side by side (one cache line
/// holds those of five states, and the next state's `first_child`).
#[derive(Debug, Clone, Copy)]
struct State {
    /// Index of its first child in `children`; the next state's is the end.
    first_child: u32,
    /// The state of its longest proper suffix.
    fail: u32,
    /// The feature counted on entering it, or -1.
    output: i32,
}

/// A cursor over the model file.
struct Reader {
    data: &'static [u8],
    at: usize,
}

impl Reader {
    fn take(&mut self, n: usize) -> Result<&'static [u8], ModelError> {
        let end = self.at.checked_add(n).filter(|&e| e <= self.data.len());
        let end = end.ok_or_else(|| ModelError("the file is cut short".into()))?;
        let out = &self.data[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn pad4(&mut self) {
        self.at += (4 - self.at % 4) % 4;
    }

    fn u32s(&mut self, n: usize) -> Result<Vec<u32>, ModelError> {
        let bytes = self.take(n.checked_mul(4).ok_or_else(|| ModelError("size".into()))?)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(self.u32s(1)?[0])
    }
}

/// A float16 (IEEE 754 binary16) as an f32, exactly.
#[inline]
fn f16_to_f32(bits: u16) -> f32 {
    let sign = (u32::from(bits) & 0x8000) << 16;
    let exp = (bits >> 10) & 0x1f;
    if exp != 0 && exp != 0x1f {
        // A normal number (all of the model's): rebias the exponent.
        return f32::from_bits(sign | ((u32::from(bits & 0x7fff) + 0x1_c000) << 13));
    }
    let man = u32::from(bits & 0x3ff);
    let magnitude = match exp {
        0 => (man as f32) * f32::powi(2.0, -24),
        _ if man == 0 => f32::INFINITY,
        _ => f32::NAN,
    };
    f32::from_bits(magnitude.to_bits() | sign)
}

impl Model {
    /// The model embedded in the library, read once per process.
    pub fn get() -> Result<&'static Model, ModelError> {
        static MODEL: OnceLock<Result<Model, ModelError>> = OnceLock::new();
        MODEL
            .get_or_init(|| Model::parse(DATA))
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Read a model file written by `bench/export_langid.py`.
    pub fn parse(data: &'static [u8]) -> Result<Model, ModelError> {
        let mut model = Model::parse_sparse(data)?;
        model.dense_rows();
        Ok(model)
    }

    /// The model with every feature's values as exceptions, none as rows.
    fn parse_sparse(data: &'static [u8]) -> Result<Model, ModelError> {
        let mut r = Reader { data, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError("not a model file (magic)".into()));
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError(format!("version {version}, expected {VERSION}")));
        }
        let head = r.u32s(7)?;
        let [classes, features, states, shallow, children, exceptions, label_bytes] = [
            head[0], head[1], head[2], head[3], head[4], head[5], head[6],
        ]
        .map(|v| v as usize);
        let labels: Vec<&'static str> = std::str::from_utf8(r.take(label_bytes)?)
            .map_err(|_| ModelError("labels are not UTF-8".into()))?
            .trim_end_matches('\0')
            .split('\0')
            .collect();
        if labels.len() != classes {
            return Err(ModelError(format!(
                "{} labels for {classes} classes",
                labels.len()
            )));
        }
        let pc = r.u32s(classes)?.into_iter().map(f32::from_bits).collect();
        let common = r
            .take(classes * 2)?
            .chunks_exact(2)
            .map(|b| f16_to_f32(u16::from_le_bytes([b[0], b[1]])))
            .collect();
        r.pad4();
        let root = r.u32s(256)?;
        let fail = r.u32s(states)?;
        let child_start = r.u32s(states + 1)?;
        let children = r.u32s(children)?;
        let output: Vec<i32> = r.u32s(states)?.into_iter().map(|v| v as i32).collect();
        let exc_start = r.u32s(features + 1)?;
        let exception_bytes = r.take(exceptions * 3)?;
        if r.at != data.len() {
            return Err(ModelError("trailing bytes".into()));
        }
        // Every index the walk and the scoring follow must be in range.
        let state_ok = |s: &u32| (*s as usize) < states;
        let consistent = root.iter().all(state_ok)
            && fail.iter().all(state_ok)
            && children.iter().all(|c| state_ok(&(c & 0xff_ffff)))
            && child_start.windows(2).all(|w| w[0] <= w[1])
            && child_start.last() == Some(&(children.len() as u32))
            && output.iter().all(|&f| f < features as i32)
            && exc_start.windows(2).all(|w| w[0] <= w[1])
            && exc_start.last() == Some(&(exceptions as u32))
            && exception_bytes
                .chunks_exact(3)
                .all(|e| usize::from(e[2]) < classes)
            && (1..=states).contains(&shallow)
            && fail[..shallow].iter().all(|&f| f == 0);
        if !consistent {
            return Err(ModelError("indices out of range".into()));
        }
        let mut aliases = Vec::new();
        for (j, label) in labels.iter().enumerate() {
            if let Some(i) = labels[..j].iter().position(|l| l == label) {
                aliases.push((i, j));
            }
        }
        let mut states: Vec<State> = (0..states)
            .map(|s| State {
                first_child: child_start[s],
                fail: fail[s],
                output: output[s],
            })
            .collect();
        // A last state that only ends the children of the one before it.
        states.push(State {
            first_child: child_start[child_start.len() - 1],
            fail: 0,
            output: -1,
        });
        let mut model = Model {
            labels,
            pc,
            common,
            dense: root,
            shallow: 1,
            states,
            children,
            exc_start,
            exceptions: exception_bytes,
            rows: Vec::new(),
            row_of: vec![u32::MAX; features],
            aliases,
        };
        // The rows of the other shallow states, from the sparse automaton.
        let mut dense = Vec::with_capacity(shallow * 256);
        for state in 0..shallow as u32 {
            dense.extend((0..=255u8).map(|byte| model.step(state, byte)));
        }
        model.dense = dense;
        model.shallow = shallow;
        Ok(model)
    }

    /// The rows of the features with many exceptions. A difference of two
    /// float16 values is exact in single precision (checked: a feature with one
    /// that is not keeps its exceptions), so a row adds up to what its
    /// exceptions do, in the same order, to the bit.
    fn dense_rows(&mut self) {
        let classes = self.labels.len();
        let features = self.exc_start.len() - 1;
        let mut row = vec![0f32; classes];
        for f in 0..features {
            let (from, to) = (self.exc_start[f] as usize, self.exc_start[f + 1] as usize);
            if to - from < DENSE_MIN {
                continue;
            }
            row.iter_mut().for_each(|v| *v = 0.0);
            let mut exact = true;
            for e in self.exceptions[3 * from..3 * to].chunks_exact(3) {
                let class = usize::from(e[2]);
                let value = f16_to_f32(u16::from_le_bytes([e[0], e[1]]));
                let delta = f64::from(value) - f64::from(self.common[class]);
                row[class] = delta as f32;
                exact &= f64::from(row[class]) == delta;
            }
            if exact {
                self.row_of[f] = (self.rows.len() / classes) as u32;
                self.rows.extend_from_slice(&row);
            }
        }
    }

    /// The distinct labels, in the model's order.
    pub fn labels(&self) -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for label in &self.labels {
            if !out.contains(label) {
                out.push(label);
            }
        }
        out
    }

    /// The state after reading `byte` in `state`.
    #[inline]
    fn step(&self, mut state: u32, byte: u8) -> u32 {
        loop {
            let s = state as usize;
            if s < self.shallow {
                return self.dense[256 * s + usize::from(byte)];
            }
            let (from, to) = (self.states[s].first_child, self.states[s + 1].first_child);
            let kids = &self.children[from as usize..to as usize];
            for &kid in kids {
                match ((kid >> 24) as u8).cmp(&byte) {
                    std::cmp::Ordering::Equal => return kid & 0xff_ffff,
                    std::cmp::Ordering::Greater => break,
                    std::cmp::Ordering::Less => {}
                }
            }
            state = self.states[s].fail;
        }
    }

    /// py3langid's `classify` with normalised probabilities: the label and its
    /// probability.
    ///
    /// ```
    /// let model = _core::text::language::Model::get().unwrap();
    /// let (label, p) = model.classify("Der schnelle braune Fuchs springt über den faulen Hund.");
    /// assert_eq!(label, "de");
    /// assert!(p > 0.9);
    /// ```
    pub fn classify(&self, text: &str) -> (&'static str, f32) {
        SCRATCH.with(|scratch| self.classify_with(text, &mut scratch.borrow_mut()))
    }

    fn classify_with(&self, text: &str, scratch: &mut Scratch) -> (&'static str, f32) {
        // py3langid: lower case a text in capitals, then NFC.
        let lowered;
        let mut text = text;
        if pystr::is_upper(text) {
            lowered = pystr::lower(text);
            text = &lowered;
        }
        let normalised;
        if !text.is_ascii() && is_nfc_quick(text.chars()) != IsNormalized::Yes {
            normalised = text.nfc().collect::<String>();
            text = &normalised;
        }
        let bytes = text.as_bytes();

        let classes = self.labels.len();
        let counts = &mut scratch.counts;
        if counts.len() < self.exc_start.len() {
            counts.resize(self.exc_start.len(), 0);
        }
        let seen = &mut scratch.seen;
        seen.clear();
        let mut state = 0u32;
        for &byte in bytes {
            state = self.step(state, byte);
            let feature = self.states[state as usize].output;
            if feature >= 0 {
                let f = feature as usize;
                if counts[f] == 0 {
                    seen.push(feature as u32);
                }
                counts[f] += 1;
            }
        }

        // Each class's score, `sum(log1p(count) * ptc) + pc`: the class's
        // common value times the sum of the weights, plus what the feature's
        // own values add to that, in double precision, then rounded to single
        // precision as NumPy's product is.
        let scores = &mut scratch.scores;
        scores.clear();
        scores.resize(classes, 0.0);
        if !seen.is_empty() {
            let extra = &mut scratch.extra;
            extra.clear();
            extra.resize(classes, 0.0);
            // Load the first bytes of every feature's values before using any:
            // the loads overlap instead of waiting on each other.
            let mut touched = 0u8;
            for &f in seen.iter() {
                let from = self.exc_start[f as usize] as usize;
                touched ^= self.exceptions.get(3 * from).copied().unwrap_or(0);
            }
            std::hint::black_box(touched);
            let mut weights = 0f64;
            for &f in seen.iter() {
                let f = f as usize;
                let weight = f64::from((counts[f] as f32).ln_1p());
                counts[f] = 0;
                weights += weight;
                let row = self.row_of[f];
                if row != u32::MAX {
                    let at = row as usize * classes;
                    let values = &self.rows[at..at + classes];
                    for (sum, &delta) in extra.iter_mut().zip(values) {
                        *sum += weight * f64::from(delta);
                    }
                    continue;
                }
                let (from, to) = (self.exc_start[f] as usize, self.exc_start[f + 1] as usize);
                for e in self.exceptions[3 * from..3 * to].chunks_exact(3) {
                    let class = usize::from(e[2]);
                    let value = f16_to_f32(u16::from_le_bytes([e[0], e[1]]));
                    extra[class] += weight * (f64::from(value) - f64::from(self.common[class]));
                }
            }
            for (c, score) in scores.iter_mut().enumerate() {
                let product = f64::from(self.common[c]) * weights + extra[c];
                *score = product as f32 + self.pc[c];
            }
        }
        // Normalised probabilities: scale by the byte length, softmax.
        let scale = (1.0 / (bytes.len().max(1) as f64).sqrt()) as f32;
        let mut max = f32::NEG_INFINITY;
        for score in scores.iter_mut() {
            *score *= scale;
            max = max.max(*score);
        }
        for score in scores.iter_mut() {
            *score = (*score - max).exp();
        }
        let total = pairwise_sum(scores);
        for score in scores.iter_mut() {
            *score /= total;
        }
        for &(i, j) in &self.aliases {
            scores[i] += scores[j];
            scores[j] = 0.0;
        }
        let mut best = 0;
        for (i, &score) in scores.iter().enumerate() {
            if score > scores[best] {
                best = i;
            }
        }
        (self.labels[best], scores[best])
    }
}

/// Buffers of one classification, kept per thread between texts.
#[derive(Default)]
struct Scratch {
    counts: Vec<u32>,
    seen: Vec<u32>,
    scores: Vec<f32>,
    extra: Vec<f64>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// NumPy's pairwise summation of float32 (`ndarray.sum`), in its order.
fn pairwise_sum(values: &[f32]) -> f32 {
    let n = values.len();
    if n < 8 {
        return values.iter().fold(0.0f32, |acc, v| acc + v);
    }
    if n <= 128 {
        let mut r = [0f32; 8];
        r.copy_from_slice(&values[..8]);
        let mut i = 8;
        while i + 8 <= n {
            for k in 0..8 {
                r[k] += values[i + k];
            }
            i += 8;
        }
        let mut sum = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for v in &values[i..] {
            sum += v;
        }
        return sum;
    }
    let mut half = n / 2;
    half -= half % 8;
    pairwise_sum(&values[..half]) + pairwise_sum(&values[half..])
}

/// Whether a line reads as prose: a sentence ends in it (a full stop,
/// question or exclamation mark before a space or the end, in Latin or CJK
/// script). A menu or an archive list ("Select Month November 2012 October
/// 2012 ...") does not, however long it is.
fn reads_as_prose(line: &str) -> bool {
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '。' | '！' | '？') {
            return true;
        }
        if matches!(c, '.' | '!' | '?') && chars.peek().is_none_or(|n| n.is_whitespace()) {
            return true;
        }
    }
    false
}

/// The language of the prose among `lines` (the text's blocks), as the
/// pipeline reads it: the lines that read as prose first, the longest first,
/// then the other lines, longest first, up to [`SAMPLE_CHARS`] in all,
/// joined by spaces; its first [`FIRST_CHARS`] characters decide when the
/// classifier is sure of them ([`SURE`]), else the whole sample does. `None`
/// for a sample under [`MIN_CHARS`] characters or a language less probable
/// than [`MIN_PROBABILITY`]. `lengths[i]` is the length of `lines[i]` in
/// characters.
pub fn detect(model: &Model, lines: &[&str], lengths: &[usize]) -> Option<&'static str> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    let prose: Vec<bool> = lines.iter().map(|l| reads_as_prose(l)).collect();
    // Stable: lines of the same kind and length keep their order.
    order.sort_by(|&a, &b| {
        prose[b]
            .cmp(&prose[a])
            .then_with(|| lengths[b].cmp(&lengths[a]))
    });
    let mut size = 0;
    let mut taken = 0;
    for &i in &order {
        if size >= SAMPLE_CHARS {
            break;
        }
        size += lengths[i];
        taken += 1;
    }
    if size < MIN_CHARS {
        return None;
    }
    // The sample: the lines taken, joined by spaces, cut at SAMPLE_CHARS
    // characters; `first_end` is the byte of its FIRST_CHARS-th character.
    let mut sample = String::with_capacity(SAMPLE_CHARS + SAMPLE_CHARS / 2);
    let mut chars = 0;
    let mut first_end = None;
    for (k, &i) in order[..taken].iter().enumerate() {
        let pieces = [(" ", usize::from(k > 0)), (lines[i], lengths[i])];
        for (piece, n) in pieces {
            if n == 0 || chars == SAMPLE_CHARS {
                continue;
            }
            if chars == FIRST_CHARS {
                first_end = Some(sample.len());
            }
            if chars + n <= SAMPLE_CHARS && (chars >= FIRST_CHARS || chars + n <= FIRST_CHARS) {
                sample.push_str(piece);
                chars += n;
                continue;
            }
            for c in piece.chars() {
                if chars == SAMPLE_CHARS {
                    break;
                }
                if chars == FIRST_CHARS {
                    first_end = Some(sample.len());
                }
                sample.push(c);
                chars += 1;
            }
        }
    }
    let joined_len = size + taken - 1;
    let first = &sample[..first_end.unwrap_or(sample.len())];
    let (mut label, mut p) = model.classify(first);
    if f64::from(p) < SURE && joined_len > FIRST_CHARS {
        (label, p) = model.classify(&sample);
    }
    (f64::from(p) >= MIN_PROBABILITY).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model() -> &'static Model {
        Model::get().expect("the embedded model reads")
    }

    #[test]
    fn float16_converts_exactly() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0xcb4a), -14.578125);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
    }

    #[test]
    fn pairwise_sum_adds_up() {
        let values: Vec<f32> = (0..142).map(|i| i as f32).collect();
        assert_eq!(pairwise_sum(&values), (0..142).sum::<i32>() as f32);
        assert_eq!(pairwise_sum(&[1.0, 2.0]), 3.0);
    }

    #[test]
    fn model_reads_and_has_its_labels() {
        let labels = model().labels();
        assert!(labels.len() > 90);
        for code in ["en", "de", "fr", "es", "pl", "pt", "it", "ru", "zh", "ar"] {
            assert!(labels.contains(&code), "{code}");
        }
    }

    #[test]
    fn a_few_sentences_per_language() {
        let cases = [
            ("en", "The minister said on Tuesday that the government would present its budget to parliament next week."),
            ("de", "Der Minister sagte am Dienstag, die Regierung werde dem Parlament in der nächsten Woche ihren Haushalt vorlegen."),
            ("fr", "Le ministre a déclaré mardi que le gouvernement présenterait son budget au parlement la semaine prochaine."),
            ("es", "El ministro dijo el martes que el gobierno presentará su presupuesto al parlamento la próxima semana."),
            ("pl", "Minister powiedział we wtorek, że rząd przedstawi parlamentowi swój budżet w przyszłym tygodniu."),
            ("it", "Il ministro ha detto martedì che il governo presenterà il suo bilancio al parlamento la prossima settimana."),
            ("pt", "O ministro disse na terça-feira que o governo apresentará o seu orçamento ao parlamento na próxima semana."),
            ("ru", "Министр заявил во вторник, что правительство представит свой бюджет парламенту на следующей неделе."),
        ];
        for (code, text) in cases {
            let (label, p) = model().classify(text);
            assert_eq!(label, code, "{text}");
            assert!(p > 0.9, "{code}: {p}");
        }
    }

    #[test]
    fn dense_rows_add_up_to_the_bit_as_the_exceptions_do() {
        let sparse = Model::parse_sparse(DATA).unwrap();
        assert!(sparse.rows.is_empty() && !model().rows.is_empty());
        let texts = [
            "The minister said on Tuesday that the government would present its budget.",
            "Der Minister sagte am Dienstag, die Regierung werde ihren Haushalt vorlegen.",
            "Министр заявил во вторник, что правительство представит свой бюджет.",
            "政府は来週、予算案を国会に提出すると大臣が火曜日に述べた。",
            "Home | News | Sport | Weather | Contact us | 2012-03-04 | ©",
        ];
        for text in texts {
            let (a, p) = model().classify(text);
            let (b, q) = sparse.classify(text);
            assert_eq!((a, p.to_bits()), (b, q.to_bits()), "{text}");
        }
    }

    #[test]
    fn capitals_and_decomposed_accents_read_as_the_same_text() {
        let text = "Le ministre a déclaré mardi que le gouvernement présenterait son budget.";
        let decomposed = text.replace('é', "e\u{301}");
        assert_eq!(model().classify(text), model().classify(&decomposed));
        assert_eq!(model().classify(&text.to_uppercase()).0, "fr");
    }

    #[test]
    fn text_without_features_is_no_language() {
        let (_, p) = model().classify("");
        assert!(p < 0.05);
        assert_eq!(detect(model(), &[], &[]), None);
        let short = ["Home", "News"];
        assert_eq!(detect(model(), &short, &[4, 4]), None);
    }

    #[test]
    fn detect_reads_prose_before_longer_lists() {
        let archive =
            "Select Month November 2012 October 2012 September 2012 August 2012 July 2012 \
                       June 2012 May 2012 April 2012 March 2012 February 2012 January 2012 \
                       December 2011 November 2011 October 2011 September 2011 August 2011";
        let lines = [
            archive,
            "The council approved the new bridge on Tuesday after a long debate about its cost.",
            "Residents said they had waited for years. Work starts in the spring.",
        ];
        let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert!(reads_as_prose(lines[1]) && !reads_as_prose(archive));
        assert_eq!(detect(model(), &lines, &lengths), Some("en"));
    }

    #[test]
    fn detect_reads_the_longest_lines() {
        let lines = [
            "Menu",
            "Der Minister sagte am Dienstag, die Regierung werde dem Parlament in der nächsten Woche ihren Haushalt vorlegen.",
            "Login",
        ];
        let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        assert_eq!(detect(model(), &lines, &lengths), Some("de"));
    }
}
