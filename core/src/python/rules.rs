//! Bindings of the rules stage: a rule set compiled once (`RuleBook`), the
//! tables of one rule combination (`ChromeTable`, `ReplaceTable`, `MetaTable`,
//! each run once per document, or once per turn of the metadata rules, over
//! the texts of its blocks). Rule errors become `cleaner.errors.RuleError`, a
//! backtracking limit `RuleTimeoutError`.

use std::borrow::Cow;
use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::sync::GILOnceCell;
use pyo3::types::{PyDict, PyFloat, PyList, PyString, PyTuple};

use crate::rules::chrome::{Action, ChromeRule, ChromeRules, ChromeSpec};
use crate::rules::metadata::{Groups, MetaRule, MetaRules, MetaSpec};
use crate::rules::metarun::{
    self, Fields, MetaAction, MetaError, MetaPlan, MetaState as State, RunOptions,
};
use crate::rules::pattern::{
    self as pattern, translate as translate_pattern, EngineKind, Failure, Memory, Mode, Pattern,
    Use,
};
use crate::rules::replace::{ReplaceRule, ReplaceRules, ReplaceSpec};
use crate::rules::{RunError, Window, Words};

fn errors<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("cleaner.errors")?.getattr(name)
}

fn rule_error(py: Python<'_>, source: &str, problem: &str, rule: &str) -> PyErr {
    match errors(py, "RuleError").and_then(|cls| cls.call1((source, problem, rule))) {
        Ok(err) => PyErr::from_value(err),
        Err(err) => err,
    }
}

fn mode_of(name: &str) -> PyResult<Mode> {
    match name {
        "block" => Ok(Mode::Block),
        "prefix" => Ok(Mode::Prefix),
        "contains" => Ok(Mode::Search),
        other => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "unknown match {other:?}"
        ))),
    }
}

/// One `cleaner.rules.Rule`, read from its attributes.
struct RuleFields {
    id: String,
    source_file: String,
    action: String,
    pattern: Option<String>,
    regex_source: Option<String>,
    phrases: Vec<String>,
    mode: Mode,
    case_sensitive: bool,
    window: Window,
    words: Words,
    replacement: String,
    keep: bool,
    cut_to_end: bool,
    repeat_within: usize,
}

fn read_rule(rule: &Bound<'_, PyAny>) -> PyResult<RuleFields> {
    let action: String = rule.getattr("action")?.extract()?;
    let runs = matches!(
        action.as_str(),
        "drop" | "cut-to-end" | "cut-from-start" | "replace" | "extract"
    );
    let within: Option<usize> = rule.getattr("within")?.extract()?;
    let window = match rule.getattr("where")?.extract::<String>()?.as_str() {
        "head" => Window::Head(within.unwrap_or(0)),
        "tail" => Window::Tail(within.unwrap_or(0)),
        _ => Window::Anywhere,
    };
    Ok(RuleFields {
        id: rule.getattr("id")?.extract()?,
        source_file: rule.getattr("source")?.extract()?,
        pattern: rule.getattr("pattern")?.extract()?,
        regex_source: if runs {
            Some(rule.getattr("regex_source")?.extract()?)
        } else {
            None
        },
        phrases: rule.getattr("phrases")?.extract()?,
        mode: mode_of(&rule.getattr("match")?.extract::<String>()?)?,
        case_sensitive: rule.getattr("case_sensitive")?.extract()?,
        window,
        words: Words {
            min: rule.getattr("min_words")?.extract()?,
            max: rule.getattr("max_words")?.extract()?,
        },
        replacement: rule.getattr("replacement")?.extract()?,
        keep: rule.getattr("keep")?.extract()?,
        cut_to_end: rule
            .getattr("then")?
            .extract::<Option<String>>()?
            .as_deref()
            == Some("cut-to-end"),
        repeat_within: rule.getattr("repeat_within")?.extract()?,
        action,
    })
}

/// One rule, compiled for what it does.
#[derive(Default)]
struct Compiled {
    chrome: Option<Arc<ChromeRule>>,
    replace: Option<Arc<ReplaceRule>>,
    meta: Option<Arc<MetaRule>>,
    /// What the metadata loop needs of a metadata rule (extract or title).
    plan: Option<MetaPlan>,
}

