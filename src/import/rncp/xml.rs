//! The streaming reader of the RNCP export: walks `FICHES/FICHE` elements with
//! `quick_xml`, skips every fiche but the one asked (without building its texts) and stops
//! once that one is read. Only the fields the importer uses are kept; the element path is
//! tracked so that look-alikes elsewhere (the `BLOC_COMPETENCES` and `NUMERO_FICHE` inside
//! `CORRESPONDANCES`, the `LIBELLE` of `NOMENCLATURE_EUROPE`…) are never taken for them.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::Event;
use quick_xml::name::QName;

use crate::Error;

/// One fiche, as the export gives it (texts with XML entities and CDATA resolved, nothing
/// else cleaned).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Fiche {
    pub numero: String,
    pub intitule: String,
    /// `NIV6`, `AUCUN`…
    pub niveau: Option<String>,
    pub certificateurs: Vec<String>,
    pub blocs: Vec<Bloc>,
    /// `VERSION_FLUX` of the export.
    pub version: Option<String>,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Bloc {
    pub code: String,
    pub libelle: String,
    pub competences: String,
    pub modalites: String,
}

/// What a read of the export found.
#[derive(Debug)]
pub enum Found {
    Fiche(Fiche),
    /// The fiche is not there: how many fiches were read, and the closest numbers seen.
    Missing {
        fiches: usize,
        close: Vec<String>,
    },
}

/// A malformed export: where (byte offset) and what.
#[derive(Debug)]
pub struct Malformed {
    pub offset: u64,
    pub message: String,
}

/// Reads the export at `path` until fiche `numero` (e.g. `RNCP36395`) is complete.
pub fn find(path: &Path, numero: &str) -> Result<Found, Error> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    find_in(BufReader::with_capacity(1 << 16, file), numero).map_err(|m| {
        let at = match line_and_column(path, m.offset) {
            Some((line, col)) => format!("line {line}, column {col} (byte {})", m.offset),
            None => format!("byte {}", m.offset),
        };
        Error::Usage(format!(
            "`{}` is not a readable RNCP export: {at}: {}",
            path.display(),
            m.message
        ))
    })
}

/// The elements the importer knows; everything else is `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Fiches,
    VersionFlux,
    Fiche,
    NumeroFiche,
    Intitule,
    NomenclatureEurope,
    Niveau,
    Certificateurs,
    Certificateur,
    NomCertificateur,
    BlocsCompetences,
    BlocCompetences,
    Code,
    Libelle,
    ListeCompetences,
    ModalitesEvaluation,
    Other,
}

fn tag(name: &[u8]) -> Tag {
    match name {
        b"FICHES" => Tag::Fiches,
        b"VERSION_FLUX" => Tag::VersionFlux,
        b"FICHE" => Tag::Fiche,
        b"NUMERO_FICHE" => Tag::NumeroFiche,
        b"INTITULE" => Tag::Intitule,
        b"NOMENCLATURE_EUROPE" => Tag::NomenclatureEurope,
        b"NIVEAU" => Tag::Niveau,
        b"CERTIFICATEURS" => Tag::Certificateurs,
        b"CERTIFICATEUR" => Tag::Certificateur,
        b"NOM_CERTIFICATEUR" => Tag::NomCertificateur,
        b"BLOCS_COMPETENCES" => Tag::BlocsCompetences,
        b"BLOC_COMPETENCES" => Tag::BlocCompetences,
        b"CODE" => Tag::Code,
        b"LIBELLE" => Tag::Libelle,
        b"LISTE_COMPETENCES" => Tag::ListeCompetences,
        b"MODALITES_EVALUATION" => Tag::ModalitesEvaluation,
        _ => Tag::Other,
    }
}

/// A text field the importer keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Version,
    Numero,
    Intitule,
    Niveau,
    Certificateur,
    BlocCode,
    BlocLibelle,
    BlocCompetences,
    BlocModalites,
}

