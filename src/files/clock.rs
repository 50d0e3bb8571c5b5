//! The clock: timestamps as the project files write them.

/// Now, as an RFC 3339 UTC timestamp with seconds.
pub fn now() -> String {
    humantime::format_rfc3339_seconds(std::time::SystemTime::now()).to_string()
}
