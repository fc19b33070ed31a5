//! OAI-PMH 2.0 requests as the protocol defines them (openarchives.org/OAI/openarchivesprotocol):
//! the six verbs with their arguments, the dates harvesters select by, resumption tokens, and
//! the errors a repository must answer with. No I/O here.

use chrono::{NaiveDate, NaiveDateTime};

pub const DC_PREFIX: &str = "oai_dc";
pub const EAD_PREFIX: &str = "oai_ead";

/// The metadata formats dangan disseminates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Unqualified Dublin Core: every item, records and fonds.
    Dc,
    /// EAD 2002: fonds only, as finding aids to the series.
    Ead,
}

impl Format {
    pub fn prefix(self) -> &'static str {
        match self {
            Format::Dc => DC_PREFIX,
            Format::Ead => EAD_PREFIX,
        }
    }

    fn parse(prefix: &str) -> Option<Format> {
        match prefix {
            DC_PREFIX => Some(Format::Dc),
            EAD_PREFIX => Some(Format::Ead),
            _ => None,
        }
    }
}

/// Where a list resumes: the fonds come first (by code), then the records (by row id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum After {
    Start,
    Fonds(String),
    Record(i64),
}

/// What ListIdentifiers and ListRecords select, and how far a harvest has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    pub format: Format,
    /// A fonds code (setSpec).
    pub set: Option<String>,
    /// Datestamps, as stored: `YYYY-MM-DDThh:mm:ssZ`, both ends included.
    pub from: Option<String>,
    pub until: Option<String>,
    pub after: After,
    /// Items sent in earlier answers, and the size of the whole list (known once counted).
    pub sent: u64,
    pub total: Option<u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Identify,
    ListMetadataFormats { identifier: Option<String> },
    ListSets,
    GetRecord { identifier: String, format: Format },
    ListIdentifiers(Listing),
    ListRecords(Listing),
}

/// The protocol's error conditions, with what was wrong where it helps the harvester.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OaiError {
    BadVerb,
    BadArgument(String),
    BadResumptionToken,
    /// With the prefixes that are available.
    CannotDisseminateFormat(&'static [&'static str]),
    IdDoesNotExist,
    NoRecordsMatch,
    NoSetHierarchy,
}

impl OaiError {
    /// The code the protocol gives the condition.
    pub fn code(&self) -> &'static str {
        match self {
            OaiError::BadVerb => "badVerb",
            OaiError::BadArgument(_) => "badArgument",
            OaiError::BadResumptionToken => "badResumptionToken",
            OaiError::CannotDisseminateFormat(_) => "cannotDisseminateFormat",
            OaiError::IdDoesNotExist => "idDoesNotExist",
            OaiError::NoRecordsMatch => "noRecordsMatch",
            OaiError::NoSetHierarchy => "noSetHierarchy",
        }
    }
}

fn bad(what: &str) -> OaiError {
    OaiError::BadArgument(what.to_string())
}

/// The arguments a verb takes; a request with any other is refused.
fn allowed(verb: &str) -> Option<&'static [&'static str]> {
    Some(match verb {
        "Identify" => &[],
        "ListMetadataFormats" => &["identifier"],
        "ListSets" => &["resumptionToken"],
        "GetRecord" => &["identifier", "metadataPrefix"],
        "ListIdentifiers" | "ListRecords" => {
            &["metadataPrefix", "from", "until", "set", "resumptionToken"]
        }
        _ => return None,
    })
}

