//! Bindings of the scoring stage: `PageScorer` (built once per `Cleaner` and
//! language, asked once per document), the feature names, and the model
//! functions the fitting script uses.

use std::collections::HashSet;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::pybacked::PyBackedStr;
use pyo3::types::{PyBytes, PyDict, PyFloat, PyList, PyTuple};

use crate::scoring::blockmodel::{context_columns, Columns, CONTEXT_FEATURES, FEATURES};
use crate::scoring::model::{BlockModel, BlockModelSpec, LinearSpec, PageModel, PageModelSpec};
use crate::scoring::page::{Blocks, Mode, PageScorer as Scorer, PAGE_FEATURES};
use crate::scoring::settings::{Settings, Value};
use crate::scoring::ScoringError;

/// `cleaner.errors.<name>(*args)` as an exception.
fn cleaner_error<'py, A>(py: Python<'py>, name: &str, args: A) -> PyErr
where
    A: IntoPyObject<'py, Target = PyTuple>,
{
    let made = py
        .import("cleaner.errors")
        .and_then(|m| m.getattr(name))
        .and_then(|cls| cls.call1(args));
    match made {
        Ok(err) => PyErr::from_value(err),
        Err(e) => e,
    }
}

/// The package's error for a scoring error: a model naming an unknown feature
/// is a `RuleError`, texts and flags that do not fit an `InputError`.
fn to_py(py: Python<'_>, e: ScoringError) -> PyErr {
    match &e {
        ScoringError::UnknownFeature { table, .. } => {
            cleaner_error(py, "RuleError", (*table, e.to_string()))
        }
        ScoringError::Lengths { .. }
        | ScoringError::InlineLength { .. }
        | ScoringError::Columns { .. } => cleaner_error(py, "InputError", (e.to_string(),)),
        ScoringError::Pattern(_) => cleaner_error(py, "CleanerError", (e.to_string(),)),
    }
}

fn settings_of(table: &Bound<'_, PyDict>) -> PyResult<Settings> {
    let mut problem = None;
    let settings = Settings::from_lookup(|name| {
        let value = match table.get_item(name) {
            Ok(Some(v)) => v,
            Ok(None) => return None,
            Err(e) => {
                problem = Some(e);
                return None;
            }
        };
        if value.is_instance_of::<PyFloat>() {
            value.extract::<f64>().ok().map(Value::Float)
        } else {
            value.extract::<i64>().ok().map(Value::Int)
        }
    });
    if let Some(e) = problem {
        return Err(e);
    }
    settings.map_err(|name| {
        PyValueError::new_err(format!(
            "scoring settings: {name} missing or of the wrong type"
        ))
    })
}

fn linear_of(table: &Bound<'_, PyDict>) -> PyResult<LinearSpec> {
    let bias = match table.get_item("bias")? {
        Some(v) => v.extract()?,
        None => 0.0,
    };
    let mut weights = Vec::new();
    if let Some(w) = table.get_item("weights")? {
        for (name, value) in w.downcast::<PyDict>()?.iter() {
            weights.push((name.extract::<String>()?, value.extract::<f64>()?));
        }
    }
    Ok(LinearSpec { bias, weights })
}

fn threshold_of(table: &Bound<'_, PyDict>) -> PyResult<f64> {
    match table.get_item("threshold")? {
        Some(v) => v.extract(),
        None => Ok(0.5),
    }
}

/// `{"bias", "weights", "threshold", "context"}` to a block model.
fn block_model_of(table: &Bound<'_, PyDict>) -> PyResult<BlockModelSpec> {
    let context = match table.get_item("context")? {
        Some(c) if !c.is_none() => Some(linear_of(c.downcast::<PyDict>()?)?),
        _ => None,
    };
    Ok(BlockModelSpec {
        first: linear_of(table)?,
        context,
        threshold: threshold_of(table)?,
    })
}

fn page_model_of(table: &Bound<'_, PyDict>) -> PyResult<PageModelSpec> {
    Ok(PageModelSpec {
        linear: linear_of(table)?,
        threshold: threshold_of(table)?,
    })
}

fn mode_of(mode: &str) -> PyResult<Mode> {
    match mode {
        "auto" => Ok(Mode::Auto),
        "page" => Ok(Mode::Page),
        _ => Err(PyValueError::new_err(format!(
            "scoring mode must be 'auto' or 'page', not {mode:?}"
        ))),
    }
}

