//! The bytes of a document given as text: formats that are not text are refused with the
//! conversion they need (a PDF, RTF, a Word 97–2003 or old Excel file), and a web page
//! that declares windows-1252 or Latin-1 (as Word's "save as web page" does for a French
//! document) is decoded by its declaration; any other text must be UTF-8.

use std::path::Path;

/// Why a document of this kind cannot be read, and how to convert it; `None` for text.
pub fn refusal(path: &Path, bytes: &[u8]) -> Option<String> {
    let shown = path.display();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    if bytes.starts_with(b"%PDF-") || ext.as_deref() == Some("pdf") {
        return Some(format!(
            "`{shown}` is a PDF, not text: convert it first, e.g. `pdftotext -layout {shown}` \
             (or open it in a word processor and save it as .docx or .odt)"
        ));
    }
    if bytes.starts_with(b"{\\rtf") || ext.as_deref() == Some("rtf") {
        return Some(format!(
            "`{shown}` is an RTF document: open it in Word or LibreOffice and save it as .docx \
             or .odt (e.g. `soffice --headless --convert-to docx {shown}`)"
        ));
    }
    // The compound file of Word 97–2003 (.doc) and Excel 97–2003 (.xls).
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
        || matches!(ext.as_deref(), Some("doc" | "xls"))
    {
        return Some(format!(
            "`{shown}` is a Word or Excel 97–2003 file: save it as .docx, .odt or .xlsx \
             (e.g. `soffice --headless --convert-to docx {shown}`)"
        ));
    }
    None
}

/// The text of `bytes`: UTF-8, or the single-byte charset a web page declares in its head.
/// `Err` holds the offset of the first byte that is not UTF-8.
pub fn decode(bytes: Vec<u8>) -> Result<String, usize> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            if declares_windows_1252(&bytes) {
                Ok(bytes.iter().map(|&b| windows_1252(b)).collect())
            } else {
                Err(valid)
            }
        }
    }
}

/// Whether the head of an HTML page (its first 4 KiB) declares windows-1252 or a charset
/// browsers read as it (ISO-8859-1, Latin-1, ASCII: the WHATWG Encoding Standard's labels).
fn declares_windows_1252(bytes: &[u8]) -> bool {
    let head: String = bytes
        .iter()
        .take(4096)
        .map(|&b| (b as char).to_ascii_lowercase())
        .collect();
    if !head.contains("<html") && !head.contains("<meta") {
        return false;
    }
    let Some(at) = head.find("charset=") else {
        return false;
    };
    let label: String = head[at + "charset=".len()..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    matches!(
        label.as_str(),
        "windows-1252"
            | "cp1252"
            | "x-cp1252"
            | "iso-8859-1"
            | "iso8859-1"
            | "iso_8859-1"
            | "latin1"
            | "l1"
            | "us-ascii"
            | "ascii"
    )
}

/// The character of a windows-1252 byte: Latin-1 but for 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_declaring_windows_1252_is_decoded_by_it() {
        let page = b"<html><head><meta http-equiv=Content-Type content=\"text/html; charset=windows-1252\"></head><p>R\xe9f\xe9rentiel d\x92\xe9valuation \x96 \x9cuvre</p>".to_vec();
        let text = decode(page).unwrap();
        assert!(
            text.ends_with("<p>Référentiel d’évaluation – œuvre</p>"),
            "{text}"
        );
    }

    #[test]
    fn text_not_utf8_without_a_declaration_is_refused_at_its_first_bad_byte() {
        assert_eq!(decode(b"Comp\xe9tences".to_vec()), Err(4));
        let undeclared = b"<html><meta charset=\"utf-8\"><p>Comp\xe9tences</p>".to_vec();
        assert!(decode(undeclared).is_err());
    }

    #[test]
    fn pdf_rtf_and_binary_office_files_are_refused_with_their_conversion() {
        let pdf = refusal(Path::new("r.bin"), b"%PDF-1.7\n").unwrap();
        assert!(pdf.contains("pdftotext"), "{pdf}");
        let rtf = refusal(Path::new("r.txt"), b"{\\rtf1\\ansi").unwrap();
        assert!(rtf.contains(".docx or .odt"), "{rtf}");
        let doc = refusal(Path::new("r.doc"), b"").unwrap();
        assert!(doc.contains("97–2003"), "{doc}");
        assert_eq!(
            refusal(Path::new("r.txt"), "Compétences\tCritères".as_bytes()),
            None
        );
    }
}
