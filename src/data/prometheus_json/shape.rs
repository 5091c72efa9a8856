//! Reading a JSON value of any shape through serde's visitors, without
//! building it: a [`Shape`] says what to do with the shapes it expects, and
//! reads every other one through (its syntax still checked).

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Number;

/// A JSON scalar, shown as JSON shows it (`null`, `true`, `1.5`, `"abc"`).
pub(super) enum Scalar<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Str(&'a str),
}

impl fmt::Display for Scalar<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Null => f.write_str("null"),
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::Number(n) => write!(f, "{n}"),
            Scalar::Str(s) => write!(f, "{}", serde_json::Value::from(*s)),
        }
    }
}

/// Reads one JSON value whatever its shape: the shapes a reader expects
/// are its methods; every other shape is read through (so its syntax is
/// checked) and gives [`Shape::other`].
pub(super) trait Shape<'de>: Sized {
    type Out;
    fn other(self) -> Self::Out;
    fn scalar<E: de::Error>(self, _: Scalar<'_>) -> Result<Self::Out, E> {
        Ok(self.other())
    }
    fn array<A: SeqAccess<'de>>(self, mut array: A) -> Result<Self::Out, A::Error> {
        skip_array(&mut array)?;
        Ok(self.other())
    }
    fn object<A: MapAccess<'de>>(self, mut object: A) -> Result<Self::Out, A::Error> {
        skip_object(&mut object)?;
        Ok(self.other())
    }
}

/// Any value, read through for its syntax only. Not serde's `IgnoredAny`:
/// serde_json skips a value with other code than it parses one with, and
/// says other things at a truncated end ("invalid number" for "EOF while
/// parsing a value").
pub(super) struct Skip;

impl Shape<'_> for Skip {
    type Out = ();
    fn other(self) {}
}

/// Reads the rest of an array through.
pub(super) fn skip_array<'de, A: SeqAccess<'de>>(array: &mut A) -> Result<(), A::Error> {
    while array.next_element_seed(Json(Skip))?.is_some() {}
    Ok(())
}

/// Reads the rest of an object through.
fn skip_object<'de, A: MapAccess<'de>>(object: &mut A) -> Result<(), A::Error> {
    while object.next_entry_seed(Json(Skip), Json(Skip))?.is_some() {}
    Ok(())
}

/// The serde side of a [`Shape`].
pub(super) struct Json<S>(pub(super) S);

impl<'de, S: Shape<'de>> DeserializeSeed<'de> for Json<S> {
    type Value = S::Out;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Out, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, S: Shape<'de>> Visitor<'de> for Json<S> {
    type Value = S::Out;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E: de::Error>(self) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Null)
    }
    fn visit_bool<E: de::Error>(self, v: bool) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Number(v.into()))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<S::Out, E> {
        // JSON has no NaN or infinity: the number is always finite.
        self.0
            .scalar(Number::from_f64(v).map_or(Scalar::Null, Scalar::Number))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<S::Out, E> {
        self.0.scalar(Scalar::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, array: A) -> Result<S::Out, A::Error> {
        self.0.array(array)
    }
    fn visit_map<A: MapAccess<'de>>(self, object: A) -> Result<S::Out, A::Error> {
        self.0.object(object)
    }
}

/// A string, or `None` for any other value (as `Value::as_str` would).
pub(super) struct Text;

impl Shape<'_> for Text {
    type Out = Option<String>;
    fn other(self) -> Option<String> {
        None
    }
    fn scalar<E: de::Error>(self, v: Scalar<'_>) -> Result<Option<String>, E> {
        Ok(match v {
            Scalar::Str(s) => Some(s.to_string()),
            _ => None,
        })
    }
}

/// Reads an array or object through and shows it as `[…]` or `{…}`.
pub(super) fn shown_array<'de, A: SeqAccess<'de>>(mut array: A) -> Result<&'static str, A::Error> {
    skip_array(&mut array)?;
    Ok("[…]")
}

pub(super) fn shown_object<'de, A: MapAccess<'de>>(
    mut object: A,
) -> Result<&'static str, A::Error> {
    skip_object(&mut object)?;
    Ok("{…}")
}