/// The field an element at `path` holds, by its exact position in the export's tree.
fn field(path: &[Tag]) -> Option<Field> {
    use Tag::*;
    Some(match path {
        [Fiches, VersionFlux] => Field::Version,
        [Fiches, Fiche, NumeroFiche] => Field::Numero,
        [Fiches, Fiche, Intitule] => Field::Intitule,
        [Fiches, Fiche, NomenclatureEurope, Niveau] => Field::Niveau,
        [
            Fiches,
            Fiche,
            Certificateurs,
            Certificateur,
            NomCertificateur,
        ] => Field::Certificateur,
        [Fiches, Fiche, BlocsCompetences, BlocCompetences, Code] => Field::BlocCode,
        [Fiches, Fiche, BlocsCompetences, BlocCompetences, Libelle] => Field::BlocLibelle,
        [
            Fiches,
            Fiche,
            BlocsCompetences,
            BlocCompetences,
            ListeCompetences,
        ] => Field::BlocCompetences,
        [
            Fiches,
            Fiche,
            BlocsCompetences,
            BlocCompetences,
            ModalitesEvaluation,
        ] => Field::BlocModalites,
        _ => return None,
    })
}

/// The reading state: the element path, the field being captured and the fiche so far.
struct Walk<'a> {
    wanted: &'a str,
    path: Vec<Tag>,
    /// The field being captured and the depth of its element.
    capture: Option<(Field, usize)>,
    text: String,
    fiche: Fiche,
    version: Option<String>,
    /// Whether the current fiche's number matched.
    matched: bool,
    fiches: usize,
    close: Vec<(usize, String)>,
}

impl Walk<'_> {
    fn store(&mut self, f: Field) {
        let text = std::mem::take(&mut self.text);
        match f {
            Field::Version => self.version = Some(text.trim().to_owned()),
            Field::Numero => self.fiche.numero = text.trim().to_owned(),
            Field::Intitule => self.fiche.intitule = text,
            Field::Niveau => self.fiche.niveau = Some(text.trim().to_owned()),
            Field::Certificateur => self.fiche.certificateurs.push(text),
            Field::BlocCode
            | Field::BlocLibelle
            | Field::BlocCompetences
            | Field::BlocModalites => {
                if let Some(b) = self.fiche.blocs.last_mut() {
                    match f {
                        Field::BlocCode => b.code = text.trim().to_owned(),
                        Field::BlocLibelle => b.libelle = text,
                        Field::BlocCompetences => b.competences = text,
                        _ => b.modalites = text,
                    }
                }
            }
        }
    }

    /// Keeps `numero` among the few closest to the one asked, for the "not found" message.
    fn consider(&mut self, numero: &str) {
        if numero.len().abs_diff(self.wanted.len()) > 2 {
            return;
        }
        let distance = strsim::levenshtein(numero, self.wanted);
        if distance > 2 {
            return;
        }
        if self.close.len() == 5 && self.close.iter().all(|(d, _)| *d <= distance) {
            return;
        }
        self.close.push((distance, numero.to_owned()));
        self.close.sort();
        self.close.truncate(5);
    }
}

