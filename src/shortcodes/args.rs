//! Arguments of a shortcode call, with typed accessors that produce
//! [`ShortcodeError`]s naming the key.

use super::ShortcodeError;

/// An argument value as written: `"text"`, `3`, `-1`, `2.5`, `true`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

/// The arguments of one call, in the order written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Args {
    shortcode: &'static str,
    pairs: Vec<(String, Value)>,
}

impl Args {
    pub fn new(shortcode: &'static str, pairs: Vec<(String, Value)>) -> Self {
        Args { shortcode, pairs }
    }

    pub fn shortcode(&self) -> &'static str {
        self.shortcode
    }

    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.pairs.iter().map(|(k, _)| k.as_str())
    }

    pub fn get(&self, key: &str) -> Option<&Value> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Check every key against `allowed`.
    pub fn check_keys(&self, allowed: &'static [&'static str]) -> Result<(), ShortcodeError> {
        for key in self.keys() {
            if !allowed.contains(&key) {
                return Err(ShortcodeError::UnknownKey {
                    shortcode: self.shortcode,
                    key: key.to_string(),
                    suggestion: crate::suggest::closest(key, allowed.iter().copied()),
                });
            }
        }
        Ok(())
    }

    /// A text argument (numbers are accepted and written as text).
    pub fn str(&self, key: &str) -> Result<Option<String>, ShortcodeError> {
        Ok(match self.get(key) {
            None => None,
            Some(Value::Str(s)) => Some(s.clone()),
            Some(Value::Int(i)) => Some(i.to_string()),
            Some(Value::Float(f)) => Some(f.to_string()),
            Some(Value::Bool(_)) => return Err(self.wrong(key, "text in quotes")),
        })
    }

    pub fn required_str(&self, key: &'static str) -> Result<String, ShortcodeError> {
        self.str(key)?.ok_or(ShortcodeError::MissingKey {
            shortcode: self.shortcode,
            key,
        })
    }

    /// A whole number (also accepted in quotes: `"2016"`).
    pub fn int(&self, key: &str) -> Result<Option<i64>, ShortcodeError> {
        Ok(match self.get(key) {
            None => None,
            Some(Value::Int(i)) => Some(*i),
            Some(Value::Str(s)) => Some(
                s.trim()
                    .parse()
                    .map_err(|_| self.wrong(key, "a whole number"))?,
            ),
            Some(_) => return Err(self.wrong(key, "a whole number")),
        })
    }

    /// A number (whole or decimal).
    pub fn float(&self, key: &str) -> Result<Option<f64>, ShortcodeError> {
        Ok(match self.get(key) {
            None => None,
            Some(Value::Int(i)) => Some(*i as f64),
            Some(Value::Float(f)) => Some(*f),
            Some(Value::Str(s)) => {
                Some(crate::format::parse_number(s).ok_or_else(|| self.wrong(key, "a number"))?)
            }
            Some(Value::Bool(_)) => return Err(self.wrong(key, "a number")),
        })
    }

    pub fn bool(&self, key: &str) -> Result<Option<bool>, ShortcodeError> {
        Ok(match self.get(key) {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => return Err(self.wrong(key, "true or false")),
        })
    }

    fn wrong(&self, key: &str, expected: &'static str) -> ShortcodeError {
        ShortcodeError::WrongType {
            shortcode: self.shortcode,
            key: key.to_string(),
            expected,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> Args {
        Args::new(
            "andel",
            vec![
                ("figur".into(), Value::Str("x".into())),
                ("utgave".into(), Value::Int(-1)),
                ("fra".into(), Value::Str("2016".into())),
            ],
        )
    }

    #[test]
    fn typed_access() {
        let a = args();
        assert_eq!(a.required_str("figur").unwrap(), "x");
        assert_eq!(a.int("utgave").unwrap(), Some(-1));
        assert_eq!(a.int("fra").unwrap(), Some(2016));
        assert_eq!(a.str("svar").unwrap(), None);
        assert!(matches!(
            a.required_str("svar"),
            Err(ShortcodeError::MissingKey { key: "svar", .. })
        ));
        assert!(matches!(
            a.int("figur"),
            Err(ShortcodeError::WrongType { .. })
        ));
    }

    #[test]
    fn unknown_key_suggests_closest() {
        let a = Args::new("andel", vec![("figru".into(), Value::Str("x".into()))]);
        let err = a.check_keys(&["figur", "svar"]).unwrap_err();
        assert_eq!(err.help().as_deref(), Some("did you mean `figur`?"));
    }
}
