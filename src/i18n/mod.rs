//! Every message a person reads, in zh-CN and en, from one table: the workstation's words
//! (`ui::S`) and the messages of errors and commands (`msg::Msg`), whose arguments are rendered in
//! the same language.

mod messages_accounts;
mod messages_appraisal;
mod messages_boxes;
mod messages_check;
mod messages_cli;
mod messages_exchange;
mod messages_files;
mod messages_loans;
mod messages_receive;
mod messages_reconcile;
mod messages_records;
mod messages_safekeeping;
mod messages_stats;
mod messages_suggest;
mod messages_volumes;
pub mod msg;
pub mod ui;

pub use messages_appraisal::decision_msg;
pub use messages_records::Vocabulary;
pub use messages_stats::{figure_counts, figure_label};
pub use msg::{
    AccountMsg, AppraisalMsg, BoxMsg, CheckMsg, CliMsg, ExchangeMsg, FileMsg, LoanMsg, Msg,
    ReceiveMsg, ReconcileMsg, RecordMsg, SafekeepingMsg, StatsMsg, SuggestMsg, VolumeMsg,
};
pub use ui::S;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// `zh…` or `en…` as given by `--lang`, the config or a locale variable (`zh_CN.UTF-8`).
    pub fn parse(tag: &str) -> Option<Lang> {
        let tag = tag.to_ascii_lowercase();
        // `C.UTF-8`, `en_US.UTF-8@euro`: the language is before the encoding and modifier.
        let tag = tag.split(['.', '@']).next().unwrap_or_default();
        if tag.starts_with("zh") {
            Some(Lang::Zh)
        } else if tag.starts_with("en") || tag == "c" || tag == "posix" {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// From the locale: LC_ALL, LC_MESSAGES, LANG, in that order; Chinese when none says.
    pub fn from_environment() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| std::env::var(name).ok())
            .find(|value| !value.is_empty())
            .and_then(|value| Lang::parse(&value))
            .unwrap_or(Lang::Zh)
    }
}

/// A value put into a message, rendered in the message's language: text and numbers as they
/// are, vocabulary values by their name in that language, nested messages in full.
pub trait Arg {
    fn arg(&self, lang: Lang) -> String;
}

impl Arg for String {
    fn arg(&self, _: Lang) -> String {
        self.clone()
    }
}

impl Arg for &str {
    fn arg(&self, _: Lang) -> String {
        self.to_string()
    }
}

macro_rules! plain_args {
    ($($t:ty),*) => { $(impl Arg for $t { fn arg(&self, _: Lang) -> String { self.to_string() } })* };
}
plain_args!(u16, u32, u64, i32, i64, usize, f64);

impl Arg for std::path::PathBuf {
    fn arg(&self, _: Lang) -> String {
        self.display().to_string()
    }
}

impl<T: Arg + ?Sized> Arg for Box<T> {
    fn arg(&self, lang: Lang) -> String {
        (**self).arg(lang)
    }
}

impl Arg for S {
    fn arg(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

impl<T: Arg> Arg for Option<T> {
    fn arg(&self, lang: Lang) -> String {
        self.as_ref().map(|v| v.arg(lang)).unwrap_or_default()
    }
}

/// A number of things, as English counts them (one line, seven lines) and Chinese (7 行).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Count {
    pub n: u64,
    pub noun: Noun,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Noun {
    Field,
    OpenLine,
    Error,
    Problem,
    Record,
    File,
    Reason,
    Byte,
}

impl Count {
    pub fn of(n: impl TryInto<u64>, noun: Noun) -> Count {
        Count {
            n: n.try_into().unwrap_or(u64::MAX),
            noun,
        }
    }
}

impl Arg for Count {
    fn arg(&self, lang: Lang) -> String {
        let (one, many, measure) = match self.noun {
            Noun::Field => ("field", "fields", "个字段"),
            Noun::OpenLine => ("open line", "open lines", "行待处理"),
            Noun::Error => ("error", "errors", "处错误"),
            Noun::Problem => ("problem", "problems", "个问题"),
            Noun::Record => ("record", "records", "件"),
            Noun::File => ("file", "files", "个"),
            Noun::Reason => ("reason", "reasons", "条"),
            Noun::Byte => ("byte", "bytes", "字节"),
        };
        match lang {
            Lang::Zh => format!("{} {measure}", self.n),
            Lang::En if self.n == 1 => format!("1 {one}"),
            Lang::En => format!("{} {many}", self.n),
        }
    }
}

/// Vocabulary values (密级, 保管期限, 角色 …) by their name in the language.
macro_rules! vocabulary_args {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn arg(&self, lang: Lang) -> String {
                match lang {
                    Lang::Zh => self.label_zh().to_string(),
                    Lang::En => self.label_en().to_string(),
                }
            }
        })*
    };
}
vocabulary_args!(
    crate::domain::Classification,
    crate::domain::Retention,
    crate::domain::Status,
    crate::domain::Carrier,
    crate::domain::Role,
    crate::domain::LoanKind,
    crate::domain::Openness,
    crate::domain::AppraisalKind,
    crate::domain::AppraisalState,
    crate::domain::Verdict,
    crate::domain::stats::Track,
    crate::domain::stats::Via
);

/// Defines a message enum: each variant with its fields, its zh and its en text, whose `{field}`
/// placeholders are the fields rendered in that language.
macro_rules! messages {
    ($(#[$doc:meta])* $name:ident {
        $( $(#[$vdoc:meta])* $variant:ident $({ $($field:ident : $ty:ty),* $(,)? })? => $zh:literal, $en:literal; )*
    }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq)]
        pub enum $name { $( $(#[$vdoc])* $variant $({ $($field: $ty),* })? ),* }

        impl $name {
            pub fn text(&self, lang: $crate::i18n::Lang) -> String {
                #[allow(unused_imports)]
                use $crate::i18n::Arg;
                match self {
                    $( $name::$variant $({ $($field),* })? => {
                        $($( let $field = $field.arg(lang); )*)?
                        match lang {
                            $crate::i18n::Lang::Zh => format!($zh),
                            $crate::i18n::Lang::En => format!($en),
                        }
                    } )*
                }
            }

            #[cfg(test)]
            pub fn templates() -> &'static [(&'static str, &'static str)] {
                &[$(($zh, $en)),*]
            }
        }

        impl $crate::i18n::Arg for $name {
            fn arg(&self, lang: $crate::i18n::Lang) -> String {
                self.text(lang)
            }
        }

        /// In English: logs, tests, and anything that reads no language.
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.text($crate::i18n::Lang::En))
            }
        }
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::parse("zh_CN.UTF-8"), Some(Lang::Zh));
        assert_eq!(Lang::parse("en_GB.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("C"), Some(Lang::En));
        assert_eq!(Lang::parse("C.UTF-8"), Some(Lang::En));
        assert_eq!(Lang::parse("zh_TW.Big5"), Some(Lang::Zh));
        assert_eq!(Lang::parse("fr_FR"), None);
    }
}
