//! Compiles the vendored ECharts bundle to QuickJS bytecode at build time,
//! so that no run of `rapport` spends time parsing 500 kB of JavaScript
//! (src/charts/engine.rs loads the bytecode).
//!
//! The bytecode is written by the same QuickJS (same `rquickjs` version,
//! pinned in Cargo.lock) that reads it. When cross-compiling, the build
//! machine's bytecode could differ from the target's (pointer size,
//! endianness), so an empty file is written and the engine compiles the
//! script at run time instead, as it also does if loading ever fails.

use std::path::PathBuf;

const BUNDLE: &str = "src/charts/vendor/echarts.rapport.min.js";

fn main() {
    println!("cargo:rerun-if-changed={BUNDLE}");
    println!("cargo:rerun-if-changed=build.rs");
    let bundle =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join(BUNDLE);
    let source = std::fs::read_to_string(&bundle).expect("read the ECharts bundle");
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("echarts.qjsbc");
    let native = std::env::var("HOST").ok() == std::env::var("TARGET").ok();
    let bytecode = if native { compile(&source) } else { Vec::new() };
    std::fs::write(&out, bytecode).expect("write the ECharts bytecode");
    // A fingerprint of the bundle, part of the chart cache key.
    println!(
        "cargo:rustc-env=RAPPORT_ECHARTS_FNV={:016x}",
        fnv1a(source.as_bytes())
    );
}

/// 64-bit FNV-1a: enough to tell two bundles apart, with no dependency.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn compile(source: &str) -> Vec<u8> {
    let runtime = rquickjs::Runtime::new().expect("start QuickJS");
    runtime.set_max_stack_size(8 * 1024 * 1024);
    let context = rquickjs::Context::full(&runtime).expect("create a QuickJS context");
    context.with(|ctx| {
        let module = rquickjs::Module::declare(ctx.clone(), "echarts.js", source.to_owned())
            .unwrap_or_else(|e| panic!("compile {BUNDLE}: {e}"));
        module
            .write(rquickjs::WriteOptions {
                strip_source: true,
                ..rquickjs::WriteOptions::default()
            })
            .unwrap_or_else(|e| panic!("write the bytecode of {BUNDLE}: {e}"))
    })
}
