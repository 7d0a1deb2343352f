//! Search: placeholder replaced by the search module.
