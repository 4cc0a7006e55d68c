//! The logistic models: the block model (a first pass over [`FEATURES`] and an
//! optional context pass that also reads the first pass's probabilities around
//! each block) and the page model (over the [`PAGE_FEATURES`] of a whole text).
//!
//! A block gets `p = 1 / (1 + exp(-(bias + sum(value * weight))))`, the sum
//! taken left to right from zero in the order of the weights as the rule file
//! lists them, and the argument of `exp` held within ±50: the arithmetic of the
//! Python pipeline before the move (CPython 3.11's `sum`), so that the
//! probabilities are the same to the last bit.
//!
//! [`PAGE_FEATURES`]: super::page::PAGE_FEATURES

use super::blockmodel::{context_columns, Columns, CONTEXT_FEATURES, FEATURES};
use super::ScoringError;

/// Bias and named weights of one logistic model, as a rule file gives them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinearSpec {
    /// The bias.
    pub bias: f64,
    /// Feature name and weight, in the rule file's order.
    pub weights: Vec<(String, f64)>,
}

/// A block model as a rule file gives it (`[scoring.model]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BlockModelSpec {
    /// The first pass.
    pub first: LinearSpec,
    /// The context pass, if any.
    pub context: Option<LinearSpec>,
    /// A block is kept when its final probability reaches this.
    pub threshold: f64,
}

/// A page model as a rule file gives it (`[scoring.page_model]`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageModelSpec {
    /// Bias and weights over the page features.
    pub linear: LinearSpec,
    /// A text is a page when its probability reaches this.
    pub threshold: f64,
}

/// A logistic model whose weights index the columns it reads.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    bias: f64,
    /// Column index and weight of every non-zero weight, in the rule file's order.
    weights: Vec<(usize, f64)>,
}

impl Linear {
    /// The model of `spec` over the features `names` (a column index is a
    /// position in `names`); `table` names the table in errors.
    pub fn new(
        spec: &LinearSpec,
        names: &[&str],
        table: &'static str,
    ) -> Result<Self, ScoringError> {
        let mut weights = Vec::with_capacity(spec.weights.len());
        for (name, w) in &spec.weights {
            let Some(at) = names.iter().position(|n| n == name) else {
                return Err(ScoringError::UnknownFeature {
                    table,
                    name: name.clone(),
                });
            };
            if *w != 0.0 {
                weights.push((at, *w));
            }
        }
        Ok(Self {
            bias: spec.bias,
            weights,
        })
    }

    /// The probability of one row, whose feature `f` is `value(f)`.
    #[inline]
    pub fn probability(&self, value: impl Fn(usize) -> f64) -> f64 {
        if self.weights.is_empty() {
            return sigmoid(self.bias);
        }
        let mut sum = 0.0;
        for &(f, w) in &self.weights {
            sum += value(f) * w;
        }
        sigmoid(self.bias + sum)
    }
}

/// `1 / (1 + exp(-v))`, with `v` held within ±50.
pub fn sigmoid(v: f64) -> f64 {
    let v = if v > 50.0 { 50.0 } else { v };
    let v = if v < -50.0 { -50.0 } else { v };
    1.0 / (1.0 + (-v).exp())
}

/// The block model: a first pass over [`FEATURES`] and an optional context pass
/// over [`FEATURES`] and [`CONTEXT_FEATURES`].
#[derive(Debug, Clone, PartialEq)]
pub struct BlockModel {
    first: Linear,
    context: Option<Linear>,
    /// A block is kept when its final probability reaches this.
    pub threshold: f64,
}

/// The index of the `removed` feature in [`FEATURES`].
fn removed_column() -> usize {
    FEATURES.iter().position(|f| *f == "removed").unwrap_or(0)
}

impl BlockModel {
    /// The model of `spec`; an unknown feature name is an error.
    pub fn new(spec: &BlockModelSpec) -> Result<Self, ScoringError> {
        let first = Linear::new(&spec.first, &FEATURES, "scoring.model")?;
        let context = match &spec.context {
            None => None,
            Some(c) => {
                let names: Vec<&str> = FEATURES.iter().chain(&CONTEXT_FEATURES).copied().collect();
                Some(Linear::new(c, &names, "scoring.model.context")?)
            }
        };
        Ok(Self {
            first,
            context,
            threshold: spec.threshold,
        })
    }

    /// The probability that each block is story, from the page's [`FEATURES`]
    /// columns; the context pass, if any, reads the first pass's.
    pub fn probabilities(&self, cols: &Columns) -> Result<Vec<f64>, ScoringError> {
        let n = cols.blocks();
        if n > 0 && cols.features() != FEATURES.len() {
            return Err(ScoringError::Columns {
                expected: FEATURES.len(),
                got: cols.features(),
            });
        }
        let values = cols.values();
        let p: Vec<f64> = (0..n)
            .map(|i| self.first.probability(|f| values[f * n + i]))
            .collect();
        let Some(context) = &self.context else {
            return Ok(p);
        };
        let ctx = context_columns(&p, cols.column(removed_column()));
        let extra = ctx.values();
        let own = FEATURES.len();
        Ok((0..n)
            .map(|i| {
                context.probability(|f| {
                    if f < own {
                        values[f * n + i]
                    } else {
                        extra[(f - own) * n + i]
                    }
                })
            })
            .collect())
    }
}

