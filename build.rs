//! Embeds every data file under `gazetteers/` and `rules/` in the binary, so `isnad` works from
//! any folder. Adding a file needs no code change.

use std::fs;
use std::path::Path;

fn embed(dir: &str, ext: &str, out: &mut String, name: &str) {
    println!("cargo:rerun-if-changed={dir}");
    let mut files: Vec<_> =
        fs::read_dir(dir).map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect()).unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    out.push_str(&format!("/// Embedded `{dir}/*.{ext}` files: (file name, contents).\n"));
    out.push_str(&format!("pub static {name}: &[(&str, &str)] = &[\n"));
    for p in files {
        println!("cargo:rerun-if-changed={}", p.display());
        let abs = fs::canonicalize(&p).expect("canonical path");
        let file = p.file_name().unwrap().to_string_lossy();
        out.push_str(&format!("    ({file:?}, include_str!({:?})),\n", abs.display().to_string()));
    }
    out.push_str("];\n");
}

fn main() {
    let mut out = String::new();
    embed("gazetteers", "tsv", &mut out, "GAZETTEERS");
    embed("rules", "tsv", &mut out, "RULES");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}