/// Compiles one rule; the problem, if its pattern cannot be run.
fn compile_rule(f: &RuleFields, backtrack_limit: usize) -> Result<Compiled, String> {
    let action = match f.action.as_str() {
        "drop" => Some(Action::Drop),
        "cut-to-end" => Some(Action::CutToEnd),
        "cut-from-start" => Some(Action::CutFromStart),
        _ => None,
    };
    let source = f.regex_source.clone().unwrap_or_default();
    let mut out = Compiled {
        plan: plan_of(f),
        ..Compiled::default()
    };
    if let Some(action) = action {
        let spec = ChromeSpec {
            id: f.id.clone(),
            action,
            pattern: f.pattern.clone(),
            source,
            phrases: f.phrases.clone(),
            mode: f.mode,
            case_sensitive: f.case_sensitive,
            window: f.window,
            words: f.words,
        };
        out.chrome = Some(Arc::new(
            ChromeRule::compile(&spec, backtrack_limit).map_err(|e| e.problem)?,
        ));
    } else if f.action == "replace" {
        let spec = ReplaceSpec {
            id: f.id.clone(),
            source,
            case_sensitive: f.case_sensitive,
            window: f.window,
            replacement: f.replacement.clone(),
        };
        out.replace = Some(Arc::new(
            ReplaceRule::compile(&spec, backtrack_limit).map_err(|e| e.problem)?,
        ));
    } else if f.action == "extract" {
        let spec = MetaSpec {
            id: f.id.clone(),
            source,
            mode: f.mode,
            case_sensitive: f.case_sensitive,
        };
        out.meta = Some(Arc::new(
            MetaRule::compile(&spec, backtrack_limit).map_err(|e| e.problem)?,
        ));
    }
    Ok(out)
}

/// What the metadata loop needs of an extract or title rule (`None` for other rules).
fn plan_of(f: &RuleFields) -> Option<MetaPlan> {
    let action = match f.action.as_str() {
        "extract" => MetaAction::Extract {
            keep: f.keep,
            cut_to_end: f.cut_to_end,
        },
        "title" => MetaAction::Title {
            max_words: f.words.max.unwrap_or(metarun::TITLE_MAX_WORDS),
            repeat_within: f.repeat_within,
        },
        _ => return None,
    };
    Some(MetaPlan {
        id: f.id.clone(),
        window: f.window,
        words: f.words,
        action,
    })
}

/// Compiles the rules, spread over the machine's cores (at most 4 threads).
fn compile_all(
    rules: &[(usize, RuleFields)],
    backtrack_limit: usize,
) -> Vec<Result<Compiled, String>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 4);
    if threads == 1 || rules.len() < 8 {
        return rules
            .iter()
            .map(|(_, f)| compile_rule(f, backtrack_limit))
            .collect();
    }
    // Rules dealt round-robin: the costly ones are spread out.
    let mut results: Vec<Option<Result<Compiled, String>>> =
        (0..rules.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..rules.len())
                        .step_by(threads)
                        .map(|k| (k, compile_rule(&rules[k].1, backtrack_limit)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            // A panic is a bug; the rules of a thread that panicked are reported below.
            if let Ok(done) = handle.join() {
                for (k, result) in done {
                    results[k] = Some(result);
                }
            }
        }
    });
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err("the pattern could not be compiled (internal error)".to_string())
            })
        })
        .collect()
}

/// The chrome, replace and extract rules of a rule set, compiled once.
#[pyclass(frozen, module = "cleaner._core")]
pub struct RuleBook {
    chrome: Vec<Option<Arc<ChromeRule>>>,
    replace: Vec<Option<Arc<ReplaceRule>>>,
    meta: Vec<Option<Arc<MetaRule>>>,
    /// What the metadata loop needs of the rule at each index, if it is a
    /// metadata rule (extract or title).
    plans: Vec<Option<MetaPlan>>,
    /// The file each rule comes from, for errors.
    sources: Vec<String>,
    timeout: f64,
}

