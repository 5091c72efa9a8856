//! The few JavaScript built-ins the WebAssembly build calls, bound here
//! rather than through js-sys: js-sys declares every built-in, and its
//! declarations of functions that take closures (`Array.prototype.sort`,
//! `reduce`, …) leave their closure glue in the module's function table
//! whether called or not: 1,730 bytes of the gzipped module
//! (docs/performance.md). Each binding below is js-sys's own
//! form of the same call.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript `Float64Array`.
    #[derive(Clone, Debug)]
    pub type Float64Array;

    /// `new Float64Array(length)`, zeroed.
    #[wasm_bindgen(constructor)]
    pub fn new_with_length(length: u32) -> Float64Array;

    /// `new Float64Array(values)`: a copy of `values`.
    #[wasm_bindgen(constructor)]
    pub fn from_slice(values: &[f64]) -> Float64Array;

    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Float64Array) -> u32;

    /// `this.subarray(begin, end)`: a view, not a copy.
    #[wasm_bindgen(method)]
    pub fn subarray(this: &Float64Array, begin: u32, end: u32) -> Float64Array;

    /// `this.set(values)`: `values` copied in at the start.
    #[wasm_bindgen(method, js_name = set)]
    pub fn copy_from(this: &Float64Array, values: &[f64]);

    /// `this.join(separator)`: every number as `Number.prototype.toString`
    /// writes it.
    #[wasm_bindgen(method)]
    pub fn join(this: &Float64Array, separator: &str) -> String;

    /// `Float64Array.prototype.set.call(into, from)`: `from` copied into
    /// `into`, a view of the module's memory.
    #[wasm_bindgen(js_namespace = Float64Array, js_name = "prototype.set.call")]
    fn copy_into(into: &mut [f64], from: &Float64Array);

    /// A JavaScript array.
    pub type Array;

    #[wasm_bindgen(method, getter)]
    pub fn length(this: &Array) -> u32;

    /// `this[index]`.
    #[wasm_bindgen(method, indexing_getter)]
    pub fn get(this: &Array, index: u32) -> JsValue;

    /// `Array.of(a, b)`.
    #[wasm_bindgen(js_namespace = Array, js_name = of)]
    pub fn array_of2(a: &JsValue, b: &JsValue) -> JsValue;

    /// `String(x)`: for a number, `Number.prototype.toString(10)`.
    #[wasm_bindgen(js_name = String)]
    pub fn number_to_string(x: f64) -> String;

    /// `parseFloat(text)`.
    #[wasm_bindgen(js_name = parseFloat)]
    pub fn parse_float(text: &str) -> f64;

    /// `new Error(message)`.
    #[wasm_bindgen(js_name = Error)]
    pub type Error;

    #[wasm_bindgen(constructor, js_class = "Error")]
    pub fn new(message: &str) -> Error;

    /// `Object()`: a new, empty object.
    #[wasm_bindgen(js_name = Object)]
    pub fn new_object() -> JsValue;

    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    pub fn reflect_get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.set(target, key, value)`: whether it was set.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = set)]
    pub fn reflect_set(target: &JsValue, key: &JsValue, value: &JsValue) -> Result<bool, JsValue>;
}

impl Float64Array {
    /// A copy of the array's numbers.
    pub fn to_vec(&self) -> Vec<f64> {
        let mut out = vec![0.0; self.length() as usize];
        Float64Array::copy_into(&mut out, self);
        out
    }
}

impl Array {
    /// Each element, in order.
    pub fn iter(&self) -> impl Iterator<Item = JsValue> + '_ {
        (0..self.length()).map(move |i| self.get(i))
    }
}
