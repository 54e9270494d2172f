//! ECharts' server-side SVG renderer running in QuickJS.
//!
//! One [`Engine`] owns one QuickJS runtime with ECharts loaded. QuickJS
//! runtimes cannot move between threads, so [`with_engine`] keeps one per
//! thread (`thread_local!`); rayon workers each get their own.
//!
//! ECharts is compiled to QuickJS bytecode when `rapport` itself is built
//! (`build.rs`), so an engine starts by loading bytecode, not by parsing
//! 500 kB of JavaScript. Should that bytecode be missing (a cross-compiled
//! build) or not load, the first engine of the process compiles the script
//! and later ones load its bytecode.

use std::cell::RefCell;
use std::sync::OnceLock;

use rquickjs::{CatchResultExt, Context, Function, Module, Runtime, WriteOptions};

use super::error::ChartError;
use super::font;

/// The vendored ECharts build (see `src/charts/vendor/README.md`).
pub(crate) static ECHARTS_JS: &str = include_str!("vendor/echarts.rapport.min.js");
/// [`ECHARTS_JS`] compiled to bytecode by `build.rs` (empty when it could not be).
static ECHARTS_BYTECODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/echarts.qjsbc"));
/// Its version, part of the cache key.
pub const ECHARTS_VERSION: &str = "5.6.0";

/// Glue evaluated after ECharts: text measurement through Rust, a deep
/// merge for options charming cannot express, a render function that always
/// disposes its chart.
const GLUE_JS: &str = r#"
echarts.setPlatformAPI({
  measureText: function (text, font) {
    return { width: __rapportMeasure(String(text == null ? '' : text), String(font || '')) };
  }
});
function __rapportMerge(dst, src) {
  for (var key in src) {
    var v = src[key];
    if (Array.isArray(v) && dst[key] && typeof dst[key] === 'object' && !Array.isArray(dst[key])) {
      // charming writes a single axis as an object: patch it with item 0.
      __rapportMerge(dst[key], v[0] || {});
    } else if (v && typeof v === 'object' && dst[key] && typeof dst[key] === 'object') {
      __rapportMerge(dst[key], v);
    } else {
      dst[key] = v;
    }
  }
  return dst;
}
globalThis.__rapportRender = function (src, patch, width, height) {
  var opt = (0, eval)('(' + src + ')');
  __rapportMerge(opt, JSON.parse(patch));
  var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height });
  try {
    if (!('animation' in opt)) opt.animation = false;
    chart.setOption(opt);
    return chart.getZr().painter.renderToString({ cssAnimation: false, cssEmphasis: false });
  } finally {
    chart.dispose();
  }
};
"#;

/// What ECharts expects of a browser-like host, defined before it loads.
/// Timers never fire: with animation off nothing needs them.
const PRELUDE_JS: &str = r#"
globalThis.console = { log: function () {}, warn: function () {}, error: function () {} };
globalThis.setTimeout = function () { return 0; };
globalThis.clearTimeout = function () {};
"#;

/// Memory a runtime may use (ECharts needs about 20 MB).
const MEMORY_LIMIT: usize = 256 * 1024 * 1024;

/// A QuickJS runtime with ECharts loaded.
pub struct Engine {
    // Field order matters: the context must drop before its runtime.
    context: Context,
    _runtime: Runtime,
    /// Charts drawn, to pace the cycle collector.
    renders: std::cell::Cell<u32>,
}

/// Allocation growth that triggers QuickJS's cycle collector.
const GC_THRESHOLD: usize = 16 * 1024 * 1024;

/// Charts between two full garbage collections.
const GC_EVERY: u32 = 16;

static BYTECODE: OnceLock<Result<Vec<u8>, String>> = OnceLock::new();

fn js_error(ctx: &rquickjs::Ctx<'_>, err: rquickjs::Error) -> String {
    if let rquickjs::Error::Exception = err {
        let caught = ctx.catch();
        if let Some(exception) = caught.as_exception() {
            let message = exception.message().unwrap_or_default();
            let stack = exception.stack().unwrap_or_default();
            return format!("{message} {}", stack.lines().next().unwrap_or("").trim());
        }
        return format!("{caught:?}");
    }
    err.to_string()
}