/// Reads a request from its arguments (query string or form body, in order).
pub fn parse(arguments: &[(String, String)]) -> Result<Request, OaiError> {
    let verbs: Vec<&str> = arguments
        .iter()
        .filter(|(k, _)| k == "verb")
        .map(|(_, v)| v.as_str())
        .collect();
    let [verb] = verbs[..] else {
        return Err(OaiError::BadVerb);
    };
    let allowed = allowed(verb).ok_or(OaiError::BadVerb)?;
    let mut given: Vec<(&str, &str)> = Vec::new();
    for (key, value) in arguments.iter().filter(|(k, _)| k != "verb") {
        if !allowed.contains(&key.as_str()) {
            return Err(bad(key));
        }
        if given.iter().any(|(k, _)| k == key) {
            return Err(bad(key));
        }
        given.push((key, value));
    }
    let get = |key: &str| given.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    // Values are checked against the protocol's syntax before anything else: a request is echoed
    // in every answer but those to a bad argument, and must be echoed well-formed.
    if let Some((key, _)) = given.iter().find(|(k, v)| !well_formed(k, v)) {
        return Err(bad(key));
    }
    let format = |prefix: Option<&str>| -> Result<Format, OaiError> {
        let prefix = prefix.ok_or_else(|| bad("metadataPrefix"))?;
        Format::parse(prefix).ok_or(OaiError::CannotDisseminateFormat(&[DC_PREFIX, EAD_PREFIX]))
    };
    match verb {
        "Identify" => Ok(Request::Identify),
        "ListMetadataFormats" => Ok(Request::ListMetadataFormats {
            identifier: get("identifier").map(str::to_string),
        }),
        // Every set fits in one answer: no token was ever given out.
        "ListSets" => match get("resumptionToken") {
            Some(_) => Err(OaiError::BadResumptionToken),
            None => Ok(Request::ListSets),
        },
        "GetRecord" => {
            let identifier = get("identifier").ok_or_else(|| bad("identifier"))?;
            Ok(Request::GetRecord {
                identifier: identifier.to_string(),
                format: format(get("metadataPrefix"))?,
            })
        }
        _ => {
            let listing = match get("resumptionToken") {
                // The token carries the whole request; nothing may come beside it.
                Some(token) if given.len() == 1 => read_token(token)?,
                Some(_) => return Err(bad("resumptionToken")),
                None => listing(format(get("metadataPrefix"))?, get("set"), &given)?,
            };
            Ok(match verb {
                "ListIdentifiers" => Request::ListIdentifiers(listing),
                _ => Request::ListRecords(listing),
            })
        }
    }
}

/// Unreserved URI characters: what metadataPrefix and setSpec are made of.
fn unreserved(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-_.!~*'()".contains(c)
}

/// Whether a value has the protocol's syntax for its argument.
fn well_formed(key: &str, value: &str) -> bool {
    match key {
        "metadataPrefix" => !value.is_empty() && value.chars().all(unreserved),
        "set" => value
            .split(':')
            .all(|part| !part.is_empty() && part.chars().all(unreserved)),
        // A URI: no spaces or controls, every % followed by two hex digits.
        "identifier" => {
            let bytes = value.as_bytes();
            !value.is_empty()
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
                && bytes.iter().enumerate().all(|(i, b)| {
                    *b != b'%'
                        || bytes
                            .get(i + 1..i + 3)
                            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
                })
        }
        "resumptionToken" => !value.chars().any(char::is_control),
        _ => true,
    }
}

fn listing(format: Format, set: Option<&str>, given: &[(&str, &str)]) -> Result<Listing, OaiError> {
    let get = |key: &str| given.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
    let from = get("from").map(|t| datestamp(t, false)).transpose()?;
    let until = get("until").map(|t| datestamp(t, true)).transpose()?;
    if let (Some((from, a)), Some((until, b))) = (&from, &until) {
        if a != b {
            return Err(bad("from/until"));
        }
        if from > until {
            return Err(bad("from/until"));
        }
    }
    Ok(Listing {
        format,
        set: set.map(str::to_string),
        from: from.map(|(t, _)| t),
        until: until.map(|(t, _)| t),
        after: After::Start,
        sent: 0,
        total: None,
    })
}

/// A `from` or `until` at day or second granularity, as a stored datestamp (a day's `until`
/// takes in the whole day), with whether it was given to the day.
fn datestamp(text: &str, end: bool) -> Result<(String, bool), OaiError> {
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        && text.len() == 10
    {
        let time = if end { "23:59:59" } else { "00:00:00" };
        return Ok((format!("{}T{time}Z", day.format("%Y-%m-%d")), true));
    }
    match NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%SZ") {
        Ok(at) if text.len() == 20 => Ok((at.format("%Y-%m-%dT%H:%M:%SZ").to_string(), false)),
        _ => Err(bad(if end { "until" } else { "from" })),
    }
}

