//! Bindings of the text stage: blocks, typography, language, fingerprint.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};

use crate::pystr::CharOffsets;
use crate::text::language::{self, Model};
use crate::text::typography::{Plan, Settings, Switches};
use crate::text::{blocks, dates, fingerprint, TextStage};

/// The text as UTF-8, or the package's `InputError` when it cannot be: a
/// lone surrogate (`"\ud800"`) is not text Rust (or UTF-8) can hold.
fn utf8<'a>(py: Python<'_>, text: &'a Bound<'_, PyString>) -> PyResult<std::borrow::Cow<'a, str>> {
    match text.to_cow() {
        Ok(s) => Ok(s),
        Err(_) => {
            // Find the first surrogate for the message (only on this error path).
            let units = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
            let bytes: Vec<u8> = units.extract()?;
            let found = bytes
                .chunks_exact(4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .enumerate()
                .find(|&(_, c)| (0xd800..0xe000).contains(&c));
            let message = match found {
                Some((at, c)) => format!(
                    "the text holds a lone surrogate (U+{c:04X}) at index {at}, which is not \
                     Unicode text; decode the source with errors='replace' (or fix it) first"
                ),
                None => "the text cannot be encoded as UTF-8".to_owned(),
            };
            let error = py
                .import("cleaner.errors")?
                .getattr("InputError")?
                .call1((message,))?;
            Err(PyErr::from_value(error))
        }
    }
}

fn model_error(e: language::ModelError) -> PyErr {
    PyRuntimeError::new_err(e.to_string())
}

/// The text stage of one `Cleaner`: blocks, language and typography (ftfy
/// aside) in one call per document.
#[pyclass(frozen, module = "cleaner._core", name = "TextStage")]
pub struct PyTextStage {
    inner: TextStage,
}

#[pymethods]
impl PyTextStage {
    #[new]
    #[pyo3(signature = (*, spaces, removed, low9_languages, fix_mojibake, fix_spaces,
                        collapse_spaces, fix_low9_quotes, detect_language))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        spaces: String,
        removed: String,
        low9_languages: Vec<String>,
        fix_mojibake: bool,
        fix_spaces: bool,
        collapse_spaces: bool,
        fix_low9_quotes: bool,
        detect_language: bool,
    ) -> PyResult<Self> {
        let switches = Switches {
            fix_mojibake,
            fix_spaces,
            collapse_spaces,
            fix_low9_quotes,
        };
        let settings = Settings {
            low9_languages,
            spaces,
            removed,
        };
        let inner = TextStage::new(switches, &settings, detect_language).map_err(model_error)?;
        Ok(Self { inner })
    }

    /// `(blocks, ftfy, language, plan)`: `blocks` a list of `(start, end, text)`
    /// (code-point offsets, fixed text); `ftfy` the indices of the blocks whose
    /// text is raw and needs ftfy, then `finish(text, plan)`.
    #[pyo3(signature = (text, /))]
    fn prepare<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyTuple>> {
        let py = text.py();
        let s = utf8(py, text)?;
        let prepared = self.inner.prepare(&s);
        to_python(py, prepared)
    }

    /// As `prepare`, for a text whose language is known (`None`: none).
    #[pyo3(signature = (text, language, /))]
    fn prepare_in<'py>(
        &self,
        text: &Bound<'py, PyString>,
        language: Option<String>,
    ) -> PyResult<Bound<'py, PyTuple>> {
        let py = text.py();
        let s = utf8(py, text)?;
        let prepared = self.inner.prepare_in(&s, language.as_deref());
        to_python(py, prepared)
    }

    /// A line that ftfy fixed, finished as `plan` says (line breaks, odd
    /// spaces, collapsed spaces, quotes, strip).
    #[pyo3(signature = (line, plan, /))]
    fn finish(&self, line: &str, plan: u8) -> String {
        self.inner.typography().finish(line, Plan::from_bits(plan))
    }
}

fn to_python<'py>(
    py: Python<'py>,
    prepared: crate::text::Prepared<'_>,
) -> PyResult<Bound<'py, PyTuple>> {
    let mut ftfy = Vec::new();
    let blocks = PyList::empty(py);
    for (i, block) in prepared.blocks.iter().enumerate() {
        if block.ftfy {
            ftfy.push(i);
        }
        blocks.append((block.start, block.end, &*block.text))?;
    }
    (blocks, ftfy, prepared.language, prepared.plan.to_bits()).into_pyobject(py)
}

/// Spans `(start, end)` of the non-empty lines of `text`, stripped, in
/// code points.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn split(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    let s = utf8(text.py(), text)?;
    let mut spans = Vec::new();
    blocks::split(&s, &mut spans);
    let mut offsets = CharOffsets::new(&s);
    Ok(spans
        .into_iter()
        .map(|(a, b)| (offsets.char_index(a), offsets.char_index(b)))
        .collect())
}