impl Engine {
    /// Start a runtime and load ECharts into it.
    pub fn new() -> Result<Engine, ChartError> {
        let runtime = Runtime::new().map_err(|e| ChartError::Engine(e.to_string()))?;
        runtime.set_memory_limit(MEMORY_LIMIT);
        runtime.set_max_stack_size(1024 * 1024);
        // QuickJS collects cycles whenever 256 kB more were allocated; one
        // chart allocates megabytes, so that ran many times per chart.
        runtime.set_gc_threshold(GC_THRESHOLD);
        let context = Context::full(&runtime).map_err(|e| ChartError::Engine(e.to_string()))?;
        context.with(|ctx| -> Result<(), ChartError> {
            let measure = Function::new(ctx.clone(), |text: String, font: String| {
                font::measure_css(&text, &font)
            })
            .and_then(|f| f.with_name("__rapportMeasure"))
            .map_err(|e| ChartError::Engine(e.to_string()))?;
            ctx.globals()
                .set("__rapportMeasure", measure)
                .map_err(|e| ChartError::Engine(js_error(&ctx, e)))?;
            ctx.eval::<(), _>(PRELUDE_JS)
                .map_err(|e| ChartError::Engine(js_error(&ctx, e)))?;
            load_echarts(&ctx, ECHARTS_BYTECODE)?;
            ctx.eval::<(), _>(GLUE_JS)
                .map_err(|e| ChartError::Engine(js_error(&ctx, e)))
        })?;
        Ok(Engine {
            context,
            _runtime: runtime,
            renders: std::cell::Cell::new(0),
        })
    }

    /// Render ECharts options (a JS expression, as written by charming's
    /// `Chart::to_string`) with `patch_json` (a JSON object deep-merged into
    /// the options; arrays merge by index) to an SVG string of
    /// `width` × `height` px.
    pub fn render(
        &self,
        options_js: &str,
        patch_json: &str,
        width: u32,
        height: u32,
    ) -> Result<String, ChartError> {
        self.context.with(|ctx| {
            let render: Function = ctx
                .globals()
                .get("__rapportRender")
                .map_err(|e| ChartError::Engine(js_error(&ctx, e)))?;
            let svg: String = render
                .call((options_js, patch_json, width, height))
                .catch(&ctx)
                .map_err(|e| ChartError::Engine(e.to_string()))?;
            // Disposed charts leave cycles that only the cycle collector
            // frees; QuickJS also runs it on its own as memory grows, so a
            // full collection every few charts (not after each) is enough.
            let renders = self.renders.get().wrapping_add(1);
            self.renders.set(renders);
            if renders % GC_EVERY == 0 {
                ctx.run_gc();
            }
            Ok(svg)
        })
    }
}

/// Load ECharts as bytecode: `embedded` (the bytecode built with
/// `rapport`), or, when that is empty or does not load, bytecode compiled on
/// first use in this process.
fn load_echarts(ctx: &rquickjs::Ctx<'_>, embedded: &'static [u8]) -> Result<(), ChartError> {
    if !embedded.is_empty() {
        // SAFETY: `build.rs` wrote these bytes with `Module::write` of the
        // same QuickJS version (one `rquickjs` in Cargo.lock) for this very
        // target; QuickJS also checks the bytecode version when reading.
        if let Ok(module) = unsafe { Module::load(ctx.clone(), embedded) } {
            return run_echarts(ctx, module);
        }
    }
    let bytecode = BYTECODE.get_or_init(|| compile_echarts(ctx));
    let bytes = bytecode
        .as_ref()
        .map_err(|e| ChartError::Engine(e.clone()))?;
    // SAFETY: the bytes were written by `Module::write` of this same QuickJS
    // build, in this process, and never leave it.
    let module = unsafe { Module::load(ctx.clone(), bytes) }
        .map_err(|e| ChartError::Engine(js_error(ctx, e)))?;
    run_echarts(ctx, module)
}