/// Reads `input` (an export) until fiche `wanted` is complete. `wanted` is uppercase.
pub fn find_in<R: BufRead>(input: R, wanted: &str) -> Result<Found, Malformed> {
    let mut reader = Reader::from_reader(input);
    let mut buf = Vec::with_capacity(1 << 16);
    let mut w = Walk {
        wanted,
        path: Vec::with_capacity(16),
        capture: None,
        text: String::new(),
        fiche: Fiche::default(),
        version: None,
        matched: false,
        fiches: 0,
        close: Vec::new(),
    };
    let malformed = |reader: &Reader<R>, message: String| Malformed {
        offset: reader.error_position(),
        message,
    };
    loop {
        buf.clear();
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => return Err(malformed(&reader, e.to_string())),
        };
        match event {
            Event::Start(e) => {
                let t = tag(e.name().as_ref());
                if w.path.is_empty() && t != Tag::Fiches {
                    let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                    return Err(Malformed {
                        offset: reader.buffer_position(),
                        message: format!("the root element is <{name}>, not <FICHES>"),
                    });
                }
                if w.capture.is_some() {
                    // Markup inside a text field: HTML written unescaped. Kept as text
                    // for the HTML cleanup.
                    w.text.push('<');
                    w.text.push_str(&String::from_utf8_lossy(e.name().as_ref()));
                    w.text.push('>');
                    w.path.push(Tag::Other);
                    continue;
                }
                w.path.push(t);
                if w.path == [Tag::Fiches, Tag::Fiche] {
                    w.fiche = Fiche::default();
                    w.matched = false;
                } else if w.path
                    == [
                        Tag::Fiches,
                        Tag::Fiche,
                        Tag::BlocsCompetences,
                        Tag::BlocCompetences,
                    ]
                {
                    w.fiche.blocs.push(Bloc::default());
                }
                if let Some(f) = field(&w.path) {
                    w.text.clear();
                    w.capture = Some((f, w.path.len()));
                }
            }
            Event::Empty(e) if w.capture.is_some() => {
                w.text.push('<');
                w.text.push_str(&String::from_utf8_lossy(e.name().as_ref()));
                w.text.push_str("/>");
            }
            Event::End(e) => {
                let depth = w.path.len();
                w.path.pop();
                match w.capture {
                    Some((f, d)) if d == depth => {
                        w.capture = None;
                        if f != Field::Numero {
                            w.store(f);
                            continue;
                        }
                        let numero = w.text.trim();
                        if numero.eq_ignore_ascii_case(wanted) {
                            w.matched = true;
                            w.store(f);
                            continue;
                        }
                        // Another fiche: skip the rest of it without reading its texts.
                        let numero = std::mem::take(&mut w.text);
                        w.consider(numero.trim());
                        w.fiches += 1;
                        // The buffer is reused: no allocation per fiche skipped.
                        w.text = numero;
                        w.text.clear();
                        buf.clear();
                        if let Err(e) = reader.read_to_end_into(QName(b"FICHE"), &mut buf) {
                            return Err(malformed(&reader, e.to_string()));
                        }
                        w.path.pop();
                    }
                    Some(_) => {
                        w.text.push_str("</");
                        w.text.push_str(&String::from_utf8_lossy(e.name().as_ref()));
                        w.text.push('>');
                    }
                    None if depth == 2 && tag(e.name().as_ref()) == Tag::Fiche => {
                        if w.matched {
                            let mut fiche = std::mem::take(&mut w.fiche);
                            fiche.version = w.version.take();
                            return Ok(Found::Fiche(fiche));
                        }
                        // A fiche without a number.
                        w.fiches += 1;
                    }
                    None => {}
                }
            }
            Event::Text(e) if w.capture.is_some() => match e.xml10_content() {
                Ok(t) => w.text.push_str(&t),
                Err(e) => return Err(malformed(&reader, e.to_string())),
            },
            Event::CData(e) if w.capture.is_some() => match e.xml10_content() {
                Ok(t) => w.text.push_str(&t),
                Err(e) => return Err(malformed(&reader, e.to_string())),
            },
            Event::GeneralRef(e) if w.capture.is_some() => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => Some(c),
                    Ok(None) => None,
                    Err(e) => return Err(malformed(&reader, e.to_string())),
                };
                match resolved {
                    Some(c) => w.text.push(c),
                    None => {
                        let name = String::from_utf8_lossy(&e);
                        // HTML entities (`&eacute;`) are not XML, but mean one thing.
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => w.text.push_str(s),
                            None => {
                                w.text.push('&');
                                w.text.push_str(&name);
                                w.text.push(';');
                            }
                        }
                    }
                }
            }
            Event::Eof => {
                if let Some(open) = w.path.last() {
                    return Err(Malformed {
                        offset: reader.buffer_position(),
                        message: format!(
                            "the file ends inside an element ({open:?} is not closed)"
                        ),
                    });
                }
                let mut close: Vec<String> = w.close.into_iter().map(|(_, n)| n).collect();
                close.dedup();
                return Ok(Found::Missing {
                    fiches: w.fiches,
                    close,
                });
            }
            _ => {}
        }
    }
}

