//! OAI-PMH 2.0 for portals that harvest archives: records as Dublin Core, fonds as Dublin Core
//! and as EAD finding aids to the series, sets by fonds, resumption tokens. A harvester sees what
//! its session sees: an anonymous harvest runs as an account cleared to 公开 that the operator
//! names, a harvester with a token as its own account.

use crate::archive::exchange::oai::{FondsDc, Header, Oai};
use crate::archive::finding_aid::{Depth, Holder};
use crate::archive::sight::Sight;
use crate::archive::store::{harvest, records};
use crate::archive::{Archive, Session};
use crate::domain::oai::{self, After, Format, Listing, Local, OaiError, Request};
use crate::domain::{ArchivalCode, Permission, Record, Role};
use crate::error::{Error, Result};
use crate::i18n::{ExchangeMsg, Lang};

/// Records in one ListRecords answer, and identifiers in one ListIdentifiers answer.
const RECORDS_A_PAGE: usize = 100;
const IDENTIFIERS_A_PAGE: usize = 500;
/// Finding aids in one ListRecords answer: each may describe hundreds of series and volumes.
const FINDING_AIDS_A_PAGE: usize = 1;

/// One item of a list: a fonds (code, name, datestamp), a record, or a record withdrawn from the
/// harvester's sight since it could have harvested it (deleted, for the protocol).
enum Item {
    Fonds(String, String, String),
    Record(Record),
    Withdrawn(Record),
}

fn message(error: &OaiError, identifier: &str) -> ExchangeMsg {
    match error {
        OaiError::BadVerb => ExchangeMsg::OaiBadVerb,
        OaiError::BadArgument(argument) => ExchangeMsg::OaiBadArgument {
            argument: argument.clone(),
        },
        OaiError::BadResumptionToken => ExchangeMsg::OaiBadToken,
        OaiError::CannotDisseminateFormat(available) => ExchangeMsg::OaiCannotDisseminate {
            prefixes: available.join(", "),
        },
        OaiError::IdDoesNotExist => ExchangeMsg::OaiNoSuchId {
            identifier: identifier.to_string(),
        },
        OaiError::NoRecordsMatch => ExchangeMsg::OaiNoRecords,
        OaiError::NoSetHierarchy => ExchangeMsg::OaiNoSets,
    }
}

impl Archive {
    /// The session anonymous harvests run as: `name`'s, which must be cleared to 公开 only.
    pub fn harvest_session(&self, name: &str) -> Result<Session> {
        let user = self.user(name)?;
        if user.disabled {
            return Err(crate::archive::accounts::no_user(name));
        }
        // A public (reading-room) account: it sees records opened to the public, and those only.
        if user.role != Role::Public {
            let name = name.to_string();
            return Err(Error::Refused(ExchangeMsg::HarvestAccount { name }.into()));
        }
        Ok(Session::of(&user))
    }

    /// Answers one OAI-PMH request (its arguments in the order given) as the XML document the
    /// protocol defines; a request the protocol refuses is answered with its error element.
    pub fn oai(
        &self,
        session: &Session,
        arguments: &[(String, String)],
        base_url: &str,
        lang: Lang,
    ) -> Result<Vec<u8>> {
        session.require(Permission::ReadRecords)?;
        let holder = self.holder()?;
        let request = oai::parse(arguments);
        let echoed: Vec<(&str, &str)> = match request {
            Err(OaiError::BadVerb | OaiError::BadArgument(_)) => Vec::new(),
            _ => arguments
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect(),
        };
        let mut body = Vec::new();
        let now = self.now();
        let mut out = Oai::start(&mut body, &now, base_url, &echoed)?;
        let answered = match request {
            Ok(request) => self.answer(session, &holder, base_url, request, &mut out)?,
            Err(error) => Err(error),
        };
        if let Err(error) = answered {
            let identifier = arguments
                .iter()
                .find(|(k, _)| k == "identifier")
                .map_or("", |(_, v)| v.as_str());
            out.error(&error, &message(&error, identifier).text(lang))?;
        }
        out.finish()?;
        Ok(body)
    }

