//! A cache of an edition's rendered parts (chapters and figure blocks) for
//! `rapport serve`: a prose edit re-renders only the chapter that changed,
//! and figure blocks are reused until the computed results change.
//!
//! Each part is keyed by a hash of everything it is made from. The caller
//! supplies a `context` key covering what is shared by all parts (the
//! configuration and the edition's computed results); entries not used by
//! the last render are dropped, so the cache stays the size of one edition.

use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::sync::Mutex;

use crate::markdown::Rendered;

/// Rendered parts of one edition, reused between renders.
#[derive(Default)]
pub struct PartCache {
    chapters: Mutex<Entries<Rendered>>,
    blocks: Mutex<Entries<(String, String)>>,
}

struct Entries<T> {
    values: BTreeMap<u64, T>,
    used: BTreeSet<u64>,
    hits: usize,
}

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries {
            values: BTreeMap::new(),
            used: BTreeSet::new(),
            hits: 0,
        }
    }
}

impl<T: Clone> Entries<T> {
    fn get(&mut self, key: u64) -> Option<T> {
        let value = self.values.get(&key).cloned();
        if value.is_some() {
            self.used.insert(key);
            self.hits += 1;
        }
        value
    }

    fn put(&mut self, key: u64, value: T) {
        self.used.insert(key);
        self.values.insert(key, value);
    }

    fn sweep(&mut self) {
        let used = std::mem::take(&mut self.used);
        self.values.retain(|k, _| used.contains(k));
        self.hits = 0;
    }
}

impl PartCache {
    /// A rendered chapter, if one with this key was rendered before.
    pub fn chapter(&self, key: u64) -> Option<Rendered> {
        lock(&self.chapters).get(key)
    }

    pub fn put_chapter(&self, key: u64, rendered: Rendered) {
        lock(&self.chapters).put(key, rendered);
    }

    /// A figure block's HTML and CSV, if drawn before with this key.
    pub fn block(&self, key: u64) -> Option<(String, String)> {
        lock(&self.blocks).get(key)
    }

    pub fn put_block(&self, key: u64, html: String, csv: String) {
        lock(&self.blocks).put(key, (html, csv));
    }

    /// How many chapters and blocks the last render reused.
    pub fn hits(&self) -> (usize, usize) {
        (lock(&self.chapters).hits, lock(&self.blocks).hits)
    }

    /// Forget what the last render did not use. Call after each render.
    pub fn sweep(&self) {
        lock(&self.chapters).sweep();
        lock(&self.blocks).sweep();
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Hash anything hashable into a cache key.
pub fn key(parts: impl Hash) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    parts.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_only_what_the_last_render_used() {
        let cache = PartCache::default();
        cache.put_block(1, "a".into(), "x".into());
        cache.put_block(2, "b".into(), "y".into());
        cache.sweep();
        assert!(cache.block(1).is_some(), "used by the render that put it");
        cache.sweep();
        assert!(cache.block(1).is_some(), "used by the last render");
        assert!(cache.block(2).is_none(), "unused in the last render");
        assert_eq!(key(("a", 1)), key(("a", 1)));
        assert_ne!(key(("a", 1)), key(("a", 2)));
    }
}