impl RuleBook {
    /// The files of the rules at `indices` that `kind` holds, in that order.
    fn sources_of<T>(&self, indices: &[usize], kind: &[Option<T>]) -> Vec<String> {
        indices
            .iter()
            .filter(|&&i| kind.get(i).is_some_and(Option::is_some))
            .map(|&i| self.sources[i].clone())
            .collect()
    }

    /// The pattern of every chrome, replace and extract rule.
    fn patterns(&self) -> Vec<&Pattern> {
        self.chrome
            .iter()
            .flatten()
            .filter_map(|r| r.pattern())
            .chain(self.replace.iter().flatten().map(|r| r.pattern()))
            .chain(self.meta.iter().flatten().map(|r| r.pattern()))
            .collect()
    }

    /// Rule `index` as compiled here, if its patterns do not depend on the
    /// backtracking limit (they run in linear time, or there are none).
    fn lend(&self, index: usize) -> Option<Compiled> {
        let linear = |p: Option<&crate::rules::pattern::Pattern>| {
            p.is_none_or(|p| p.engine() == EngineKind::Linear)
        };
        let chrome = self.chrome.get(index)?.clone();
        let replace = self.replace[index].clone();
        let meta = self.meta[index].clone();
        let reuse = linear(chrome.as_ref().and_then(|c| c.pattern()))
            && linear(replace.as_ref().map(|r| r.pattern()))
            && linear(meta.as_ref().map(|m| m.pattern()));
        reuse.then(|| Compiled {
            chrome,
            replace,
            meta,
            plan: self.plans[index].clone(),
        })
    }
}

#[pymethods]
impl RuleBook {
    /// Compiles the chrome, replace and extract rules among `rules` (other rules
    /// are skipped); `timeout` is reported when `backtrack_limit` stops a pattern.
    /// `like`, a book of the same rules, lends its linear-time patterns (they
    /// do not depend on the limit): only the backtracking ones are compiled.
    #[new]
    #[pyo3(signature = (rules, timeout, backtrack_limit, like = None))]
    fn new(
        py: Python<'_>,
        rules: &Bound<'_, PyAny>,
        timeout: f64,
        backtrack_limit: usize,
        like: Option<&RuleBook>,
    ) -> PyResult<Self> {
        let mut slots: Vec<Option<Compiled>> = Vec::new();
        let mut pending: Vec<(usize, RuleFields)> = Vec::new();
        let mut sources = Vec::new();
        for (index, rule) in rules.try_iter()?.enumerate() {
            let rule = rule?;
            sources.push(rule.getattr("source")?.extract::<String>()?);
            if let Some(lent) = like.and_then(|like| like.lend(index)) {
                slots.push(Some(lent));
                continue;
            }
            slots.push(None);
            pending.push((index, read_rule(&rule)?));
        }
        // Patterns compile apart from Python, on every core.
        let results = py.allow_threads(|| compile_all(&pending, backtrack_limit));
        for ((index, f), result) in pending.iter().zip(results) {
            let compiled =
                result.map_err(|problem| rule_error(py, &f.source_file, &problem, &f.id))?;
            slots[*index] = Some(compiled);
        }
        let mut book = RuleBook {
            chrome: Vec::new(),
            replace: Vec::new(),
            meta: Vec::new(),
            plans: Vec::new(),
            sources,
            timeout,
        };
        for slot in slots {
            let c = slot.unwrap_or_default();
            book.chrome.push(c.chrome);
            book.replace.push(c.replace);
            book.meta.push(c.meta);
            book.plans.push(c.plan);
        }
        Ok(book)
    }

    /// The chrome rules among the rules at `indices` (in that order), with their tables.
    fn chrome(&self, indices: Vec<usize>) -> ChromeTable {
        let rules: Vec<Arc<ChromeRule>> = indices
            .iter()
            .filter_map(|&i| self.chrome.get(i).cloned().flatten())
            .collect();
        let ids = rules.iter().map(|r| r.id.clone()).collect();
        let sources = self.sources_of(&indices, &self.chrome);
        ChromeTable {
            inner: ChromeRules::new(rules),
            ids,
            sources,
            id_tuple: GILOnceCell::new(),
            timeout: self.timeout,
        }
    }

