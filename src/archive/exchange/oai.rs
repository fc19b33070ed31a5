//! OAI-PMH 2.0 answers as XML: the envelope, each verb's elements, and records as unqualified
//! Dublin Core (`oai_dc`), the one format every harvester reads.

use std::io::Write;

use super::ead::keywords;
use super::xml::XmlWriter;
use crate::domain::Record;
use crate::domain::oai::{Format, OaiError};
use crate::error::Result;

const OAI: &str = "http://www.openarchives.org/OAI/2.0/";
const OAI_SCHEMA: &str =
    "http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd";
const DC: &str = "http://www.openarchives.org/OAI/2.0/oai_dc/";
const DC_SCHEMA: &str = "http://www.openarchives.org/OAI/2.0/oai_dc.xsd";
const DC_ELEMENTS: &str = "http://purl.org/dc/elements/1.1/";
const EAD_SCHEMA: &str = "http://www.loc.gov/ead/ead.xsd";

/// One item's header: its identifier, datestamp and set (its fonds).
pub struct Header<'a> {
    pub identifier: &'a str,
    pub datestamp: &'a str,
    pub set: &'a str,
    /// Withdrawn from the harvester's sight: the header says so, and no metadata follows.
    pub deleted: bool,
}

/// A fonds as a Dublin Core description.
pub struct FondsDc<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub holder: &'a str,
}

pub struct Oai<'a> {
    xml: XmlWriter<'a>,
}

