//! Every lint rule's stable code and name, in one place. Codes never change meaning
//! and are never reused; a bot may key on them, a person reads the name.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    YamlSyntax,
    UnknownField,
    WrongType,
    MissingField,
    UnreadableFile,
    HiddenCharacter,
    DuplicateId,
    UnknownEntity,
    UnknownProperty,
    SharedAlias,
    WrongKind,
    UnknownQualifier,
    MissingSources,
    InvalidSource,
    InvalidDate,
    EndBeforeStart,
    ConflictingTime,
    IncompleteFact,
    InvalidValue,
    Contradiction,
    OverlappingTerms,
    SharedWikidata,
    ImportedDisagrees,
}

/// How much a finding matters: an error refuses the base (and fails `db lint`), a
/// warning is shown and the base still loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl Rule {
    pub const ALL: [Rule; 23] = [
        Rule::YamlSyntax,
        Rule::UnknownField,
        Rule::WrongType,
        Rule::MissingField,
        Rule::UnreadableFile,
        Rule::HiddenCharacter,
        Rule::DuplicateId,
        Rule::UnknownEntity,
        Rule::UnknownProperty,
        Rule::SharedAlias,
        Rule::WrongKind,
        Rule::UnknownQualifier,
        Rule::MissingSources,
        Rule::InvalidSource,
        Rule::InvalidDate,
        Rule::EndBeforeStart,
        Rule::ConflictingTime,
        Rule::IncompleteFact,
        Rule::InvalidValue,
        Rule::Contradiction,
        Rule::OverlappingTerms,
        Rule::SharedWikidata,
        Rule::ImportedDisagrees,
    ];

    /// The stable code: DB0xx reading files, DB1xx references, DB2xx sources,
    /// DB3xx times and fields, DB4xx facts against each other.
    pub fn code(self) -> &'static str {
        match self {
            Rule::YamlSyntax => "DB001",
            Rule::UnknownField => "DB002",
            Rule::WrongType => "DB003",
            Rule::MissingField => "DB004",
            Rule::UnreadableFile => "DB005",
            Rule::HiddenCharacter => "DB006",
            Rule::DuplicateId => "DB101",
            Rule::UnknownEntity => "DB102",
            Rule::UnknownProperty => "DB103",
            Rule::SharedAlias => "DB104",
            Rule::WrongKind => "DB105",
            Rule::UnknownQualifier => "DB106",
            Rule::SharedWikidata => "DB107",
            Rule::ImportedDisagrees => "DB108",
            Rule::MissingSources => "DB201",
            Rule::InvalidSource => "DB202",
            Rule::InvalidDate => "DB301",
            Rule::EndBeforeStart => "DB302",
            Rule::ConflictingTime => "DB303",
            Rule::IncompleteFact => "DB304",
            Rule::InvalidValue => "DB305",
            Rule::Contradiction => "DB401",
            Rule::OverlappingTerms => "DB402",
        }
    }

    /// The rule's name, as `db lint` prints it and fixtures are named.
    pub fn name(self) -> &'static str {
        match self {
            Rule::YamlSyntax => "yaml-syntax",
            Rule::UnknownField => "unknown-field",
            Rule::WrongType => "wrong-type",
            Rule::MissingField => "missing-field",
            Rule::UnreadableFile => "unreadable-file",
            Rule::HiddenCharacter => "hidden-character",
            Rule::DuplicateId => "duplicate-id",
            Rule::UnknownEntity => "unknown-entity",
            Rule::UnknownProperty => "unknown-property",
            Rule::SharedAlias => "shared-alias",
            Rule::WrongKind => "wrong-kind",
            Rule::UnknownQualifier => "unknown-qualifier",
            Rule::MissingSources => "missing-sources",
            Rule::InvalidSource => "invalid-source",
            Rule::InvalidDate => "invalid-date",
            Rule::EndBeforeStart => "end-before-start",
            Rule::ConflictingTime => "conflicting-time",
            Rule::IncompleteFact => "incomplete-fact",
            Rule::InvalidValue => "invalid-value",
            Rule::Contradiction => "contradiction",
            Rule::OverlappingTerms => "overlapping-terms",
            Rule::SharedWikidata => "shared-wikidata",
            Rule::ImportedDisagrees => "imported-disagrees",
        }
    }

    /// How much the rule's findings matter, unless the finding says otherwise (a
    /// clash between imported records is a warning where one between hand-written
    /// records is an error).
    pub fn severity(self) -> Severity {
        match self {
            Rule::ImportedDisagrees => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Whether the finding means the input could not be read at all (exit status 2)
    /// rather than read and found wrong (exit status 1).
    pub fn is_unreadable(self) -> bool {
        self == Rule::UnreadableFile
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