    /// The replace rules among the rules at `indices`, in that order.
    fn replace(&self, indices: Vec<usize>) -> ReplaceTable {
        let rules: Vec<Arc<ReplaceRule>> = indices
            .iter()
            .filter_map(|&i| self.replace.get(i).cloned().flatten())
            .collect();
        let ids = rules.iter().map(|r| r.id.clone()).collect();
        let sources = self.sources_of(&indices, &self.replace);
        ReplaceTable {
            inner: ReplaceRules::new(rules),
            ids,
            sources,
            id_tuple: GILOnceCell::new(),
            timeout: self.timeout,
        }
    }

    /// The metadata rules (extract and title) among the rules at `indices`, in
    /// that order, with the literals of the extract rules.
    fn metadata(&self, indices: Vec<usize>) -> MetaTable {
        let picked: Vec<(usize, MetaPlan)> = indices
            .into_iter()
            .filter_map(|i| Some((i, self.plans.get(i)?.clone()?)))
            .collect();
        let ids = picked.iter().map(|(_, p)| p.id.clone()).collect();
        let sources = picked
            .iter()
            .map(|&(i, _)| self.sources[i].clone())
            .collect();
        let rules = picked
            .into_iter()
            .map(|(i, plan)| (plan, self.meta[i].clone()))
            .collect();
        MetaTable {
            inner: MetaRules::new(rules),
            ids,
            sources,
            id_tuple: GILOnceCell::new(),
            timeout: self.timeout,
        }
    }

    /// Builds the program of every pattern not built yet, on up to 4 threads,
    /// apart from Python. Errors are left for the documents that use the
    /// pattern to report, as they would be without this. Before workers are
    /// forked, it lets them share the programs instead of each building its own.
    fn build_programs(&self, py: Python<'_>) {
        let patterns = self.patterns();
        py.allow_threads(|| pattern::build_programs(&patterns));
    }

    /// Heap bytes of the linear-time patterns built so far: `programs` (their
    /// NFAs), `dfa_caches` and `pikevm_caches` (those of the calling thread),
    /// and the `largest_dfa_cache` of one pattern.
    fn memory<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let mut total = Memory::default();
        let mut largest = 0;
        for pattern in self.patterns() {
            let memory = pattern.memory();
            largest = largest.max(memory.dfa_caches);
            total += memory;
        }
        let out = PyDict::new(py);
        out.set_item("programs", total.programs)?;
        out.set_item("dfa_caches", total.dfa_caches)?;
        out.set_item("pikevm_caches", total.pikevm_caches)?;
        out.set_item("largest_dfa_cache", largest)?;
        Ok(out)
    }

    /// The engine that runs rule `index` (`"regex"`, `"fancy-regex"`), `None`
    /// for rules without a pattern to run (whole-block phrases, other actions).
    fn engine(&self, index: usize) -> Option<&'static str> {
        if let Some(Some(rule)) = self.meta.get(index) {
            return Some(rule.pattern().engine().name());
        }
        if let Some(Some(rule)) = self.chrome.get(index) {
            return rule.pattern().map(|p| p.engine().name());
        }
        if let Some(Some(rule)) = self.replace.get(index) {
            return Some(rule.pattern().engine().name());
        }
        None
    }
}

/// What failed, and the index of the rule.
fn split(err: RunError) -> (Failure, usize) {
    match err {
        RunError::Timeout { rule } => (Failure::Timeout, rule),
        RunError::Refused { rule } => (Failure::Refused, rule),
    }
}

/// The ids as a tuple, made once.
fn id_tuple(
    py: Python<'_>,
    cell: &GILOnceCell<Py<PyTuple>>,
    ids: &[String],
) -> PyResult<Py<PyTuple>> {
    if let Some(found) = cell.get(py) {
        return Ok(found.clone_ref(py));
    }
    let made = PyTuple::new(py, ids)?.unbind();
    Ok(cell.get_or_init(py, || made).clone_ref(py))
}