/// The token that resumes `listing`: every field of it, `~` between (a character URLs leave
/// alone and none of the fields holds).
pub fn token(listing: &Listing) -> String {
    let after = match &listing.after {
        After::Start => String::new(),
        After::Fonds(code) => format!("f{code}"),
        After::Record(id) => format!("r{id}"),
    };
    let total = listing.total.map(|t| t.to_string()).unwrap_or_default();
    [
        listing.format.prefix(),
        listing.set.as_deref().unwrap_or_default(),
        listing.from.as_deref().unwrap_or_default(),
        listing.until.as_deref().unwrap_or_default(),
        &after,
        &listing.sent.to_string(),
        &total,
    ]
    .join("~")
}

fn read_token(token: &str) -> Result<Listing, OaiError> {
    let parts: Vec<&str> = token.split('~').collect();
    let [prefix, set, from, until, after, sent, total] = parts[..] else {
        return Err(OaiError::BadResumptionToken);
    };
    let refused = |_| OaiError::BadResumptionToken;
    let format = Format::parse(prefix).ok_or(OaiError::BadResumptionToken)?;
    let stamp = |text: &str, end| match text {
        "" => Ok(None),
        text => datestamp(text, end).map(|(t, _)| Some(t)).map_err(refused),
    };
    let after = match after.split_at_checked(1) {
        None => After::Start,
        Some(("f", code)) if valid_set(code) => After::Fonds(code.to_string()),
        Some(("r", id)) => After::Record(id.parse().map_err(|_| OaiError::BadResumptionToken)?),
        Some(_) => return Err(OaiError::BadResumptionToken),
    };
    let set = match set {
        "" => None,
        set if valid_set(set) => Some(set.to_string()),
        _ => return Err(OaiError::BadResumptionToken),
    };
    Ok(Listing {
        format,
        set,
        from: stamp(from, false)?,
        until: stamp(until, true)?,
        after,
        sent: sent.parse().map_err(|_| OaiError::BadResumptionToken)?,
        total: match total {
            "" => None,
            total => Some(total.parse().map_err(|_| OaiError::BadResumptionToken)?),
        },
    })
}

/// A setSpec dangan gives: a fonds code.
pub fn valid_set(set: &str) -> bool {
    !set.is_empty() && set.len() <= 16 && set.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// What an identifier names inside this repository.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    Fonds(String),
    Record(String),
}

/// `oai:{repository}:{local}`, with what the identifier syntax does not allow percent-encoded
/// (the `·` of DA/T 22 codes).
pub fn identifier(repository: &str, local: &Local) -> String {
    let text = match local {
        Local::Fonds(code) | Local::Record(code) => code,
    };
    let mut encoded = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("oai:{repository}:{encoded}")
}