/// The page model: whole-page text or an extractor's output?
#[derive(Debug, Clone, PartialEq)]
pub struct PageModel {
    linear: Linear,
    /// A text is a page when its probability reaches this.
    pub threshold: f64,
}

impl PageModel {
    /// The model of `spec` over `names` (the page features).
    pub fn new(spec: &PageModelSpec, names: &[&str]) -> Result<Self, ScoringError> {
        Ok(Self {
            linear: Linear::new(&spec.linear, names, "scoring.page_model")?,
            threshold: spec.threshold,
        })
    }

    /// The probability that a text with these page features is a whole page.
    pub fn probability(&self, features: &[f64]) -> f64 {
        self.linear
            .probability(|f| features.get(f).copied().unwrap_or(0.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(bias: f64, weights: &[(&str, f64)]) -> LinearSpec {
        LinearSpec {
            bias,
            weights: weights.iter().map(|(n, w)| (n.to_string(), *w)).collect(),
        }
    }

    fn cols(rows: &[&[(&str, f64)]]) -> Columns {
        let n = rows.len();
        let mut data = vec![0.0; FEATURES.len() * n];
        for (i, row) in rows.iter().enumerate() {
            for (name, v) in *row {
                let f = FEATURES.iter().position(|x| x == name).unwrap();
                data[f * n + i] = *v;
            }
        }
        Columns::from_values(n, data).unwrap()
    }

    #[test]
    fn probabilities_follow_the_weights() {
        let model = BlockModel::new(&BlockModelSpec {
            first: spec(-1.0, &[("terminal", 3.0), ("log_chars", 0.0)]),
            context: None,
            threshold: 0.5,
        })
        .unwrap();
        let p = model
            .probabilities(&cols(&[&[], &[("terminal", 1.0)]]))
            .unwrap();
        assert_eq!(p, [1.0 / (1.0 + 1f64.exp()), 1.0 / (1.0 + (-2f64).exp())]);
        let bias_only = BlockModel::new(&BlockModelSpec {
            first: spec(0.5, &[]),
            ..Default::default()
        })
        .unwrap();
        assert_eq!(
            bias_only.probabilities(&cols(&[&[], &[]])).unwrap(),
            [sigmoid(0.5); 2]
        );
    }

    #[test]
    fn context_pass_uses_the_first_pass() {
        let model = BlockModel::new(&BlockModelSpec {
            first: spec(5.0, &[]),
            context: Some(spec(-1.0, &[("p", 2.0)])),
            threshold: 0.5,
        })
        .unwrap();
        let p = model.probabilities(&cols(&[&[]])).unwrap();
        assert_eq!(p, [sigmoid(-1.0 + 2.0 * sigmoid(5.0))]);
    }

    #[test]
    fn sums_add_left_to_right_in_the_order_of_the_weights() {
        // (1e16 + 1) + 1 != 1e16 + (1 + 1) in doubles: the order shows.
        let row: &[(&str, f64)] = &[("log_chars", 1e16), ("log_words", 1.0), ("stopwords", 1.0)];
        let ordered = |names: [&str; 3]| {
            let weights: Vec<(&str, f64)> = names.iter().map(|n| (*n, 1.0)).collect();
            let model = BlockModel::new(&BlockModelSpec {
                first: spec(-1e16, &weights),
                ..Default::default()
            });
            model.unwrap().probabilities(&cols(&[row])).unwrap()[0]
        };
        assert_eq!(
            ordered(["log_chars", "log_words", "stopwords"]),
            sigmoid(0.0)
        );
        assert_eq!(
            ordered(["log_words", "stopwords", "log_chars"]),
            sigmoid(2.0)
        );
    }

    #[test]
    fn sigmoid_is_held_within_fifty() {
        assert_eq!(sigmoid(1000.0), sigmoid(50.0));
        assert_eq!(sigmoid(-1000.0), sigmoid(-50.0));
        assert!(sigmoid(-50.0) > 0.0);
    }

    #[test]
    fn unknown_features_are_errors() {
        let bad = BlockModelSpec {
            first: spec(0.0, &[("p", 1.0)]),
            ..Default::default()
        };
        assert_eq!(
            BlockModel::new(&bad).unwrap_err(),
            ScoringError::UnknownFeature {
                table: "scoring.model",
                name: "p".into()
            }
        );
        let context = BlockModelSpec {
            context: Some(spec(0.0, &[("bogus", 1.0)])),
            ..Default::default()
        };
        assert!(matches!(
            BlockModel::new(&context),
            Err(ScoringError::UnknownFeature { .. })
        ));
        let page = PageModelSpec {
            linear: spec(0.0, &[("terminal", 1.0)]),
            threshold: 0.5,
        };
        assert!(PageModel::new(&page, &["mean_p"]).is_err());
        let page = PageModel::new(
            &PageModelSpec {
                linear: spec(1.0, &[("mean_p", -2.0)]),
                threshold: 0.5,
            },
            &["mean_p"],
        );
        assert_eq!(
            page.unwrap().probability(&[0.25]),
            sigmoid(1.0 + 0.25 * -2.0)
        );
    }
}