    /// Writes the answer, or says which error the protocol has for the request (found before a
    /// byte of the answer is written).
    fn answer(
        &self,
        session: &Session,
        holder: &Holder,
        base_url: &str,
        request: Request,
        out: &mut Oai,
    ) -> Result<std::result::Result<(), OaiError>> {
        let sight = Sight::of(session);
        let conn = self.store.conn();
        match request {
            Request::Identify => {
                let earliest = harvest::earliest(conn, sight)?;
                let earliest = earliest.unwrap_or_else(|| self.now());
                let (name, email, id) = (&holder.name, &holder.email, &holder.id);
                out.identify(name, base_url, email, &earliest, id)?;
            }
            Request::ListMetadataFormats { identifier } => {
                let formats = match identifier {
                    None => vec![Format::Dc, Format::Ead],
                    Some(identifier) => match self.item(session, holder, &identifier)? {
                        Some(Item::Record(_) | Item::Withdrawn(_)) => vec![Format::Dc],
                        Some(Item::Fonds(..)) => vec![Format::Dc, Format::Ead],
                        None => return Ok(Err(OaiError::IdDoesNotExist)),
                    },
                };
                out.formats(&formats)?;
            }
            Request::ListSets => {
                let sets: Vec<(String, String)> = self
                    .fonds(session)?
                    .into_iter()
                    .map(|f| (f.code, f.name))
                    .collect();
                if sets.is_empty() {
                    return Ok(Err(OaiError::NoSetHierarchy));
                }
                out.sets(&sets)?;
            }
            Request::GetRecord { identifier, format } => {
                let Some(item) = self.item(session, holder, &identifier)? else {
                    return Ok(Err(OaiError::IdDoesNotExist));
                };
                if matches!((&item, format), (Item::Record(_), Format::Ead)) {
                    return Ok(Err(OaiError::CannotDisseminateFormat(&[oai::DC_PREFIX])));
                }
                out.open("GetRecord")?;
                self.write_item(session, holder, &item, format, true, out)?;
                out.close()?;
            }
            Request::ListIdentifiers(listing) => {
                return self.harvest_page(session, holder, listing, false, out);
            }
            Request::ListRecords(listing) => {
                return self.harvest_page(session, holder, listing, true, out);
            }
        }
        Ok(Ok(()))
    }

    /// The item an identifier names, if the session may see it.
    fn item(&self, session: &Session, holder: &Holder, identifier: &str) -> Result<Option<Item>> {
        let sight = Sight::of(session);
        let conn = self.store.conn();
        Ok(match oai::local(&holder.id, identifier) {
            None => None,
            Some(Local::Record(code)) => match code.parse::<ArchivalCode>() {
                // A destroyed record is gone from the holdings: deleted, for a harvester.
                Ok(code) => records::by_code(conn, &code, sight)?.map(|r| match r.data.status {
                    crate::domain::Status::Disposed => Item::Withdrawn(r),
                    _ => Item::Record(r),
                }),
                Err(_) => None,
            },
            Some(Local::Fonds(code)) => {
                let selection = harvest::Selection {
                    fonds: Some(&code),
                    from: None,
                    until: None,
                };
                harvest::fonds(conn, &selection, sight)?
                    .into_iter()
                    .next()
                    .map(|(code, name, at)| Item::Fonds(code, name, at))
            }
        })
    }

    fn write_item(
        &self,
        session: &Session,
        holder: &Holder,
        item: &Item,
        format: Format,
        metadata: bool,
        out: &mut Oai,
    ) -> Result<()> {
        let (local, datestamp, set) = match item {
            Item::Fonds(code, _, at) => (Local::Fonds(code.clone()), at, code),
            Item::Record(record) | Item::Withdrawn(record) => (
                Local::Record(record.code.to_string()),
                &record.updated_at,
                &record.code.group.fonds,
            ),
        };
        let identifier = oai::identifier(&holder.id, &local);
        let header = Header {
            identifier: &identifier,
            datestamp,
            set,
            deleted: matches!(item, Item::Withdrawn(_)),
        };
        match (item, metadata, format) {
            (_, false, _) => out.header(&header),
            (Item::Withdrawn(_), true, _) => out.deleted(&header),
            (Item::Record(record), true, _) => out.record_dc(&header, record, set),
            (Item::Fonds(code, name, _), true, Format::Dc) => {
                let fonds = FondsDc {
                    code,
                    name,
                    holder: &holder.name,
                };
                out.fonds_dc(&header, &fonds)
            }
            (Item::Fonds(code, name, _), true, Format::Ead) => out.fonds_ead(&header, |ead| {
                self.write_ead(session, code, name, Depth::Series, ead)
            }),
        }
    }

