//! The example briefings compiled into the binary, so `brief` always has something to show.

pub const BUNDLED: &[(&str, &str)] = &[
    (
        "korea-troops.yaml",
        include_str!("../briefings/korea-troops.yaml"),
    ),
    (
        "harbour-bridge-tolls.yaml",
        include_str!("../briefings/harbour-bridge-tolls.yaml"),
    ),
    (
        "night-buses.yaml",
        include_str!("../briefings/night-buses.yaml"),
    ),
];

#[cfg(test)]
mod tests {
    #[test]
    fn every_file_in_briefings_is_bundled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .map(|d| {
                d.flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        on_disk.sort();
        let mut bundled: Vec<String> = super::BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
        bundled.sort();
        assert_eq!(on_disk, bundled);
    }
}