/// The error of a rule whose pattern failed on a document: `RuleTimeoutError`
/// past its time limit, `RuleError` (naming file, rule and problem) when its
/// engine refused to build the program on first use.
fn run_error(
    py: Python<'_>,
    failure: Failure,
    (id, source): (&str, &str),
    pattern: Option<&Pattern>,
    timeout: f64,
) -> PyErr {
    match failure {
        Failure::Timeout => timeout_error(py, id, timeout),
        Failure::Refused => {
            let problem = pattern.and_then(|p| p.compile().err()).map_or_else(
                || "the pattern could not be compiled".to_string(),
                |e| e.to_string(),
            );
            rule_error(py, source, &problem, id)
        }
    }
}

fn timeout_error(py: Python<'_>, id: &str, timeout: f64) -> PyErr {
    let id = PyString::new(py, id)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| id.to_string());
    let seconds = PyFloat::new(py, timeout)
        .repr()
        .map(|r| r.to_string())
        .unwrap_or_else(|_| timeout.to_string());
    let message = format!("rule {id} ran past its time limit ({seconds} s) on a block");
    match errors(py, "RuleTimeoutError").and_then(|cls| cls.call1((message,))) {
        Ok(err) => PyErr::from_value(err),
        Err(err) => err,
    }
}

/// The texts of a list of str, borrowed where they are valid UTF-8 (text with
/// lone surrogates is matched with U+FFFD in their place).
fn texts<'a>(list: &'a [Bound<'a, PyString>]) -> Vec<Cow<'a, str>> {
    list.iter()
        .map(|s| {
            s.to_str()
                .map(Cow::Borrowed)
                .unwrap_or_else(|_| s.to_string_lossy())
        })
        .collect()
}

/// The chrome rules of one rule combination.
#[pyclass(frozen, module = "cleaner._core")]
pub struct ChromeTable {
    inner: ChromeRules,
    ids: Vec<String>,
    sources: Vec<String>,
    id_tuple: GILOnceCell<Py<PyTuple>>,
    timeout: f64,
}

#[pymethods]
impl ChromeTable {
    /// The rule ids, in order: what the verdicts' indices refer to.
    #[getter]
    fn ids(&self, py: Python<'_>) -> PyResult<Py<PyTuple>> {
        id_tuple(py, &self.id_tuple, &self.ids)
    }

    /// Decides the blocks of a document (the texts of the blocks still in the
    /// body), then again those left until a run removes nothing, at most
    /// `runs` runs; cuts are weighed on the first run, when `cuts`
    /// (`ChromeRules::run_turns`). For each block, `None` or `(rule index, cut)`.
    fn run_turns(
        &self,
        py: Python<'_>,
        texts_in: &Bound<'_, PyList>,
        min_words: usize,
        cuts: bool,
        runs: usize,
    ) -> PyResult<Vec<Option<(usize, bool)>>> {
        let list: Vec<Bound<'_, PyString>> = texts_in
            .iter()
            .map(|t| t.downcast_into::<PyString>())
            .collect::<Result<_, _>>()?;
        let owned = texts(&list);
        let borrowed: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        match self.inner.run_turns(&borrowed, min_words, cuts, runs) {
            Ok(verdicts) => Ok(verdicts
                .into_iter()
                .map(|v| v.map(|v| (v.rule, v.cut)))
                .collect()),
            Err(err) => Err(self.error(py, err)),
        }
    }

    /// Whether rule `index` matches `text`, its window aside (for examples).
    fn matches(&self, py: Python<'_>, index: usize, text: &str) -> PyResult<bool> {
        self.inner
            .matches(index, text)
            .map_err(|err| self.error(py, err))
    }

    /// Builds every pattern's program now: `RuleError` for the first that its
    /// engine refuses (checks of rule files; documents build them on first use).
    fn compile(&self, py: Python<'_>) -> PyResult<()> {
        for (k, rule) in self.inner.rules().iter().enumerate() {
            if let Some(Err(e)) = rule.pattern().map(Pattern::compile) {
                return Err(rule_error(
                    py,
                    &self.sources[k],
                    &e.to_string(),
                    &self.ids[k],
                ));
            }
        }
        Ok(())
    }
}

impl ChromeTable {
    fn error(&self, py: Python<'_>, err: RunError) -> PyErr {
        let (failure, k) = split(err);
        let rule = &self.inner.rules()[k];
        run_error(
            py,
            failure,
            (&self.ids[k], &self.sources[k]),
            rule.pattern(),
            self.timeout,
        )
    }
}

/// The replace rules of one rule combination.
#[pyclass(frozen, module = "cleaner._core")]
pub struct ReplaceTable {
    inner: ReplaceRules,
    ids: Vec<String>,
    sources: Vec<String>,
    id_tuple: GILOnceCell<Py<PyTuple>>,
    timeout: f64,
}

/// What the replace rules did to a document's blocks: new texts (`None`
/// where unchanged), cuts `(block, rule index, text)`, and for each block left
/// empty the rule index that removes it.
type ReplaceResult = (
    Vec<Option<String>>,
    Vec<(usize, usize, String)>,
    Vec<Option<usize>>,
);

#[pymethods]
impl ReplaceTable {
    /// The rule ids, in order.
    #[getter]
    fn ids(&self, py: Python<'_>) -> PyResult<Py<PyTuple>> {
        id_tuple(py, &self.id_tuple, &self.ids)
    }

    /// Whether there are no rules.
    fn __len__(&self) -> usize {
        self.ids.len()
    }

    /// Rewrites the blocks of a document (the texts of the blocks still in the body).
    fn run(&self, py: Python<'_>, texts_in: &Bound<'_, PyList>) -> PyResult<ReplaceResult> {
        let list: Vec<Bound<'_, PyString>> = texts_in
            .iter()
            .map(|t| t.downcast_into::<PyString>())
            .collect::<Result<_, _>>()?;
        let owned = texts(&list);
        let borrowed: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        match self.inner.run(&borrowed) {
            Ok(out) => Ok((
                out.texts,
                out.cuts
                    .into_iter()
                    .map(|c| (c.block, c.rule, c.text))
                    .collect(),
                out.emptied,
            )),
            Err(err) => Err(self.error(py, err)),
        }
    }

    /// Whether rule `index` matches somewhere in `text` (for examples).
    fn matches(&self, py: Python<'_>, index: usize, text: &str) -> PyResult<bool> {
        self.inner.rules()[index].is_match(text).map_err(|err| {
            let (failure, _) = split(err);
            self.error(py, RunError::of(failure, index))
        })
    }
}

impl ReplaceTable {
    fn error(&self, py: Python<'_>, err: RunError) -> PyErr {
        let (failure, k) = split(err);
        let pattern = self.inner.rules()[k].pattern();
        run_error(
            py,
            failure,
            (&self.ids[k], &self.sources[k]),
            Some(pattern),
            self.timeout,
        )
    }
}

/// The metadata rules of one rule combination (extract and title rules): what
/// the loop needs of each, the extract rules' patterns and their literals.
#[pyclass(frozen, module = "cleaner._core")]
pub struct MetaTable {
    pub(crate) inner: MetaRules,
    ids: Vec<String>,
    sources: Vec<String>,
    id_tuple: GILOnceCell<Py<PyTuple>>,
    timeout: f64,
}

/// What the metadata rules keep between their runs on one document: the
/// blocks that hold each rule's literals, and the rules that fired.
#[pyclass(module = "cleaner._core")]
pub struct MetaState {
    inner: State,
}

#[pymethods]
impl MetaState {
    /// Whether rule `index` fired on the document (or cannot fire on it).
    fn fired(&self, index: usize) -> bool {
        index < self.inner.len() && self.inner.fired(index)
    }
}

impl MetaTable {
    /// The package's error for a rule whose pattern failed on a block.
    pub(crate) fn run_failure(&self, py: Python<'_>, err: RunError) -> PyErr {
        let (failure, k) = split(err);
        let pattern = self.inner.rules()[k].as_ref().map(|r| r.pattern());
        run_error(
            py,
            failure,
            (&self.ids[k], &self.sources[k]),
            pattern,
            self.timeout,
        )
    }
}

/// The metadata gathered by Python, as the loop asks about it: `take(rule,
/// block, groups)` (`groups` a dict, `None` for the title rule) says whether
/// the rule fires; `known_title()` the title known so far.
struct PyFields<'py> {
    py: Python<'py>,
    take: Bound<'py, PyAny>,
    known_title: Bound<'py, PyAny>,
}