    /// One page of ListIdentifiers or ListRecords: the fonds (in both formats) first, then the
    /// records (Dublin Core only), with a token for the rest.
    fn harvest_page(
        &self,
        session: &Session,
        holder: &Holder,
        mut listing: Listing,
        metadata: bool,
        out: &mut Oai,
    ) -> Result<std::result::Result<(), OaiError>> {
        let sight = Sight::of(session);
        let conn = self.store.conn();
        let selection = harvest::Selection {
            fonds: listing.set.as_deref(),
            from: listing.from.as_deref(),
            until: listing.until.as_deref(),
        };
        let page = match (metadata, listing.format) {
            (false, _) => IDENTIFIERS_A_PAGE,
            (true, Format::Dc) => RECORDS_A_PAGE,
            (true, Format::Ead) => FINDING_AIDS_A_PAGE,
        };
        // Once the records have begun, the fonds are behind: not asked for again.
        let every_fonds = match (&listing.after, listing.total) {
            (After::Record(_), Some(_)) => Vec::new(),
            _ => harvest::fonds(conn, &selection, sight)?,
        };
        let total = match listing.total {
            Some(total) => total,
            None => {
                let records = match listing.format {
                    Format::Dc => harvest::count(conn, &selection, sight)?,
                    Format::Ead => 0,
                };
                every_fonds.len() as u64 + records
            }
        };
        // One more than a page is fetched, to know whether the list goes on.
        let mut items: Vec<Item> = match &listing.after {
            After::Record(_) => Vec::new(),
            After::Start => every_fonds.into_iter().map(fonds_item).collect(),
            After::Fonds(last) => every_fonds
                .into_iter()
                .filter(|(code, ..)| code > last)
                .map(fonds_item)
                .collect(),
        };
        items.truncate(page + 1);
        if listing.format == Format::Dc && items.len() <= page {
            let after = match listing.after {
                After::Record(id) => id,
                _ => 0,
            };
            let wanted = page + 1 - items.len();
            let found = harvest::records(conn, &selection, sight, after, wanted)?;
            items.extend(
                found
                    .into_iter()
                    .map(|(record, withdrawn)| match withdrawn {
                        true => Item::Withdrawn(record),
                        false => Item::Record(record),
                    }),
            );
        }
        let more = items.len() > page;
        items.truncate(page);
        // Also when what a token promised has gone meanwhile: a list is never empty.
        if items.is_empty() {
            return Ok(Err(OaiError::NoRecordsMatch));
        }
        let cursor = listing.sent;
        listing.sent += items.len() as u64;
        listing.total = Some(total);
        listing.after = match items.last() {
            Some(Item::Fonds(code, ..)) => After::Fonds(code.clone()),
            Some(Item::Record(record) | Item::Withdrawn(record)) => After::Record(record.id),
            None => listing.after,
        };
        out.open(if metadata {
            "ListRecords"
        } else {
            "ListIdentifiers"
        })?;
        for item in &items {
            self.write_item(session, holder, item, listing.format, metadata, out)?;
        }
        if more {
            out.token(Some(&oai::token(&listing)), total, cursor)?;
        } else if cursor > 0 {
            out.token(None, total, cursor)?;
        }
        out.close()?;
        Ok(Ok(()))
    }
}

fn fonds_item((code, name, at): (String, String, String)) -> Item {
    Item::Fonds(code, name, at)
}
