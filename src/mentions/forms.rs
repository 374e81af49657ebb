//! The mention stage's own rules file (`rules/mentions.yaml`): the wording of ages,
//! tallies and other forms built around a number, read once into look-up tables.

use crate::rules::PhraseTable;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct FormsFile {
    ages: AgesFile,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AgesFile {
    joined: Vec<String>,
    before: Vec<String>,
    after: Vec<String>,
    between_commas_max: u32,
}

/// The wording of forms built around a number.
#[derive(Debug)]
pub struct Forms {
    pub ages: AgeWords,
}

/// How an age is written around its number.
#[derive(Debug)]
pub struct AgeWords {
    /// Joined after the number by a hyphen: "38-year-old" (stored without the hyphen).
    pub joined: Vec<String>,
    /// Before the number: "aged 34".
    pub before: PhraseTable<()>,
    /// After the number: "71 years old".
    pub after: PhraseTable<()>,
    /// The largest number between commas after a name that reads as an age.
    pub between_commas_max: u32,
}

impl Forms {
    pub(crate) fn new(file: FormsFile) -> Forms {
        let ages = file.ages;
        Forms {
            ages: AgeWords {
                joined: ages
                    .joined
                    .iter()
                    .map(|w| w.trim_start_matches('-').to_lowercase())
                    .collect(),
                before: PhraseTable::new(ages.before.iter().map(|w| (w.as_str(), ()))),
                after: PhraseTable::new(ages.after.iter().map(|w| (w.as_str(), ()))),
                between_commas_max: ages.between_commas_max,
            },
        }
    }

    /// The first words of the phrases that open a form, so the reader stops at them.
    pub(crate) fn opening_words(&self) -> impl Iterator<Item = &str> {
        self.ages.before.first_words()
    }
}
