//! REFI-QDA GUIDs: made from a seed (so the same thing gets the same GUID) and checked on input.

use sha2::{Digest, Sha256};

/// A GUID in the standard's `8-4-4-4-12` hex form, derived from `seed` (name-based, like a
/// version-5 UUID: the version and variant bits are set so other tools accept it).
pub fn from_seed(seed: &str) -> String {
    let d = Sha256::digest(seed.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A fresh GUID: the seed plus the time and process, for things that must not collide.
pub fn fresh(seed: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    from_seed(&format!("{seed}:{nanos}:{}", std::process::id()))
}

/// The GUID as we store and compare it: braces dropped, lowercase. `None` when it is not one.
pub fn normalize(s: &str) -> Option<String> {
    let t = s.trim();
    let t = t
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(t);
    let groups: Vec<&str> = t.split('-').collect();
    let lens = [8, 4, 4, 4, 12];
    let ok = groups.len() == 5
        && groups
            .iter()
            .zip(lens)
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()));
    ok.then(|| t.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeded_guids_are_stable_and_well_formed() {
        let a = from_seed("project:code-a");
        assert_eq!(a, from_seed("project:code-a"));
        assert_ne!(a, from_seed("project:code-b"));
        assert_eq!(normalize(&a).as_deref(), Some(a.as_str()));
        assert_eq!(&a[14..15], "5");
        assert_eq!(
            normalize("{ABCDEF01-2345-6789-ABCD-EF0123456789}").as_deref(),
            Some("abcdef01-2345-6789-abcd-ef0123456789")
        );
        assert_eq!(normalize("not-a-guid"), None);
    }
}