/// The 1-based line and column (in characters) of byte `offset` of the file at `path`.
fn line_and_column(path: &Path, offset: u64) -> Option<(u64, u64)> {
    let file = File::open(path).ok()?;
    let mut input = BufReader::new(file).take(offset);
    let (mut line, mut col) = (1, 1);
    let mut chunk = [0u8; 1 << 16];
    loop {
        let n = input.read(&mut chunk).ok()?;
        if n == 0 {
            return Some((line, col));
        }
        for &b in chunk.get(..n)? {
            if b == b'\n' {
                line += 1;
                col = 1;
            } else if b & 0xC0 != 0x80 {
                // Not a UTF-8 continuation byte: a new character.
                col += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_str(xml: &str, numero: &str) -> Result<Found, Malformed> {
        find_in(xml.as_bytes(), numero)
    }

    const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<FICHES>
  <VERSION_FLUX>4.1</VERSION_FLUX>
  <FICHE>
    <ID_FICHE>1</ID_FICHE>
    <NUMERO_FICHE>RNCP10001</NUMERO_FICHE>
    <INTITULE>Autre</INTITULE>
    <CORRESPONDANCES><CORRESPONDANCE><DESTINATION>
      <NUMERO_FICHE>RNCP10002</NUMERO_FICHE>
      <BLOC_COMPETENCES><CODE>RNCP10002BC01</CODE></BLOC_COMPETENCES>
    </DESTINATION></CORRESPONDANCE></CORRESPONDANCES>
  </FICHE>
  <FICHE>
    <ID_FICHE>2</ID_FICHE>
    <NUMERO_FICHE>RNCP10002</NUMERO_FICHE>
    <INTITULE>Titre &amp; &eacute;preuve</INTITULE>
    <NOMENCLATURE_EUROPE><NIVEAU>NIV5</NIVEAU><LIBELLE>Niveau 5</LIBELLE></NOMENCLATURE_EUROPE>
    <BLOCS_COMPETENCES>
      <BLOC_COMPETENCES>
        <CODE>RNCP10002BC01</CODE>
        <LIBELLE>Bloc</LIBELLE>
        <LISTE_COMPETENCES><![CDATA[- <b>Un</b>]]> &lt;br&gt;<p>deux</p></LISTE_COMPETENCES>
      </BLOC_COMPETENCES>
    </BLOCS_COMPETENCES>
    <CORRESPONDANCES><CORRESPONDANCE><SOURCE>
      <BLOC_COMPETENCES><CODE>RNCP10002BC09</CODE></BLOC_COMPETENCES>
    </SOURCE></CORRESPONDANCE></CORRESPONDANCES>
  </FICHE>
  <FICHE><NUMERO_FICHE>RNCP10003</NUMERO_FICHE><broken></FICHE>
</FICHES>"#;

    #[test]
    fn the_fiche_asked_is_read_and_the_reading_stops_there() {
        let Ok(Found::Fiche(f)) = find_str(EXPORT, "RNCP10002") else {
            panic!("not found");
        };
        assert_eq!(f.numero, "RNCP10002");
        assert_eq!(f.intitule, "Titre & épreuve");
        assert_eq!(f.niveau.as_deref(), Some("NIV5"));
        assert_eq!(f.version.as_deref(), Some("4.1"));
        // The CORRESPONDANCES bloc is not a bloc; markup inside a field is kept as text.
        assert_eq!(f.blocs.len(), 1);
        assert_eq!(f.blocs[0].code, "RNCP10002BC01");
        assert_eq!(f.blocs[0].competences, "- <b>Un</b> <br><p>deux</p>");
    }

    #[test]
    fn a_missing_fiche_names_the_close_ones() {
        let xml = EXPORT.replace("<broken>", "");
        let Ok(Found::Missing { fiches, close }) = find_str(&xml, "RNCP10004") else {
            panic!("found");
        };
        assert_eq!(fiches, 3);
        assert_eq!(close, ["RNCP10001", "RNCP10002", "RNCP10003"]);
    }

    #[test]
    fn malformed_xml_says_where() {
        let Err(m) = find_str(EXPORT, "RNCP10009") else {
            panic!("read");
        };
        assert!(m.message.contains("broken"), "{}", m.message);
        let at = EXPORT.find("</FICHE>\n</FICHES>").unwrap() as u64;
        assert_eq!(m.offset, at);
        let Err(m) = find_str("<FICHE></FICHE>", "RNCP1") else {
            panic!("read");
        };
        assert!(m.message.contains("not <FICHES>"), "{}", m.message);
        let Err(m) = find_str("<FICHES><FICHE>", "RNCP1") else {
            panic!("read");
        };
        assert!(m.message.contains("ends inside"), "{}", m.message);
    }
}