impl Fields for PyFields<'_> {
    type Error = PyErr;

    fn known_title(&mut self) -> PyResult<Option<String>> {
        self.known_title.call0()?.extract()
    }

    fn take(&mut self, rule: usize, block: usize, groups: Option<&Groups<'_>>) -> PyResult<bool> {
        let dict = match groups {
            None => None,
            Some(groups) => {
                let out = PyDict::new(self.py);
                for (name, value) in groups {
                    out.set_item(name, value)?;
                }
                Some(out)
            }
        };
        self.take.call1((rule, block, dict))?.is_truthy()
    }
}

/// The rules that fired in a run, in order: `(rule index, [(block, cut)])`,
/// `cut` the flag to set on the block (`None`: left as it is).
type Fired = Vec<(usize, Vec<(usize, Option<bool>)>)>;

#[pymethods]
impl MetaTable {
    /// The rule ids, in order: what the indices of `run`'s results refer to.
    #[getter]
    fn ids(&self, py: Python<'_>) -> PyResult<Py<PyTuple>> {
        id_tuple(py, &self.id_tuple, &self.ids)
    }

    /// The state of a document whose blocks have these texts (the literals of
    /// each rule found in them, once); the rules at `skip` do not run on it.
    #[pyo3(signature = (texts_in, skip = Vec::new()))]
    fn start(&self, texts_in: &Bound<'_, PyList>, skip: Vec<usize>) -> PyResult<MetaState> {
        let list: Vec<Bound<'_, PyString>> = texts_in
            .iter()
            .map(|t| t.downcast_into::<PyString>())
            .collect::<Result<_, _>>()?;
        let owned = texts(&list);
        let borrowed: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        Ok(MetaState {
            inner: State::new(&self.inner, &borrowed, &skip),
        })
    }