/// Evaluate the loaded ECharts module and check that it defined `echarts`.
fn run_echarts<'js>(
    ctx: &rquickjs::Ctx<'js>,
    module: Module<'js, rquickjs::module::Declared>,
) -> Result<(), ChartError> {
    let (_module, promise) = module
        .eval()
        .map_err(|e| ChartError::Engine(js_error(ctx, e)))?;
    promise
        .finish::<()>()
        .map_err(|e| ChartError::Engine(js_error(ctx, e)))?;
    let ok: bool = ctx
        .eval("typeof echarts === 'object' && typeof echarts.init === 'function'")
        .map_err(|e| ChartError::Engine(js_error(ctx, e)))?;
    if ok {
        Ok(())
    } else {
        Err(ChartError::Engine("ECharts did not load".into()))
    }
}

fn compile_echarts(ctx: &rquickjs::Ctx<'_>) -> Result<Vec<u8>, String> {
    // The bundle assigns `globalThis.echarts`.
    let module =
        Module::declare(ctx.clone(), "echarts.js", ECHARTS_JS).map_err(|e| js_error(ctx, e))?;
    module
        .write(WriteOptions {
            strip_source: true,
            ..WriteOptions::default()
        })
        .map_err(|e| js_error(ctx, e))
}

thread_local! {
    static ENGINE: RefCell<Option<Result<Engine, ChartError>>> = const { RefCell::new(None) };
}

/// Run `f` with this thread's engine, starting it on first use. After an
/// engine failure the runtime is dropped, so the next chart starts clean
/// (a script that ran out of memory may leave QuickJS in a poor state).
pub fn with_engine<T>(f: impl FnOnce(&Engine) -> Result<T, ChartError>) -> Result<T, ChartError> {
    ENGINE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let engine = slot.get_or_insert_with(Engine::new);
        let result = match engine {
            Ok(engine) => f(engine),
            Err(e) => Err(e.clone()),
        };
        if matches!(result, Err(ChartError::Engine(_))) {
            *slot = None;
        }
        result
    })
}

/// A fingerprint of the ECharts bundle and the glue code, part of the
/// cache key.
pub fn glue_fingerprint() -> &'static str {
    static PRINT: OnceLock<String> = OnceLock::new();
    PRINT.get_or_init(|| {
        use sha2::{Digest, Sha256};
        let glue: String = Sha256::digest([PRELUDE_JS, GLUE_JS].concat().as_bytes())
            .iter()
            .take(8)
            .map(|b| format!("{b:02x}"))
            .collect();
        format!("{glue}-{}", env!("RAPPORT_ECHARTS_FNV"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn engine_errors_are_typed() {
        let engine = Engine::new().expect("engine starts");
        let err = engine.render("{ series: [", "{}", 100, 100).unwrap_err();
        assert!(matches!(err, ChartError::Engine(_)), "{err:?}");
        let err = engine
            .render(
                "(function () { throw new Error('boom'); })()",
                "{}",
                100,
                100,
            )
            .unwrap_err();
        assert!(err.to_string().contains("boom"), "{err}");
        // The engine still works after a failure.
        let svg = engine.render("{ series: [] }", "{}", 100, 50).unwrap();
        assert!(svg.starts_with("<svg"));
    }

    #[test]
    fn echarts_bytecode_is_built_in() {
        // build.rs compiles the bundle for native builds (tests are native).
        assert!(
            ECHARTS_BYTECODE.len() > 100_000,
            "{}",
            ECHARTS_BYTECODE.len()
        );
    }

    #[test]
    fn echarts_compiles_at_run_time_without_built_in_bytecode() {
        let runtime = Runtime::new().unwrap();
        runtime.set_max_stack_size(1024 * 1024);
        let context = Context::full(&runtime).unwrap();
        context.with(|ctx| {
            ctx.eval::<(), _>(PRELUDE_JS).unwrap();
            load_echarts(&ctx, &[]).expect("ECharts compiled from source");
            let version: String = ctx.eval("echarts.version").unwrap();
            assert_eq!(version, ECHARTS_VERSION);
        });
    }

    #[test]
    fn measure_text_uses_the_font() {
        let engine = Engine::new().expect("engine starts");
        let width: f64 = engine
            .context
            .with(|ctx| ctx.eval("__rapportMeasure('nnnn', 'normal 10px sans-serif')"))
            .unwrap();
        assert!((width - 4.0 * 6.18).abs() < 1e-9, "{width}");
    }
}