fn columns_dict<'py>(
    py: Python<'py>,
    names: &[&str],
    cols: &Columns,
) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(py);
    for (f, name) in names.iter().enumerate() {
        out.set_item(*name, PyList::new(py, cols.column(f))?)?;
    }
    Ok(out)
}

/// The scoring stage of one language, built once per `Cleaner` and language.
///
/// `PageScorer(settings, stoplist, block_model, page_model)`: `settings` maps
/// every field of `ScoringSettings` to its value, `stoplist` holds the
/// language's stopwords (lower case; empty without a stoplist), and each model
/// is `None` or a dict of `bias`, `weights` (feature name -> weight, in the
/// rule file's order), `threshold` and, for the block model, `context` (the
/// context pass's `bias` and `weights`, or `None`).
#[pyclass(module = "cleaner._core", name = "PageScorer", frozen)]
pub struct PyPageScorer {
    inner: Scorer,
}

#[pymethods]
impl PyPageScorer {
    #[new]
    #[pyo3(signature = (settings, stoplist, block_model=None, page_model=None))]
    fn new(
        py: Python<'_>,
        settings: &Bound<'_, PyDict>,
        stoplist: HashSet<String>,
        block_model: Option<&Bound<'_, PyDict>>,
        page_model: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let settings = settings_of(settings)?;
        let block_model = block_model.map(block_model_of).transpose()?;
        let page_model = page_model.map(page_model_of).transpose()?;
        let inner = Scorer::new(
            settings,
            stoplist,
            block_model.as_ref(),
            page_model.as_ref(),
        )
        .map_err(|e| to_py(py, e))?;
        Ok(Self { inner })
    }

    /// `score(texts, ruled, cut, mode) -> (page, decisions)`: whether the text
    /// was scored as a whole page, and what scoring does to each block, one
    /// byte a block (0 nothing, 1 removed, 2 brought back from a cut; empty
    /// when the text is no page). `ruled[i]`: a rule removed block i (a cut
    /// included); `cut[i]`: a cut marker removed it; `mode`: "auto" or "page";
    /// `inline[i]` (optional): the rule that removed it takes lines from within
    /// a story (photo credits, captions, "Read more" inserts).
    #[pyo3(signature = (texts, ruled, cut, mode, inline=None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<PyBackedStr>,
        ruled: Vec<bool>,
        cut: Vec<bool>,
        mode: &str,
        inline: Option<Vec<bool>>,
    ) -> PyResult<(bool, Bound<'py, PyBytes>)> {
        let mode = mode_of(mode)?;
        let strs: Vec<&str> = texts.iter().map(|t| &**t).collect();
        let inline = inline.unwrap_or_default();
        let blocks = Blocks::new(&strs, &ruled, &cut)
            .and_then(|b| b.with_inline(&inline))
            .map_err(|e| to_py(py, e))?;
        let outcome = py.allow_threads(|| self.inner.score(blocks, mode));
        let bytes: Vec<u8> = outcome.decisions.iter().map(|d| *d as u8).collect();
        Ok((outcome.page, PyBytes::new(py, &bytes)))
    }

    /// `columns(texts, ruled, cut) -> {feature: [value of each block]}`: the
    /// block model's features of a page (`FEATURES`), as scoring computes them.
    fn columns<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<PyBackedStr>,
        ruled: Vec<bool>,
        cut: Vec<bool>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let strs: Vec<&str> = texts.iter().map(|t| &**t).collect();
        let blocks = Blocks::new(&strs, &ruled, &cut).map_err(|e| to_py(py, e))?;
        let cols = py.allow_threads(|| self.inner.columns(blocks));
        columns_dict(py, &FEATURES, &cols)
    }

    /// `probabilities(texts, ruled, cut) -> [p of each block] | None`: the block
    /// model's story probabilities (None without a block model).
    fn probabilities(
        &self,
        py: Python<'_>,
        texts: Vec<PyBackedStr>,
        ruled: Vec<bool>,
        cut: Vec<bool>,
    ) -> PyResult<Option<Vec<f64>>> {
        let strs: Vec<&str> = texts.iter().map(|t| &**t).collect();
        let blocks = Blocks::new(&strs, &ruled, &cut).map_err(|e| to_py(py, e))?;
        Ok(py.allow_threads(|| self.inner.probabilities(blocks)))
    }

    /// `page_features(texts, ruled, cut) -> {feature: value} | None`: the page
    /// model's features of a text (`PAGE_FEATURES`; None without a block model).
    fn page_features<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<PyBackedStr>,
        ruled: Vec<bool>,
        cut: Vec<bool>,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let strs: Vec<&str> = texts.iter().map(|t| &**t).collect();
        let blocks = Blocks::new(&strs, &ruled, &cut).map_err(|e| to_py(py, e))?;
        let Some(values) = py.allow_threads(|| self.inner.page_features(blocks)) else {
            return Ok(None);
        };
        let out = PyDict::new(py);
        for (name, v) in PAGE_FEATURES.iter().zip(values) {
            out.set_item(*name, v)?;
        }
        Ok(Some(out))
    }
}

