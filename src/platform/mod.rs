//! Everything that differs between the native build and the WebAssembly
//! build, both implementations side by side; `docs/platform.md` says what
//! differs and why. The rest of the crate calls what is here and never asks
//! which build it is in.
//!
//! - [`number`]: numbers to text and back (JavaScript's own in WebAssembly);
//! - [`zone`]: named time zones (jiff's database natively, `Intl` in the
//!   browser);
//! - [`time_column`]: epoch-millisecond columns to instants (two at a time
//!   with WebAssembly's SIMD);
//! - `alloc`: the WebAssembly module's allocator (natively, the system's);
//! - `js`: the JavaScript built-ins the WebAssembly build calls.
//!
//! This module uses nothing else of the crate, so every module may use it
//! without making a cycle (`scripts/module-cycles`).

#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
mod alloc;
#[cfg(all(target_arch = "wasm32", feature = "wasm"))]
pub mod js;
pub mod number;
pub mod time_column;
pub mod zone;

// The browser's time zones and numbers need wasm-bindgen, and the
// allocator talc, which the `wasm` feature brings.
#[cfg(all(target_arch = "wasm32", not(feature = "wasm")))]
compile_error!(
    "the WebAssembly build needs the `wasm` feature: --no-default-features --features wasm"
);