    /// Runs the metadata rules over the blocks still in the body (`texts_in`;
    /// `at`: their indices among the blocks `state` was started with) until
    /// nothing changes: each rule fires once at most in a document. `take` and
    /// `known_title` are the gatherer's (see `Fields`); `tail_only`: only the
    /// rules of the tail window run; `opened`: every window holds every block.
    /// Returns the rules that fired and the blocks each removed (`Fired`).
    #[pyo3(signature = (state, texts_in, at, min_words, take, known_title, tail_only = false, opened = false))]
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        py: Python<'_>,
        state: &mut MetaState,
        texts_in: &Bound<'_, PyList>,
        at: Vec<usize>,
        min_words: usize,
        take: Bound<'_, PyAny>,
        known_title: Bound<'_, PyAny>,
        tail_only: bool,
        opened: bool,
    ) -> PyResult<Fired> {
        let list: Vec<Bound<'_, PyString>> = texts_in
            .iter()
            .map(|t| t.downcast_into::<PyString>())
            .collect::<Result<_, _>>()?;
        if at.len() != list.len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "one index in `at` for each text",
            ));
        }
        if state.inner.len() != self.inner.plans().len() {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "the state was started by another table",
            ));
        }
        if at.iter().any(|&b| b >= state.inner.blocks()) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "an index in `at` past the blocks the state was started with",
            ));
        }
        let owned = texts(&list);
        let borrowed: Vec<&str> = owned.iter().map(|t| t.as_ref()).collect();
        let mut fields = PyFields {
            py,
            take,
            known_title,
        };
        let options = RunOptions {
            min_words,
            tail_only,
            opened,
        };
        match self
            .inner
            .run(&mut state.inner, &borrowed, &at, options, &mut fields)
        {
            Ok(fires) => Ok(fires.into_iter().map(|f| (f.rule, f.removed)).collect()),
            Err(MetaError::Fields(err)) => Err(err),
            Err(MetaError::Run(err)) => {
                let (failure, k) = split(err);
                let pattern = self.inner.rules()[k].as_ref().map(|r| r.pattern());
                Err(run_error(
                    py,
                    failure,
                    (&self.ids[k], &self.sources[k]),
                    pattern,
                    self.timeout,
                ))
            }
        }
    }

    /// The named groups of rule `index`'s match in `text` (a dict, Python's
    /// `groupdict()`), or `None` when it does not match.
    fn groups<'py>(
        &self,
        py: Python<'py>,
        index: usize,
        text: &str,
    ) -> PyResult<Option<Bound<'py, PyDict>>> {
        let Some(Some(rule)) = self.inner.rules().get(index) else {
            return Ok(None);
        };
        match rule.groups(text) {
            Ok(None) => Ok(None),
            Ok(Some(groups)) => {
                let out = PyDict::new(py);
                for (name, value) in groups {
                    out.set_item(name, value)?;
                }
                Ok(Some(out))
            }
            Err(failure) => Err(run_error(
                py,
                failure,
                (&self.ids[index], &self.sources[index]),
                Some(rule.pattern()),
                self.timeout,
            )),
        }
    }

    /// Builds every pattern's program now: `RuleError` for the first that its
    /// engine refuses (checks of rule files; documents build them on first use).
    fn compile(&self, py: Python<'_>) -> PyResult<()> {
        for (k, rule) in self.inner.rules().iter().enumerate() {
            if let Some(Err(e)) = rule.as_ref().map(|r| r.pattern().compile()) {
                return Err(rule_error(
                    py,
                    &self.sources[k],
                    &e.to_string(),
                    &self.ids[k],
                ));
            }
        }
        Ok(())
    }

    /// Whether rule `index` matches `text` (its literals first, as at run time; for examples).
    fn matches(&self, py: Python<'_>, index: usize, text: &str) -> PyResult<bool> {
        let found = self.inner.candidates(&[text]);
        if found
            .get(index)
            .is_some_and(|c| c.as_ref().is_some_and(|c| c.is_empty()))
        {
            return Ok(false);
        }
        Ok(self.groups(py, index, text)?.is_some())
    }
}