/// `context_columns(p, removed) -> {feature: [value of each block]}`: the
/// context pass's features (`CONTEXT_FEATURES`) from the first pass's
/// probabilities and the blocks' `removed` column.
#[pyfunction(name = "context_columns")]
fn py_context_columns<'py>(
    py: Python<'py>,
    p: Vec<f64>,
    removed: Vec<f64>,
) -> PyResult<Bound<'py, PyDict>> {
    if p.len() != removed.len() {
        return Err(cleaner_error(
            py,
            "InputError",
            ("p and removed differ in length",),
        ));
    }
    columns_dict(py, &CONTEXT_FEATURES, &context_columns(&p, &removed))
}

/// `block_probabilities(model, columns) -> [p of each block]`: a block model's
/// probabilities from a page's `FEATURES` columns (a dict that holds every one
/// of them, all of the same length).
#[pyfunction]
fn block_probabilities(
    py: Python<'_>,
    model: &Bound<'_, PyDict>,
    columns: &Bound<'_, PyDict>,
) -> PyResult<Vec<f64>> {
    let model = BlockModel::new(&block_model_of(model)?).map_err(|e| to_py(py, e))?;
    let mut n = None;
    let mut data = Vec::new();
    for name in FEATURES {
        let Some(column) = columns.get_item(name)? else {
            return Err(cleaner_error(
                py,
                "InputError",
                (format!("no column {name:?}"),),
            ));
        };
        let values: Vec<f64> = column.extract()?;
        if *n.get_or_insert(values.len()) != values.len() {
            return Err(cleaner_error(
                py,
                "InputError",
                (format!("column {name:?} differs in length"),),
            ));
        }
        data.extend(values);
    }
    let cols = Columns::from_values(n.unwrap_or(0), data)
        .ok_or_else(|| cleaner_error(py, "InputError", ("columns of no block",)))?;
    model.probabilities(&cols).map_err(|e| to_py(py, e))
}

/// `page_probability(model, features) -> p`: a page model's probability that a
/// text with these `PAGE_FEATURES` (name -> value) is a whole page.
#[pyfunction]
fn page_probability(
    py: Python<'_>,
    model: &Bound<'_, PyDict>,
    features: &Bound<'_, PyDict>,
) -> PyResult<f64> {
    let model = PageModel::new(&page_model_of(model)?, &PAGE_FEATURES).map_err(|e| to_py(py, e))?;
    let mut values = [0.0; PAGE_FEATURES.len()];
    for (v, name) in values.iter_mut().zip(PAGE_FEATURES) {
        if let Some(x) = features.get_item(name)? {
            *v = x.extract()?;
        }
    }
    Ok(model.probability(&values))
}

/// Adds the scoring stage's class, functions and feature names to `cleaner._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPageScorer>()?;
    m.add_function(wrap_pyfunction!(py_context_columns, m)?)?;
    m.add_function(wrap_pyfunction!(block_probabilities, m)?)?;
    m.add_function(wrap_pyfunction!(page_probability, m)?)?;
    m.add("FEATURES", PyTuple::new(m.py(), FEATURES)?)?;
    m.add("CONTEXT_FEATURES", PyTuple::new(m.py(), CONTEXT_FEATURES)?)?;
    m.add("PAGE_FEATURES", PyTuple::new(m.py(), PAGE_FEATURES)?)?;
    Ok(())
}
