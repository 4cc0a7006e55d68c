//! The boundary: the `cleaner._core` extension module. Conversions only; each
//! stage's bindings live in the file of the same name.

use pyo3::prelude::*;

mod rules;
mod scoring;
mod story;
mod text;

/// The compiled core of article-cleaner (`cleaner._core`).
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    text::register(m)?;
    rules::register(m)?;
    scoring::register(m)?;
    story::register(m)?;
    Ok(())
}
