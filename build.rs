//! A split build (`--features split`, wasm32) links with `--emit-relocs`: the
//! wasm splitter needs the relocations to cut the module into chunks. Done
//! here rather than in RUSTFLAGS, so dependencies are not rebuilt for it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("wasm32");
    if wasm && std::env::var_os("CARGO_FEATURE_SPLIT").is_some() {
        println!("cargo:rustc-link-arg-bins=--emit-relocs");
    }
}
