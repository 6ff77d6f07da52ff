//! A pack's sources are what a reader opens to check a rule: an https page that states it,
//! or, in an organisation's own pack, a named document ("Harbor Bank Policy PRC-7"). A
//! bare domain, a truncated path, plain http or a file path opens nothing that says the fact.

use serde_json::Value;

use crate::base::codes::Code;
use crate::base::diagnostic::Diagnostic;
use crate::input::document::Document;

/// Every `sources` entry of the pack (its header, rules, clauses and products) that is no
/// openable source, each pointed at.
pub fn check_sources(doc: &Document<'_>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut lists: Vec<String> = vec!["/pack/sources".to_string()];
    for table in ["rule", "clause", "product"] {
        let count = doc
            .json()
            .get(table)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        lists.extend((0..count).map(|i| format!("/{table}/{i}/sources")));
    }
    for list in lists {
        let Some(items) = doc.json().pointer(&list).and_then(Value::as_array) else {
            continue;
        };
        for (i, item) in items.iter().enumerate() {
            let Some(text) = item.as_str() else { continue };
            if let Some(why) = not_a_source(text) {
                found.push(
                    Diagnostic::error(
                        Code::PackSourceNotAPage,
                        format!("`{text}` is not a source a reader can open: {why}"),
                    )
                    .with_label(doc.spans().nearest(&format!("{list}/{i}")), "not a page")
                    .with_help("cite the https address of the page that states the fact (an article, a post, a document page), or name a document your organisation holds"),
                );
            }
        }
    }
    found
}

/// Why `text` opens nothing that states a fact, if it does not.
fn not_a_source(text: &str) -> Option<&'static str> {
    let text = text.trim();
    if text.starts_with("http://") {
        return Some("plain http; use the https address");
    }
    if let Some(rest) = text.strip_prefix("https://") {
        let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
        if host.is_empty() || !host.contains('.') {
            return Some("no host");
        }
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let has_query = rest.contains('?');
        if path.trim_matches('/').is_empty() && !has_query {
            return Some("a bare domain is a site, not a page");
        }
        // `…/2026/02/27/` or `…/npr-news/2026-03-06/`: a date folder, the page's name cut off.
        let last = path
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or_default();
        let dated = !last.is_empty() && last.chars().all(|c| c.is_ascii_digit() || c == '-');
        if path.ends_with('/') && dated && !has_query {
            return Some("the path stops at a date folder: the page's own name is cut off");
        }
        return None;
    }
    // A document reference names a document in words; a bare path names a file the reader
    // does not have (`notes/facts.md`).
    let looks_like_path = !text.contains(' ')
        && (text.contains('/') || text.ends_with(".md") || text.ends_with(".txt"));
    looks_like_path.then_some("a file path, which readers of the findings do not have")
}

#[cfg(test)]
mod tests {
    use super::not_a_source;

    #[test]
    fn pages_and_documents_pass_and_sites_and_paths_do_not() {
        for ok in [
            "https://openai.com/index/next-chapter-of-microsoft-openai-partnership/",
            "https://vortx.ch/?p=633",
            "https://nextomoro.com/gpt-5-4/",
            "Harbor Bank Policy PRC-7 (AI procurement), rev. 2026-05-15",
        ] {
            assert_eq!(not_a_source(ok), None, "{ok}");
        }
        for bad in [
            "https://mercuryoregon.com",
            "https://www.entrepreneur.com/",
            "https://axios.com/2026/02/27/",
            "https://wrkf.org/npr-news/2026-03-06/",
            "http://example.com/page",
            "notes/facts.md",
            "https://localhost/x",
        ] {
            assert!(not_a_source(bad).is_some(), "{bad}");
        }
    }
}