/// The item an identifier of this repository names; codes containing `-` are records'.
pub fn local(repository: &str, identifier: &str) -> Option<Local> {
    let rest = identifier.strip_prefix("oai:")?.strip_prefix(repository)?;
    let encoded = rest.strip_prefix(':')?;
    let mut bytes = Vec::new();
    let mut input = encoded.bytes();
    while let Some(byte) = input.next() {
        if byte == b'%' {
            let high = (input.next()? as char).to_digit(16)?;
            let low = (input.next()? as char).to_digit(16)?;
            bytes.push((high * 16 + low) as u8);
        } else {
            bytes.push(byte);
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    if text.contains('-') {
        Some(Local::Record(text))
    } else {
        valid_set(&text).then_some(Local::Fonds(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn verbs_and_their_arguments_are_held_to_the_protocol() {
        assert_eq!(parse(&args(&[("verb", "Identify")])), Ok(Request::Identify));
        assert_eq!(parse(&args(&[])), Err(OaiError::BadVerb));
        assert_eq!(parse(&args(&[("verb", "Delete")])), Err(OaiError::BadVerb));
        let twice = args(&[("verb", "Identify"), ("verb", "Identify")]);
        assert_eq!(parse(&twice), Err(OaiError::BadVerb));
        let extra = args(&[("verb", "Identify"), ("set", "J001")]);
        assert_eq!(parse(&extra), Err(bad("set")));
        let no_prefix = args(&[("verb", "ListRecords")]);
        assert_eq!(parse(&no_prefix), Err(bad("metadataPrefix")));
        let unknown = args(&[("verb", "ListRecords"), ("metadataPrefix", "marc21")]);
        assert_eq!(
            parse(&unknown),
            Err(OaiError::CannotDisseminateFormat(&[DC_PREFIX, EAD_PREFIX]))
        );
        for (key, value) in [
            ("set", "公开"),
            ("set", "%"),
            ("set", ""),
            ("metadataPrefix", ""),
        ] {
            let odd = args(&[
                ("verb", "ListRecords"),
                ("metadataPrefix", "oai_dc"),
                (key, value),
            ]);
            assert_eq!(parse(&odd), Err(bad(key)), "{key}={value}");
        }
        let id = args(&[
            ("verb", "GetRecord"),
            ("metadataPrefix", "oai_dc"),
            ("identifier", "%ZZ"),
        ]);
        assert_eq!(parse(&id), Err(bad("identifier")));
        let mixed = args(&[
            ("verb", "ListRecords"),
            ("metadataPrefix", "oai_dc"),
            ("from", "2019-01-01"),
            ("until", "2019-01-02T00:00:00Z"),
        ]);
        assert_eq!(parse(&mixed), Err(bad("from/until")));
        let backwards = args(&[
            ("verb", "ListIdentifiers"),
            ("metadataPrefix", "oai_dc"),
            ("from", "2020-01-01"),
            ("until", "2019-12-31"),
        ]);
        assert_eq!(parse(&backwards), Err(bad("from/until")));
    }

    #[test]
    fn a_token_resumes_exactly_the_listing_it_was_given_for() {
        let listing = Listing {
            format: Format::Dc,
            set: Some("J001".into()),
            from: Some("2019-01-01T00:00:00Z".into()),
            until: None,
            after: After::Record(4021),
            sent: 100,
            total: Some(250),
        };
        let token = token(&listing);
        let request = parse(&args(&[
            ("verb", "ListRecords"),
            ("resumptionToken", &token),
        ]));
        assert_eq!(request, Ok(Request::ListRecords(listing)));
        let beside = args(&[
            ("verb", "ListRecords"),
            ("resumptionToken", &token),
            ("metadataPrefix", "oai_dc"),
        ]);
        assert_eq!(parse(&beside), Err(bad("resumptionToken")));
        for forged in [
            "",
            "oai_dc~J001",
            "marc~~~~r1~0~",
            "oai_dc~J-1~~~r1~0~",
            "oai_dc~~~~x1~0~",
        ] {
            let request = args(&[("verb", "ListIdentifiers"), ("resumptionToken", forged)]);
            assert_eq!(
                parse(&request),
                Err(OaiError::BadResumptionToken),
                "{forged}"
            );
        }
    }

    #[test]
    fn identifiers_carry_dat22_codes_and_read_back() {
        let code = Local::Record("Z109-WS·2011-Y-BGS-0001".into());
        let id = identifier("archives.example.cn", &code);
        assert_eq!(id, "oai:archives.example.cn:Z109-WS%C2%B72011-Y-BGS-0001");
        assert_eq!(local("archives.example.cn", &id), Some(code));
        let fonds = identifier("archives.example.cn", &Local::Fonds("J001".into()));
        assert_eq!(
            local("archives.example.cn", &fonds),
            Some(Local::Fonds("J001".into()))
        );
        assert_eq!(local("other.example.cn", &fonds), None);
        assert_eq!(
            local("archives.example.cn", "oai:archives.example.cn:%E"),
            None
        );
    }
}