/// The 64-bit SimHash of the casefolded word 2-shingles of `text`.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn simhash64(text: &Bound<'_, PyString>) -> u64 {
    // A lone surrogate is no word character: as U+FFFD (neither is it) the
    // fingerprint is the one Python's implementation gave.
    fingerprint::simhash64(&text.to_string_lossy())
}

/// The language of the prose among `lines`, or `None`.
#[pyfunction]
#[pyo3(signature = (lines, /))]
fn detect_language(lines: Vec<Bound<'_, PyString>>) -> PyResult<Option<&'static str>> {
    let model = Model::get().map_err(model_error)?;
    let texts: Vec<std::borrow::Cow<'_, str>> = lines.iter().map(|l| l.to_string_lossy()).collect();
    let refs: Vec<&str> = texts.iter().map(|t| &**t).collect();
    let lengths: Vec<usize> = refs.iter().map(|t| t.chars().count()).collect();
    Ok(language::detect(model, &refs, &lengths))
}

/// py3langid's `classify` (normalised probabilities): `(label, probability)`.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn classify_language(text: &Bound<'_, PyString>) -> PyResult<(&'static str, f32)> {
    let model = Model::get().map_err(model_error)?;
    Ok(model.classify(&text.to_string_lossy()))
}

/// Load the language model now (it is read once per process).
#[pyfunction]
fn load_language_model() -> PyResult<()> {
    Model::get().map(|_| ()).map_err(model_error)
}

// Dates. A lone surrogate is no digit, letter or space to a date's pattern:
// as U+FFFD (neither is it, and it is one character too) the dates found and
// their places are the ones Python's patterns gave.

/// The text, each lone surrogate (which UTF-8 cannot hold) as one U+FFFD.
fn one_for_one<'a>(text: &'a Bound<'_, PyString>) -> PyResult<std::borrow::Cow<'a, str>> {
    if let Ok(s) = text.to_str() {
        return Ok(std::borrow::Cow::Borrowed(s));
    }
    let units = text.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
    let bytes: Vec<u8> = units.extract()?;
    Ok(std::borrow::Cow::Owned(
        bytes
            .chunks_exact(4)
            .map(|b| {
                char::from_u32(u32::from_le_bytes([b[0], b[1], b[2], b[3]])).unwrap_or('\u{fffd}')
            })
            .collect(),
    ))
}

/// The first date in `text` that gives a year, as `YYYY-MM-DD`, or `None`.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn parse_date(text: &Bound<'_, PyString>) -> PyResult<Option<String>> {
    Ok(dates::parse_date(&one_for_one(text)?))
}

/// The day a page's address gives (`/2023/06/17/`, `-2023-06-17`), or `None`.
#[pyfunction]
#[pyo3(signature = (url, /))]
fn date_from_url(url: &Bound<'_, PyString>) -> PyResult<Option<String>> {
    Ok(dates::date_from_url(&one_for_one(url)?))
}

/// `text` with its dates and days of the week replaced by `sep`.
#[pyfunction]
#[pyo3(signature = (text, sep, /))]
fn without_dates(text: &Bound<'_, PyString>, sep: &str) -> PyResult<String> {
    Ok(dates::without_dates(&one_for_one(text)?, sep))
}

/// Every date written out with day, month and year in `text`, sorted.
#[pyfunction]
#[pyo3(signature = (text, /))]
fn written_dates(text: &Bound<'_, PyString>) -> PyResult<Vec<String>> {
    Ok(dates::written_dates(&one_for_one(text)?)
        .into_iter()
        .collect())
}

/// Whether `text` writes out `date` (`YYYY-MM-DD`) with day, month and year.
#[pyfunction]
#[pyo3(signature = (text, date, /))]
fn writes_date(text: &Bound<'_, PyString>, date: &str) -> PyResult<bool> {
    Ok(dates::writes_date(&one_for_one(text)?, date))
}

/// Add the text stage's class and functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTextStage>()?;
    m.add_function(wrap_pyfunction!(split, m)?)?;
    m.add_function(wrap_pyfunction!(simhash64, m)?)?;
    m.add_function(wrap_pyfunction!(detect_language, m)?)?;
    m.add_function(wrap_pyfunction!(classify_language, m)?)?;
    m.add_function(wrap_pyfunction!(load_language_model, m)?)?;
    m.add_function(wrap_pyfunction!(parse_date, m)?)?;
    m.add_function(wrap_pyfunction!(date_from_url, m)?)?;
    m.add_function(wrap_pyfunction!(without_dates, m)?)?;
    m.add_function(wrap_pyfunction!(written_dates, m)?)?;
    m.add_function(wrap_pyfunction!(writes_date, m)?)?;
    let months: Vec<&str> = dates::MONTHS
        .iter()
        .flat_map(|n| n.iter().copied())
        .collect();
    m.add("MONTH_NAMES", months)?;
    m.add("MONTH_PATTERN", dates::month_pattern())?;
    m.add("WEEKDAY_NAMES", dates::WEEKDAYS.to_vec())?;
    Ok(())
}