impl<'a> Oai<'a> {
    /// The envelope: when, and the request answered (`arguments` empty after badVerb or
    /// badArgument, as the protocol asks).
    pub fn start(
        out: &'a mut dyn Write,
        now: &str,
        base_url: &str,
        arguments: &[(&str, &str)],
    ) -> Result<Oai<'a>> {
        let mut xml = XmlWriter::start(out)?;
        xml.open(
            "OAI-PMH",
            &[
                ("xmlns", OAI),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                ("xsi:schemaLocation", OAI_SCHEMA),
            ],
        )?;
        xml.text("responseDate", &[], now)?;
        xml.text("request", arguments, base_url)?;
        Ok(Oai { xml })
    }

    pub fn error(&mut self, error: &OaiError, message: &str) -> Result<()> {
        self.xml.text("error", &[("code", error.code())], message)
    }

    pub fn identify(
        &mut self,
        name: &str,
        base_url: &str,
        email: &str,
        earliest: &str,
        repository_id: &str,
    ) -> Result<()> {
        let xml = &mut self.xml;
        xml.open("Identify", &[])?;
        xml.text("repositoryName", &[], name)?;
        xml.text("baseURL", &[], base_url)?;
        xml.text("protocolVersion", &[], "2.0")?;
        xml.text("adminEmail", &[], email)?;
        xml.text("earliestDatestamp", &[], earliest)?;
        // A record raised above a harvester's clearance leaves its sight with no trace.
        xml.text("deletedRecord", &[], "transient")?;
        xml.text("granularity", &[], "YYYY-MM-DDThh:mm:ssZ")?;
        xml.open("description", &[])?;
        let namespace = "http://www.openarchives.org/OAI/2.0/oai-identifier";
        let schema = format!("{namespace} http://www.openarchives.org/OAI/2.0/oai-identifier.xsd");
        xml.open(
            "oai-identifier",
            &[("xmlns", namespace), ("xsi:schemaLocation", &schema)],
        )?;
        xml.text("scheme", &[], "oai")?;
        xml.text("repositoryIdentifier", &[], repository_id)?;
        xml.text("delimiter", &[], ":")?;
        let sample = format!("oai:{repository_id}:J001-2019-Y-BGS-0001");
        xml.text("sampleIdentifier", &[], &sample)?;
        xml.close()?;
        xml.close()?;
        xml.close()
    }

    pub fn formats(&mut self, formats: &[Format]) -> Result<()> {
        let xml = &mut self.xml;
        xml.open("ListMetadataFormats", &[])?;
        for format in formats {
            let (schema, namespace) = match format {
                Format::Dc => (DC_SCHEMA, DC),
                Format::Ead => (EAD_SCHEMA, super::ead::NAMESPACE),
            };
            xml.open("metadataFormat", &[])?;
            xml.text("metadataPrefix", &[], format.prefix())?;
            xml.text("schema", &[], schema)?;
            xml.text("metadataNamespace", &[], namespace)?;
            xml.close()?;
        }
        xml.close()
    }

    pub fn sets(&mut self, sets: &[(String, String)]) -> Result<()> {
        self.xml.open("ListSets", &[])?;
        for (code, name) in sets {
            self.xml.open("set", &[])?;
            self.xml.text("setSpec", &[], code)?;
            self.xml.text("setName", &[], &format!("{code} {name}"))?;
            self.xml.close()?;
        }
        self.xml.close()
    }

    /// Opens the element of a verb's answer (`GetRecord`, `ListRecords`, `ListIdentifiers`).
    pub fn open(&mut self, verb: &'static str) -> Result<()> {
        self.xml.open(verb, &[])
    }

    pub fn close(&mut self) -> Result<()> {
        self.xml.close()
    }

    pub fn header(&mut self, header: &Header) -> Result<()> {
        let status: &[(&str, &str)] = match header.deleted {
            true => &[("status", "deleted")],
            false => &[],
        };
        self.xml.open("header", status)?;
        self.xml.text("identifier", &[], header.identifier)?;
        self.xml.text("datestamp", &[], header.datestamp)?;
        self.xml.text("setSpec", &[], header.set)?;
        self.xml.close()
    }

    /// A record withdrawn: its header alone.
    pub fn deleted(&mut self, header: &Header) -> Result<()> {
        self.xml.open("record", &[])?;
        self.header(header)?;
        self.xml.close()
    }

    /// A record with its Dublin Core description.
    pub fn record_dc(&mut self, header: &Header, record: &Record, fonds: &str) -> Result<()> {
        self.xml.open("record", &[])?;
        self.header(header)?;
        self.xml.open("metadata", &[])?;
        self.open_dc()?;
        let data = &record.data;
        let xml = &mut self.xml;
        xml.text("dc:title", &[], &data.title)?;
        if !data.responsible.is_empty() {
            xml.text("dc:creator", &[], &data.responsible)?;
        }
        for keyword in keywords(&data.keywords) {
            xml.text("dc:subject", &[], keyword)?;
        }
        if !data.notes.is_empty() {
            xml.text("dc:description", &[], &data.notes)?;
        }
        if let Some(date) = data.date {
            xml.text("dc:date", &[], &date.to_string().replace(['[', ']'], ""))?;
        }
        xml.text("dc:type", &[], "Text")?;
        let mut format = data.carrier.label_zh().to_string();
        if let Some(pages) = data.pages {
            format += &format!("，{pages} 页");
        }
        xml.text("dc:format", &[], &format)?;
        xml.text("dc:identifier", &[], &record.code.to_string())?;
        if !data.doc_no.is_empty() {
            xml.text("dc:identifier", &[], &data.doc_no)?;
        }
        xml.text("dc:language", &[], "zh")?;
        xml.text("dc:relation", &[], fonds)?;
        let rights = format!("密级：{}", data.classification.label_zh());
        xml.text("dc:rights", &[], &rights)?;
        xml.close()?;
        xml.close()?;
        xml.close()
    }

    /// A fonds with its Dublin Core description.
    pub fn fonds_dc(&mut self, header: &Header, fonds: &FondsDc) -> Result<()> {
        self.xml.open("record", &[])?;
        self.header(header)?;
        self.xml.open("metadata", &[])?;
        self.open_dc()?;
        let xml = &mut self.xml;
        xml.text("dc:title", &[], fonds.name)?;
        xml.text("dc:type", &[], "Collection")?;
        xml.text("dc:identifier", &[], fonds.code)?;
        xml.text("dc:publisher", &[], fonds.holder)?;
        xml.text("dc:language", &[], "zh")?;
        xml.close()?;
        xml.close()?;
        xml.close()
    }

    /// A fonds with its finding aid, written by `ead` into the metadata element.
    pub fn fonds_ead(
        &mut self,
        header: &Header,
        ead: impl FnOnce(&mut dyn Write) -> Result<()>,
    ) -> Result<()> {
        self.xml.open("record", &[])?;
        self.header(header)?;
        self.xml.open("metadata", &[])?;
        self.xml.embed(ead)?;
        self.xml.close()?;
        self.xml.close()
    }

    fn open_dc(&mut self) -> Result<()> {
        let schema = format!("{DC} {DC_SCHEMA}");
        self.xml.open(
            "oai_dc:dc",
            &[
                ("xmlns:oai_dc", DC),
                ("xmlns:dc", DC_ELEMENTS),
                ("xsi:schemaLocation", &schema),
            ],
        )
    }

    /// Where the list goes on, or (`token` None, after earlier parts) that it is complete.
    pub fn token(&mut self, token: Option<&str>, total: u64, cursor: u64) -> Result<()> {
        let (total, cursor) = (total.to_string(), cursor.to_string());
        let attributes = [
            ("completeListSize", total.as_str()),
            ("cursor", cursor.as_str()),
        ];
        match token {
            Some(token) => self.xml.text("resumptionToken", &attributes, token),
            None => self.xml.empty("resumptionToken", &attributes),
        }
    }

    pub fn finish(self) -> Result<()> {
        self.xml.finish()
    }
}
