//! The controlled vocabularies of a record: retention, classification, carrier, status.
//! Each value is stored as its code and read from its code, Chinese name or English name.

use super::text::fold;

macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident { $($variant:ident = $code:literal, $zh:literal, $en:literal $(| $alias:literal)*;)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stored form.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The stored form, borrowed for as long as the program runs (for SQL parameters).
            pub fn code_ref(self) -> &'static &'static str {
                match self { $($name::$variant => &$code),+ }
            }

            pub fn label_zh(self) -> &'static str {
                match self { $($name::$variant => $zh),+ }
            }

            pub fn label_en(self) -> &'static str {
                match self { $($name::$variant => $en),+ }
            }

            /// Reads a code, a Chinese or an English name (any case, full-width allowed).
            pub fn parse(input: &str) -> Option<Self> {
                let folded = fold(input);
                let text: &str = &folded;
                Self::ALL.iter().copied().find(|v| {
                    let aliases: &[&str] = match v { $($name::$variant => &[$($alias),*]),+ };
                    v.code().eq_ignore_ascii_case(text)
                        || v.label_zh() == text
                        || v.label_en().eq_ignore_ascii_case(text)
                        || aliases.iter().any(|a| a.eq_ignore_ascii_case(text))
                })
            }

        }
    };
}

pub(crate) use vocabulary;

vocabulary! {
    /// 保管期限 (DA/T 22-2015), with the pre-2006 长期/短期 for older fonds. Declared in the order of
    /// their codes, so sorting by enum and by stored text agree.
    Retention {
        Long = "C", "长期", "long-term";
        Short = "D", "短期", "short-term";
        TenYears = "D10", "定期10年", "10 years" | "定期十年" | "10年" | "10y";
        ThirtyYears = "D30", "定期30年", "30 years" | "定期三十年" | "30年" | "30y";
        Permanent = "Y", "永久", "permanent";
    }
}

impl Retention {
    /// Only the letter codes belong in an archival code.
    pub fn from_code_part(part: &str) -> Option<Self> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code().eq_ignore_ascii_case(part))
    }
}

vocabulary! {
    /// 密级: a user sees a record only up to their clearance. Declared from least to most
    /// restricted, so that `<=` compares levels.
    Classification {
        Public = "public", "公开", "public" | "非密" | "无";
        Internal = "internal", "内部", "internal" | "限制" | "内部使用";
        Secret = "secret", "秘密", "secret";
        Confidential = "confidential", "机密", "confidential";
    }
}

vocabulary! {
    /// 开放标识 (DA/T 18): whether a record is open to the public. Every record starts not yet
    /// reviewed; only an approved opening review (开放审核) opens or closes it.
    Openness {
        Open = "open", "开放", "open" | "已开放";
        Controlled = "controlled", "控制", "controlled" | "控制使用" | "延期开放" | "不开放";
        Unreviewed = "unreviewed", "未审核", "not reviewed" | "待审核" | "未审";
    }
}

vocabulary! {
    /// 载体: paper, electronic, or both (a paper original with a digital copy).
    Carrier {
        Paper = "paper", "纸质", "paper" | "纸";
        Electronic = "electronic", "电子", "electronic" | "电子文件";
        Both = "both", "纸质+电子", "paper+electronic" | "纸电" | "双套" | "both";
    }
}

vocabulary! {
    /// 状态 of the item in the store room.
    Status {
        InStore = "in_store", "在库", "in store" | "在架";
        OnLoan = "on_loan", "借出", "on loan" | "已借出";
        Unprocessed = "unprocessed", "待整理", "unprocessed" | "未整理";
        Disposed = "disposed", "已销毁", "disposed" | "销毁";
        Lost = "lost", "遗失", "lost" | "丢失";
    }
}

vocabulary! {
    /// 利用方式: how a record is used.
    LoanKind {
        ReadingRoom = "reading_room", "阅览", "reading room" | "阅览室" | "查阅";
        TakeOut = "take_out", "外借", "take-out" | "借出" | "take out";
        Copy = "copy", "复制", "copy" | "复印" | "扫描" | "scan";
    }
}

vocabulary! {
    /// What a user may do; see `Role::allows`.
    Role {
        Admin = "admin", "管理员", "admin";
        Archivist = "archivist", "档案员", "archivist";
        Reader = "reader", "查阅者", "reader" | "读者";
        Auditor = "auditor", "审计员", "auditor";
        Public = "public", "公众", "public" | "阅览" | "reading room";
    }
}

