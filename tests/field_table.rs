//! `docs/fields.md` is what `examples/field_table.rs` generates: the table
//! of which fields each output format carries for each item type.

include!("../examples/field_table.rs");

#[test]
fn docs_fields_md_is_current() {
    let (fresh, _) = generate();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/fields.md");
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    if on_disk != fresh {
        let line = on_disk
            .lines()
            .zip(fresh.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| on_disk.lines().count().min(fresh.lines().count()))
            + 1;
        panic!(
            "docs/fields.md is out of date (first difference at line {line}); regenerate it with\n\n    \
             cargo run --example field_table > docs/fields.md\n"
        );
    }
}