/// Whether a line reads as a headline (`cleaner.metadata.looks_like_title`).
#[pyfunction]
#[pyo3(signature = (text, max_words = metarun::TITLE_MAX_WORDS))]
fn looks_like_title(text: &Bound<'_, PyString>, max_words: usize) -> bool {
    crate::rules::title::looks_like_title(&text.to_string_lossy(), max_words)
}

/// The key repeats of a title are compared by (`cleaner.metadata.normalise_key`).
#[pyfunction]
fn normalise_key(text: &Bound<'_, PyString>) -> String {
    crate::rules::title::normalise_key(&text.to_string_lossy())
}

/// How the core runs a rule pattern: `{"engine", "source", "rewrites", "groups"}`
/// (`groups`: the group names);
/// `match` is `"block"`, `"prefix"` or `"contains"`, `extents` whether match
/// extents matter (replace rules) or only whether it matches (chrome rules).
/// An unsupported pattern raises `ValueError` naming the construct.
#[pyfunction]
#[pyo3(signature = (pattern, case_sensitive, r#match, extents))]
fn translate<'py>(
    py: Python<'py>,
    pattern: &str,
    case_sensitive: bool,
    r#match: &str,
    extents: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let usage = if extents { Use::Extents } else { Use::Test };
    let t = translate_pattern(pattern, !case_sensitive, mode_of(r#match)?, usage)
        .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
    let out = PyDict::new(py);
    out.set_item("engine", t.engine.name())?;
    out.set_item("source", t.source)?;
    out.set_item("rewrites", t.rewrites)?;
    let mut groups: Vec<&str> = Vec::new();
    for name in t.names.iter().flatten() {
        if !groups.contains(&name.as_str()) {
            groups.push(name);
        }
    }
    out.set_item("groups", groups)?;
    Ok(out)
}

/// Adds the rules stage's classes and functions to `cleaner._core`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<RuleBook>()?;
    m.add_class::<ChromeTable>()?;
    m.add_class::<ReplaceTable>()?;
    m.add_class::<MetaTable>()?;
    m.add_class::<MetaState>()?;
    m.add_function(wrap_pyfunction!(translate, m)?)?;
    m.add_function(wrap_pyfunction!(looks_like_title, m)?)?;
    m.add_function(wrap_pyfunction!(normalise_key, m)?)?;
    Ok(())
}
