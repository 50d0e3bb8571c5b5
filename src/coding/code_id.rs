//! Code ids as codings hold them: interned, so that replaying a log allocates nothing per coding
//! for its code, and two are compared by pointer.
//!
//! Written by hand rather than with an interning crate: a set behind a mutex, with a per-thread
//! copy in front so the replay of a log takes no lock per line, is all this needs. Each distinct
//! id is stored once for the life of the process and never freed; a codebook has tens to
//! hundreds of codes, so this is a few kilobytes at most.

use rustc_hash::{FxBuildHasher, FxHashSet};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Mutex;

/// An interned code id: `Copy`, derefs to `str`; equal ids are the same pointer.
#[derive(Clone, Copy)]
pub struct Code(&'static str);

static INTERNED: Mutex<HashSet<&'static str, FxBuildHasher>> =
    Mutex::new(HashSet::with_hasher(FxBuildHasher));

thread_local! {
    static SEEN: RefCell<FxHashSet<&'static str>> = RefCell::default();
}

impl Code {
    /// The interned id for `id`.
    pub fn new(id: &str) -> Code {
        if let Some(s) = SEEN.with(|seen| seen.borrow().get(id).copied()) {
            return Code(s);
        }
        let s = {
            let mut all = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
            match all.get(id) {
                Some(&s) => s,
                None => {
                    let s: &'static str = Box::leak(id.to_owned().into_boxed_str());
                    all.insert(s);
                    s
                }
            }
        };
        SEEN.with(|seen| seen.borrow_mut().insert(s));
        Code(s)
    }

    pub fn as_str(&self) -> &'static str {
        self.0
    }
}

impl Deref for Code {
    type Target = str;
    fn deref(&self) -> &str {
        self.0
    }
}

impl PartialEq for Code {
    fn eq(&self, other: &Code) -> bool {
        std::ptr::eq(self.0, other.0)
    }
}

impl Eq for Code {}

impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Code {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<String> for Code {
    fn eq(&self, other: &String) -> bool {
        self.0 == other.as_str()
    }
}

impl PartialEq<Code> for str {
    fn eq(&self, other: &Code) -> bool {
        self == other.0
    }
}

impl PartialEq<Code> for &str {
    fn eq(&self, other: &Code) -> bool {
        *self == other.0
    }
}

impl PartialEq<Code> for String {
    fn eq(&self, other: &Code) -> bool {
        self.as_str() == other.0
    }
}

/// Hashed as its text, so maps keyed by codes can be looked up by `&str`.
impl Hash for Code {
    fn hash<H: Hasher>(&self, h: &mut H) {
        self.0.hash(h);
    }
}

impl PartialOrd for Code {
    fn partial_cmp(&self, other: &Code) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Code {
    fn cmp(&self, other: &Code) -> std::cmp::Ordering {
        self.0.cmp(other.0)
    }
}

impl Borrow<str> for Code {
    fn borrow(&self) -> &str {
        self.0
    }
}

impl AsRef<str> for Code {
    fn as_ref(&self) -> &str {
        self.0
    }
}

impl From<&str> for Code {
    fn from(id: &str) -> Code {
        Code::new(id)
    }
}

impl From<&String> for Code {
    fn from(id: &String) -> Code {
        Code::new(id)
    }
}

impl From<String> for Code {
    fn from(id: String) -> Code {
        Code::new(&id)
    }
}

impl From<Code> for String {
    fn from(c: Code) -> String {
        c.0.to_string()
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Code {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Code, D::Error> {
        let id = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Ok(Code::new(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_ids_are_one_pointer_across_threads() {
        let here = Code::new("similar-interests");
        let there = std::thread::spawn(|| Code::new(&String::from("similar-interests")))
            .join()
            .unwrap();
        assert!(std::ptr::eq(here.as_str(), there.as_str()));
        assert_eq!(here, there);
        assert_ne!(here, Code::new("similar-interest"));
        assert_eq!(here, "similar-interests");
        let set: FxHashSet<Code> = [here].into_iter().collect();
        assert!(set.contains("similar-interests"));
        let back: Code = serde_json::from_str(r#""similar-interests""#).unwrap();
        assert_eq!(back, here);
        assert_eq!(
            serde_json::to_string(&back).unwrap(),
            r#""similar-interests""#
        );
    }
}
