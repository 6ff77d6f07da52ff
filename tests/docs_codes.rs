//! `docs/codes.md`, the page SARIF rules link to for cloudpact's own codes, says what
//! `src/base/codes.rs` says. `UPDATE_DOCS=1 cargo test --test docs_codes` rewrites it.
#![allow(clippy::unwrap_used)]

#[test]
fn the_page_of_codes_is_current() {
    let page = cloudpact::render::explain::codes_page();
    let path = "docs/codes.md";
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(path, &page).unwrap();
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        on_disk == page,
        "{path} is out of date: run `UPDATE_DOCS=1 cargo test --test docs_codes`"
    );
    // Every code has its section, under the anchor SARIF links to.
    for code in cloudpact::base::codes::Code::ALL {
        assert!(page.contains(&format!("\n### {}\n", code.name())), "{code}");
    }
}