/// The operations that need a permission. Reading is further limited by clearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Permission {
    ReadRecords,
    WriteRecords,
    ImportRecords,
    ExportRecords,
    ManageFonds,
    ManageUsers,
    ReadAudit,
    ManageSettings,
    /// Lend, take back, renew, mark lost.
    Lend,
    /// List what is due for appraisal, propose decisions, carry out approved destruction.
    Appraise,
    /// Approve or reject another person's appraisal.
    ApproveAppraisal,
    /// Read the yearly statistics (of holdings and of use, within the clearance).
    ReadStatistics,
}

impl Permission {
    pub const ALL: [Permission; 12] = [
        Permission::ReadRecords,
        Permission::WriteRecords,
        Permission::ImportRecords,
        Permission::ExportRecords,
        Permission::ManageFonds,
        Permission::ManageUsers,
        Permission::ReadAudit,
        Permission::ManageSettings,
        Permission::Lend,
        Permission::Appraise,
        Permission::ApproveAppraisal,
        Permission::ReadStatistics,
    ];

    pub fn describe(self) -> &'static str {
        match self {
            Permission::ReadRecords => "read records",
            Permission::WriteRecords => "add or change records",
            Permission::ImportRecords => "import records",
            Permission::ExportRecords => "export records",
            Permission::ManageFonds => "register fonds",
            Permission::ManageUsers => "manage users",
            Permission::ReadAudit => "read the audit trail",
            Permission::ManageSettings => "change archive settings",
            Permission::Lend => "lend and take back records",
            Permission::Appraise => "appraise records",
            Permission::ApproveAppraisal => "approve appraisals",
            Permission::ReadStatistics => "read the statistics",
        }
    }
}

impl Role {
    /// The one table of who may do what: admin everything; archivist records, fonds, imports and
    /// exports; reader search, browse and view; auditor read-only plus the audit trail. A public
    /// (reading-room) account reads as a reader does, but sees open records only (`Sight`).
    pub fn allows(self, permission: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Admin => true,
            Role::Archivist => matches!(
                permission,
                ReadRecords
                    | WriteRecords
                    | ImportRecords
                    | ExportRecords
                    | ManageFonds
                    | Lend
                    | Appraise
                    | ReadStatistics
            ),
            // The reading room sees open records, not how the archive is used.
            Role::Public => matches!(permission, ReadRecords),
            Role::Reader => matches!(permission, ReadRecords | ReadStatistics),
            Role::Auditor => matches!(
                permission,
                ReadRecords | ExportRecords | ReadAudit | ReadStatistics
            ),
        }
    }
}

impl Default for Classification {
    /// The least anyone can be cleared to.
    fn default() -> Self {
        Classification::Public
    }
}

impl Classification {
    /// Every classification a user cleared to `self` may see (classifications are declared in
    /// ascending order).
    pub fn visible(self) -> impl Iterator<Item = Classification> {
        Self::ALL.iter().copied().filter(move |c| *c <= self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_from_codes_chinese_and_english_names() {
        assert_eq!(Retention::parse("永久"), Some(Retention::Permanent));
        assert_eq!(Retention::parse("d30"), Some(Retention::ThirtyYears));
        assert_eq!(Retention::parse("定期十年"), Some(Retention::TenYears));
        assert_eq!(
            Classification::parse("机密"),
            Some(Classification::Confidential)
        );
        assert_eq!(
            Classification::parse("Internal"),
            Some(Classification::Internal)
        );
        assert_eq!(Carrier::parse("纸电"), Some(Carrier::Both));
        assert_eq!(Status::parse("ON LOAN"), Some(Status::OnLoan));
        assert_eq!(Status::parse("在库"), Some(Status::InStore));
        assert_eq!(Status::parse("丢了"), None);
        assert_eq!(Retention::from_code_part("永久"), None);
    }

    #[test]
    fn clearance_covers_its_level_and_those_below() {
        let internal: Vec<_> = Classification::Internal.visible().collect();
        assert_eq!(internal, [Classification::Public, Classification::Internal]);
        assert_eq!(Classification::Confidential.visible().count(), 4);
    }

    #[test]
    fn every_value_reads_back_from_each_of_its_names() {
        for v in Status::ALL {
            for name in [v.code(), v.label_zh(), v.label_en()] {
                assert_eq!(Status::parse(name), Some(*v), "{name}");
            }
        }
        for v in Retention::ALL {
            assert_eq!(Retention::parse(v.label_zh()), Some(*v));
        }
    }
}
