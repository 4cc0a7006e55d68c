//! Bindings of the story's metadata (whole pages): one call per page.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use super::rules::MetaTable;
use crate::rules::metadata::Groups;
use crate::story::{self, Found, HeadRules, StoryError};

/// The package's `MetadataBuilder` of the fields found around the story, and
/// the news settings its `add` takes.
struct PyFound<'py> {
    builder: Bound<'py, PyAny>,
    news: Bound<'py, PyAny>,
}

impl Found for PyFound<'_> {
    type Error = PyErr;

    fn add(&mut self, groups: &Groups<'_>) -> PyResult<bool> {
        let dict = PyDict::new(self.builder.py());
        for (name, value) in groups {
            dict.set_item(name, value)?;
        }
        self.builder
            .call_method1("add", (dict, &self.news))?
            .is_truthy()
    }

    fn get(&mut self, name: &str) -> PyResult<Option<String>> {
        let value = self
            .builder
            .getattr("values")?
            .call_method1("get", (name,))?;
        if !value.is_truthy()? {
            return Ok(None);
        }
        value.extract()
    }

    fn set(&mut self, name: &str, value: &str) -> PyResult<()> {
        self.builder.call_method1("set", (name, value))?;
        Ok(())
    }

    fn forget(&mut self, name: &str) -> PyResult<()> {
        if name == "authors" {
            self.builder.getattr("authors")?.call_method0("clear")?;
            return Ok(());
        }
        self.builder
            .getattr("values")?
            .call_method1("pop", (name, self.builder.py().None()))?;
        Ok(())
    }

    fn authors(&mut self) -> PyResult<Vec<String>> {
        self.builder.getattr("authors")?.extract()
    }

    fn extend_authors(&mut self, names: &[String]) -> PyResult<()> {
        self.builder
            .getattr("authors")?
            .call_method1("extend", (names.to_vec(),))?;
        Ok(())
    }
}

/// Blocks whose rule changed: `(index, rule, cut)`, `cut` the flag to set
/// (`None`: left as it is); and the authors to keep (`None`: those found).
type Read = (
    Vec<(usize, Option<String>, Option<bool>)>,
    Option<Vec<String>>,
);

/// Reads the title, byline, date and dateline around the story's start of a
/// page (`texts`, `rules`: its blocks' texts and rule ids). The fields go to
/// `found` (a `MetadataBuilder`, `news` its settings); `read_before`: ids of
/// the head extract rules; `wide_skip`, `first_skip`: the rules each run of
/// the head rules skips; `url_dated`: the page's address gives a date.
#[pyfunction]
#[pyo3(signature = (table, texts, rules, read_before, wide_skip, first_skip, min_words, url_dated, found, news))]
#[allow(clippy::too_many_arguments)]
fn read_story(
    py: Python<'_>,
    table: &MetaTable,
    texts: &Bound<'_, PyList>,
    rules: Vec<Option<String>>,
    read_before: Vec<String>,
    wide_skip: Vec<usize>,
    first_skip: Vec<usize>,
    min_words: usize,
    url_dated: bool,
    found: Bound<'_, PyAny>,
    news: Bound<'_, PyAny>,
) -> PyResult<Read> {
    let list: Vec<Bound<'_, PyString>> = texts
        .iter()
        .map(|t| t.downcast_into::<PyString>())
        .collect::<Result<_, _>>()?;
    if list.len() != rules.len() {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "one rule for each text",
        ));
    }
    let owned: Vec<std::borrow::Cow<'_, str>> = list.iter().map(|t| t.to_string_lossy()).collect();
    let borrowed: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
    let head = HeadRules {
        rules: &table.inner,
        read_before: &read_before,
        wide_skip: &wide_skip,
        first_skip: &first_skip,
        min_words,
    };
    let mut builder = PyFound {
        builder: found,
        news,
    };
    match story::read(&borrowed, &rules, head, &mut builder, url_dated) {
        Ok(outcome) => Ok((
            outcome
                .changes
                .into_iter()
                .map(|c| (c.block, c.rule, c.cut))
                .collect(),
            outcome.people,
        )),
        Err(StoryError::Found(err)) => Err(err),
        Err(StoryError::Run(err)) => Err(table.run_failure(py, err)),
    }
}

/// Builds the story stage's patterns now (once a process; on first use otherwise).
#[pyfunction]
fn prepare_story() {
    story::patterns::prepare();
}

/// Add the story's functions to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(read_story, m)?)?;
    m.add_function(wrap_pyfunction!(prepare_story, m)?)?;
    Ok(())
}
